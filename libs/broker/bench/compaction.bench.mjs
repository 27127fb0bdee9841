// Compaction benchmark: a compacted log of 1,000,000 records over 10,000 keys is cleaned while a producer keeps
// appending; prints MB/s cleaned and the worst produce latency during cleaning, as one JSON object.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Broker } from "../dist/index.js";

const RECORDS = Number(process.env.BENCH_RECORDS ?? 1_000_000);
const KEYS = 10_000;
const BATCH = 1_000;
const MB = 1024 * 1024;

const dataDir = mkdtempSync(join(process.env.BENCH_DIR ?? tmpdir(), "skein-compaction-"));
try {
  const broker = await Broker.open({ dataDir, brokerConfig: { "log.cleaner.enable": "false" } });
  await broker.createTopic({ name: "compacted", configs: { "cleanup.policy": "compact", "segment.bytes": String(16 * MB), "min.cleanable.dirty.ratio": "0.01" } });
  for (let sent = 0; sent < RECORDS; sent += BATCH) {
    const records = [];
    for (let i = 0; i < BATCH; i++) records.push({ key: Buffer.from(`key-${(sent + i) % KEYS}`), value: Buffer.alloc(100, i & 0xff) });
    await broker.produce("compacted", records);
  }
  const sizeBefore = broker.partitionOffsets("compacted", 0).sizeBytes;

  let producing = true;
  const latencies = [];
  const producer = (async () => {
    let n = 0;
    while (producing) {
      const start = process.hrtime.bigint();
      await broker.produce("compacted", [{ key: Buffer.from(`live-${n++ % 100}`), value: Buffer.alloc(100) }]);
      latencies.push(Number(process.hrtime.bigint() - start) / 1e6);
      await new Promise((resolve) => setImmediate(resolve));
    }
  })();
  const start = process.hrtime.bigint();
  const run = await broker.runCleaner();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  producing = false;
  await producer;

  const sizeAfter = broker.partitionOffsets("compacted", 0).sizeBytes;
  latencies.sort((a, b) => a - b);
  const pct = (p) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))] * 100) / 100;
  console.log(JSON.stringify({
    compaction: {
      records: RECORDS,
      keys: KEYS,
      logBytesBefore: sizeBefore,
      logBytesAfter: sizeAfter,
      seconds: Math.round(seconds * 1000) / 1000,
      mbCleanedPerSec: Math.round((sizeBefore / MB / seconds) * 10) / 10,
      cleanerRun: run ? { trigger: run.trigger, outcome: run.outcome } : null,
      produceDuringCleaning: { requests: latencies.length, p50Ms: pct(0.5), p99Ms: pct(0.99), maxMs: pct(1) },
    },
  }, null, 2));
  await broker.close();
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
