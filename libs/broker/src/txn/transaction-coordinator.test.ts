import { afterEach, describe, expect, it } from "vitest";
import {
  ConcurrentTransactionsError,
  InvalidProducerEpochError,
  InvalidProducerIdMappingError,
  InvalidTransactionTimeoutError,
  InvalidTxnStateError,
  ProducerFencedError,
  TransactionAbortableError,
  TransactionalIdNotFoundError,
} from "../errors.js";
import { useTempDirs } from "../test-support/temp-dir.js";
import { TxnFixture } from "../test-support/txn-fixtures.js";
import { txnBatch } from "../test-support/txn-batches.js";
import { decodeTransactionLogKey, decodeTransactionLogValue, encodeTransactionLogKey, encodeTransactionLogValue } from "./transaction-log.js";
import { TRANSACTION_STATE_TOPIC } from "./transaction-state-topic.js";

const tempDir = useTempDirs();
const fixtures: TxnFixture[] = [];
afterEach(async () => {
  for (const f of fixtures.splice(0)) await f.close();
});

async function open(brokerConfig: Record<string, string> = {}): Promise<TxnFixture> {
  const f = await TxnFixture.open(tempDir(), brokerConfig);
  fixtures.push(f);
  await f.broker.createTopic({ name: "orders", partitions: 2 });
  return f;
}

async function committedValues(f: TxnFixture, topic: string, partition: number): Promise<string[]> {
  const { records } = await f.broker.fetch(topic, partition, 0, { isolationLevel: "read_committed" });
  return records.map((r) => r.value!.toString());
}

/** The records of `__transaction_state` for one id, decoded, in log order. */
async function logged(f: TxnFixture, transactionalId: string) {
  const partition = f.txn.partitionFor(transactionalId);
  const { records } = await f.broker.fetch(TRANSACTION_STATE_TOPIC, partition, 0, { isolationLevel: "read_uncommitted" });
  return records
    .filter((r) => {
      const key = decodeTransactionLogKey(r.key!);
      return key.type === "transaction" && key.transactionalId === transactionalId;
    })
    .map((r) => (r.value === null ? null : decodeTransactionLogValue(r.value)));
}

