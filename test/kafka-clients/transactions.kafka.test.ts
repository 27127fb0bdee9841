// Transactions with Kafka's Java client 4.4 and Kafka's kafka-transactions tool, unchanged, against the selected
// brokers: committed and aborted transactions under read_committed and read_uncommitted, consume-transform-produce with
// sendOffsetsToTransaction, a producer SIGKILLed mid-transaction, and a transaction left open that an administrator
// lists, describes and aborts. Skein alone also gets a hanging transaction that kafka-transactions finds: Apache Kafka
// 4.4 refuses to create one (KIP-890's verification cannot be turned off on the shared broker).
import { encodeRecordBatch } from "@skein/broker";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WireClient } from "../../libs/broker/src/test-support/wire-client.js";
import { linesOf, runJavaExample, startJavaExample } from "./support/java-examples.js";
import { kafkaTool, type KafkaToolProcess } from "./support/kafka-tool.mjs";
import { parseTable } from "./support/normalise.js";
import { startSkeinBroker } from "./support/skein-broker.mjs";
import { selectedTargetIds } from "./support/target-selection.mjs";
import { kafkaTargets, type KafkaTarget, type StartedTarget } from "./support/targets.js";

for (const target of kafkaTargets()) describeTransactions(target);
if (selectedTargetIds().includes("skein")) describeHangingTransaction();

