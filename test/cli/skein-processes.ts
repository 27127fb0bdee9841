import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
/** The service as `npm start` runs it, and the `skein` executable as npm links it; both need `npm run build`. */
export const SERVICE_MAIN = `${ROOT}apps/api/dist/main.js`;
export const SKEIN_BIN = `${ROOT}apps/cli/bin/skein.js`;

/** A port free on 127.0.0.1 right now (and closed: nothing listens on it until someone binds it). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A child process whose output is collected as it arrives. */
export class Running {
  stdout = "";
  stderr = "";
  readonly exited: Promise<number | null>;

  constructor(readonly child: ChildProcess) {
    child.stdout?.on("data", (chunk: Buffer) => (this.stdout += chunk.toString()));
    child.stderr?.on("data", (chunk: Buffer) => (this.stderr += chunk.toString()));
    this.exited = new Promise((resolve) => child.on("exit", (code, signal) => resolve(code ?? (signal ? 128 : null))));
  }

  /** Waits until the predicate holds on the output so far. */
  async waitFor(predicate: (self: Running) => boolean, what: string, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate(this)) {
      if (this.child.exitCode !== null) throw new Error(`exited (${this.child.exitCode}) before ${what}:\n${this.stdout}\n${this.stderr}`);
      if (Date.now() > deadline) throw new Error(`no ${what} within ${timeoutMs} ms:\n${this.stdout}\n${this.stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  stop(signal: NodeJS.Signals): Promise<number | null> {
    if (this.child.exitCode === null) this.child.kill(signal);
    return this.exited;
  }
}

/** Starts the built service (with `args`, and `env` added to the environment) on a free loopback port over a data directory. */
export function spawnService(dataDir: string, { args = [], env = {} }: { args?: string[]; env?: NodeJS.ProcessEnv } = {}): Running {
  if (!existsSync(SERVICE_MAIN)) throw new Error(`${SERVICE_MAIN} is missing: run npm run build first`);
  const child = spawn(process.execPath, [SERVICE_MAIN, ...args], {
    env: { ...process.env, NO_COLOR: "1", PORT: "0", HOST: "127.0.0.1", SKEIN_DATA_DIR: dataDir, DATABASE_URL: "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  return new Running(child);
}

/** Starts the built service as `spawnService` does; resolves once it says where it listens. */
export async function startService(dataDir: string, options: { args?: string[]; env?: NodeJS.ProcessEnv } = {}): Promise<{ service: Running; baseUrl: string }> {
  const service = spawnService(dataDir, options);
  const banner = /REST API\s+(http:\/\/127\.0\.0\.1:\d+)\//;
  await service.waitFor((s) => banner.test(s.stdout + s.stderr), "start-up banner");
  return { service, baseUrl: banner.exec(service.stdout + service.stderr)![1]! };
}

export interface SkeinResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Starts `skein <args>` against the server; standard input is the given text, or stays open for `input: null`. */
export function startSkein(server: string, args: readonly string[], input: string | null = "", env: NodeJS.ProcessEnv = {}): Running {
  if (!existsSync(SKEIN_BIN)) throw new Error(`${SKEIN_BIN} is missing`);
  const child = spawn(process.execPath, [SKEIN_BIN, ...args], {
    env: { ...process.env, SKEIN_SERVER: server, NO_COLOR: "1", ...env },
    stdio: ["pipe", "pipe", "pipe"],
  });
  if (input !== null) child.stdin!.end(input);
  return new Running(child);
}

/** Runs `skein <args>` to completion (`env` added to its environment). */
export async function skein(server: string, args: readonly string[], input = "", env: NodeJS.ProcessEnv = {}): Promise<SkeinResult> {
  const running = startSkein(server, args, input, env);
  const code = await running.exited;
  return { code, stdout: running.stdout, stderr: running.stderr };
}
