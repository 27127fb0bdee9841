// The codecs' benchmark, on the broker's hot path: decoding a Produce request (one batch of 100 records of 100 bytes)
// and encoding a Fetch response (one partition with 1 MiB of records), at a classic and a flexible version each, plus
// the other direction for scale. Records are raw bytes to the codecs (the engine owns the RecordBatch codec), so a
// buffer of a real batch's size stands in for one. Prints one JSON object; `npm run bench` runs it after a build.
import {
  decodeFetchResponse,
  decodeProduceRequest,
  decodeRequestHeader,
  encodeFetchResponse,
  encodeProduceRequest,
  encodeRequestHeader,
  encodeResponseHeader,
  Reader,
  responseHeaderVersion,
  Writer,
} from "../dist/index.js";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 1.5);

/** Runs `fn` repeatedly for about SECONDS (after a warm-up) and returns operations per second. */
function rate(fn) {
  for (let i = 0; i < 2000; i++) fn();
  let ops = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < SECONDS * 1000) {
    for (let i = 0; i < 200; i++) fn();
    ops += 200;
    elapsed = performance.now() - start;
  }
  return ops / (elapsed / 1000);
}

const round = (n) => Math.round(n);

// A RecordBatch v2 of 100 records with 100-byte values and no key is 61 + 100 × ~107 bytes.
const batch = Buffer.alloc(61 + 100 * 107, 1);
const produce = (version) => ({
  transactionalId: null,
  acks: -1,
  timeoutMs: 30000,
  topicData: [{ name: "orders", partitionData: [{ index: 3, records: batch }] }],
});
function produceFrame(version) {
  const w = new Writer();
  encodeRequestHeader(w, { requestApiKey: 0, requestApiVersion: version, correlationId: 42, clientId: "producer-1" });
  encodeProduceRequest(w, produce(version), version);
  return w.toBuffer();
}

const MiB = 1024 * 1024;
const fetchRecords = Buffer.alloc(MiB, 2);
const fetchResponse = {
  throttleTimeMs: 0,
  errorCode: 0,
  sessionId: 0,
  responses: [
    {
      topic: "orders",
      topicId: "AAAAAAAAAAAAAAAAAAAAAQ",
      partitions: [{ partitionIndex: 3, errorCode: 0, highWatermark: 1_000_000, lastStableOffset: 1_000_000, logStartOffset: 0, abortedTransactions: null, preferredReadReplica: -1, records: fetchRecords }],
    },
  ],
};
function encodeFetch(version) {
  const w = new Writer();
  encodeResponseHeader(w, { correlationId: 42 }, responseHeaderVersion(1, version));
  encodeFetchResponse(w, fetchResponse, version);
  return w.finish();
}

const report = {};
for (const version of [7, 9]) {
  const frame = produceFrame(version);
  const decodes = rate(() => {
    const r = new Reader(frame);
    const header = decodeRequestHeader(r);
    decodeProduceRequest(r, header.requestApiVersion);
  });
  const encodes = rate(() => produceFrame(version));
  report[`produce_request_v${version}_decode_per_s`] = round(decodes);
  report[`produce_request_v${version}_decode_records_per_s`] = round(decodes * 100);
  report[`produce_request_v${version}_encode_per_s`] = round(encodes);
}
for (const version of [11, 12]) {
  const encodes = rate(() => encodeFetch(version));
  const { chunks, length } = encodeFetch(version);
  const bytes = Buffer.concat(chunks, length);
  const decodes = rate(() => {
    const r = new Reader(bytes, 4 + (responseHeaderVersion(1, version) === 1 ? 1 : 0));
    decodeFetchResponse(r, version);
  });
  report[`fetch_response_v${version}_1MiB_encode_per_s`] = round(encodes);
  // The records are passed through as a chunk of their own (never copied): the cost is the framing around them.
  report[`fetch_response_v${version}_1MiB_chunks`] = chunks.length;
  report[`fetch_response_v${version}_1MiB_decode_per_s`] = round(decodes);
}
console.log(JSON.stringify({ protocol: report }));