describe("the transaction coordinator", () => {
  it("gives a transactional id its producer id and bumps the epoch at every InitProducerId, fencing the earlier instance", async () => {
    const f = await open();
    const first = await f.txn.initProducerId("app-1", 60_000, null);
    expect(first.producerEpoch).toBe(0);
    const second = await f.txn.initProducerId("app-1", 60_000, null);
    expect(second).toEqual({ producerId: first.producerId, producerEpoch: 1 });
    await expect(f.txn.addPartitionsToTxn("app-1", first.producerId, 0, [{ topic: "orders", partition: 0 }])).rejects.toBeInstanceOf(ProducerFencedError);
    // KIP-360: a producer naming its current id and epoch bumps; a stale one is fenced; a retry of the bump is answered again.
    const bumped = await f.txn.initProducerId("app-1", 60_000, second);
    expect(bumped.producerEpoch).toBe(2);
    expect(await f.txn.initProducerId("app-1", 60_000, second)).toEqual(bumped);
    await expect(f.txn.initProducerId("app-1", 60_000, first)).rejects.toBeInstanceOf(ProducerFencedError);
    await expect(f.txn.initProducerId("app-1", 60_000, { producerId: 999_999, producerEpoch: 0 })).rejects.toBeInstanceOf(ProducerFencedError);
    expect((await f.txn.initProducerId(null, 0, null)).producerEpoch).toBe(0);
    await expect(f.txn.initProducerId("app-1", 900_001, null)).rejects.toBeInstanceOf(InvalidTransactionTimeoutError);
    await expect(f.txn.initProducerId("app-1", 0, null)).rejects.toBeInstanceOf(InvalidTransactionTimeoutError);
  });

  it("commits: the partitions are logged, the markers written, the offsets and state complete", async () => {
    const f = await open();
    const { producerId, producerEpoch } = await f.txn.initProducerId("app-2", 60_000, null);
    await f.txn.addPartitionsToTxn("app-2", producerId, producerEpoch, [{ topic: "orders", partition: 0 }, { topic: "orders", partition: 1 }]);
    expect(f.txn.verifyPartitionsInTxn("app-2", producerId, producerEpoch, [{ topic: "orders", partition: 1 }])).toEqual([null]);
    await f.broker.appendRecordBatches("orders", 0, txnBatch(producerId, ["a"]), { acks: -1 });
    await f.broker.appendRecordBatches("orders", 1, txnBatch(producerId, ["b"]), { acks: -1 });
    expect(await committedValues(f, "orders", 0)).toEqual([]);
    expect(f.txn.describeTransaction("app-2")).toMatchObject({ state: "Ongoing", partitions: [{ topic: "orders", partition: 0 }, { topic: "orders", partition: 1 }] });

    await f.txn.endTxn("app-2", producerId, producerEpoch, true);
    await f.txn.markersWritten();
    expect(await committedValues(f, "orders", 0)).toEqual(["a"]);
    expect(await committedValues(f, "orders", 1)).toEqual(["b"]);
    expect(f.broker.partitionOffsets("orders", 0)).toMatchObject({ lastStableOffset: 2, highWatermark: 2 });
    expect(f.txn.describeTransaction("app-2")).toMatchObject({ state: "CompleteCommit", partitions: [] });
    // A repeated commit is answered as done; an abort now is INVALID_TXN_STATE.
    await f.txn.endTxn("app-2", producerId, producerEpoch, true);
    await expect(f.txn.endTxn("app-2", producerId, producerEpoch, false)).rejects.toBeInstanceOf(InvalidTxnStateError);
    // Kafka's states, in order, as stored.
    expect((await logged(f, "app-2")).map((v) => [v!.transactionStatus, v!.transactionPartitions?.length ?? null])).toEqual([
      [0, null],
      [1, 1],
      [2, 1],
      [4, 0],
    ]);
    // After the marker, the partition is no longer in the transaction: a late write is refused.
    expect(f.txn.verifyPartitionsInTxn("app-2", producerId, producerEpoch, [{ topic: "orders", partition: 0 }])[0]).toBeInstanceOf(TransactionAbortableError);
  });

  it("aborts an open transaction when a new instance initialises, and the old epoch can no longer write", async () => {
    const f = await open();
    const old = await f.txn.initProducerId("app-3", 60_000, null);
    await f.txn.addPartitionsToTxn("app-3", old.producerId, old.producerEpoch, [{ topic: "orders", partition: 0 }]);
    await f.broker.appendRecordBatches("orders", 0, txnBatch(old.producerId, ["zombie-1"]), { acks: -1 });
    await expect(f.txn.initProducerId("app-3", 60_000, null)).rejects.toBeInstanceOf(ConcurrentTransactionsError);
    await f.txn.markersWritten();
    const fresh = await f.txn.initProducerId("app-3", 60_000, null);
    expect(fresh).toEqual({ producerId: old.producerId, producerEpoch: 2 });
    expect(f.txn.describeTransaction("app-3").state).toBe("Empty");
    await expect(f.broker.appendRecordBatches("orders", 0, txnBatch(old.producerId, ["zombie-2"], { baseSequence: 1 }), { acks: -1 })).rejects.toBeInstanceOf(InvalidProducerEpochError);
    expect(await committedValues(f, "orders", 0)).toEqual([]);
    const uncommitted = await f.broker.fetch("orders", 0, 0, { isolationLevel: "read_uncommitted" });
    expect(uncommitted.records.map((r) => r.value!.toString())).toEqual(["zombie-1"]);
    expect(f.broker.partitionOffsets("orders", 0).lastStableOffset).toBe(2);
  });

  it("aborts transactions older than transaction.timeout.ms and fences their producer", async () => {
    const f = await open();
    const p = await f.txn.initProducerId("slow", 10_000, null);
    await f.txn.addPartitionsToTxn("slow", p.producerId, p.producerEpoch, [{ topic: "orders", partition: 1 }]);
    await f.broker.appendRecordBatches("orders", 1, txnBatch(p.producerId, ["late"]), { acks: -1 });
    f.clock.advance(9_000);
    expect(await f.txn.abortTimedOutTransactions()).toEqual([]);
    f.clock.advance(2_000);
    expect(await f.txn.abortTimedOutTransactions()).toEqual(["slow"]);
    await f.txn.markersWritten();
    expect(f.txn.describeTransaction("slow")).toMatchObject({ state: "CompleteAbort", producerEpoch: 1 });
    expect(f.broker.partitionOffsets("orders", 1).lastStableOffset).toBe(2);
    await expect(f.txn.endTxn("slow", p.producerId, p.producerEpoch, true)).rejects.toBeInstanceOf(ProducerFencedError);
  });

  it("refuses what does not fit the state: unknown ids, ending an empty transaction, partitions not added", async () => {
    const f = await open();
    await expect(f.txn.addPartitionsToTxn("nobody", 5, 0, [{ topic: "orders", partition: 0 }])).rejects.toBeInstanceOf(InvalidProducerIdMappingError);
    const p = await f.txn.initProducerId("app-4", 60_000, null);
    await expect(f.txn.endTxn("app-4", p.producerId, p.producerEpoch, true)).rejects.toBeInstanceOf(InvalidTxnStateError);
    await expect(f.txn.endTxn("app-4", p.producerId + 1, p.producerEpoch, true)).rejects.toBeInstanceOf(InvalidProducerIdMappingError);
    expect(f.txn.verifyPartitionsInTxn("app-4", p.producerId, p.producerEpoch, [{ topic: "orders", partition: 0 }])[0]).toBeInstanceOf(TransactionAbortableError);
    expect(() => f.txn.describeTransaction("nobody")).toThrow(TransactionalIdNotFoundError);
  });

  it("lists transactions by state, producer id and duration, naming unknown state filters", async () => {
    const f = await open();
    const a = await f.txn.initProducerId("list-a", 60_000, null);
    const b = await f.txn.initProducerId("list-b", 60_000, null);
    await f.txn.addPartitionsToTxn("list-b", b.producerId, b.producerEpoch, [{ topic: "orders", partition: 0 }]);
    f.clock.advance(5_000);
    expect(f.txn.listTransactions().transactions.map((t) => [t.transactionalId, t.state])).toEqual([
      ["list-a", "Empty"],
      ["list-b", "Ongoing"],
    ]);
    expect(f.txn.listTransactions({ states: ["Ongoing", "Bogus"] })).toMatchObject({ transactions: [{ transactionalId: "list-b" }], unknownStateFilters: ["Bogus"] });
    expect(f.txn.listTransactions({ producerIds: [a.producerId] }).transactions.map((t) => t.transactionalId)).toEqual(["list-a"]);
    expect(f.txn.listTransactions({ states: ["Ongoing"], durationFilterMs: 4_000 }).transactions).toHaveLength(1);
    expect(f.txn.listTransactions({ states: ["Ongoing"], durationFilterMs: 6_000 }).transactions).toHaveLength(0);
  });

  it("expires transactional ids idle for transactional.id.expiration.ms, with a tombstone", async () => {
    const f = await open({ "transactional.id.expiration.ms": "60000" });
    await f.txn.initProducerId("idle", 30_000, null);
    f.clock.advance(61_000);
    expect(await f.txn.removeExpiredTransactionalIds()).toEqual(["idle"]);
    expect(() => f.txn.describeTransaction("idle")).toThrow(TransactionalIdNotFoundError);
    expect((await logged(f, "idle")).at(-1)).toBeNull();
    await f.restart();
    expect(() => f.txn.describeTransaction("idle")).toThrow(TransactionalIdNotFoundError);
  });

  it("rebuilds from __transaction_state at start and finishes a transaction it finds prepared", async () => {
    const f = await open();
    const p = await f.txn.initProducerId("app-5", 60_000, null);
    await f.txn.addPartitionsToTxn("app-5", p.producerId, p.producerEpoch, [{ topic: "orders", partition: 1 }]);
    await f.broker.appendRecordBatches("orders", 1, txnBatch(p.producerId, ["pending"]), { acks: -1 });
    // The coordinator logged PrepareCommit and crashed before any marker: write that record as it would have.
    const partition = f.txn.partitionFor("app-5");
    const now = f.clock.now();
    const value = encodeTransactionLogValue({
      producerId: p.producerId,
      previousProducerId: -1,
      nextProducerId: -1,
      producerEpoch: 0,
      transactionTimeoutMs: 60_000,
      transactionStatus: 2,
      transactionPartitions: [{ topic: "orders", partitionIds: [1] }],
      transactionLastUpdateTimestampMs: now,
      transactionStartTimestampMs: now,
      clientTransactionVersion: 0,
    });
    await f.broker.produce(TRANSACTION_STATE_TOPIC, [{ key: encodeTransactionLogKey("app-5"), value, partition }], { acks: -1, allowInternal: true });
    await f.restart();
    await f.txn.markersWritten();
    expect(f.txn.describeTransaction("app-5")).toMatchObject({ state: "CompleteCommit", producerId: p.producerId, producerEpoch: 0 });
    expect(await committedValues(f, "orders", 1)).toEqual(["pending"]);
    // The id goes on where it was.
    expect(await f.txn.initProducerId("app-5", 60_000, null)).toEqual({ producerId: p.producerId, producerEpoch: 1 });
  });

  it("keeps transactional offset commits pending until the marker, then commits or drops them", async () => {
    const f = await open();
    const p = await f.txn.initProducerId("eos", 60_000, null);
    const offsetsPartition = { topic: "__consumer_offsets", partition: f.groups.partitionFor("g1") };
    await f.txn.addPartitionsToTxn("eos", p.producerId, p.producerEpoch, [offsetsPartition]);
    await f.groups.commitTransactionalOffsets({ groupId: "g1", transactionalId: "eos", producerId: p.producerId, producerEpoch: p.producerEpoch, offsets: [{ topic: "orders", partition: 0, offset: 7 }] });
    expect(f.groups.fetchOffsets("g1", [{ topic: "orders", partitions: [0] }])[0]!.offset).toBe(-1);
    expect(f.groups.fetchOffsets("g1", [{ topic: "orders", partitions: [0] }], { requireStable: true })[0]!.error?.errorName).toBe("UNSTABLE_OFFSET_COMMIT");
    // A restart keeps the commit pending: the transaction is still open.
    await f.restart();
    expect(f.groups.fetchOffsets("g1", [{ topic: "orders", partitions: [0] }], { requireStable: true })[0]!.error?.errorName).toBe("UNSTABLE_OFFSET_COMMIT");
    await f.txn.endTxn("eos", p.producerId, p.producerEpoch, true);
    await f.txn.markersWritten();
    expect(f.groups.fetchOffsets("g1", [{ topic: "orders", partitions: [0] }], { requireStable: true })[0]).toMatchObject({ offset: 7 });
    expect(f.groups.fetchOffsets("g1", [{ topic: "orders", partitions: [0] }])[0]!.error).toBeUndefined();

    // An aborted one never shows, before or after a restart.
    await f.txn.addPartitionsToTxn("eos", p.producerId, p.producerEpoch, [offsetsPartition]);
    await f.groups.commitTransactionalOffsets({ groupId: "g1", transactionalId: "eos", producerId: p.producerId, producerEpoch: p.producerEpoch, offsets: [{ topic: "orders", partition: 0, offset: 99 }] });
    await f.txn.endTxn("eos", p.producerId, p.producerEpoch, false);
    await f.txn.markersWritten();
    expect(f.groups.fetchOffsets("g1", [{ topic: "orders", partitions: [0] }], { requireStable: true })[0]).toMatchObject({ offset: 7 });
    await f.restart();
    expect(f.groups.fetchOffsets("g1", [{ topic: "orders", partitions: [0] }], { requireStable: true })[0]).toMatchObject({ offset: 7 });
  });
});
