import { ApiKey } from "@skein/protocol";
import { describe, expect, it } from "vitest";
import { decodeBatches, encodeRecordBatch, readBatchHeader, timestampTypeOf } from "../../../storage/record-batch.js";
import { useKafkaListener } from "../../../test-support/listener-fixture.js";
import { WireClient } from "../../../test-support/wire-client.js";

const batch = (values: string[], options: { key?: string; timestamp?: number } = {}) =>
  encodeRecordBatch(
    values.map((v) => ({ key: options.key === undefined ? null : Buffer.from(options.key), value: Buffer.from(v), timestamp: options.timestamp })),
    { timestampType: "CreateTime", now: options.timestamp ?? Date.now() },
  );

const produceBody = (topic: string, records: Buffer | null, acks = -1, partition = 0) => ({
  transactionalId: null,
  acks,
  timeoutMs: 30_000,
  topicData: [{ name: topic, partitionData: [{ index: partition, records }] }],
});

const fetchBody = (topic: string, fetchOffset: number, options: { maxWaitMs?: number; minBytes?: number; maxBytes?: number; partitionMaxBytes?: number; partition?: number; sessionId?: number } = {}) => ({
  replicaId: -1,
  maxWaitMs: options.maxWaitMs ?? 0,
  minBytes: options.minBytes ?? 0,
  maxBytes: options.maxBytes ?? 1 << 20,
  isolationLevel: 0,
  sessionId: options.sessionId ?? 0,
  sessionEpoch: -1,
  topics: [{ topic, partitions: [{ partition: options.partition ?? 0, fetchOffset, partitionMaxBytes: options.partitionMaxBytes ?? 1 << 20 }] }],
});

const partitionOf = (response: any) => response.responses[0].partitionResponses?.[0] ?? response.responses[0].partitions[0];

