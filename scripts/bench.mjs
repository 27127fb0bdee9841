#!/usr/bin/env node
// `npm run bench`: builds, runs every package's benchmark (each in its own process) and prints one JSON object
// (`npm run -s bench` leaves out npm's own banner line).
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

// Build first, with its output on stderr: stdout carries only the JSON report.
const build = spawnSync("npm", ["run", "build"], { stdio: ["ignore", process.stderr, "inherit"] });
if (build.status !== 0) process.exit(build.status ?? 1);

const benches = [
  "libs/protocol/bench/codec.bench.mjs",
  "libs/broker/bench/log.bench.mjs",
  "libs/broker/bench/compaction.bench.mjs",
  "libs/broker/bench/compression.bench.mjs",
  "libs/broker/bench/produce-batches.bench.mjs",
  "apps/api/bench/group-consume.bench.mjs",
  "apps/api/bench/rest-produce.bench.mjs",
  "apps/api/bench/rest-single.bench.mjs",
  "apps/api/bench/rest-ws-read.bench.mjs",
  "apps/api/bench/record-search.bench.mjs",
  "apps/api/bench/ws-latency.bench.mjs",
  // Kafka's own perf tools against Apache Kafka and Skein's Kafka listener: `npm run bench:kafka`.
  "test/kafka-clients/bench/kafka-perf.bench.mjs",
].filter((path) => existsSync(path));
const report = { date: new Date().toISOString() };
for (const bench of benches) {
  const output = execFileSync(process.execPath, [bench], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"], maxBuffer: 64 * 1024 * 1024 });
  Object.assign(report, JSON.parse(output));
}
console.log(JSON.stringify(report, null, 2));
