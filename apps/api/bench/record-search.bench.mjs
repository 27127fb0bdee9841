// Server-side record search beside what the disk and the engine do with the same records: a 3-partition topic of
// BENCH_SEARCH_MIB MiB (default 1024) of 1 KiB JSON values is (1) read raw from its segment files (`fs.readFile` of
// every .log file: the disk's — usually the page cache's — ceiling), (2) read by the engine in-process
// (`broker.fetch` from the log start, records decoded) and (3) searched through the service, in its own process over
// the same data directory, with `GET .../records:search?value_contains=…` matching 1 record in 10,000, the client
// counting the streamed lines. Prints one JSON object: MiB/s and records/s of each, the search's ratios to (1) and
// (2), and the machine's load average when it ran (the machine is shared: compare ratios within the run).
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { Engine } from "../dist/engine/engine.js";
import { spawnService } from "./service.mjs";

const MIB = 1024 * 1024;
const TARGET_BYTES = Number(process.env.BENCH_SEARCH_MIB ?? 1024) * MIB;
const VALUE_BYTES = 1024;
const RECORDS = Math.ceil(TARGET_BYTES / VALUE_BYTES);
const PARTITIONS = 3;
const BATCH = 1_000;
const TOPIC = "bench-search";
const EVERY = 10_000;
const round = (n, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;
const seconds = (started) => Number(process.hrtime.bigint() - started) / 1e9;

/** A JSON value of VALUE_BYTES bytes; every EVERY-th holds the needle. */
function value(i) {
  const head = JSON.stringify({ id: i, customer: `customer-${i % 1000}`, status: i % EVERY === 0 ? "needle-found" : "ordinary", note: "" });
  return Buffer.from(head.slice(0, -2) + "x".repeat(VALUE_BYTES - head.length) + '"}');
}

async function fill(dataDir) {
  const engine = await Engine.open({ dataDir });
  try {
    await engine.broker.createTopic({ name: TOPIC, partitions: PARTITIONS });
    for (let sent = 0; sent < RECORDS; sent += BATCH) {
      const partition = (sent / BATCH) % PARTITIONS;
      const records = Array.from({ length: Math.min(BATCH, RECORDS - sent) }, (_, i) => ({ key: Buffer.from(`key-${sent + i}`), value: value(sent + i), partition }));
      await engine.broker.produce(TOPIC, records, { acks: 1 });
    }
  } finally {
    await engine.close();
  }
}

/** Every .log file of the topic read whole: bytes per second. */
function rawRead(dataDir) {
  const files = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith(".log") && path.includes(TOPIC)) files.push(path);
    }
  };
  walk(dataDir);
  const started = process.hrtime.bigint();
  let bytes = 0;
  for (const file of files) bytes += readFileSync(file).length;
  return { bytes, seconds: seconds(started) };
}

async function engineRead(dataDir) {
  const engine = await Engine.open({ dataDir });
  const broker = engine.broker;
  try {
    const started = process.hrtime.bigint();
    let records = 0;
    let bytes = 0;
    for (let partition = 0; partition < PARTITIONS; partition++) {
      let offset = 0;
      const { highWatermark } = broker.partitionOffsets(TOPIC, partition);
      while (offset < highWatermark) {
        const fetched = await broker.fetch(TOPIC, partition, offset, { maxBytes: 4 * MIB });
        records += fetched.records.length;
        for (const r of fetched.records) bytes += (r.key?.length ?? 0) + (r.value?.length ?? 0);
        offset = fetched.nextOffset;
      }
    }
    return { records, bytes, seconds: seconds(started) };
  } finally {
    await engine.close();
  }
}

async function search(service) {
  const started = process.hrtime.bigint();
  const response = await fetch(`${service.baseUrl}/v3/clusters/${service.clusterId}/topics/${TOPIC}/records:search?value_contains=needle-found&limit=10000`);
  if (response.status !== 200) throw new Error(`search answered ${response.status}: ${await response.text()}`);
  const text = await response.text();
  const elapsed = seconds(started);
  const lines = text.split("\n").filter(Boolean).map((line) => JSON.parse(line));
  const done = lines.at(-1);
  const matches = lines.filter((line) => line.kind === "SkeinSearchMatch").length;
  const expected = Math.ceil(RECORDS / EVERY);
  if (done.kind !== "SkeinSearchDone" || matches !== expected || done.records_scanned !== RECORDS) {
    throw new Error(`the search found ${matches} of ${expected} matches, scanning ${done.records_scanned} of ${RECORDS} records`);
  }
  return { records: done.records_scanned, bytes: done.bytes_scanned, seconds: elapsed, progressLines: lines.filter((l) => l.kind === "SkeinSearchProgress").length };
}

const dataDir = mkdtempSync(join(tmpdir(), "skein-search-bench-"));
try {
  const load = loadavg()[0];
  await fill(dataDir);
  const raw = rawRead(dataDir);
  const engine = await engineRead(dataDir);
  const service = await spawnService({ dataDir });
  let searched;
  try {
    // The first scan also warms the service (JIT, index files into the cache): the second is the figure.
    await search(service);
    searched = await search(service);
  } finally {
    await service.stop();
  }
  const mibps = (r) => round(r.bytes / MIB / r.seconds, 1);
  const report = {
    topic_mib: round(raw.bytes / MIB, 0),
    records: RECORDS,
    raw_read_mib_per_s: mibps(raw),
    engine_read_mib_per_s: mibps(engine),
    engine_read_records_per_s: Math.round(engine.records / engine.seconds),
    search_mib_per_s: mibps(searched),
    search_records_per_s: Math.round(searched.records / searched.seconds),
    search_seconds: round(searched.seconds, 1),
    search_progress_lines: searched.progressLines,
    search_to_raw_read: round(searched.bytes / searched.seconds / (raw.bytes / raw.seconds)),
    search_to_engine_read: round(searched.records / searched.seconds / (engine.records / engine.seconds)),
    load_average_1m: round(load, 1),
  };
  process.stdout.write(`${JSON.stringify({ record_search: report })}\n`);
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
