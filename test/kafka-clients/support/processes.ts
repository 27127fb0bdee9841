import { spawn } from "node:child_process";
import { runLabel } from "./api-usage.mjs";
import { KafkaToolProcess } from "./kafka-tool.mjs";

export interface ProgramOptions {
  /** Standard input, closed after it; `null` leaves it open. */
  input?: string | null;
  /** Variables added to this process's environment. */
  env?: NodeJS.ProcessEnv;
  /** What the run does, for the API usage record (support/api-usage.mjs); by default the program and its flags. */
  label?: string;
}

/** Starts any client program (kcat, the franz-go program, Python, Node) with its output collected as it arrives. */
export function startProgram(command: string, args: readonly string[], options: ProgramOptions = {}): KafkaToolProcess {
  const child = spawn(command, args, { stdio: ["pipe", "pipe", "pipe"], env: { ...process.env, ...options.env } });
  const input = options.input === undefined ? "" : options.input;
  const name = command.split("/").at(-1)!;
  const running = new KafkaToolProcess(name, child, options.label ?? runLabel(name, args));
  child.stdin.on("error", () => undefined);
  if (input !== null) child.stdin.end(input);
  return running;
}

/** Runs a client program to completion (killed after `timeoutMs`): its exit code and output. */
export async function runProgram(
  command: string,
  args: readonly string[],
  options: Omit<ProgramOptions, "input"> & { input?: string; timeoutMs?: number } = {},
): Promise<KafkaToolProcess & { code: number }> {
  const running = startProgram(command, args, options);
  const timeoutMs = options.timeoutMs ?? 120_000;
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
