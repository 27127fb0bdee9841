// WebSocket produce-to-tail latency: one client produces 1,000 records/s over /ws, another tails the topic over /ws;
// latency is from the produce frame being sent to the record arriving at the tail. The service runs in its own
// process. Measured with acks=1 (the target's) and with acks=all (the default: a record reaches tails once it is
// fsynced, so this adds the disk's sync latency). Target: p99 under 10 ms with acks=1. Prints one JSON object.
import { WebSocket } from "ws";
import { spawnService } from "./service.mjs";

const RATE = 1000;
const SECONDS = Number(process.env.BENCH_WS_SECONDS ?? 10);
const WARMUP = 500;
const service = await spawnService();
const wsUrl = `ws://127.0.0.1:${service.port}/ws`;

const open = (url) =>
  new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    socket.once("open", () => resolve(socket));
    socket.once("error", reject);
  });
const producer = await open(wsUrl);
const tail = await open(wsUrl);

const ack = (socket, id) =>
  new Promise((resolve) => {
    const onMessage = (data) => {
      const frame = JSON.parse(data.toString());
      if (frame.id === id) {
        socket.off("message", onMessage);
        resolve(frame);
      }
    };
    socket.on("message", onMessage);
  });

/** Produce-to-tail latencies (ms) of RATE records/s for SECONDS seconds, after WARMUP records, with `acks`. */
async function measure(acks, topic) {
  producer.send(JSON.stringify({ type: "produce", id: `create-${topic}`, topic, value: "first", acks }));
  await ack(producer, `create-${topic}`);
  tail.send(JSON.stringify({ type: "subscribe", id: topic, topic, from: "latest", encoding: "string" }));
  await ack(tail, topic);
  const sentAt = new Map();
  const latencies = [];
  const total = RATE * SECONDS + WARMUP;
  const done = new Promise((resolve) => {
    let received = 0;
    const onMessage = (data) => {
      const now = performance.now();
      const frame = JSON.parse(data.toString());
      if (frame.type !== "records" || frame.id !== topic) return;
      for (const record of frame.records) {
        const sequence = Number(record.value);
        if (sequence >= WARMUP) latencies.push(now - sentAt.get(sequence));
        if (++received === total) {
          tail.off("message", onMessage);
          resolve();
        }
      }
    };
    tail.on("message", onMessage);
  });
  // Paced sends: every millisecond's worth of records leaves on schedule, not in bursts.
  const started = performance.now();
  for (let sequence = 0; sequence < total; sequence++) {
    const due = started + (sequence * 1000) / RATE;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    sentAt.set(sequence, performance.now());
    producer.send(JSON.stringify({ type: "produce", id: `p${sequence}`, topic, key: "k", value: String(sequence), acks }));
  }
  await done;
  latencies.sort((a, b) => a - b);
  const percentile = (p) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] * 1000) / 1000;
  return { records: latencies.length, latency_p50_ms: percentile(50), latency_p99_ms: percentile(99), latency_max_ms: Math.round(latencies[latencies.length - 1] * 1000) / 1000 };
}

const acks1 = await measure(1, "bench-ws-acks-1");
const acksAll = await measure("all", "bench-ws-acks-all");
producer.close();
tail.close();
await service.stop();

console.log(
  JSON.stringify({
    ws_produce_to_tail: {
      rate_per_sec: RATE,
      acks_1: acks1,
      acks_all: acksAll,
      target_p99_ms: 10,
      meets_target: acks1.latency_p99_ms < 10,
    },
  }),
);
