import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

const MAIN = fileURLToPath(new URL("../dist/main.js", import.meta.url));
/** util-linux's `script` runs a command on a pseudo-terminal: how a test sees what an operator's terminal gets. */
const SCRIPT = "/usr/bin/script";
const ESCAPE = "\u001b[";

/** The built service in a child process, its stdout and stderr collected together. */
class Service {
  output = "";
  readonly exited: Promise<number | null>;

  constructor(
    readonly child: ChildProcess,
    private readonly onTerminal = false,
  ) {
    child.stdout?.on("data", (chunk: Buffer) => (this.output += chunk.toString()));
    child.stderr?.on("data", (chunk: Buffer) => (this.output += chunk.toString()));
    this.exited = new Promise((resolve) => child.on("exit", (code, signal) => resolve(code ?? (signal ? 128 : null))));
  }

  /** Resolves once the start log has said where the metrics are, its last line. */
  async started(timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!/Metrics {3}http/.test(this.output)) {
      if (this.child.exitCode !== null) throw new Error(`the service exited (${this.child.exitCode}) before it started:\n${this.output}`);
      if (Date.now() > deadline) throw new Error(`the service did not start within ${timeoutMs} ms:\n${this.output}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /**
   * Signals the service. On a terminal the child is `script`, so the service's own pid (its first log line names it)
   * gets the signal, and `script` ends with it.
   */
  stop(signal: NodeJS.Signals): Promise<number | null> {
    if (this.child.exitCode !== null) return this.exited;
    const pid = this.onTerminal ? /, pid (\d+)/.exec(this.output)?.[1] : undefined;
    if (pid !== undefined) process.kill(Number(pid), signal);
    else this.child.kill(signal);
    return this.exited;
  }
}

/** A loopback port that was free a moment ago. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe("the start log", () => {
  let dataDir: string;
  let running: Service | null = null;

  beforeEach(() => {
    if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run npm run build first`);
    dataDir = mkdtempSync(join(tmpdir(), "skein-start-log-"));
  });

  afterEach(async () => {
    await running?.stop("SIGKILL");
    running = null;
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** Starts the service with its output on pipes (a log file, as far as it can tell); NO_COLOR is unset unless given. */
  function start(env: NodeJS.ProcessEnv = {}): Service {
    const { NO_COLOR: _, ...inherited } = process.env;
    running = new Service(
      spawn(process.execPath, [MAIN], { env: { ...inherited, PORT: "0", SKEIN_KAFKA_PORT: "0", HOST: "127.0.0.1", SKEIN_DATA_DIR: dataDir, DATABASE_URL: "", ...env }, stdio: ["ignore", "pipe", "pipe"] }),
    );
    return running;
  }

  /** Starts the service on a pseudo-terminal, as `npm start` in a terminal runs it. */
  function startOnTerminal(env: NodeJS.ProcessEnv = {}): Service {
    if (!existsSync(SCRIPT)) throw new Error(`${SCRIPT} (util-linux) is missing: it provides the terminal this test needs`);
    const { NO_COLOR: _, ...inherited } = process.env;
    running = new Service(
      spawn(SCRIPT, ["-qfec", `${JSON.stringify(process.execPath)} ${JSON.stringify(MAIN)}`, "/dev/null"], {
        env: { ...inherited, PORT: "0", SKEIN_KAFKA_PORT: "0", HOST: "127.0.0.1", SKEIN_DATA_DIR: dataDir, DATABASE_URL: "", ...env },
        stdio: ["pipe", "pipe", "pipe"],
      }),
      true,
    );
    return running;
  }

  it("says what an operator needs in a dozen lines, without colour codes or route mapping when written to a file", async () => {
    const service = start();
    await service.started();
    const lines = service.output.trimEnd().split("\n");
    expect(service.output).not.toContain(ESCAPE);
    expect(service.output).not.toMatch(/Mapped \{|RoutesResolver|InstanceLoader|NestFactory/);
    expect(lines.length).toBeLessThanOrEqual(12);
    for (const line of lines) expect(line).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z {1,2}(INFO|WARN) \[Skein\] /);
    const messages = lines.map((line) => line.replace(/^\S+ +\S+ \[Skein\] /, ""));
    expect(messages[0]).toMatch(/^Skein \d+\.\d+\.\d+ on Node v\d+\.\d+\.\d+, pid \d+$/);
    expect(messages).toEqual(
      expect.arrayContaining([
        "Config    no server.properties (--config FILE or SKEIN_CONFIG names one); Kafka's defaults",
        expect.stringMatching(new RegExp(`^Metadata  SQLite ${join(dataDir, "skein.db").replaceAll(".", "\\.")} \\(applied migrations \\d+_init`)),
        "Recovery  new data directory",
        expect.stringMatching(new RegExp(`^Cluster \\S+, broker 0, data in ${dataDir}$`)),
        expect.stringMatching(/^HTTP {6}listening on 127\.0\.0\.1:\d+$/),
        "Security  HTTP without authentication (every request is User:ANONYMOUS); Kafka PLAINTEXT (unauthenticated); no authorizer (every principal may do everything); unauthenticated endpoints listen on loopback only",
        expect.stringMatching(/^Console {3}http:\/\/127\.0\.0\.1:\d+\/console\/$/),
        expect.stringMatching(/^REST API {2}http:\/\/127\.0\.0\.1:\d+\/v3\/clusters$/),
      ]),
    );
    expect(await service.stop("SIGTERM")).toBe(0);

    const restarted = start();
    await restarted.started();
    expect(restarted.output).toContain("Recovery  the last run shut down cleanly: nothing to repair\n");
    expect(await restarted.stop("SIGKILL")).toBe(128);

    const afterCrash = start();
    await afterCrash.started();
    expect(afterCrash.output).toContain("Recovery  the last run did not shut down cleanly: logs recovered from their checkpoints, nothing to repair\n");
  });

  it("maps routes at debug level, and keeps to warnings at SKEIN_LOG_LEVEL=warn", async () => {
    const debug = start({ SKEIN_LOG_LEVEL: "debug" });
    await debug.started();
    expect(debug.output).toMatch(/ DEBUG \[RouterExplorer\] Mapped \{\/v3\/clusters, GET\} route\n/);
    await debug.stop("SIGTERM");

    // At warn level the start log is silent: the service is up when it answers on the port it was given.
    const port = await freePort();
    const quiet = start({ SKEIN_LOG_LEVEL: "warn", PORT: String(port) });
    const deadline = Date.now() + 60_000;
    while ((await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => null))?.status !== 200) {
      if (quiet.child.exitCode !== null || Date.now() > deadline) throw new Error(`the service did not answer on port ${port}:\n${quiet.output}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(await quiet.stop("SIGTERM")).toBe(0);
    expect(quiet.output).toBe("");

    const wrong = start({ SKEIN_LOG_LEVEL: "loud" });
    expect(await wrong.exited).toBe(1);
    expect(wrong.output).toMatch(/ERROR \[Skein\] Start-up failed: SKEIN_LOG_LEVEL must be one of trace, verbose, debug, info, log, warn, error, fatal, got "loud"\n/);
  });

  it("refuses to serve other hosts without authentication unless SKEIN_ALLOW_UNAUTHENTICATED=true, and says what it exposes", async () => {
    const refused = start({ HOST: "0.0.0.0" });
    expect(await refused.exited).toBe(1);
    expect(refused.output).toMatch(/ERROR \[Skein\] Start-up failed: Refusing to serve HTTP on 0\.0\.0\.0 \(HOST\) without authentication and Kafka listener PLAINTEXT \(PLAINTEXT\) on 0\.0\.0\.0 without authentication to other hosts: .*SKEIN_ALLOW_UNAUTHENTICATED=true\n/);

    const allowed = start({ HOST: "0.0.0.0", SKEIN_ALLOW_UNAUTHENTICATED: "true" });
    await allowed.started();
    expect(allowed.output).toMatch(/Security {2}HTTP without authentication .*; SKEIN_ALLOW_UNAUTHENTICATED=true exposes HTTP on 0\.0\.0\.0 \(HOST\) without authentication, Kafka listener PLAINTEXT \(PLAINTEXT\) on 0\.0\.0\.0 without authentication\n/);
    expect(await allowed.stop("SIGTERM")).toBe(0);
  });

  it("colours the log on a terminal, unless NO_COLOR says not to", async () => {
    const coloured = startOnTerminal();
    await coloured.started();
    expect(coloured.output).toContain(`${ESCAPE}32m INFO${ESCAPE}39m`);
    await coloured.stop("SIGTERM");

    const plain = startOnTerminal({ NO_COLOR: "1" });
    await plain.started();
    expect(plain.output).not.toContain(ESCAPE);
  });
});
