import { describe, expect, it } from "vitest";
import type { AppendEvent } from "./broker-types.js";
import { Broker } from "./broker.js";
import {
  CorruptRecordError,
  InvalidRecordError,
  InvalidRequiredAcksError,
  InvalidTopicError,
  OutOfOrderSequenceNumberError,
  UnknownTopicOrPartitionError,
} from "./errors.js";
import { kafkajsBatch } from "./test-support/kafkajs-batches.js";
import { useTempDirs } from "./test-support/temp-dir.js";
import { compressionTypeOf, decodeBatches, encodeRecordBatch, readBatchHeader } from "./storage/record-batch.js";
import type { CompressionType } from "./storage/compression/index.js";

const tempDir = useTempDirs();

function batch(values: string[], options: { producerId?: number; baseSequence?: number; compression?: CompressionType; key?: string | null } = {}): Buffer {
  const records = values.map((v) => ({ key: options.key === null ? null : Buffer.from(options.key ?? "k"), value: Buffer.from(v), timestamp: Date.now() }));
  return encodeRecordBatch(records, {
    timestampType: "CreateTime",
    now: Date.now(),
    ...(options.compression ? { compression: options.compression } : {}),
    ...(options.producerId !== undefined ? { producerId: options.producerId, producerEpoch: 0, baseSequence: options.baseSequence ?? 0 } : {}),
  });
}

describe("Broker: records from Kafka clients", () => {
  it("appends raw batches, emits append events for what it wrote, and reads them back decoded and raw", async () => {
    const broker = await Broker.open({ dataDir: tempDir() });
    await broker.createTopic({ name: "orders", partitions: 2 });
    const events: AppendEvent[] = [];
    broker.on("append", (e) => events.push(e));
    const { producerId, producerEpoch } = await broker.initProducerId();
    expect(producerEpoch).toBe(0);

    const first = batch(["a", "b", "c"], { producerId, compression: "snappy" });
    expect(await broker.appendRecordBatches("orders", 1, Buffer.from(first), { acks: -1 })).toEqual({ baseOffset: 0, logAppendTime: -1, logStartOffset: 0, recordErrors: [] });
    expect(await broker.appendRecordBatches("orders", 1, batch(["d"], { producerId, baseSequence: 3 }), { acks: 1, origin: "client" })).toMatchObject({ baseOffset: 3 });
    expect(await broker.appendRecordBatches("orders", 1, Buffer.from(first), { acks: 1 })).toMatchObject({ baseOffset: 0 });
    expect(events.map((e) => [e.partition, e.baseOffset, e.lastOffset, e.recordCount])).toEqual([
      [1, 0, 2, 3],
      [1, 3, 3, 1],
    ]);

    const fetched = await broker.fetch("orders", 1, 1);
    expect(fetched.records.map((r) => r.value!.toString())).toEqual(["b", "c", "d"]);
    const raw = broker.readRecordBatches("orders", 1, 1, 1 << 20);
    expect(raw).toMatchObject({ highWatermark: 4, lastStableOffset: 4, logStartOffset: 0, logEndOffset: 4 });
    expect(readBatchHeader(raw.data)).toMatchObject({ baseOffset: 0, producerId, recordCount: 3 });
    expect(compressionTypeOf(readBatchHeader(raw.data).attributes)).toBe("snappy");
    expect(decodeBatches(raw.data).map((r) => r.offset)).toEqual([0, 1, 2, 3]);
    await broker.close();
  });

  it("refuses unknown partitions, internal topics, bad acks and invalid batches with Kafka's errors", async () => {
    const broker = await Broker.open({ dataDir: tempDir() });
    await broker.createTopic({ name: "compacted", configs: { "cleanup.policy": "compact" } });
    await broker.ensureInternalTopic("__consumer_offsets", 1, { "cleanup.policy": "compact" });
    await expect(broker.appendRecordBatches("missing", 0, batch(["x"]), { acks: 1 })).rejects.toThrow(UnknownTopicOrPartitionError);
    await expect(broker.appendRecordBatches("compacted", 3, batch(["x"]), { acks: 1 })).rejects.toThrow(UnknownTopicOrPartitionError);
    await expect(broker.appendRecordBatches("__consumer_offsets", 0, batch(["x"]), { acks: 1 })).rejects.toThrow(InvalidTopicError);
    await expect(broker.appendRecordBatches("compacted", 0, batch(["x"]), { acks: 2 as never })).rejects.toThrow(InvalidRequiredAcksError);
    const keyless = broker.appendRecordBatches("compacted", 0, batch(["x", "y"], { key: null }), { acks: 1 });
    await expect(keyless).rejects.toThrow(InvalidRecordError);
    await expect(keyless).rejects.toMatchObject({ code: 87, recordErrors: [{ batchIndex: 0 }, { batchIndex: 1 }] });
    const corrupt = batch(["x"]);
    corrupt[corrupt.length - 1] ^= 1;
    await expect(broker.appendRecordBatches("compacted", 0, corrupt, { acks: 1 })).rejects.toThrow(CorruptRecordError);
    await expect(broker.appendRecordBatches("compacted", 0, batch(["x"], { producerId: 1, baseSequence: 0 }), { acks: 1 })).resolves.toMatchObject({ baseOffset: 0 });
    await expect(broker.appendRecordBatches("compacted", 0, batch(["x"], { producerId: 1, baseSequence: 5 }), { acks: 1 })).rejects.toThrow(OutOfOrderSequenceNumberError);
    await broker.close();
  });

  it("stores batches with the topic's compression.type, changed at runtime", async () => {
    const broker = await Broker.open({ dataDir: tempDir() });
    await broker.createTopic({ name: "logs" });
    const messages = Array.from({ length: 30 }, (_, i) => ({ value: `line ${i} `.repeat(4) }));
    await broker.appendRecordBatches("logs", 0, await kafkajsBatch(messages, { compression: "gzip" }), { acks: 1 });
    await broker.alterTopicConfigs("logs", [{ name: "compression.type", value: "zstd" }]);
    await broker.appendRecordBatches("logs", 0, await kafkajsBatch(messages, { compression: "gzip" }), { acks: 1 });
    await broker.produce("logs", [{ value: Buffer.from("from REST ".repeat(10)) }]);
    const raw = broker.readRecordBatches("logs", 0, 0, 1 << 20).data;
    const codecs: string[] = [];
    for (let pos = 0; pos < raw.length; pos += 12 + raw.readInt32BE(pos + 8)) codecs.push(compressionTypeOf(readBatchHeader(raw, pos).attributes));
    expect(codecs).toEqual(["gzip", "zstd", "zstd"]);
    expect((await broker.fetch("logs", 0, 0)).records).toHaveLength(61);
    await broker.close();
  });

  it("never hands out a producer id twice, across restarts", async () => {
    const dataDir = tempDir();
    const seen = new Set<number>();
    for (let run = 0; run < 3; run++) {
      const broker = await Broker.open({ dataDir });
      for (let i = 0; i < 5; i++) {
        const { producerId } = await broker.initProducerId();
        expect(seen.has(producerId)).toBe(false);
        seen.add(producerId);
      }
      await broker.close();
    }
    expect(seen.size).toBe(15);
  });
});
