// Apache Kafka on loopback, as its quickstart runs it: one node in KRaft combined mode (broker and controller), the
// storage formatted by kafka-storage, then kafka.Kafka in a child process (which a crash test can SIGKILL and restart).
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { KafkaToolProcess, kafkaTool, kafkaToolCommand } from "./kafka-tool.mjs";

/**
 * A port free on 127.0.0.1 right now.
 * @returns {Promise<number>}
 */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

/** A cluster id as `kafka-storage random-uuid` prints it: 16 random bytes in unpadded base64url. */
function randomClusterId() {
  const bytes = randomBytes(16);
  bytes[0] &= 0x7f; // Kafka refuses ids that start with '-' once encoded
  return bytes.toString("base64url");
}

/**
 * Starts Apache Kafka on free loopback ports and resolves once it has started.
 * `requestLog` writes every completed request (API key, version, client id) to `requestLogFile`;
 * `config` adds or overrides broker properties (a function gets the PLAINTEXT and controller ports, to set listeners);
 * `formatArgs` are added to `kafka-storage format` (`--add-scram ...`).
 * @param {{ heap?: string, requestLog?: boolean, config?: Record<string, string | number> | ((ports: { port: number, controllerPort: number }) => Record<string, string | number>), formatArgs?: string[], startTimeoutMs?: number }} [options]
 */
export async function startApacheKafka(options = {}) {
  const dir = mkdtempSync(join(tmpdir(), "skein-apache-kafka-"));
  const [port, controllerPort] = [await freePort(), await freePort()];
  const properties = {
    "process.roles": "broker,controller",
    // Broker 0, as in the course and as Skein numbers its first broker, so that tools print the same leaders.
    "node.id": 0,
    "controller.quorum.voters": `0@127.0.0.1:${controllerPort}`,
    listeners: `PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}`,
    "advertised.listeners": `PLAINTEXT://127.0.0.1:${port}`,
    "controller.listener.names": "CONTROLLER",
    "inter.broker.listener.name": "PLAINTEXT",
    "listener.security.protocol.map": "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
    "log.dirs": join(dir, "data"),
    "num.partitions": 1,
    "offsets.topic.replication.factor": 1,
    "transaction.state.log.replication.factor": 1,
    "transaction.state.log.min.isr": 1,
    "share.coordinator.state.topic.replication.factor": 1,
    "share.coordinator.state.topic.min.isr": 1,
    // A lone test broker: groups need not wait 3 s for more members to join.
    "group.initial.rebalance.delay.ms": 0,
    ...(typeof options.config === "function" ? options.config({ port, controllerPort }) : options.config),
  };
  const propertiesFile = join(dir, "server.properties");
  writeFileSync(propertiesFile, Object.entries(properties).map(([key, value]) => `${key}=${value}\n`).join(""));

  const format = await kafkaTool("kafka-storage", ["format", "-t", randomClusterId(), "-c", propertiesFile, ...(options.formatArgs ?? [])], { cwd: dir });
  if (format.code !== 0) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`kafka-storage format failed (${format.code}):\n${format.stdout}${format.stderr}`);
  }

  const logsDir = join(dir, "logs");
  const jvmOptions = [`-Dkafka.logs.dir=${logsDir}`, ...(options.requestLog ? ["-Dkafka.request.log.level=DEBUG"] : [])];
  const { command, args } = kafkaToolCommand("kafka-server-start", [propertiesFile], { heap: options.heap, jvmOptions });
  const serverLog = join(logsDir, "server.log");
  const readServerLog = () => (existsSync(serverLog) ? readFileSync(serverLog, "utf8") : "");
  const startedCount = () => readServerLog().match(/Kafka Server started/g)?.length ?? 0;
  /** @type {KafkaToolProcess} */
  let broker;
  // Starts kafka.Kafka over the formatted log directories and waits for its start-up line (one more each launch).
  const launch = async () => {
    const before = startedCount();
    broker = new KafkaToolProcess("kafka.Kafka", spawn(command, args, { cwd: dir, stdio: ["ignore", "pipe", "pipe"] }));
    try {
      await broker.waitFor(() => startedCount() > before, "start-up", options.startTimeoutMs ?? 120_000);
    } catch (error) {
      await broker.stop("SIGKILL");
      throw new Error(`${/** @type {Error} */ (error).message}\n--- server.log (end) ---\n${readServerLog().slice(-4000)}`);
    }
  };
  try {
    await launch();
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }

  return {
    bootstrap: `127.0.0.1:${port}`,
    /** The temp directory: server.properties, data/ (the log dirs) and logs/. */
    dir,
    dataDir: join(dir, "data"),
    requestLogFile: join(logsDir, "requests.log"),
    /** The broker's log so far. */
    serverLog: readServerLog,
    /** SIGKILLs the broker (no shutdown at all), leaving its log directories for `restart`. */
    async kill() {
      await broker.stop("SIGKILL");
    },
    /** Starts the broker again on the same ports and log directories (it recovers them as after any crash). */
    restart: launch,
    /** Stops the broker as kafka-server-stop does (SIGTERM: controlled shutdown), then deletes its files. */
    async stop() {
      await broker.stop("SIGTERM", 60_000);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
