import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { BATCH_HEADER_SIZE, decodeBatchRecords, encodeRecordBatch, readBatchHeader, setBaseOffset, validateBatch } from "./record-batch.js";

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
