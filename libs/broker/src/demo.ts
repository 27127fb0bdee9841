/**
 * The engine on its own: opens a broker on ./data (or SKEIN_DATA_DIR), produces a few records to `demo`, and
 * prints what a Kafka admin would look at: the topic, its segments and the records read back.
 */
import { Broker } from "./index.js";

const dataDir = process.env.SKEIN_DATA_DIR ?? "./data";
const broker = await Broker.open({ dataDir, logger: { info: console.log, warn: console.warn } });
if (!broker.listTopics().some((t) => t.name === "demo")) await broker.createTopic({ name: "demo", partitions: 3 });

const produced = await broker.produce(
  "demo",
  ["kim", "lee", "park", "kim"].map((name, i) => ({ key: Buffer.from(name), value: Buffer.from(JSON.stringify({ name, amount: (i + 1) * 1000 })) })),
  { acks: -1 },
);
console.log(`cluster ${broker.clusterId}, data in ${broker.dataDir}`);
for (const r of produced) console.log(`produced to demo-${r.partition} at offset ${r.offset}`);

const topic = broker.describeTopic("demo");
for (const p of topic.partitions) {
  console.log(`demo-${p.partition}: leader ${p.leader} replicas [${p.replicas}] isr [${p.isr}] offsets ${p.logStartOffset}..${p.logEndOffset} (${p.sizeBytes} bytes)`);
  for (const s of broker.listSegments("demo", p.partition)) {
    console.log(`  segment ${String(s.baseOffset).padStart(20, "0")}.log  ${s.sizeBytes} bytes  last offset ${s.lastOffset ?? "-"}${s.active ? "  (active)" : ""}`);
  }
  const { records } = await broker.fetch("demo", p.partition, p.logStartOffset);
  for (const r of records) console.log(`  ${r.offset}: ${r.key?.toString()} → ${r.value?.toString()}`);
}
await broker.close();
