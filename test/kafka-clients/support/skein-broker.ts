import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Running, SERVICE_MAIN } from "../../cli/skein-processes.js";
import { freePort } from "./apache-kafka.mjs";
import type { StartedTarget } from "./targets.js";

/** Skein's service, started as the client suites use it, with what a crash test needs besides the target. */
export interface SkeinBroker extends StartedTarget {
  readonly restUrl: string;
  readonly dataDir: string;
  /** The service's output so far. */
  output(): string;
  /** SIGKILLs the service (no shutdown at all), leaving its data directory for `restart`. */
  kill(): Promise<void>;
  /** Starts the service again on the same ports and data directory. */
  restart(): Promise<void>;
}

/** Resolves once a TCP connection to the port succeeds. */
async function waitForPort(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, "127.0.0.1");
      socket.once("connect", () => (socket.destroy(), resolve(true)));
      socket.once("error", () => resolve(false));
    });
    if (open) return;
    if (Date.now() > deadline) throw new Error(`nothing listens on 127.0.0.1:${port} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Starts the built service on free loopback ports (HTTP and Kafka, `SKEIN_KAFKA_PORT`, advertised as
 * `SKEIN_ADVERTISED_LISTENER=127.0.0.1:PORT`) over a fresh data directory, and resolves once both answer.
 */
export async function startSkeinBroker(): Promise<SkeinBroker> {
  const dataDir = mkdtempSync(join(tmpdir(), "skein-kafka-target-"));
  const [httpPort, kafkaPort] = [await freePort(), await freePort()];
  const env = {
    ...process.env,
    NO_COLOR: "1",
    PORT: String(httpPort),
    HOST: "127.0.0.1",
    SKEIN_DATA_DIR: dataDir,
    DATABASE_URL: "",
    SKEIN_KAFKA_PORT: String(kafkaPort),
    SKEIN_ADVERTISED_LISTENER: `127.0.0.1:${kafkaPort}`,
  };
  let service: Running;
  const launch = async () => {
    service = new Running(spawn(process.execPath, [SERVICE_MAIN], { env, stdio: ["ignore", "pipe", "pipe"] }));
    await service.waitFor((s) => /REST API\s+http:\/\//.test(s.stdout + s.stderr), "start-up banner", 60_000);
    await waitForPort(kafkaPort, 30_000);
  };
  await launch();
  return {
    bootstrap: `127.0.0.1:${kafkaPort}`,
    restUrl: `http://127.0.0.1:${httpPort}`,
    dataDir,
    output: () => service.stdout + service.stderr,
    async kill() {
      await service.stop("SIGKILL");
    },
    restart: launch,
    async stop() {
      await service.stop("SIGTERM");
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
