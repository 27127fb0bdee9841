// A child process for the crash test: opens the broker on a data directory and produces until it is killed,
// printing every acknowledged record as "seq partition offset" (one write per acknowledged request).
import { Broker } from "../../dist/index.js";

const [dataDir, runId] = process.argv.slice(2);
const broker = await Broker.open({ dataDir });
if (!broker.listTopics().some((t) => t.name === "crash")) {
  await broker.createTopic({ name: "crash", partitions: 3, configs: { "segment.bytes": "65536", "index.interval.bytes": "512" } });
}
process.stdout.write("ready\n");

let seq = 0;
for (;;) {
  const count = 1 + Math.floor(Math.random() * 40);
  const records = [];
  const seqs = [];
  for (let i = 0; i < count; i++) {
    const id = `${runId}:${seq}`;
    seqs.push(seq++);
    records.push({ key: Math.random() < 0.7 ? Buffer.from(`key-${seq % 17}`) : null, value: Buffer.from(`${id}:`.padEnd(20 + (seq % 200), "*")) });
  }
  const acks = Math.random() < 0.3 ? -1 : 1;
  const results = await broker.produce("crash", records, { acks });
  process.stdout.write(results.map((r, i) => `${seqs[i]} ${r.partition} ${r.offset}`).join("\n") + "\n");
}
