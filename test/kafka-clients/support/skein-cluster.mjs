// A Skein cluster as `npm run cluster` runs one, for tests: one etcd member (Debian's etcd-server) and N brokers,
// each the built service (`node apps/api/dist/main.js`) with SKEIN_ETCD_ENDPOINTS set, on free loopback ports and
// fresh data directories; a broker can be SIGKILLed and started again on its data, as the course's failover does.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { freePort } from "./apache-kafka.mjs";
import { KafkaToolProcess } from "./kafka-tool.mjs";
import { SERVICE_MAIN } from "./skein-broker.mjs";

const ETCD_SETUP = fileURLToPath(new URL("../../../scripts/etcd-setup.mjs", import.meta.url));

/** The etcd binary (installed by scripts/etcd-setup.mjs, as `npm test` does, when missing). */
function etcdBinary() {
  const setup = spawnSync(process.execPath, [ETCD_SETUP], { encoding: "utf8" });
  if (setup.status !== 0) throw new Error(`etcd is not installed and could not be: ${setup.stderr}`);
  return setup.stdout.trim();
}

/**
 * Polls a URL until it answers 2xx.
 * @param {string} url
 * @param {number} timeoutMs
 */
async function waitForHttp(url, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await fetch(url).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`${url} did not answer within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * @typedef {object} ClusterBrokerProcess
 * @property {number} id
 * @property {number} kafkaPort
 * @property {number} httpPort
 * @property {string} dataDir
 * @property {() => string} output everything it printed, across restarts
 * @property {() => Promise<void>} kill SIGKILL: no controlled shutdown, its etcd lease expires on its own
 * @property {() => void} pause SIGSTOP: the process stops answering (and renewing its lease) until `resume`
 * @property {() => void} resume SIGCONT
 * @property {() => Promise<void>} restart starts it again on the same ports and data directory
 * @property {() => Promise<void>} stop SIGTERM (controlled shutdown)
 */

/**
 * Starts etcd and `size` brokers (ids 0..size-1) and resolves once every broker is ready.
 * @param {{ size?: number, env?: NodeJS.ProcessEnv }} [options] `env`: broker settings for every broker (SKEIN_ variables)
 */
export async function startSkeinCluster(options = {}) {
  if (!existsSync(SERVICE_MAIN)) throw new Error(`${SERVICE_MAIN} is missing: run npm run build first`);
  const size = options.size ?? 3;
  const root = mkdtempSync(join(tmpdir(), "skein-cluster-"));
  const [clientPort, peerPort] = [await freePort(), await freePort()];
  const etcdUrl = `http://127.0.0.1:${clientPort}`;
  const etcd = spawn(
    etcdBinary(),
    [
      "--name=etcd0",
      `--data-dir=${join(root, "etcd")}`,
      `--listen-client-urls=${etcdUrl}`,
      `--advertise-client-urls=${etcdUrl}`,
      `--listen-peer-urls=http://127.0.0.1:${peerPort}`,
      `--initial-advertise-peer-urls=http://127.0.0.1:${peerPort}`,
      `--initial-cluster=etcd0=http://127.0.0.1:${peerPort}`,
      "--log-level=error",
    ],
    { stdio: "ignore" },
  );
  /** @type {ClusterBrokerProcess[]} */
  const brokers = [];
  const stopAll = async () => {
    await Promise.all(brokers.map((b) => b.stop().catch(() => undefined)));
    etcd.kill("SIGKILL");
    rmSync(root, { recursive: true, force: true });
  };
  try {
    await waitForHttp(`${etcdUrl}/health`, 30_000);
    for (let id = 0; id < size; id++) brokers.push(await brokerProcess(id, root, etcdUrl, options.env ?? {}));
    await Promise.all(brokers.map((b) => b.restart()));
  } catch (error) {
    await stopAll();
    throw error;
  }
  return {
    brokers,
    etcdUrl,
    /** Every broker's Kafka address, as clients' bootstrap.servers. */
    bootstrap: brokers.map((b) => `127.0.0.1:${b.kafkaPort}`).join(","),
    stop: stopAll,
  };
}

/**
 * One broker of the cluster, not started yet (`restart` starts it).
 * @param {number} id
 * @param {string} root
 * @param {string} etcdUrl
 * @param {NodeJS.ProcessEnv} extraEnv
 * @returns {Promise<ClusterBrokerProcess>}
 */
async function brokerProcess(id, root, etcdUrl, extraEnv) {
  const [kafkaPort, httpPort] = [await freePort(), await freePort()];
  const dataDir = join(root, `broker-${id}`);
  const env = {
    ...process.env,
    NO_COLOR: "1",
    PORT: String(httpPort),
    HOST: "127.0.0.1",
    SKEIN_DATA_DIR: dataDir,
    DATABASE_URL: "",
    SKEIN_KAFKA_PORT: String(kafkaPort),
    SKEIN_ADVERTISED_LISTENER: `127.0.0.1:${kafkaPort}`,
    SKEIN_ETCD_ENDPOINTS: etcdUrl,
    SKEIN_BROKER_ID: String(id),
    ...extraEnv,
  };
  /** @type {KafkaToolProcess | null} */
  let service = null;
  let output = "";
  const keepOutput = () => {
    if (service) output += service.stdout + service.stderr;
    service = null;
  };
  return {
    id,
    kafkaPort,
    httpPort,
    dataDir,
    output: () => output + (service ? service.stdout + service.stderr : ""),
    async kill() {
      await service?.stop("SIGKILL");
      keepOutput();
    },
    pause() {
      service?.child.kill("SIGSTOP");
    },
    resume() {
      service?.child.kill("SIGCONT");
    },
    async restart() {
      service = new KafkaToolProcess(`skein-broker-${id}`, spawn(process.execPath, [SERVICE_MAIN], { env, stdio: ["ignore", "pipe", "pipe"] }));
      const started = service;
      try {
        await Promise.race([
          waitForHttp(`http://127.0.0.1:${httpPort}/readyz`, 120_000),
          started.exited.then((code) => {
            throw new Error(`exited with ${code}`);
          }),
        ]);
      } catch (error) {
        await started.stop("SIGKILL");
        throw new Error(`Skein broker ${id} did not come up: ${/** @type {Error} */ (error).message}\n${started.stdout}\n${started.stderr}`);
      }
    },
    async stop() {
      service?.child.kill("SIGCONT");
      await service?.stop("SIGTERM");
      keepOutput();
    },
  };
}
