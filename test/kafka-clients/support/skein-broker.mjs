// Skein's built service (`node apps/api/dist/main.js`, as `npm start` runs it) as a Kafka target: a fresh data
// directory, HTTP and the Kafka listener on free loopback ports, and what a crash test needs (SIGKILL, restart).
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { freePort } from "./apache-kafka.mjs";
import { KafkaToolProcess } from "./kafka-tool.mjs";

/** The service's entry point; `npm run build` makes it. */
export const SERVICE_MAIN = fileURLToPath(new URL("../../../apps/api/dist/main.js", import.meta.url));

/**
 * Resolves once a TCP connection to the port succeeds.
 * @param {number} port
 * @param {number} timeoutMs
 */
async function waitForPort(port, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const open = await new Promise((resolve) => {
      const socket = connect(port, "127.0.0.1");
      socket.once("connect", () => {
        socket.destroy();
        resolve(true);
      });
      socket.once("error", () => resolve(false));
    });
    if (open) return;
    if (Date.now() > deadline) throw new Error(`nothing listens on 127.0.0.1:${port} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Starts the service over a fresh data directory with `SKEIN_KAFKA_PORT` free (or `kafkaPort`) and
 * `SKEIN_ADVERTISED_LISTENER` 127.0.0.1:that port, and resolves once HTTP has printed its banner and the Kafka port
 * accepts connections. `env` adds variables (`SKEIN_CONFIG` names a server.properties with Kafka's listener configs).
 * @param {{ env?: NodeJS.ProcessEnv, kafkaPort?: number }} [options]
 */
export async function startSkeinBroker(options = {}) {
  if (!existsSync(SERVICE_MAIN)) throw new Error(`${SERVICE_MAIN} is missing: run npm run build first`);
  const dataDir = mkdtempSync(join(tmpdir(), "skein-kafka-target-"));
  const [httpPort, kafkaPort] = [await freePort(), options.kafkaPort ?? (await freePort())];
  const env = {
    ...process.env,
    NO_COLOR: "1",
    PORT: String(httpPort),
    HOST: "127.0.0.1",
    SKEIN_DATA_DIR: dataDir,
    DATABASE_URL: "",
    SKEIN_KAFKA_PORT: String(kafkaPort),
    SKEIN_ADVERTISED_LISTENER: `127.0.0.1:${kafkaPort}`,
    // As the Apache Kafka target (and both brokers' shipped server.properties): no wait for more members at a
    // group's first join, so both targets run the suites and the benchmark with the same setting.
    SKEIN_GROUP_INITIAL_REBALANCE_DELAY_MS: "0",
    ...options.env,
  };
  /** @type {KafkaToolProcess} */
  let service;
  let output = "";
  const launch = async () => {
    service = new KafkaToolProcess("skein", spawn(process.execPath, [SERVICE_MAIN], { env, stdio: ["ignore", "pipe", "pipe"] }));
    try {
      await service.waitFor((s) => /REST API\s+http:\/\//.test(s.stdout + s.stderr), "start-up banner", 60_000);
      await waitForPort(kafkaPort, 30_000);
    } catch (error) {
      await service.stop("SIGKILL");
      throw new Error(`Skein's Kafka listener did not come up (SKEIN_KAFKA_PORT=${kafkaPort}): ${/** @type {Error} */ (error).message}`);
    }
  };
  const keepOutput = () => {
    output += service.stdout + service.stderr;
  };
  try {
    await launch();
  } catch (error) {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  return {
    bootstrap: `127.0.0.1:${kafkaPort}`,
    restUrl: `http://127.0.0.1:${httpPort}`,
    /** The log directory: `<topic>-<partition>` folders in Kafka's format (and skein.db). */
    dataDir,
    /** Everything the service printed, across restarts. */
    output: () => output + service.stdout + service.stderr,
    /** SIGKILLs the service (no shutdown at all), leaving its data directory for `restart`. */
    async kill() {
      await service.stop("SIGKILL");
      keepOutput();
    },
    /** Starts the service again on the same ports and data directory. */
    restart: launch,
    /** Stops the service as a user's Ctrl-C does, then deletes its data. */
    async stop() {
      await service.stop("SIGTERM");
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
