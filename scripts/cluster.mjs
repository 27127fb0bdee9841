#!/usr/bin/env node
// `npm run cluster [-- --brokers N]`: a local Skein cluster on loopback for trying replication — one etcd member and
// N brokers (3 by default). Broker N has its Kafka listener on 9092+N and HTTP (REST, WebSocket, console) on 8080+N,
// its data under ./data/cluster/broker-N; etcd keeps the cluster's metadata under ./data/cluster/etcd on 2379. Prints
// each process id and address, prefixes every broker's log lines with its id, and on Ctrl-C (or SIGTERM) stops the
// brokers with a controlled shutdown, then etcd. Builds what changed first (scripts/build.mjs).
import { spawn } from "node:child_process";
import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "./build.mjs";
import { ensureEtcd } from "./etcd-setup.mjs";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const countArg = process.argv.indexOf("--brokers");
const brokers = countArg > 0 ? Number(process.argv[countArg + 1]) : 3;
if (!Number.isInteger(brokers) || brokers < 1 || brokers > 9) {
  console.error("--brokers must be a number from 1 to 9");
  process.exit(2);
}
const dataRoot = resolve(ROOT, "data", "cluster");
const etcdClient = "http://127.0.0.1:2379";

console.log(build());
const etcdBinary = ensureEtcd();
mkdirSync(dataRoot, { recursive: true });

/** @type {{ name: string, child: import("node:child_process").ChildProcess }[]} */
const processes = [];

/**
 * Starts a process whose output lines are printed with a prefix.
 * @param {string} name
 * @param {string} command
 * @param {string[]} args
 * @param {NodeJS.ProcessEnv} env
 */
function start(name, command, args, env = process.env) {
  const child = spawn(command, args, { env, stdio: ["ignore", "pipe", "pipe"] });
  for (const stream of [child.stdout, child.stderr]) {
    let buffered = "";
    stream.setEncoding("utf8");
    stream.on("data", (chunk) => {
      buffered += chunk;
      const lines = buffered.split("\n");
      buffered = lines.pop() ?? "";
      for (const line of lines) console.log(`[${name}] ${line}`);
    });
  }
  child.on("exit", (code, signal) => {
    console.log(`[${name}] exited (${signal ?? code})`);
    if (!stopping && name === "etcd") void stopAll(1);
  });
  processes.push({ name, child });
  return child;
}

const etcd = start("etcd", etcdBinary, [
  "--name=skein-etcd",
  `--data-dir=${join(dataRoot, "etcd")}`,
  `--listen-client-urls=${etcdClient}`,
  `--advertise-client-urls=${etcdClient}`,
  "--listen-peer-urls=http://127.0.0.1:2380",
  "--initial-advertise-peer-urls=http://127.0.0.1:2380",
  "--initial-cluster=skein-etcd=http://127.0.0.1:2380",
  "--logger=zap",
  "--log-level=warn",
]);
await waitFor(`${etcdClient}/health`, 30_000);
console.log(`etcd       pid ${etcd.pid}  ${etcdClient}  data ${join(dataRoot, "etcd")}`);

for (let id = 0; id < brokers; id++) {
  const dataDir = join(dataRoot, `broker-${id}`);
  const child = start(`broker-${id}`, process.execPath, [join(ROOT, "apps", "api", "dist", "main.js")], {
    ...process.env,
    SKEIN_ETCD_ENDPOINTS: etcdClient,
    SKEIN_BROKER_ID: String(id),
    SKEIN_KAFKA_PORT: String(9092 + id),
    PORT: String(8080 + id),
    HOST: "127.0.0.1",
    SKEIN_DATA_DIR: dataDir,
    // __consumer_offsets gets as many replicas as there are brokers, up to Kafka's default of 3.
    SKEIN_OFFSETS_TOPIC_REPLICATION_FACTOR: process.env.SKEIN_OFFSETS_TOPIC_REPLICATION_FACTOR ?? String(Math.min(3, brokers)),
  });
  console.log(`broker-${id}   pid ${child.pid}  Kafka 127.0.0.1:${9092 + id}  HTTP http://127.0.0.1:${8080 + id}  data ${dataDir}`);
}
for (let id = 0; id < brokers; id++) await waitFor(`http://127.0.0.1:${8080 + id}/readyz`, 120_000);
console.log(`\nCluster up: bootstrap.servers=${Array.from({ length: brokers }, (_, id) => `127.0.0.1:${9092 + id}`).join(",")}`);
console.log(`Console: http://127.0.0.1:8080/console/   Ctrl-C stops everything.`);

let stopping = false;
/** @param {number} code */
async function stopAll(code) {
  if (stopping) return;
  stopping = true;
  console.log("\nStopping the brokers (controlled shutdown), then etcd…");
  const brokersOnly = processes.filter((p) => p.name !== "etcd");
  await Promise.all(brokersOnly.map(({ child }) => stopProcess(child, 30_000)));
  await stopProcess(etcd, 10_000);
  process.exit(code);
}

/**
 * SIGTERM, then SIGKILL after `graceMs`.
 * @param {import("node:child_process").ChildProcess} child
 * @param {number} graceMs
 */
function stopProcess(child, graceMs) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolveStop) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
    child.once("exit", () => {
      clearTimeout(timer);
      resolveStop(undefined);
    });
    child.kill("SIGTERM");
  });
}

/**
 * Polls a URL until it answers 2xx.
 * @param {string} url
 * @param {number} timeoutMs
 */
async function waitFor(url, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await fetch(url).then((r) => r.ok, () => false);
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`${url} did not answer within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

process.on("SIGINT", () => void stopAll(0));
process.on("SIGTERM", () => void stopAll(0));