function describeTransactions(target: KafkaTarget): void {
  describe(`Transactions with Kafka's Java client and kafka-transactions against ${target.name}`, () => {
    let broker: StartedTarget;
    let bootstrap: string;
    const running: KafkaToolProcess[] = [];
    // Names are unique per run: the Apache Kafka broker is shared by every suite and outlives this one.
    const run = Date.now().toString(36);
    const name = (base: string) => `${base}_${run}`;
    const createTopic = async (topic: string, partitions: number) => {
      const created = await kafkaTool("kafka-topics", ["--bootstrap-server", bootstrap, "--create", "--topic", topic, "--partitions", String(partitions)]);
      expect(created.code, created.stdout + created.stderr).toBe(0);
    };
    const transactions = (args: string[]) => kafkaTool("kafka-transactions", ["--bootstrap-server", bootstrap, ...args]);
    const readTopic = async (topic: string, isolation: "read_committed" | "read_uncommitted") => {
      const consumer = await runJavaExample("IsolatedConsumer", [bootstrap, topic, isolation]);
      expect(consumer.code, consumer.stderr).toBe(0);
      return {
        values: linesOf(consumer, "RECORD").map(([, , value]) => value!),
        ends: new Map(linesOf(consumer, "END").map(([partition, position]) => [Number(partition), Number(position)])),
      };
    };

    beforeAll(async () => {
      broker = await target.start();
      bootstrap = broker.bootstrap;
      await Promise.all([createTopic(name("tx_orders"), 3), createTopic(name("eos_in"), 2), createTopic(name("eos_out"), 2), createTopic(name("tx_crash"), 2), createTopic(name("tx_stuck"), 1)]);
    });
    afterAll(async () => {
      await Promise.all(running.map((process) => process.stop("SIGKILL")));
      await broker?.stop();
    });

    it("read_committed consumers read each committed transaction once and no aborted one; read_uncommitted reads both", async () => {
      const producer = await runJavaExample("TransactionalProducer", [bootstrap, name("tx_orders"), name("orders-producer"), "9", "4", "3"]);
      expect(producer.code, producer.stderr).toBe(0);
      const committed = linesOf(producer, "COMMITTED").map(([t]) => Number(t));
      const aborted = linesOf(producer, "ABORTED").map(([t]) => Number(t));
      expect(committed).toEqual([0, 1, 3, 4, 6, 7]);
      expect(aborted).toEqual([2, 5, 8]);
      const valuesOf = (txns: number[]) => txns.flatMap((t) => [0, 1, 2, 3].map((r) => `txn-${t}-${r}`)).sort();

      expect((await readTopic(name("tx_orders"), "read_committed")).values.sort()).toEqual(valuesOf(committed));
      expect((await readTopic(name("tx_orders"), "read_uncommitted")).values.sort()).toEqual(valuesOf([...committed, ...aborted]).sort());
    });

    it("consume-transform-produce with sendOffsetsToTransaction copies every record once and commits the group's offsets with it", async () => {
      const feeder = await runJavaExample("TransactionalProducer", [bootstrap, name("eos_in"), name("feeder"), "5", "4"]);
      expect(feeder.code, feeder.stderr).toBe(0);
      const input = (await readTopic(name("eos_in"), "read_committed")).values;
      expect(input).toHaveLength(20);

      const copier = await runJavaExample("ExactlyOnceCopy", [bootstrap, name("eos_in"), name("eos_out"), name("copier"), name("copier-txn"), "20"]);
      expect(copier.code, copier.stdout + copier.stderr).toBe(0);
      expect(linesOf(copier, "COPIED")).toEqual([["20"]]);
      expect((await readTopic(name("eos_out"), "read_committed")).values.sort()).toEqual(input.map((v) => v.toUpperCase()).sort());

      // The group's offsets were committed in the transactions: each partition's position is past its last record,
      // which is followed only by the feeder's commit marker.
      const described = await kafkaTool("kafka-consumer-groups", ["--bootstrap-server", bootstrap, "--describe", "--group", name("copier")]);
      expect(described.code, described.stderr).toBe(0);
      const rows = parseTable(described.stdout);
      expect(rows).toHaveLength(2);
      for (const row of rows) expect(Number(row["CURRENT-OFFSET"]), described.stdout).toBe(Number(row["LOG-END-OFFSET"]) - 1);
    });

    it("SIGKILLed mid-stream and restarted, a transactional producer leaves each committed transaction once and no uncommitted one", async () => {
      const topic = name("tx_crash");
      const transactionalId = name("crashy");
      const committed = new Set<number>();
      const begun = new Set<number>();
      let next = 0;
      for (let round = 0; round < 3; round++) {
        const producer = startJavaExample("TransactionalProducer", [bootstrap, topic, transactionalId, "1000", "5", "0", String(next), "20"]);
        running.push(producer);
        await producer.waitFor((self) => linesOf(self, "COMMITTED").length >= 5 + round * 3, "a few committed transactions", 120_000);
        await producer.stop("SIGKILL");
        for (const [t] of linesOf(producer, "BEGIN")) begun.add(Number(t));
        for (const [t] of linesOf(producer, "COMMITTED")) committed.add(Number(t));
        next = Math.max(...begun) + 1;
      }
      // The last instance's InitProducerId fenced and aborted whatever the killed one left open.
      const final = await runJavaExample("TransactionalProducer", [bootstrap, topic, transactionalId, "2", "5", "0", String(next)]);
      expect(final.code, final.stderr).toBe(0);
      for (const [t] of linesOf(final, "COMMITTED")) committed.add(Number(t));

      const read = (await readTopic(topic, "read_committed")).values;
      expect(new Set(read).size, "no record twice").toBe(read.length);
      const byTransaction = new Map<number, number>();
      for (const value of read) {
        const t = Number(value.split("-")[1]);
        byTransaction.set(t, (byTransaction.get(t) ?? 0) + 1);
      }
      for (const t of committed) expect(byTransaction.get(t), `committed transaction ${t}`).toBe(5);
      // A transaction killed after its commit but before the line was printed may be there, whole; nothing else is.
      for (const [t, count] of byTransaction) {
        expect(count, `transaction ${t} all or nothing`).toBe(5);
        expect(begun.has(t) || committed.has(t), `transaction ${t} was begun`).toBe(true);
      }
      expect([...byTransaction.keys()].filter((t) => !committed.has(t)).length).toBeLessThanOrEqual(3);
    });

    it("kafka-transactions lists, describes and aborts a transaction a killed producer left open; read_committed consumers stuck at it resume", async () => {
      const topic = name("tx_stuck");
      const transactionalId = name("stuck");
      const open = startJavaExample("OpenTransaction", [bootstrap, topic, transactionalId, "3"]);
      running.push(open);
      await open.waitFor((self) => linesOf(self, "OPEN").length > 0, "the open transaction", 120_000);
      const [first, last] = linesOf(open, "OPEN")[0]!.map(Number) as [number, number];
      await open.stop("SIGKILL");

      // read_committed readers stop where the transaction starts: its producer is gone, the timeout is 10 minutes.
      expect((await readTopic(topic, "read_committed")).ends.get(0)).toBe(first);
      expect((await readTopic(topic, "read_uncommitted")).values).toEqual(["uncommitted-0", "uncommitted-1", "uncommitted-2"]);

      const listed = await transactions(["list"]);
      expect(listed.code, listed.stderr).toBe(0);
      expect(tsv(listed.stdout).find((row) => row.TransactionalId === transactionalId)).toMatchObject({ TransactionState: "Ongoing" });
      const described = await transactions(["describe", "--transactional-id", transactionalId]);
      expect(described.code, described.stderr).toBe(0);
      expect(tsv(described.stdout)[0]).toMatchObject({ TransactionalId: transactionalId, TransactionState: "Ongoing", TransactionTimeoutMs: "600000", TopicPartitions: `${topic}-0` });
      const producers = await transactions(["describe-producers", "--topic", topic, "--partition", "0"]);
      expect(producers.code, producers.stderr).toBe(0);
      expect(tsv(producers.stdout).map((row) => row.CurrentTransactionStartOffset)).toEqual([String(first)]);

      const aborted = await transactions(["abort", "--topic", topic, "--partition", "0", "--start-offset", String(first)]);
      expect(aborted.code, aborted.stdout + aborted.stderr).toBe(0);
      const after = await readTopic(topic, "read_committed");
      expect(after.values).toEqual([]);
      expect(after.ends.get(0)).toBe(last + 2);
      expect(tsv((await transactions(["describe-producers", "--topic", topic, "--partition", "0"])).stdout)[0]).toMatchObject({ CurrentTransactionStartOffset: "None" });
    });
  });
}

