import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const MAIN = fileURLToPath(new URL("../../dist/main.js", import.meta.url));

/** The built service as `npm start` runs it (apps/api/dist/main.js), in a child process whose output is kept. */
export class ServiceProcess {
  private output = "";
  private readonly exited: Promise<number | null>;
  private readonly child: ChildProcess;

  constructor(env: NodeJS.ProcessEnv) {
    if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run npm run build first`);
    this.child = spawn(process.execPath, [MAIN], { env: { ...process.env, NO_COLOR: "1", PORT: "0", HOST: "127.0.0.1", ...env }, stdio: ["ignore", "pipe", "pipe"] });
    this.child.stdout?.on("data", (chunk: Buffer) => (this.output += chunk.toString()));
    this.child.stderr?.on("data", (chunk: Buffer) => (this.output += chunk.toString()));
    this.exited = new Promise((resolve) => this.child.on("exit", (code) => resolve(code)));
  }

  /** Everything the process printed so far. */
  get log(): string {
    return this.output;
  }

  /** Waits for a line of its output and returns the first capture (or the whole match). */
  async waitFor(pattern: RegExp, timeoutMs = 30_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const match = pattern.exec(this.output);
      if (match) return match[1] ?? match[0];
      if (this.child.exitCode !== null) throw new Error(`the service exited (${this.child.exitCode}) before printing ${pattern}:\n${this.output}`);
      if (Date.now() > deadline) throw new Error(`the service did not print ${pattern} within ${timeoutMs} ms:\n${this.output}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** The base URL the start-up banner gives. */
  baseUrl(): Promise<string> {
    return this.waitFor(/REST API\s+(http:\/\/127\.0\.0\.1:\d+)\//);
  }

  stop(signal: NodeJS.Signals): Promise<number | null> {
    if (this.child.exitCode === null) this.child.kill(signal);
    return this.exited;
  }
}