describe("Produce, Fetch and ListOffsets over the wire", () => {
  const start = useKafkaListener();

  it("appends produced batches at the next offsets, in the flexible and the older versions, and fetches them back", async () => {
    const { port, broker } = await start();
    await broker.createTopic({ name: "orders", partitions: 1 });
    const client = await WireClient.connect(port);
    const first = partitionOf(await client.request(ApiKey.Produce, 9, produceBody("orders", batch(["a", "b", "c"]))));
    expect(first).toMatchObject({ errorCode: 0, baseOffset: 0, logStartOffset: 0, logAppendTimeMs: -1 });
    const second = partitionOf(await client.request(ApiKey.Produce, 3, produceBody("orders", batch(["d"]))));
    expect(second).toMatchObject({ errorCode: 0, baseOffset: 3 });
    for (const version of [4, 11, 12]) {
      const fetched = partitionOf(await client.request(ApiKey.Fetch, version, fetchBody("orders", 0)));
      expect(fetched).toMatchObject({ errorCode: 0, highWatermark: 4 });
      expect(decodeBatches(fetched.records).map((r) => r.value!.toString())).toEqual(["a", "b", "c", "d"]);
    }
    const read = await broker.fetch("orders", 0, 0);
    expect(read.records.map((r) => [r.offset, r.value!.toString()])).toEqual([[0, "a"], [1, "b"], [2, "c"], [3, "d"]]);
    client.close();
  });

  it("fetches by topic id from v13, answering UNKNOWN_TOPIC_ID for ids it does not know", async () => {
    const { port, broker } = await start();
    const { topicId } = await broker.createTopic({ name: "by_id", partitions: 1 });
    const client = await WireClient.connect(port);
    await client.request(ApiKey.Produce, 11, produceBody("by_id", batch(["x", "y"])));
    const byId = (id: string) => ({ ...fetchBody("", 0), topics: [{ topicId: id, partitions: [{ partition: 0, fetchOffset: 0, partitionMaxBytes: 1 << 20 }] }] });
    for (const version of [13, 17]) {
      const response = await client.request(ApiKey.Fetch, version, byId(topicId));
      expect(response.responses[0].topicId).toBe(topicId);
      expect(decodeBatches(response.responses[0].partitions[0].records).map((r) => r.value!.toString())).toEqual(["x", "y"]);
    }
    const unknown = await client.request(ApiKey.Fetch, 13, byId("AAAAAAAAAAAAAAAAAAAAAQ"));
    expect(unknown.responses[0].partitions[0].errorCode).toBe(100);
    client.close();
  });

  it("returns the whole batch that holds a fetch offset in its middle", async () => {
    const { port, broker } = await start();
    await broker.createTopic({ name: "batches", partitions: 1 });
    const client = await WireClient.connect(port);
    await client.request(ApiKey.Produce, 9, produceBody("batches", batch(["0", "1", "2", "3", "4"])));
    const fetched = partitionOf(await client.request(ApiKey.Fetch, 12, fetchBody("batches", 2)));
    expect(readBatchHeader(fetched.records).baseOffset).toBe(0);
    expect(decodeBatches(fetched.records, 2).map((r) => r.offset)).toEqual([2, 3, 4]);
    client.close();
  });

  it("refuses corrupt batches, unknown partitions, internal topics, bad acks and Produce v0–2, writing nothing", async () => {
    const { port, broker } = await start();
    await broker.createTopic({ name: "strict", partitions: 1 });
    const client = await WireClient.connect(port);
    const corrupt = batch(["x"]);
    corrupt[corrupt.length - 1] ^= 0xff;
    expect(partitionOf(await client.request(ApiKey.Produce, 9, produceBody("strict", corrupt)))).toMatchObject({ errorCode: 2, baseOffset: -1 });
    expect(partitionOf(await client.request(ApiKey.Produce, 9, produceBody("strict", batch(["x"]), -1, 7)))).toMatchObject({ errorCode: 3 });
    expect(partitionOf(await client.request(ApiKey.Produce, 9, produceBody("missing", batch(["x"]))))).toMatchObject({ errorCode: 3 });
    expect(partitionOf(await client.request(ApiKey.Produce, 9, produceBody("__consumer_offsets", batch(["x"]))))).toMatchObject({ errorCode: 17 });
    expect(partitionOf(await client.request(ApiKey.Produce, 9, produceBody("strict", batch(["x"]), 2)))).toMatchObject({ errorCode: 21 });
    expect(partitionOf(await client.request(ApiKey.Produce, 2, produceBody("strict", batch(["x"]))))).toMatchObject({ errorCode: 35 });
    const two = Buffer.concat([batch(["y"]), batch(["z"])]);
    expect(partitionOf(await client.request(ApiKey.Produce, 9, produceBody("strict", two)))).toMatchObject({ errorCode: 87 });
    const zstd = encodeRecordBatch([{ value: Buffer.from("z") }], { timestampType: "CreateTime", now: Date.now(), compression: "zstd" });
    expect(partitionOf(await client.request(ApiKey.Produce, 6, produceBody("strict", zstd)))).toMatchObject({ errorCode: 76 });
    const truncated = batch(["y"]).subarray(0, 40);
    expect(partitionOf(await client.request(ApiKey.Produce, 9, produceBody("strict", truncated)))).toMatchObject({ errorCode: 2 });
    expect(broker.partitionOffsets("strict", 0).logEndOffset).toBe(0);
    expect(broker.findTopic("missing")).toBeUndefined();
    client.close();
  });

  it("sends no response to acks=0 and closes the connection when such a produce fails", async () => {
    const { port, broker } = await start();
    await broker.createTopic({ name: "fire", partitions: 1 });
    const client = await WireClient.connect(port);
    client.send(client.encode(ApiKey.Produce, 9, produceBody("fire", batch(["quiet"]), 0)));
    const metadata = await client.request(ApiKey.Metadata, 12, { topics: [{ name: "fire", topicId: "AAAAAAAAAAAAAAAAAAAAAA" }] });
    expect(metadata.topics[0].name).toBe("fire");
    expect(broker.partitionOffsets("fire", 0).logEndOffset).toBe(1);
    client.send(client.encode(ApiKey.Produce, 9, produceBody("fire", batch(["lost"]), 0, 5)));
    await client.closed;
  });

  it("waits for min_bytes until records arrive, and answers at max_wait_ms with nothing", async () => {
    const { port, broker } = await start();
    await broker.createTopic({ name: "poll", partitions: 1 });
    const client = await WireClient.connect(port);
    const empty = partitionOf(await client.request(ApiKey.Fetch, 12, fetchBody("poll", 0, { maxWaitMs: 100, minBytes: 1 })));
    expect(empty.records).toHaveLength(0);
    const waiting = client.request(ApiKey.Fetch, 12, fetchBody("poll", 0, { maxWaitMs: 30_000, minBytes: 1 }));
    const producer = await WireClient.connect(port);
    await new Promise((r) => setTimeout(r, 100));
    await producer.request(ApiKey.Produce, 9, produceBody("poll", batch(["late"])));
    const fetched = partitionOf(await waiting);
    expect(decodeBatches(fetched.records).map((r) => r.value!.toString())).toEqual(["late"]);
    client.close();
    producer.close();
  });

  it("keeps to max_bytes, but returns at least one batch of the first partition with data", async () => {
    const { port, broker } = await start();
    await broker.createTopic({ name: "limits", partitions: 2 });
    const client = await WireClient.connect(port);
    const big = batch(["x".repeat(2000)]);
    await client.request(ApiKey.Produce, 9, produceBody("limits", big, -1, 0));
    await client.request(ApiKey.Produce, 9, produceBody("limits", batch(["small"]), -1, 1));
    const response = await client.request(ApiKey.Fetch, 12, {
      ...fetchBody("limits", 0, { maxBytes: 100 }),
      topics: [{ topic: "limits", partitions: [{ partition: 0, fetchOffset: 0, partitionMaxBytes: 100 }, { partition: 1, fetchOffset: 0, partitionMaxBytes: 100 }] }],
    });
    const [p0, p1] = response.responses[0].partitions;
    expect(p0.records.length).toBe(big.length);
    expect(p1.records).toHaveLength(0);
    expect(p1.highWatermark).toBe(1);
    client.close();
  });

  it("answers OFFSET_OUT_OF_RANGE outside the log and FETCH_SESSION_ID_NOT_FOUND for sessions it never created", async () => {
    const { port, broker } = await start();
    await broker.createTopic({ name: "range", partitions: 1 });
    const client = await WireClient.connect(port);
    await client.request(ApiKey.Produce, 9, produceBody("range", batch(["a"])));
    expect(partitionOf(await client.request(ApiKey.Fetch, 12, fetchBody("range", 5)))).toMatchObject({ errorCode: 1 });
    const sessions = await client.request(ApiKey.Fetch, 12, fetchBody("range", 0, { sessionId: 42 }));
    expect(sessions).toMatchObject({ errorCode: 70, sessionId: 0 });
    client.close();
  });

  it("lists the earliest, latest, max-timestamp and by-time offsets", async () => {
    const { port, broker } = await start();
    await broker.createTopic({ name: "times", partitions: 1 });
    const client = await WireClient.connect(port);
    await client.request(ApiKey.Produce, 9, produceBody("times", batch(["a"], { timestamp: 1000 })));
    await client.request(ApiKey.Produce, 9, produceBody("times", batch(["b"], { timestamp: 5000 })));
    await client.request(ApiKey.Produce, 9, produceBody("times", batch(["c"], { timestamp: 3000 })));
    const list = async (timestamp: number, version = 7) =>
      (await client.request(ApiKey.ListOffsets, version, { replicaId: -1, isolationLevel: 0, topics: [{ name: "times", partitions: [{ partitionIndex: 0, currentLeaderEpoch: -1, timestamp }] }] })).topics[0].partitions[0];
    expect(await list(-2)).toMatchObject({ errorCode: 0, offset: 0 });
    expect(await list(-1)).toMatchObject({ errorCode: 0, offset: 3, leaderEpoch: 0 });
    expect(await list(-1, 1)).toMatchObject({ errorCode: 0, offset: 3, leaderEpoch: -1 });
    expect(await list(-3)).toMatchObject({ errorCode: 0, offset: 1, timestamp: 5000 });
    expect(await list(2000)).toMatchObject({ errorCode: 0, offset: 1, timestamp: 5000 });
    expect(await list(9000)).toMatchObject({ errorCode: 0, offset: -1, timestamp: -1 });
    client.close();
  });

  it("stamps LogAppendTime on batches of topics that ask for it", async () => {
    const { port, broker } = await start();
    await broker.createTopic({ name: "appendtime", partitions: 1, configs: { "message.timestamp.type": "LogAppendTime" } });
    const client = await WireClient.connect(port);
    const before = Date.now();
    const produced = partitionOf(await client.request(ApiKey.Produce, 9, produceBody("appendtime", batch(["t"], { timestamp: 1 }))));
    expect(produced.logAppendTimeMs).toBeGreaterThanOrEqual(before);
    const fetched = partitionOf(await client.request(ApiKey.Fetch, 12, fetchBody("appendtime", 0)));
    expect(timestampTypeOf(readBatchHeader(fetched.records).attributes)).toBe("LogAppendTime");
    expect(decodeBatches(fetched.records)[0]!.timestamp).toBe(produced.logAppendTimeMs);
    client.close();
  });
});