function describeHangingTransaction(): void {
  describe("Skein: kafka-transactions finds and aborts a hanging transaction", () => {
    let broker: Awaited<ReturnType<typeof startSkeinBroker>>;

    beforeAll(async () => {
      // Without KIP-890's verification (as brokers before Kafka 3.6 were), a write can open a transaction in a
      // partition that its coordinator never heard of: a hanging transaction.
      broker = await startSkeinBroker({ env: { SKEIN_TRANSACTION_PARTITION_VERIFICATION_ENABLE: "false" } });
    });
    afterAll(async () => {
      await broker?.stop();
    });

    it("find-hanging lists a partition's open transaction its coordinator does not know of, and abort ends it", async () => {
      const transactions = (args: string[]) => kafkaTool("kafka-transactions", ["--bootstrap-server", broker.bootstrap, ...args]);
      const created = await kafkaTool("kafka-topics", ["--bootstrap-server", broker.bootstrap, "--create", "--topic", "hanging", "--partitions", "1"]);
      expect(created.code, created.stderr).toBe(0);
      const client = await WireClient.connect(Number(broker.bootstrap.split(":")[1]));
      try {
        const init = await client.request(22, 4, { transactionalId: "orphan", transactionTimeoutMs: 60_000, producerId: -1, producerEpoch: -1 });
        expect(init.errorCode).toBe(0);
        // An hour old, as a write stuck in a client's retries would be: older than --max-transaction-timeout.
        const anHourAgo = Date.now() - 3_600_000;
        const batch = encodeRecordBatch([{ key: Buffer.from("k"), value: Buffer.from("lost"), timestamp: anHourAgo }], {
          timestampType: "CreateTime",
          now: anHourAgo,
          producerId: init.producerId,
          producerEpoch: init.producerEpoch,
          baseSequence: 0,
          isTransactional: true,
        });
        const produced = await client.request(0, 9, { transactionalId: "orphan", acks: -1, timeoutMs: 30_000, topicData: [{ name: "hanging", partitionData: [{ index: 0, records: batch }] }] });
        expect(produced.responses[0].partitionResponses[0].errorCode).toBe(0);

        const found = await transactions(["find-hanging", "--broker-id", "0", "--max-transaction-timeout", "1"]);
        expect(found.code, found.stderr).toBe(0);
        expect(tsv(found.stdout)).toEqual([expect.objectContaining({ Topic: "hanging", Partition: "0", ProducerId: String(init.producerId), ProducerEpoch: "0", StartOffset: "0" })]);
        const aborted = await transactions(["abort", "--topic", "hanging", "--partition", "0", "--start-offset", "0"]);
        expect(aborted.code, aborted.stdout + aborted.stderr).toBe(0);
        expect(tsv((await transactions(["find-hanging", "--broker-id", "0", "--max-transaction-timeout", "1"])).stdout)).toEqual([]);
        const offsets = await client.request(2, 7, { replicaId: -1, isolationLevel: 1, topics: [{ name: "hanging", partitions: [{ partitionIndex: 0, currentLeaderEpoch: -1, timestamp: -1 }] }] });
        expect(offsets.topics[0].partitions[0].offset).toBe(2);
      } finally {
        client.close();
      }
    });
  });
}

/** kafka-transactions' tab-separated tables: one object per row, keyed by the header's columns. */
function tsv(text: string): Record<string, string>[] {
  const lines = text.split("\n").filter((line) => line.includes("\t"));
  const [header, ...rows] = lines.map((line) => line.split("\t").map((cell) => cell.trim()));
  if (!header) return [];
  return rows.map((cells) => Object.fromEntries(header.filter(Boolean).map((column, i) => [column, cells[i] ?? ""])));
}
