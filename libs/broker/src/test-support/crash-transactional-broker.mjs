// A child process for the transactions crash test: a broker with its group and transaction coordinators that runs a
// transactional producer's work on itself, until it is SIGKILLed (or has done `count` transactions: then it closes
// everything). Transaction t writes `t:<partition>:<r>` records to both partitions of "txn" and commits t as group
// "eos"'s offset of partition 0, then commits — or aborts every fourth. With a fourth argument "hang" it leaves its
// first transaction open (records and offset written, no EndTxn) and waits to be killed. Lines on stdout:
//   "ready"                   the coordinators are up (prepared transactions found at start are being completed)
//   "begin <t>"               transaction t started (its partitions added)
//   "committed <t>" / "aborted <t>"   EndTxn for t returned (its PrepareCommit / PrepareAbort is logged)
//   "open <t> <o0> <o1>"      ("hang") transaction t is written and left open; o0/o1 are its first offsets
import { Broker, GroupCoordinator, TransactionCoordinator, encodeRecordBatch } from "../../dist/index.js";

const [dataDir, first, count, mode] = process.argv.slice(2);
const broker = await Broker.open({ dataDir, brokerConfig: { "transaction.state.log.num.partitions": "3", "offsets.topic.num.partitions": "3" } });
if (!broker.findTopic("txn")) {
  await broker.createTopic({ name: "txn", partitions: 2, configs: { "segment.bytes": "8192", "index.interval.bytes": "512" } });
}
const groups = await GroupCoordinator.start(broker, { tickIntervalMs: 0 });
const transactions = await TransactionCoordinator.start(broker, { completions: groups, markerRetryBackoffMs: 20 });
process.stdout.write("ready\n");

const transactionalId = "crash-app";
/**
 * Runs a coordinator call, retried as Kafka's client does while the previous transaction's markers are being written
 * (CONCURRENT_TRANSACTIONS): the open transaction of a killed incarnation being aborted, or the last EndTxn completing.
 */
async function retryingConcurrent(call) {
  for (;;) {
    try {
      return await call();
    } catch (err) {
      if (err.errorName !== "CONCURRENT_TRANSACTIONS") throw err;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }
}

const { producerId, producerEpoch } = await retryingConcurrent(() => transactions.initProducerId(transactionalId, 60_000, null));
const sequences = [0, 0];
const offsetsPartition = { topic: "__consumer_offsets", partition: groups.partitionFor("eos") };
for (let t = Number(first); t < Number(first) + Number(count); t++) {
  await retryingConcurrent(() =>
    transactions.addPartitionsToTxn(transactionalId, producerId, producerEpoch, [{ topic: "txn", partition: 0 }, { topic: "txn", partition: 1 }, offsetsPartition]),
  );
  process.stdout.write(`begin ${t}\n`);
  const firstOffsets = [];
  for (let partition = 0; partition < 2; partition++) {
    const records = 1 + ((t + partition) % 5);
    const batch = encodeRecordBatch(
      Array.from({ length: records }, (_, r) => ({ key: Buffer.from(`k${r}`), value: Buffer.from(`${t}:${partition}:${r}`.padEnd(60 + (t % 40), "~")) })),
      { timestampType: "CreateTime", now: Date.now(), producerId, producerEpoch, baseSequence: sequences[partition], isTransactional: true },
    );
    sequences[partition] += records;
    const { baseOffset } = await broker.appendRecordBatches("txn", partition, batch, { acks: t % 2 === 0 ? 1 : -1 });
    firstOffsets.push(baseOffset);
  }
  await groups.commitTransactionalOffsets({ groupId: "eos", transactionalId, producerId, producerEpoch, offsets: [{ topic: "txn", partition: 0, offset: t }] });
  if (mode === "hang") {
    process.stdout.write(`open ${t} ${firstOffsets.join(" ")}\n`);
    await new Promise(() => setInterval(() => undefined, 60_000));
  }
  const commit = t % 4 !== 3;
  await transactions.endTxn(transactionalId, producerId, producerEpoch, commit);
  process.stdout.write(`${commit ? "committed" : "aborted"} ${t}\n`);
}
await transactions.markersWritten();
await transactions.close();
groups.close();
await broker.close();
