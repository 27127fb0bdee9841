import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, expect, it } from "vitest";
import { createTestDatabase, describeEachProvider, type TestDatabase } from "./support/databases.js";

const MAIN = fileURLToPath(new URL("../dist/main.js", import.meta.url));

/** The built service as `npm start` runs it, in a child process. */
class ServiceProcess {
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

  get log(): string {
    return this.output;
  }

  /** Waits for a line of the start-up banner and returns the first capture. */
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

  stop(signal: NodeJS.Signals): Promise<number | null> {
    this.child.kill(signal);
    return this.exited;
  }
}

describeEachProvider("npm start's service process", (provider) => {
  let db: TestDatabase;
  let running: ServiceProcess | null = null;

  beforeEach(async () => {
    db = await createTestDatabase(provider);
  });

  afterEach(async () => {
    await running?.stop("SIGKILL");
    running = null;
    await db?.drop();
  });

  function start(): ServiceProcess {
    running = new ServiceProcess({ SKEIN_DATA_DIR: db.dataDir, DATABASE_URL: db.databaseUrl ?? "" });
    return running;
  }

  it("migrates, serves, says where, and shuts down cleanly on SIGTERM; a restart keeps the cluster", async () => {
    const first = start();
    const base = await first.waitFor(/REST API\s+(http:\/\/127\.0\.0\.1:\d+)\//);
    expect(first.log).toMatch(/applied migrations \d+_init/);
    expect(first.log).toContain(`API docs  ${base}/docs (OpenAPI ${base}/openapi.json)`);
    const clusterId = await first.waitFor(/Cluster (\S+), broker 0/);
    expect(await (await fetch(`${base}/healthz`)).json()).toEqual({ status: "ok" });
    expect((await fetch(`${base}/readyz`)).status).toBe(200);

    expect(await first.stop("SIGTERM")).toBe(0);
    expect(first.log).toContain("SIGTERM: shutting down");
    expect(first.log).toContain("Stopped cleanly");
    expect(existsSync(join(db.dataDir, ".kafka_cleanshutdown"))).toBe(true);

    const second = start();
    expect(await second.waitFor(/Cluster (\S+), broker 0/)).toBe(clusterId);
    expect(second.log).toContain("schema up to date");
    expect(await second.stop("SIGINT")).toBe(0);
  });
});
