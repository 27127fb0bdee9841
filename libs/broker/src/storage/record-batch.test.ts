import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { kafkajsBatch, kafkajsDecode } from "../test-support/kafkajs-batches.js";
import { compressionId } from "./compression/index.js";
import {
  BATCH_HEADER_SIZE,
  batchLastSequence,
  compressionTypeOf,
  decodeBatchRecords,
  decodeBatches,
  decrementSequence,
  encodeRecordBatch,
  incrementSequence,
  isTransactionalBatch,
  readBatchHeader,
  setBaseOffset,
  setMaxTimestamp,
  validateBatch,
} from "./record-batch.js";

const require = createRequire(import.meta.url);
const kafkajsCrc32C = require("kafkajs/src/protocol/recordBatch/crc32C");
const KafkajsDecoder = require("kafkajs/src/protocol/decoder");
const kafkajsDecodeBatch = require("kafkajs/src/protocol/recordBatch/v0/decoder");

const now = 1_700_000_000_000;

describe("RecordBatch v2", () => {
  const records = [
    { key: Buffer.from("k1"), value: Buffer.from("hello"), timestamp: now - 5 },
    { key: null, value: Buffer.from(""), timestamp: now + 7, headers: [{ key: "trace", value: Buffer.from([1, 2, 3]) }] },
    { key: Buffer.from("k3"), value: null },
  ];

  it("writes the header fields Kafka expects", () => {
    const batch = encodeRecordBatch(records, { baseOffset: 42, timestampType: "CreateTime", now });
    const header = readBatchHeader(batch);
    expect(header).toMatchObject({
      baseOffset: 42,
      batchLength: batch.length - 12,
      partitionLeaderEpoch: -1,
      magic: 2,
      attributes: 0,
      lastOffsetDelta: 2,
      baseTimestamp: now - 5,
      maxTimestamp: now + 7,
      producerId: -1,
      producerEpoch: -1,
      baseSequence: -1,
      recordCount: 3,
    });
    expect(header.crc).toBe(kafkajsCrc32C(batch.subarray(21)) >>> 0);
  });

  it("decodes what it encodes", () => {
    const batch = encodeRecordBatch(records, { baseOffset: 10, timestampType: "CreateTime", now });
    const decoded = decodeBatchRecords(batch, 0);
    expect(decoded.map((r) => r.offset)).toEqual([10, 11, 12]);
    expect(decoded.map((r) => r.timestamp)).toEqual([now - 5, now + 7, now]);
    expect(decoded[0]!.key).toEqual(Buffer.from("k1"));
    expect(decoded[1]!.key).toBeNull();
    expect(decoded[1]!.value).toEqual(Buffer.alloc(0));
    expect(decoded[1]!.headers).toEqual([{ key: "trace", value: Buffer.from([1, 2, 3]) }]);
    expect(decoded[2]!.value).toBeNull();
    expect(decodeBatchRecords(batch, 0, 12).map((r) => r.offset)).toEqual([12]);
  });

  it("is read back identically by kafkajs's decoder", async () => {
    const batch = encodeRecordBatch(records, { baseOffset: 7, timestampType: "CreateTime", now });
    const decoded = await kafkajsDecodeBatch(new KafkajsDecoder(batch));
    expect(decoded.firstOffset).toBe("7");
    expect(decoded.records.map((r: { offset: string }) => r.offset)).toEqual(["7", "8", "9"]);
    expect(decoded.records.map((r: { timestamp: string }) => Number(r.timestamp))).toEqual([now - 5, now + 7, now]);
    expect(decoded.records[0].key).toEqual(Buffer.from("k1"));
    expect(decoded.records[1].headers).toEqual({ trace: Buffer.from([1, 2, 3]) });
    expect(decoded.records[2].value).toBeNull();
  });

  it("gives every record the broker time under LogAppendTime", () => {
    const batch = encodeRecordBatch(records, { timestampType: "LogAppendTime", now });
    const header = readBatchHeader(batch);
    expect(header.attributes & 0x08).toBe(0x08);
    expect(header.maxTimestamp).toBe(now);
    expect(decodeBatchRecords(batch, 0).every((r) => r.timestamp === now && r.timestampType === "LogAppendTime")).toBe(true);
  });

  it("keeps a valid CRC when the base offset is rewritten", () => {
    const batch = encodeRecordBatch(records, { timestampType: "CreateTime", now });
    setBaseOffset(batch, 0, 2 ** 40);
    expect(validateBatch(batch, 0, batch.length)).toMatchObject({ baseOffset: 2 ** 40 });
  });

  it("keeps original offsets with gaps when asked (as compaction does)", () => {
    const batch = encodeRecordBatch(records.slice(0, 2), { baseOffset: 100, timestampType: "CreateTime", now, offsetDeltas: [1, 4], lastOffsetDelta: 6 });
    expect(readBatchHeader(batch).lastOffsetDelta).toBe(6);
    expect(decodeBatchRecords(batch, 0).map((r) => r.offset)).toEqual([101, 104]);
  });

  it("detects torn and corrupt batches", () => {
    const batch = encodeRecordBatch(records, { timestampType: "CreateTime", now });
    expect(validateBatch(batch, 0, batch.length - 1)).toMatch(/runs past the end/);
    expect(validateBatch(batch, 0, BATCH_HEADER_SIZE - 1)).toMatch(/less than a batch header/);
    const flipped = Buffer.from(batch);
    flipped[flipped.length - 2]! ^= 0xff;
    expect(validateBatch(flipped, 0, flipped.length)).toMatch(/CRC mismatch/);
    const badMagic = Buffer.from(batch);
    badMagic[16] = 1;
    expect(validateBatch(badMagic, 0, badMagic.length)).toMatch(/magic 1/);
  });
});

