// A child process for the idempotent-producer crash test: a broker on a data directory that appends the raw batches
// its parent (the producer) sends on stdin, one command per line, until it is SIGKILLed (or its stdin ends: then it
// closes the broker).
//   in:  "init"                                  out: "pid <producerId> <epoch>"
//   in:  "<id> <partition> <acks> <base64 batch>" out: "ok <id> <baseOffset>" or "err <id> <ERROR_NAME> <message>"
import { createInterface } from "node:readline";
import { Broker } from "../../dist/index.js";

const [dataDir] = process.argv.slice(2);
const broker = await Broker.open({ dataDir });
if (!broker.listTopics().some((t) => t.name === "idem")) {
  await broker.createTopic({ name: "idem", partitions: 2, configs: { "segment.bytes": "16384", "index.interval.bytes": "512" } });
}
process.stdout.write("ready\n");

for await (const line of createInterface({ input: process.stdin })) {
  if (line === "init") {
    const { producerId, producerEpoch } = await broker.initProducerId();
    process.stdout.write(`pid ${producerId} ${producerEpoch}\n`);
    continue;
  }
  const [id, partition, acks, data] = line.split(" ");
  // Appended in arrival order (everything up to the durability wait is synchronous); answered when acknowledged.
  broker.appendRecordBatches("idem", Number(partition), Buffer.from(data, "base64"), { acks: Number(acks) }).then(
    (result) => process.stdout.write(`ok ${id} ${result.baseOffset}\n`),
    (err) => process.stdout.write(`err ${id} ${err.errorName ?? err.name} ${String(err.message).replace(/\n/g, " ")}\n`),
  );
}
await broker.close();
