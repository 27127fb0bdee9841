import { ApiKey } from "@skein/protocol";
import { describe, expect, it } from "vitest";
import { readEndTransactionMarker } from "../../../storage/control-records.js";
import { decodeBatches, isControlBatch, LOG_OVERHEAD, readBatchHeader } from "../../../storage/record-batch.js";
import { useKafkaListener } from "../../../test-support/listener-fixture.js";
import { txnBatch } from "../../../test-support/txn-batches.js";
import { WireClient } from "../../../test-support/wire-client.js";

const produce = (transactionalId: string | null, topic: string, partition: number, records: Buffer) => ({
  transactionalId,
  acks: -1,
  timeoutMs: 30_000,
  topicData: [{ name: topic, partitionData: [{ index: partition, records }] }],
});

const fetch = (topic: string, partition: number, isolationLevel: 0 | 1, fetchOffset = 0) => ({
  replicaId: -1,
  maxWaitMs: 0,
  minBytes: 0,
  maxBytes: 1 << 20,
  isolationLevel,
  sessionId: 0,
  sessionEpoch: -1,
  topics: [{ topic, partitions: [{ partition, fetchOffset, partitionMaxBytes: 1 << 20 }] }],
});

/** Fetches a partition from offset 0 to its end as a consumer does (one segment per fetch), gathering batches and aborted transactions. */
async function fetchAll(client: WireClient, topic: string, partition: number, isolationLevel: 0 | 1) {
  const batches: ReturnType<typeof batchesOf> = [];
  const aborted: { producerId: number; firstOffset: number }[] = [];
  let offset = 0;
  for (;;) {
    const response = fetched(await client.request(ApiKey.Fetch, 12, fetch(topic, partition, isolationLevel, offset)));
    const found = batchesOf(response.records);
    if (found.length === 0) return { batches, aborted, lastStableOffset: response.lastStableOffset, highWatermark: response.highWatermark };
    batches.push(...found);
    for (const a of response.abortedTransactions ?? []) if (!aborted.some((b) => b.producerId === a.producerId && b.firstOffset === a.firstOffset)) aborted.push(a);
    offset = found.at(-1)!.last + 1;
  }
}

const addPartitions = (transactionalId: string, producerId: number, producerEpoch: number, topics: { name: string; partitions: number[] }[]) => ({
  v3AndBelowTransactionalId: transactionalId,
  v3AndBelowProducerId: producerId,
  v3AndBelowProducerEpoch: producerEpoch,
  v3AndBelowTopics: topics,
});

const produced = (response: any) => response.responses[0].partitionResponses[0];
const fetched = (response: any) => response.responses[0].partitions[0];
const partitionCodes = (response: any) => response.resultsByTopicV3AndBelow.flatMap((t: any) => t.resultsByPartition.map((p: any) => [t.name, p.partitionIndex, p.partitionErrorCode]));

/** Every batch of a fetch's records: its first offset, producer, and whether it is a marker (and which). */
function batchesOf(records: Buffer): { base: number; last: number; producerId: number; marker: string | null }[] {
  const out = [];
  for (let pos = 0; pos + LOG_OVERHEAD <= records.length; ) {
    const header = readBatchHeader(records, pos);
    out.push({
      base: header.baseOffset,
      last: header.baseOffset + header.lastOffsetDelta,
      producerId: header.producerId,
      marker: isControlBatch(header.attributes) ? readEndTransactionMarker(records, pos, header)!.type : null,
    });
    pos += LOG_OVERHEAD + header.batchLength;
  }
  return out;
}