describe("compressed RecordBatch v2", () => {
  const values = Array.from({ length: 200 }, (_, i) => ({
    key: Buffer.from(`key-${i % 10}`),
    value: Buffer.from(JSON.stringify({ i, text: "a value that repeats itself ".repeat(3) })),
    timestamp: now + i,
    headers: i % 2 ? [{ key: "h", value: Buffer.from([i & 0xff]) }] : undefined,
  }));

  it.each(["gzip", "snappy", "lz4", "zstd"] as const)("writes and reads %s batches with the codec id in the attributes", (compression) => {
    const plain = encodeRecordBatch(values, { baseOffset: 5, timestampType: "CreateTime", now });
    const batch = encodeRecordBatch(values, { baseOffset: 5, timestampType: "CreateTime", now, compression });
    const header = readBatchHeader(batch);
    expect(header.attributes & 0x07).toBe(compressionId(compression));
    expect(compressionTypeOf(header.attributes)).toBe(compression);
    expect(header.recordCount).toBe(200);
    expect(batch.length).toBeLessThan(plain.length / 2);
    expect(validateBatch(batch, 0, batch.length)).not.toBeTypeOf("string");
    expect(decodeBatchRecords(batch, 0)).toEqual(decodeBatchRecords(plain, 0));
    expect(decodeBatches(Buffer.concat([plain, batch])).map((r) => r.offset).slice(198, 202)).toEqual([203, 204, 5, 6]);
  });

  it.each(["gzip", "snappy"] as const)("is read back by kafkajs (%s)", async (compression) => {
    const batch = encodeRecordBatch(values, { baseOffset: 3, timestampType: "CreateTime", now, compression });
    const decoded = await kafkajsDecode(batch);
    expect(decoded.records.map((r) => Number(r.offset))).toEqual(values.map((_, i) => 3 + i));
    expect(decoded.records.map((r) => r.value!.toString())).toEqual(values.map((v) => v.value.toString()));
    expect(decoded.records[1]!.headers).toEqual({ h: Buffer.from([1]) });
  });

  it.each(["gzip", "snappy"] as const)("reads kafkajs's %s batches", async (compression) => {
    const messages = values.map((v) => ({ key: v.key, value: v.value, timestamp: v.timestamp }));
    const batch = await kafkajsBatch(messages, { compression });
    expect(compressionTypeOf(readBatchHeader(batch).attributes)).toBe(compression);
    const decoded = decodeBatchRecords(batch, 0);
    expect(decoded.map((r) => r.value!.toString())).toEqual(values.map((v) => v.value.toString()));
    expect(decoded.map((r) => r.timestamp)).toEqual(values.map((v) => v.timestamp));
  });

  it("keeps producer fields and the transactional flag, and never compresses an empty batch", () => {
    const batch = encodeRecordBatch(values.slice(0, 3), {
      timestampType: "CreateTime",
      now,
      compression: "zstd",
      producerId: 4000,
      producerEpoch: 3,
      baseSequence: 2 ** 31 - 2,
      isTransactional: true,
    });
    const header = readBatchHeader(batch);
    expect(header).toMatchObject({ producerId: 4000, producerEpoch: 3, baseSequence: 2 ** 31 - 2 });
    expect(isTransactionalBatch(header.attributes)).toBe(true);
    expect(batchLastSequence(header)).toBe(0);
    const empty = encodeRecordBatch([], { baseOffset: 9, timestampType: "CreateTime", now, compression: "lz4", lastOffsetDelta: 4, producerId: 7 });
    expect(readBatchHeader(empty)).toMatchObject({ attributes: 0, recordCount: 0, lastOffsetDelta: 4, producerId: 7 });
    expect(decodeBatchRecords(empty, 0)).toEqual([]);
  });

  it("rewrites the max timestamp and timestamp type with a new CRC, and only when they change", () => {
    const batch = encodeRecordBatch(values.slice(0, 3), { timestampType: "CreateTime", now, compression: "gzip" });
    const before = Buffer.from(batch);
    setMaxTimestamp(batch, 0, batch.length, "CreateTime", now + 2);
    expect(batch.equals(before)).toBe(true);
    setMaxTimestamp(batch, 0, batch.length, "LogAppendTime", now + 1000);
    expect(readBatchHeader(batch)).toMatchObject({ maxTimestamp: now + 1000, attributes: 0x08 | 1 });
    expect(validateBatch(batch, 0, batch.length)).not.toBeTypeOf("string");
    expect(decodeBatchRecords(batch, 0).every((r) => r.timestamp === now + 1000 && r.timestampType === "LogAppendTime")).toBe(true);
  });

  it("wraps sequences at Int32 max", () => {
    expect(incrementSequence(2 ** 31 - 1, 1)).toBe(0);
    expect(incrementSequence(2 ** 31 - 3, 5)).toBe(2);
    expect(decrementSequence(2, 5)).toBe(2 ** 31 - 3);
    expect(decrementSequence(10, 3)).toBe(7);
    expect(batchLastSequence({ baseSequence: -1, lastOffsetDelta: 4 })).toBe(-1);
  });
});
