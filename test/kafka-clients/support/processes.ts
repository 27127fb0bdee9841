import { spawn } from "node:child_process";
import { KafkaToolProcess } from "./kafka-tool.mjs";

/** Starts any client program (kcat, the franz-go program, Python) with its output collected as it arrives. */
export function startProgram(command: string, args: readonly string[], input: string | null = ""): KafkaToolProcess {
  const child = spawn(command, args, { stdio: ["pipe", "pipe", "pipe"] });
  const running = new KafkaToolProcess(command.split("/").at(-1)!, child);
  child.stdin.on("error", () => undefined);
  if (input !== null) child.stdin.end(input);
  return running;
}

/** Runs a client program to completion (killed after `timeoutMs`): its exit code and output. */
export async function runProgram(
  command: string,
  args: readonly string[],
  input = "",
  timeoutMs = 120_000,
): Promise<KafkaToolProcess & { code: number }> {
  const running = startProgram(command, args, input);
  const timer = setTimeout(() => running.child.kill("SIGKILL"), timeoutMs);
  const code = await running.exited;
  clearTimeout(timer);
  return Object.assign(running, { code });
}

/** Polls a condition until it holds; fails naming what it waited for. */
export async function waitUntil(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
