import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { validateRecordBatches } from "../log-validator.js";
import { compressionTypeOf, decodeBatchRecords, readBatchHeader } from "../record-batch.js";

/**
 * Batches written by Kafka's own Java client code (kafka-clients 4.1.1's MemoryRecordsBuilder, as its producer
 * builds them: snappy-java, lz4-java and zstd-jni underneath; made by libs/broker/fixtures/java-batches) and by
 * librdkafka 2.0.2 (Debian's kcat, captured by libs/broker/fixtures/librdkafka-batches).
 */
const fixture = (codec: string, client = "java") => readFileSync(new URL(`./fixtures/${client}/${codec}.batch`, import.meta.url));
const TIMESTAMP = 1_700_000_000_000;

describe.each(["none", "gzip", "snappy", "lz4", "zstd"] as const)("a %s batch from Kafka's Java client", (codec) => {
  it("decodes to the records Java wrote", () => {
    const batch = fixture(codec);
    const header = readBatchHeader(batch);
    expect(compressionTypeOf(header.attributes)).toBe(codec);
    expect(header).toMatchObject({ producerId: 4242, producerEpoch: 3, baseSequence: 17, recordCount: 500, lastOffsetDelta: 499 });
    const records = decodeBatchRecords(batch, 0);
    expect(records).toHaveLength(500);
    records.forEach((record, i) => {
      expect(record.offset).toBe(i);
      expect(record.timestamp).toBe(TIMESTAMP + i);
      expect(record.key!.toString()).toBe(`key-${i % 50}`);
      expect(record.value!.toString()).toBe(`value ${i}: ${"lorem ipsum dolor sit amet ".repeat(3)}`);
      expect(record.headers).toEqual([{ key: "i", value: Buffer.from(String(i)) }]);
    });
  });

  it("passes the validator and is stored as sent, or recompressed on request", () => {
    const sent = fixture(codec);
    const result = validateRecordBatches(Buffer.from(sent), {
      compressionType: "producer",
      compact: true,
      maxMessageBytes: 1048588,
      messageTimestampType: "CreateTime",
      messageTimestampBeforeMaxMs: Number.POSITIVE_INFINITY,
      messageTimestampAfterMaxMs: Number.POSITIVE_INFINITY,
    }, { topicPartition: "java-0", now: TIMESTAMP + 1000, nextOffset: 7 });
    expect(result.recompressed).toBe(false);
    expect(result.batches[0]!.data.subarray(12).equals(sent.subarray(12))).toBe(true);
    expect(result.batches[0]).toMatchObject({ baseOffset: 7, lastOffset: 506, producerId: 4242, baseSequence: 17, lastSequence: 516 });

    const zstd = validateRecordBatches(Buffer.from(sent), {
      compressionType: "zstd",
      compact: false,
      maxMessageBytes: 1048588,
      messageTimestampType: "CreateTime",
      messageTimestampBeforeMaxMs: Number.POSITIVE_INFINITY,
      messageTimestampAfterMaxMs: Number.POSITIVE_INFINITY,
    }, { topicPartition: "java-0", now: TIMESTAMP + 1000, nextOffset: 7 });
    expect(decodeBatchRecords(zstd.batches[0]!.data, 0).map((r) => r.value!.toString())).toEqual(
      decodeBatchRecords(fixture("none"), 0).map((r) => r.value!.toString()),
    );
  });
});

describe.each(["none", "gzip", "snappy", "lz4", "zstd"] as const)("a %s batch from librdkafka", (codec) => {
  it("decodes to the records kcat sent and passes the validator", () => {
    const batch = fixture(codec, "librdkafka");
    const header = readBatchHeader(batch);
    expect(compressionTypeOf(header.attributes)).toBe(codec);
    const records = decodeBatchRecords(batch, 0);
    expect(records.map((r) => r.key!.toString())).toEqual(Array.from({ length: 500 }, (_, i) => `key-${i % 50}`));
    expect(records.map((r) => r.value!.toString())).toEqual(Array.from({ length: 500 }, (_, i) => `value ${i}: ${"lorem ipsum dolor sit amet ".repeat(3)}`));
    const result = validateRecordBatches(Buffer.from(batch), {
      compressionType: "producer",
      compact: true,
      maxMessageBytes: 1048588,
      messageTimestampType: "CreateTime",
      messageTimestampBeforeMaxMs: Number.POSITIVE_INFINITY,
      messageTimestampAfterMaxMs: Number.POSITIVE_INFINITY,
    }, { topicPartition: "rdkafka-0", now: header.maxTimestamp, nextOffset: 0 });
    expect(result).toMatchObject({ recordCount: 500, recompressed: false });
  });
});
