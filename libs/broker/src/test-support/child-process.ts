import { spawn, type ChildProcess } from "node:child_process";

/** How a child process ended, with what it wrote to stderr. */
export interface ChildExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
}

/**
 * Runs `node script ...args`, handing each line it writes to stdout to `onLine` (which may kill it), and resolves
 * when it exits: the crash tests' way of driving a real process they SIGKILL.
 */
export function runNodeChild(script: string, args: string[], onLine: (line: string, child: ChildProcess) => void): Promise<ChildExit> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [script, ...args], { stdio: ["ignore", "pipe", "pipe"] });
    let buffered = "";
    let stderr = "";
    child.stdout!.setEncoding("utf8");
    child.stdout!.on("data", (chunk: string) => {
      buffered += chunk;
      const lines = buffered.split("\n");
      buffered = lines.pop()!;
      for (const line of lines) onLine(line, child);
    });
    child.stderr!.on("data", (chunk) => (stderr += chunk));
    child.on("exit", (code, signal) => resolve({ code, signal, stderr }));
  });
}
