// The engine's benchmark: appends 1,000,000 records of 100 bytes in batches of 1,000 (acks=1 and acks=all, one
// partition and several) and reads them back; prints one JSON object. Run through `npm run bench`.
import { closeSync, fdatasyncSync, mkdtempSync, openSync, rmSync, writeSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { Broker } from "../dist/index.js";

const RECORDS = Number(process.env.BENCH_RECORDS ?? 1_000_000);
const BATCH = 1_000;
const VALUE_BYTES = 100;
const MB = 1024 * 1024;

function round(n) {
  return Math.round(n * 10) / 10;
}

/** The disk's own figure for scale: sequential 1 MiB writes, each followed by fdatasync. */
function sequentialWrite(dir) {
  const path = join(dir, "seq-write");
  const fd = openSync(path, "w");
  const chunk = Buffer.alloc(MB, 7);
  const total = 256;
  const start = process.hrtime.bigint();
  for (let i = 0; i < total; i++) {
    writeSync(fd, chunk);
    fdatasyncSync(fd);
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  closeSync(fd);
  rmSync(path);
  return { mbPerSec: round(total / seconds) };
}

function makeBatch(partition) {
  const records = new Array(BATCH);
  for (let i = 0; i < BATCH; i++) {
    const value = Buffer.allocUnsafe(VALUE_BYTES);
    value.fill(i & 0xff);
    records[i] = { value, partition };
  }
  return records;
}

async function appendRun(dataRoot, { partitions, acks }) {
  const dataDir = mkdtempSync(join(dataRoot, "append-"));
  const broker = await Broker.open({ dataDir });
  await broker.createTopic({ name: "bench", partitions });
  const batches = Array.from({ length: partitions }, (_, p) => makeBatch(p));
  const inFlight = Math.max(1, partitions);
  const start = process.hrtime.bigint();
  for (let sent = 0; sent < RECORDS; sent += BATCH * inFlight) {
    const requests = [];
    for (let p = 0; p < inFlight && sent + p * BATCH < RECORDS; p++) requests.push(broker.produce("bench", batches[p], { acks }));
    await Promise.all(requests);
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const bytes = broker.listTopics()[0].partitions.reduce((s, p) => s + p.sizeBytes, 0);
  return { broker, dataDir, result: { partitions, acks: acks === -1 ? "all" : String(acks), records: RECORDS, seconds: Math.round(seconds * 1000) / 1000, recordsPerSec: Math.round(RECORDS / seconds), mbPerSec: round(bytes / MB / seconds) } };
}

async function readRun(broker, partitions) {
  const start = process.hrtime.bigint();
  let records = 0;
  let bytes = 0;
  for (let p = 0; p < partitions; p++) {
    let offset = 0;
    const end = broker.partitionOffsets("bench", p).logEndOffset;
    while (offset < end) {
      const fetched = await broker.fetch("bench", p, offset, { maxBytes: MB });
      records += fetched.records.length;
      for (const r of fetched.records) bytes += r.value.length;
      offset = fetched.records[fetched.records.length - 1].offset + 1;
    }
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return { partitions, records, seconds: Math.round(seconds * 1000) / 1000, recordsPerSec: Math.round(records / seconds), mbPerSec: round(bytes / MB / seconds) };
}

const root = mkdtempSync(join(process.env.BENCH_DIR ?? tmpdir(), "skein-bench-"));
try {
  const machine = { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? "unknown", node: process.version, sequentialWriteFdatasyncPerMiB: sequentialWrite(root) };
  const append = [];
  const read = [];
  for (const partitions of [1, 8]) {
    for (const acks of [1, -1]) {
      const run = await appendRun(root, { partitions, acks });
      append.push(run.result);
      if (acks === 1) read.push(await readRun(run.broker, partitions));
      await run.broker.close();
      rmSync(run.dataDir, { recursive: true, force: true });
    }
  }
  const best = (rows) => Math.max(...rows.map((r) => r.recordsPerSec));
  console.log(JSON.stringify({
    engine: {
      machine,
      recordBytes: VALUE_BYTES,
      batchRecords: BATCH,
      append,
      read,
      targets: {
        appendRecordsPerSec: { target: 1_000_000, measured: best(append.filter((r) => r.acks === "1")) },
        readRecordsPerSec: { target: 2_000_000, measured: best(read) },
      },
    },
  }, null, 2));
} finally {
  rmSync(root, { recursive: true, force: true });
}