describe("transactions over the wire", () => {
  const start = useKafkaListener();

  it("finds this broker as transaction coordinator, creating __transaction_state on the first lookup", async () => {
    const { port, broker } = await start();
    expect(broker.findTopic("__transaction_state")).toBeUndefined();
    const client = await WireClient.connect(port);
    const found = await client.request(ApiKey.FindCoordinator, 4, { keyType: 1, coordinatorKeys: ["app"] });
    expect(found.coordinators).toEqual([expect.objectContaining({ key: "app", nodeId: 0, port, errorCode: 0 })]);
    expect(broker.findTopic("__transaction_state")).toMatchObject({ internal: true });
    expect(broker.findTopic("__transaction_state")!.partitions).toHaveLength(50);
    const old = await client.request(ApiKey.FindCoordinator, 1, { key: "app", keyType: 1 });
    expect(old).toMatchObject({ errorCode: 0, nodeId: 0, port });
    expect(await client.request(ApiKey.FindCoordinator, 1, { key: "", keyType: 1 })).toMatchObject({ errorCode: 42 });
    client.close();
  });

  it("commits and aborts: read_committed fetches stop at the LSO and list the aborted transactions", async () => {
    const { port, broker, transactions } = await start();
    await broker.createTopic({ name: "payments", partitions: 1 });
    const client = await WireClient.connect(port);
    const init = await client.request(ApiKey.InitProducerId, 4, { transactionalId: "pay-1", transactionTimeoutMs: 60_000, producerId: -1, producerEpoch: -1 });
    expect(init).toMatchObject({ errorCode: 0, producerEpoch: 0 });
    const { producerId } = init;

    // KIP-890: a transactional batch to a partition not in the transaction is refused, and nothing is written.
    expect(produced(await client.request(ApiKey.Produce, 9, produce("pay-1", "payments", 0, txnBatch(producerId, ["early"]))))).toMatchObject({ errorCode: 48 });
    expect(produced(await client.request(ApiKey.Produce, 11, produce("pay-1", "payments", 0, txnBatch(producerId, ["early"]))))).toMatchObject({ errorCode: 120 });
    // Without a transactional id the batch cannot be verified: refused too, as Kafka's verification guard does.
    expect(produced(await client.request(ApiKey.Produce, 9, produce(null, "payments", 0, txnBatch(producerId, ["early"]))))).toMatchObject({ errorCode: 48 });
    expect(broker.partitionOffsets("payments", 0).logEndOffset).toBe(0);

    expect(partitionCodes(await client.request(ApiKey.AddPartitionsToTxn, 3, addPartitions("pay-1", producerId, 0, [{ name: "payments", partitions: [0] }])))).toEqual([["payments", 0, 0]]);
    expect(produced(await client.request(ApiKey.Produce, 9, produce("pay-1", "payments", 0, txnBatch(producerId, ["aborted-1", "aborted-2"]))))).toMatchObject({ errorCode: 0, baseOffset: 0 });
    const open = fetched(await client.request(ApiKey.Fetch, 12, fetch("payments", 0, 1)));
    expect(open).toMatchObject({ errorCode: 0, highWatermark: 2, lastStableOffset: 0, abortedTransactions: [] });
    expect(open.records).toHaveLength(0);
    expect(decodeBatches(fetched(await client.request(ApiKey.Fetch, 12, fetch("payments", 0, 0))).records)).toHaveLength(2);
    const latest = await client.request(ApiKey.ListOffsets, 7, { replicaId: -1, isolationLevel: 1, topics: [{ name: "payments", partitions: [{ partitionIndex: 0, currentLeaderEpoch: -1, timestamp: -1 }] }] });
    expect(latest.topics[0].partitions[0]).toMatchObject({ offset: 0 });

    expect(await client.request(ApiKey.EndTxn, 3, { transactionalId: "pay-1", producerId, producerEpoch: 0, committed: false })).toMatchObject({ errorCode: 0 });
    await transactions.markersWritten();
    // The next transaction commits.
    expect(partitionCodes(await client.request(ApiKey.AddPartitionsToTxn, 3, addPartitions("pay-1", producerId, 0, [{ name: "payments", partitions: [0] }])))).toEqual([["payments", 0, 0]]);
    await client.request(ApiKey.Produce, 9, produce("pay-1", "payments", 0, txnBatch(producerId, ["committed"], { baseSequence: 2 })));
    expect(await client.request(ApiKey.EndTxn, 3, { transactionalId: "pay-1", producerId, producerEpoch: 0, committed: true })).toMatchObject({ errorCode: 0 });
    await transactions.markersWritten();

    const committed = await fetchAll(client, "payments", 0, 1);
    expect(committed).toMatchObject({ highWatermark: 5, lastStableOffset: 5, aborted: [{ producerId, firstOffset: 0 }] });
    expect(committed.batches).toEqual([
      { base: 0, last: 1, producerId, marker: null },
      { base: 2, last: 2, producerId, marker: "ABORT" },
      { base: 3, last: 3, producerId, marker: null },
      { base: 4, last: 4, producerId, marker: "COMMIT" },
    ]);
    expect(fetched(await client.request(ApiKey.Fetch, 12, fetch("payments", 0, 0))).abortedTransactions).toBeNull();
    client.close();
  });

  it("fences an earlier instance: PRODUCER_FENCED from v2/v4 on, INVALID_PRODUCER_EPOCH for older clients", async () => {
    const { port, broker, transactions } = await start();
    await broker.createTopic({ name: "fenced", partitions: 1 });
    const client = await WireClient.connect(port);
    const first = await client.request(ApiKey.InitProducerId, 4, { transactionalId: "zombie", transactionTimeoutMs: 60_000, producerId: -1, producerEpoch: -1 });
    await client.request(ApiKey.AddPartitionsToTxn, 3, addPartitions("zombie", first.producerId, 0, [{ name: "fenced", partitions: [0] }]));
    await client.request(ApiKey.Produce, 9, produce("zombie", "fenced", 0, txnBatch(first.producerId, ["zombie write"])));
    // A second instance: its InitProducerId aborts the open transaction (CONCURRENT_TRANSACTIONS), then succeeds.
    expect(await client.request(ApiKey.InitProducerId, 4, { transactionalId: "zombie", transactionTimeoutMs: 60_000, producerId: -1, producerEpoch: -1 })).toMatchObject({ errorCode: 51 });
    await transactions.markersWritten();
    const second = await client.request(ApiKey.InitProducerId, 4, { transactionalId: "zombie", transactionTimeoutMs: 60_000, producerId: -1, producerEpoch: -1 });
    expect(second).toMatchObject({ errorCode: 0, producerId: first.producerId, producerEpoch: 2 });
    expect(partitionCodes(await client.request(ApiKey.AddPartitionsToTxn, 3, addPartitions("zombie", first.producerId, 0, [{ name: "fenced", partitions: [0] }])))).toEqual([["fenced", 0, 90]]);
    expect(partitionCodes(await client.request(ApiKey.AddPartitionsToTxn, 1, addPartitions("zombie", first.producerId, 0, [{ name: "fenced", partitions: [0] }])))).toEqual([["fenced", 0, 47]]);
    expect(await client.request(ApiKey.EndTxn, 1, { transactionalId: "zombie", producerId: first.producerId, producerEpoch: 0, committed: true })).toMatchObject({ errorCode: 47 });
    expect(await client.request(ApiKey.EndTxn, 3, { transactionalId: "zombie", producerId: first.producerId, producerEpoch: 0, committed: true })).toMatchObject({ errorCode: 90 });
    // KIP-360: naming a stale epoch is fenced too; InitProducerId v3 says so with INVALID_PRODUCER_EPOCH.
    expect(await client.request(ApiKey.InitProducerId, 4, { transactionalId: "zombie", transactionTimeoutMs: 60_000, producerId: 424242, producerEpoch: 0 })).toMatchObject({ errorCode: 90 });
    expect(await client.request(ApiKey.InitProducerId, 3, { transactionalId: "zombie", transactionTimeoutMs: 60_000, producerId: 424242, producerEpoch: 0 })).toMatchObject({ errorCode: 47 });
    expect(await client.request(ApiKey.InitProducerId, 4, { transactionalId: "zombie", transactionTimeoutMs: 3_600_000, producerId: -1, producerEpoch: -1 })).toMatchObject({ errorCode: 50 });
    expect(fetched(await client.request(ApiKey.Fetch, 12, fetch("fenced", 0, 1))).lastStableOffset).toBe(2);
    client.close();
  });

  it("refuses partitions that do not exist and internal topics, attempting none of the others", async () => {
    const { port, broker } = await start();
    await broker.createTopic({ name: "real", partitions: 1 });
    const client = await WireClient.connect(port);
    const { producerId } = await client.request(ApiKey.InitProducerId, 4, { transactionalId: "strict", transactionTimeoutMs: 60_000, producerId: -1, producerEpoch: -1 });
    const response = await client.request(ApiKey.AddPartitionsToTxn, 3, addPartitions("strict", producerId, 0, [{ name: "real", partitions: [0, 5] }, { name: "__consumer_offsets", partitions: [0] }]));
    expect(partitionCodes(response)).toEqual([
      ["real", 0, 55],
      ["real", 5, 3],
      ["__consumer_offsets", 0, 29],
    ]);
    expect(await client.request(ApiKey.EndTxn, 3, { transactionalId: "strict", producerId, producerEpoch: 0, committed: true })).toMatchObject({ errorCode: 48 });
    // The broker-to-broker form: several transactions, and verify-only.
    const v4 = await client.request(ApiKey.AddPartitionsToTxn, 5, {
      transactions: [
        { transactionalId: "strict", producerId, producerEpoch: 0, verifyOnly: true, topics: [{ name: "real", partitions: [0] }] },
        { transactionalId: "strict", producerId, producerEpoch: 0, verifyOnly: false, topics: [{ name: "real", partitions: [0] }] },
      ],
    });
    expect(v4.resultsByTransaction.map((r: any) => r.topicResults[0].resultsByPartition[0].partitionErrorCode)).toEqual([120, 0]);
    client.close();
  });

  it("commits offsets in a transaction: UNSTABLE_OFFSET_COMMIT for require_stable until the commit marker", async () => {
    const { port, broker, transactions } = await start();
    await broker.createTopic({ name: "source", partitions: 2 });
    const client = await WireClient.connect(port);
    const { producerId } = await client.request(ApiKey.InitProducerId, 4, { transactionalId: "eos-app", transactionTimeoutMs: 60_000, producerId: -1, producerEpoch: -1 });
    // Without AddOffsetsToTxn the group's offsets partition is not in the transaction.
    const commitBody = {
      transactionalId: "eos-app",
      groupId: "eos-group",
      producerId,
      producerEpoch: 0,
      generationId: -1,
      memberId: "",
      groupInstanceId: null,
      topics: [{ name: "source", partitions: [{ partitionIndex: 1, committedOffset: 42, committedLeaderEpoch: -1, committedMetadata: "m" }, { partitionIndex: 9, committedOffset: 1, committedLeaderEpoch: -1, committedMetadata: null }] }],
    };
    const codes = (response: any) => response.topics[0].partitions.map((p: any) => [p.partitionIndex, p.errorCode]);
    expect(codes(await client.request(ApiKey.TxnOffsetCommit, 3, commitBody))).toEqual([[9, 3], [1, 48]]);
    expect(codes(await client.request(ApiKey.TxnOffsetCommit, 4, commitBody))).toEqual([[9, 3], [1, 120]]);
    expect(await client.request(ApiKey.AddOffsetsToTxn, 3, { transactionalId: "eos-app", producerId, producerEpoch: 0, groupId: "eos-group" })).toMatchObject({ errorCode: 0 });
    expect(codes(await client.request(ApiKey.TxnOffsetCommit, 3, commitBody))).toEqual([[9, 3], [1, 0]]);
    const offsetFetch = (requireStable: boolean) =>
      client.request(ApiKey.OffsetFetch, 8, { groups: [{ groupId: "eos-group", topics: [{ name: "source", partitionIndexes: [1] }] }], requireStable });
    expect((await offsetFetch(true)).groups[0].topics[0].partitions[0]).toMatchObject({ errorCode: 88, committedOffset: -1 });
    expect((await offsetFetch(false)).groups[0].topics[0].partitions[0]).toMatchObject({ errorCode: 0, committedOffset: -1 });
    expect(await client.request(ApiKey.EndTxn, 3, { transactionalId: "eos-app", producerId, producerEpoch: 0, committed: true })).toMatchObject({ errorCode: 0 });
    await transactions.markersWritten();
    expect((await offsetFetch(true)).groups[0].topics[0].partitions[0]).toMatchObject({ errorCode: 0, committedOffset: 42, metadata: "m" });
    client.close();
  });

  it("describes and lists transactions and producers, and aborts a hanging transaction with WriteTxnMarkers", async () => {
    // Without verification (as brokers before KIP-890), a producer can leave a transaction open in a partition its
    // coordinator never heard of: a hanging transaction, which only an administrator's abort ends.
    const { port, broker } = await start({ brokerConfig: { "transaction.partition.verification.enable": "false" } });
    await broker.createTopic({ name: "stuck", partitions: 1 });
    const client = await WireClient.connect(port);
    const { producerId } = await client.request(ApiKey.InitProducerId, 4, { transactionalId: "hanging", transactionTimeoutMs: 60_000, producerId: -1, producerEpoch: -1 });
    expect(produced(await client.request(ApiKey.Produce, 9, produce("hanging", "stuck", 0, txnBatch(producerId, ["orphan"]))))).toMatchObject({ errorCode: 0 });
    await client.request(ApiKey.Produce, 9, produce(null, "stuck", 0, txnBatch(999, ["other"], { producerEpoch: 3 })));

    const described = await client.request(ApiKey.DescribeTransactions, 0, { transactionalIds: ["hanging", "unknown-id"] });
    expect(described.transactionStates).toEqual([
      expect.objectContaining({ errorCode: 0, transactionalId: "hanging", transactionState: "Empty", producerId, producerEpoch: 0, transactionTimeoutMs: 60_000, topics: [] }),
      expect.objectContaining({ errorCode: 105, transactionalId: "unknown-id" }),
    ]);
    const listed = await client.request(ApiKey.ListTransactions, 1, { stateFilters: ["Empty", "NotAState"], producerIdFilters: [], durationFilter: -1 });
    expect(listed).toMatchObject({ errorCode: 0, unknownStateFilters: ["NotAState"], transactionStates: [{ transactionalId: "hanging", producerId, transactionState: "Empty" }] });

    const producers = await client.request(ApiKey.DescribeProducers, 0, { topics: [{ name: "stuck", partitionIndexes: [0, 3] }, { name: "bad name!", partitionIndexes: [0] }] });
    expect(producers.topics[0].partitions[0]).toMatchObject({
      errorCode: 0,
      activeProducers: [
        { producerId, producerEpoch: 0, lastSequence: 0, coordinatorEpoch: -1, currentTxnStartOffset: 0 },
        { producerId: 999, producerEpoch: 3, lastSequence: 0, coordinatorEpoch: -1, currentTxnStartOffset: 1 },
      ],
    });
    expect(producers.topics[0].partitions[1]).toMatchObject({ partitionIndex: 3, errorCode: 3 });
    expect(producers.topics[1].partitions[0]).toMatchObject({ errorCode: 17 });
    expect(broker.partitionOffsets("stuck", 0).lastStableOffset).toBe(0);

    const abort = async (pid: number, epoch: number) =>
      (await client.request(ApiKey.WriteTxnMarkers, 1, { markers: [{ producerId: pid, producerEpoch: epoch, transactionResult: false, coordinatorEpoch: 0, topics: [{ name: "stuck", partitionIndexes: [0] }] }] })).markers[0].topics[0].partitions[0].errorCode;
    expect(await abort(999, 2)).toBe(47);
    expect(await abort(producerId, 0)).toBe(0);
    expect(broker.partitionOffsets("stuck", 0).lastStableOffset).toBe(1);
    expect(await abort(999, 3)).toBe(0);
    expect(broker.partitionOffsets("stuck", 0)).toMatchObject({ lastStableOffset: 4, highWatermark: 4 });
    const read = await fetchAll(client, "stuck", 0, 1);
    expect(read.batches.map((b) => b.marker)).toEqual([null, null, "ABORT", "ABORT"]);
    expect(read.aborted).toEqual([{ producerId, firstOffset: 0 }, { producerId: 999, firstOffset: 1 }]);
    client.close();
  });
});
