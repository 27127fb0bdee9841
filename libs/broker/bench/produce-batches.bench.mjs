// The Kafka client path's benchmark: appends clients' raw RecordBatches through Broker.appendRecordBatches (what the
// Kafka listener's Produce handler calls: validation, idempotence checks, in-place offsets) and reads them back raw
// with readRecordBatches (its Fetch). 1,000,000 records of 100 bytes in idempotent batches of 1,000, one partition,
// five requests in flight (a Kafka producer's default), uncompressed and with lz4 and zstd kept as sent, and gzip
// recompressed to the topic's zstd. Prints one JSON object. Run through `npm run bench`.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Broker, encodeRecordBatch } from "../dist/index.js";

const RECORDS = Number(process.env.BENCH_RECORDS ?? 1_000_000);
const BATCH = 1_000;
const IN_FLIGHT = 5;
const VALUE_BYTES = 100;

function clientBatch(producerId, baseSequence, compression) {
  const records = new Array(BATCH);
  for (let i = 0; i < BATCH; i++) {
    const value = Buffer.from(`{"order":${baseSequence + i},"customer":"c-${(baseSequence + i) % 997}","status":"paid"}`.padEnd(VALUE_BYTES, " "));
    records[i] = { key: Buffer.from(`order-${(baseSequence + i) % 5000}`), value, timestamp: Date.now() };
  }
  return encodeRecordBatch(records, { timestampType: "CreateTime", now: Date.now(), compression, producerId, producerEpoch: 0, baseSequence });
}

async function run(root, { compression, topicCompression, acks }) {
  const dataDir = mkdtempSync(join(root, "produce-"));
  const broker = await Broker.open({ dataDir });
  await broker.createTopic({ name: "bench", partitions: 1, configs: { "compression.type": topicCompression } });
  const { producerId } = await broker.initProducerId();
  // Batches are encoded up front (a client's work); each append rewrites its copy in place, as a request buffer.
  const encoded = [];
  for (let seq = 0; seq < RECORDS; seq += BATCH) encoded.push(clientBatch(producerId, seq, compression));
  const start = process.hrtime.bigint();
  for (let i = 0; i < encoded.length; i += IN_FLIGHT) {
    const requests = [];
    for (let j = i; j < Math.min(encoded.length, i + IN_FLIGHT); j++) requests.push(broker.appendRecordBatches("bench", 0, encoded[j], { acks }));
    await Promise.all(requests);
  }
  const appendSeconds = Number(process.hrtime.bigint() - start) / 1e9;
  const bytes = broker.partitionOffsets("bench", 0).sizeBytes;
  const readStart = process.hrtime.bigint();
  let offset = 0;
  let readBytes = 0;
  for (;;) {
    const read = broker.readRecordBatches("bench", 0, offset, 1 << 20);
    if (read.data.length === 0) break;
    readBytes += read.data.length;
    let pos = 0;
    while (pos < read.data.length) {
      offset = Number(read.data.readBigInt64BE(pos)) + read.data.readInt32BE(pos + 23) + 1;
      pos += 12 + read.data.readInt32BE(pos + 8);
    }
  }
  const readSeconds = Number(process.hrtime.bigint() - readStart) / 1e9;
  await broker.close();
  rmSync(dataDir, { recursive: true, force: true });
  return {
    batches: compression,
    topic: topicCompression,
    acks: acks === -1 ? "all" : String(acks),
    appendRecordsPerSec: Math.round(RECORDS / appendSeconds),
    storedMB: Math.round((bytes / 1e6) * 10) / 10,
    readRecordsPerSec: Math.round(RECORDS / readSeconds),
    readMBPerSec: Math.round(readBytes / 1e6 / readSeconds),
  };
}

const root = mkdtempSync(join(process.env.BENCH_DIR ?? tmpdir(), "skein-bench-"));
try {
  const runs = [];
  for (const acks of [1, -1]) runs.push(await run(root, { compression: "none", topicCompression: "producer", acks }));
  for (const compression of ["lz4", "zstd"]) runs.push(await run(root, { compression, topicCompression: "producer", acks: 1 }));
  runs.push(await run(root, { compression: "gzip", topicCompression: "zstd", acks: 1 }));
  console.log(JSON.stringify({ produceBatches: { recordBytes: VALUE_BYTES, batchRecords: BATCH, inFlight: IN_FLIGHT, runs } }, null, 2));
} finally {
  rmSync(root, { recursive: true, force: true });
}
