// Group consumption benchmark: in-process, a group member of a 3-partition topic reads 1,000,000 records of 100
// bytes through the coordinator (joinAndSync, committed offsets, fetch, a commit per round). (REST v2 consumers and
// the WebSocket tail are measured against the engine's read in rest-ws-read.bench.mjs.) Prints one JSON object.
// Run through `npm run bench` (it builds first).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Broker, GroupCoordinator } from "../../../libs/broker/dist/index.js";

const RECORDS = Number(process.env.BENCH_RECORDS ?? 1_000_000);
const PARTITIONS = 3;
const VALUE_BYTES = 100;
const BATCH = 1_000;
const CONFIG = { "group.initial.rebalance.delay.ms": "0", "offsets.topic.num.partitions": "5" };

const round = (n) => Math.round(n * 10) / 10;

async function fill(broker, topic, count) {
  await broker.createTopic({ name: topic, partitions: PARTITIONS });
  const value = Buffer.alloc(VALUE_BYTES, 7);
  for (let sent = 0; sent < count; sent += BATCH) {
    const n = Math.min(BATCH, count - sent);
    const partition = (sent / BATCH) % PARTITIONS;
    await broker.produce(topic, Array.from({ length: n }, () => ({ value, partition })), { acks: 1 });
  }
}

/** One member reads every partition from the group's committed offsets, committing after each round. */
async function inProcess(dir) {
  const broker = await Broker.open({ dataDir: dir, brokerConfig: CONFIG });
  const coordinator = await GroupCoordinator.start(broker);
  try {
    await fill(broker, "bench", RECORDS);
    const start = process.hrtime.bigint();
    const member = await coordinator.joinAndSync({ groupId: "bench", memberId: "", clientId: "bench", clientHost: "/127.0.0.1", sessionTimeoutMs: 30_000, topics: ["bench"] });
    const partitions = member.assignment.flatMap(({ partitions: list }) => list);
    const positions = new Map(partitions.map((p) => [p, Math.max(0, coordinator.fetchOffsets("bench", [{ topic: "bench", partitions: [p] }])[0].offset)]));
    let read = 0;
    let commits = 0;
    while (read < RECORDS) {
      for (const p of partitions) {
        const fetched = await broker.fetch("bench", p, positions.get(p), { maxBytes: 4 * 1024 * 1024 });
        read += fetched.records.length;
        positions.set(p, fetched.nextOffset);
      }
      await coordinator.commitOffsets({ groupId: "bench", generationId: member.generationId, memberId: member.memberId, offsets: partitions.map((p) => ({ topic: "bench", partition: p, offset: positions.get(p) })) });
      commits++;
    }
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    return { records: read, seconds: round(seconds), commits, recordsPerSec: Math.round(read / seconds) };
  } finally {
    coordinator.close();
    await broker.close();
  }
}

const root = mkdtempSync(join(tmpdir(), "skein-group-bench-"));
try {
  const engine = await inProcess(join(root, "engine"));
  console.log(
    JSON.stringify(
      {
        groupConsume: {
          recordBytes: VALUE_BYTES,
          partitions: PARTITIONS,
          inProcess: engine,
          targets: {
            inProcessRecordsPerSec: { target: 1_000_000, measured: engine.recordsPerSec },
          },
        },
      },
      null,
      2,
    ),
  );
} finally {
  rmSync(root, { recursive: true, force: true });
}
