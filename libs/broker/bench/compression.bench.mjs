// The codecs' benchmark: compresses and decompresses the records section of a RecordBatch holding 1 MiB of typical
// records (JSON values of ~150 bytes with keys and a header) with each codec, and prints one JSON object with MB/s
// (of uncompressed bytes) and the compression ratio. Run through `npm run bench`.
import { codecFor } from "../dist/storage/compression/index.js";
import { BATCH_HEADER_SIZE, encodeRecordBatch } from "../dist/storage/record-batch.js";

const TARGET_BYTES = 1024 * 1024;
const MIN_SECONDS = Number(process.env.BENCH_CODEC_SECONDS ?? 1);

function typicalRecords() {
  const records = [];
  let size = 0;
  for (let i = 0; size < TARGET_BYTES; i++) {
    const value = Buffer.from(
      JSON.stringify({
        orderId: 100000 + i,
        customer: `customer-${(i * 7919) % 5003}`,
        status: ["created", "paid", "shipped", "delivered"][i % 4],
        amount: ((i * 37) % 100000) / 100,
        currency: "EUR",
        createdAt: new Date(1_700_000_000_000 + i * 1000).toISOString(),
      }),
    );
    const key = Buffer.from(`order-${100000 + i}`);
    records.push({ key, value, timestamp: 1_700_000_000_000 + i, headers: [{ key: "source", value: Buffer.from("checkout") }] });
    size += key.length + value.length + 20;
  }
  return records;
}

/** Runs `fn` repeatedly for at least MIN_SECONDS; returns the median time of one run in seconds. */
function time(fn) {
  for (let i = 0; i < 3; i++) fn();
  const samples = [];
  const end = performance.now() + MIN_SECONDS * 1000;
  while (performance.now() < end || samples.length < 5) {
    const start = performance.now();
    fn();
    samples.push((performance.now() - start) / 1000);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)];
}

const batch = encodeRecordBatch(typicalRecords(), { timestampType: "CreateTime", now: 0 });
const section = batch.subarray(BATCH_HEADER_SIZE);
const mb = section.length / 1e6;
const result = { records: { bytes: section.length, batchRecords: batch.readInt32BE(57) } };
for (const type of ["gzip", "snappy", "lz4", "zstd"]) {
  const codec = codecFor(type);
  const compressed = codec.compress(section);
  if (!codec.decompress(compressed, section.length * 2).equals(section)) throw new Error(`${type} did not round-trip`);
  const compressSeconds = time(() => codec.compress(section));
  const decompressSeconds = time(() => codec.decompress(compressed, section.length * 2));
  result[type] = {
    compressMBps: Math.round(mb / compressSeconds),
    decompressMBps: Math.round(mb / decompressSeconds),
    ratio: Math.round((section.length / compressed.length) * 100) / 100,
  };
}
console.log(JSON.stringify({ compression: result }));
