import { describe, expect, it } from "vitest";
import {
  CorruptRecordError,
  InvalidRecordError,
  InvalidTimestampError,
  KafkaError,
  MessageTooLargeError,
  UnsupportedCompressionTypeError,
  UnsupportedForMessageFormatError,
} from "../errors.js";
import { kafkajsBatch } from "../test-support/kafkajs-batches.js";
import { validateRecordBatches, type ValidationSettings } from "./log-validator.js";
import type { RecordInput } from "./record.js";
import {
  computeBatchCrc,
  decodeBatchRecords,
  decodeBatches,
  encodeRecordBatch,
  readBatchHeader,
  validateBatch,
  type EncodeOptions,
} from "./record-batch.js";
import { writeVarint } from "./varint.js";

const now = 1_700_000_000_000;
const tp = "orders-0";

function settings(overrides: Partial<ValidationSettings> = {}): ValidationSettings {
  return {
    compressionType: "producer",
    compact: false,
    maxMessageBytes: 1048588,
    messageTimestampType: "CreateTime",
    messageTimestampBeforeMaxMs: Number.POSITIVE_INFINITY,
    messageTimestampAfterMaxMs: Number.POSITIVE_INFINITY,
    ...overrides,
  };
}

const context = { topicPartition: tp, now, nextOffset: 100 };

function records(count: number, overrides: Partial<RecordInput> = {}): RecordInput[] {
  return Array.from({ length: count }, (_, i) => ({
    key: Buffer.from(`key-${i}`),
    value: Buffer.from(`value ${i} `.repeat(5)),
    timestamp: now - 1000 + i,
    headers: [{ key: "n", value: Buffer.from([i]) }],
    ...overrides,
  }));
}

function batch(count = 3, options: Partial<EncodeOptions> = {}, overrides: Partial<RecordInput> = {}): Buffer {
  return encodeRecordBatch(records(count, overrides), { timestampType: "CreateTime", now: now - 1000, ...options });
}

/** Applies `mutate` to a copy of the batch and gives it a valid CRC again: a well-formed batch with one rule broken. */
function tampered(data: Buffer, mutate: (b: Buffer) => void): Buffer {
  const copy = Buffer.from(data);
  mutate(copy);
  copy.writeUInt32BE(computeBatchCrc(copy, 0, copy.length), 17);
  return copy;
}

function caught(fn: () => unknown): KafkaError & { recordErrors?: { batchIndex: number; message: string | null }[] } {
  try {
    fn();
  } catch (err) {
    if (err instanceof KafkaError) return err;
    throw err;
  }
  throw new Error("expected a KafkaError");
}

describe("validateRecordBatches: framing, magic, CRC and size", () => {
  it("refuses no data, a cut-off batch and trailing bytes", () => {
    expect(caught(() => validateRecordBatches(Buffer.alloc(0), settings(), context))).toBeInstanceOf(InvalidRecordError);
    const data = batch();
    expect(caught(() => validateRecordBatches(data.subarray(0, data.length - 1), settings(), context)).message).toMatch(/declares \d+ bytes but only/);
    const trailing = caught(() => validateRecordBatches(Buffer.concat([batch(), Buffer.from([1, 2, 3])]), settings(), context));
    expect(trailing).toBeInstanceOf(CorruptRecordError);
    expect(trailing.message).toMatch(/last 3 bytes/);
  });

  it("refuses a batch length below the header size", () => {
    const data = batch();
    data.writeInt32BE(20, 8);
    expect(caught(() => validateRecordBatches(data, settings(), context))).toBeInstanceOf(CorruptRecordError);
  });

  it("answers UNSUPPORTED_FOR_MESSAGE_FORMAT for magic 0 and 1", () => {
    for (const magic of [0, 1]) {
      const data = batch();
      data[16] = magic;
      const err = caught(() => validateRecordBatches(data, settings(), context));
      expect(err).toBeInstanceOf(UnsupportedForMessageFormatError);
      expect(err.code).toBe(43);
    }
  });

  it("answers CORRUPT_MESSAGE for a flipped bit", () => {
    const data = batch();
    data[data.length - 3]! ^= 0x10;
    const err = caught(() => validateRecordBatches(data, settings(), context));
    expect(err).toBeInstanceOf(CorruptRecordError);
    expect(err.message).toBe(`Record is corrupt (stored crc = ${readBatchHeader(data).crc}) in topic partition ${tp}.`);
  });

  it("answers MESSAGE_TOO_LARGE past max.message.bytes, as Kafka words it", () => {
    const data = batch(10);
    const err = caught(() => validateRecordBatches(data, settings({ maxMessageBytes: data.length - 1 }), context));
    expect(err).toBeInstanceOf(MessageTooLargeError);
    expect(err.message).toBe(
      `The record batch size in the append to ${tp} is ${data.length} bytes which exceeds the maximum configured value of ${data.length - 1}.`,
    );
    expect(validateRecordBatches(data, settings({ maxMessageBytes: data.length }), context).recordCount).toBe(10);
  });

  it("refuses a client batch whose base offset is not 0", () => {
    const err = caught(() => validateRecordBatches(batch(3, { baseOffset: 5 }), settings(), context));
    expect(err).toBeInstanceOf(InvalidRecordError);
    expect(err.message).toBe(`The baseOffset of the record batch in the append to ${tp} should be 0, but it is 5`);
  });
});

describe("validateRecordBatches: batch rules (Kafka's LogValidator.validateBatch)", () => {
  it("refuses a count that does not match lastOffsetDelta, and a zero count", () => {
    const inconsistent = tampered(batch(3), (b) => b.writeInt32BE(4, 23));
    expect(caught(() => validateRecordBatches(inconsistent, settings(), context)).message).toBe(
      `Inconsistent batch offset range [0, 4] and count of records 3 in topic partition ${tp}`,
    );
    const zero = tampered(batch(1), (b) => {
      b.writeInt32BE(-1, 23);
      b.writeInt32BE(0, 57);
    });
    expect(caught(() => validateRecordBatches(zero, settings(), context)).message).toMatch(/invalid offset range: \[0, -1\]/);
    const noRecords = tampered(batch(1), (b) => b.writeInt32BE(0, 57));
    expect(caught(() => validateRecordBatches(noRecords, settings(), context)).message).toBe(`Invalid reported count for record batch: 0 in topic partition ${tp}`);
  });

  it("refuses a count larger or smaller than the records the batch holds", () => {
    const fewer = tampered(batch(3), (b) => {
      b.writeInt32BE(3, 23);
      b.writeInt32BE(4, 57);
    });
    expect(caught(() => validateRecordBatches(fewer, settings(), context)).message).toMatch(/declares 4 records but holds 3/);
    const more = tampered(batch(3), (b) => {
      b.writeInt32BE(1, 23);
      b.writeInt32BE(2, 57);
    });
    expect(caught(() => validateRecordBatches(more, settings(), context)).message).toMatch(/records still remaining/);
  });

  it("refuses a record whose declared length does not match its fields", () => {
    // Grow the first record's length varint by one: it then claims one byte of the next record.
    const data = tampered(batch(2), (b) => {
      writeVarint(b, 61, b[61]! / 2 + 1);
    });
    expect(caught(() => validateRecordBatches(data, settings(), context))).toBeInstanceOf(InvalidRecordError);
  });

  it("refuses control batches, idempotent batches without a sequence, and transactional batches without a producer", () => {
    const control = tampered(batch(), (b) => b.writeInt16BE(0x20, 21));
    expect(caught(() => validateRecordBatches(control, settings(), context)).message).toBe(`Clients are not allowed to write control records in topic partition ${tp}`);
    const noSequence = batch(3, { producerId: 42, producerEpoch: 0, baseSequence: -1 });
    expect(caught(() => validateRecordBatches(noSequence, settings(), context)).message).toBe(
      `Invalid sequence number -1 in record batch with producerId 42 in topic partition ${tp}`,
    );
    const anonymous = batch(3, { isTransactional: true });
    expect(caught(() => validateRecordBatches(anonymous, settings(), context)).message).toBe(`A transactional record batch must carry a producer id (topic partition ${tp}).`);
    const transactional = batch(3, { producerId: 42, producerEpoch: 0, baseSequence: 0, isTransactional: true });
    expect(validateRecordBatches(transactional, settings(), context).batches[0]).toMatchObject({ isTransactional: true, producerId: 42 });
  });

  it("answers UNSUPPORTED_COMPRESSION_TYPE for a codec id no Kafka version defines", () => {
    const data = tampered(batch(), (b) => b.writeInt16BE(5, 21));
    expect(caught(() => validateRecordBatches(data, settings(), context))).toBeInstanceOf(UnsupportedCompressionTypeError);
  });

  it("answers CORRUPT_MESSAGE for compressed records that do not decompress", () => {
    const data = tampered(batch(3), (b) => b.writeInt16BE(4, 21)); // says zstd, holds plain records
    expect(caught(() => validateRecordBatches(data, settings(), context))).toBeInstanceOf(CorruptRecordError);
  });
});

describe("validateRecordBatches: record rules with record_errors", () => {
  it("refuses offset deltas other than 0, 1, 2…", () => {
    const data = encodeRecordBatch(records(3), { timestampType: "CreateTime", now, offsetDeltas: [0, 0, 2], lastOffsetDelta: 2 });
    const err = caught(() => validateRecordBatches(data, settings(), context));
    expect(err).toBeInstanceOf(InvalidRecordError);
    expect(err.recordErrors).toEqual([{ batchIndex: 1, message: expect.stringMatching(/offset delta 0/) }]);
  });

  it("refuses records without a key on a compacted topic, naming each", () => {
    const input = records(4).map((r, i) => (i === 1 || i === 3 ? { ...r, key: null } : r));
    const data = encodeRecordBatch(input, { timestampType: "CreateTime", now });
    const err = caught(() => validateRecordBatches(data, settings({ compact: true }), context));
    expect(err).toBeInstanceOf(InvalidRecordError);
    expect(err.code).toBe(87);
    const message = `Compacted topic cannot accept message without key in topic partition ${tp}.`;
    expect(err.recordErrors).toEqual([
      { batchIndex: 1, message },
      { batchIndex: 3, message },
    ]);
    expect(err.message).toBe(
      "One or more records have been rejected due to 2 record errors in total, and only showing the first three errors at most: " +
        `[RecordError(batchIndex=1, message='${message}'), RecordError(batchIndex=3, message='${message}')]`,
    );
    expect(validateRecordBatches(data, settings(), context).recordCount).toBe(4);
  });

  it("checks timestamps against message.timestamp.before.max.ms and after.max.ms", () => {
    const input: RecordInput[] = [
      { value: Buffer.from("ok"), timestamp: now - 500 },
      { value: Buffer.from("too old"), timestamp: now - 5000 },
      { value: Buffer.from("too new"), timestamp: now + 5000 },
      { value: Buffer.from("none"), timestamp: -1 },
    ];
    const data = encodeRecordBatch(input, { timestampType: "CreateTime", now });
    const bounded = settings({ messageTimestampBeforeMaxMs: 1000, messageTimestampAfterMaxMs: 1000 });
    const err = caught(() => validateRecordBatches(data, bounded, context));
    expect(err).toBeInstanceOf(InvalidTimestampError);
    expect(err.message).toBe("One or more records have been rejected due to invalid timestamp");
    expect(err.recordErrors).toEqual([
      { batchIndex: 1, message: `Timestamp ${now - 5000} of message with offset 1 is out of range. The timestamp should be within [${now - 1000}, ${now + 1000}]` },
      { batchIndex: 2, message: `Timestamp ${now + 5000} of message with offset 2 is out of range. The timestamp should be within [${now - 1000}, ${now + 1000}]` },
    ]);
    // LogAppendTime topics replace the timestamps, so they are not checked.
    expect(validateRecordBatches(Buffer.from(data), { ...bounded, messageTimestampType: "LogAppendTime" }, context).recordCount).toBe(4);
  });

  it("refuses a client batch that claims LogAppendTime", () => {
    const data = encodeRecordBatch([{ value: Buffer.from("v") }], { timestampType: "LogAppendTime", now });
    const err = caught(() => validateRecordBatches(data, settings({ messageTimestampType: "LogAppendTime" }), context));
    expect(err).toBeInstanceOf(InvalidTimestampError);
    expect(err.recordErrors![0]!.message).toMatch(/Producer should not set timestamp type to LogAppendTime/);
  });
});

describe("validateRecordBatches: offsets, timestamps and codecs", () => {
  it("assigns offsets in place to an uncompressed batch without re-encoding it", () => {
    const data = batch(5);
    const sent = Buffer.from(data);
    const result = validateRecordBatches(data, settings(), context);
    expect(result).toMatchObject({ firstOffset: 100, lastOffset: 104, recordCount: 5, logAppendTime: -1, maxTimestamp: now - 996, recompressed: false });
    const stored = result.batches[0]!;
    expect(stored.data.buffer).toBe(data.buffer);
    expect(stored.data.byteOffset).toBe(data.byteOffset);
    expect(readBatchHeader(stored.data)).toMatchObject({ baseOffset: 100, crc: readBatchHeader(sent).crc });
    expect(stored.data.subarray(12).equals(sent.subarray(12))).toBe(true);
    expect(decodeBatchRecords(stored.data, 0).map((r) => r.offset)).toEqual([100, 101, 102, 103, 104]);
  });

  it("corrects a wrong max timestamp from the client and recomputes the CRC", () => {
    const data = tampered(batch(3), (b) => b.writeBigInt64BE(BigInt(now + 99_999), 35));
    const result = validateRecordBatches(data, settings(), context);
    expect(readBatchHeader(result.batches[0]!.data).maxTimestamp).toBe(now - 998);
    expect(validateBatch(result.batches[0]!.data, 0, data.length)).not.toBeTypeOf("string");
  });

  it("stamps LogAppendTime into the batch header, as Kafka does", () => {
    const data = batch(3);
    const result = validateRecordBatches(data, settings({ messageTimestampType: "LogAppendTime" }), context);
    expect(result.logAppendTime).toBe(now);
    const header = readBatchHeader(result.batches[0]!.data);
    expect(header.attributes & 0x08).toBe(0x08);
    expect(header.maxTimestamp).toBe(now);
    expect(validateBatch(result.batches[0]!.data, 0, data.length)).not.toBeTypeOf("string");
    expect(decodeBatchRecords(result.batches[0]!.data, 0).map((r) => [r.timestamp, r.timestampType])).toEqual(Array(3).fill([now, "LogAppendTime"]));
  });

  it("gives several batches consecutive offsets", () => {
    const result = validateRecordBatches(Buffer.concat([batch(2), batch(3, { compression: "lz4" })]), settings(), context);
    expect(result.batches.map((b) => [b.baseOffset, b.lastOffset])).toEqual([
      [100, 101],
      [102, 104],
    ]);
    expect(decodeBatches(Buffer.concat(result.batches.map((b) => b.data))).map((r) => r.offset)).toEqual([100, 101, 102, 103, 104]);
  });

  it("keeps a compressed batch as sent when its codec is the topic's (or the topic says producer)", () => {
    for (const compressionType of ["producer", "snappy"] as const) {
      const data = batch(20, { compression: "snappy" });
      const sent = Buffer.from(data);
      const result = validateRecordBatches(data, settings({ compressionType }), context);
      expect(result.recompressed).toBe(false);
      expect(result.batches[0]!.data.subarray(12).equals(sent.subarray(12))).toBe(true);
      expect(result.batches[0]!.compression).toBe("snappy");
    }
  });

  it("recompresses to the topic's codec, keeping the producer's fields", () => {
    const data = batch(20, { compression: "gzip", producerId: 9, producerEpoch: 2, baseSequence: 40 });
    const result = validateRecordBatches(data, settings({ compressionType: "zstd" }), context);
    expect(result.recompressed).toBe(true);
    const stored = result.batches[0]!;
    expect(stored.compression).toBe("zstd");
    expect(readBatchHeader(stored.data)).toMatchObject({ baseOffset: 100, attributes: 4, producerId: 9, producerEpoch: 2, baseSequence: 40, recordCount: 20 });
    expect(stored).toMatchObject({ producerId: 9, producerEpoch: 2, baseSequence: 40, lastSequence: 59 });
    expect(decodeBatchRecords(stored.data, 0)).toEqual(decodeBatchRecords(encodeRecordBatch(records(20), { baseOffset: 100, timestampType: "CreateTime", now }), 0));
  });

  it("decompresses for an uncompressed topic and compresses for a compressed one", () => {
    const toPlain = validateRecordBatches(batch(5, { compression: "lz4" }), settings({ compressionType: "uncompressed" }), context).batches[0]!;
    expect(readBatchHeader(toPlain.data).attributes & 7).toBe(0);
    const toGzip = validateRecordBatches(batch(5), settings({ compressionType: "gzip" }), context).batches[0]!;
    expect(readBatchHeader(toGzip.data).attributes & 7).toBe(1);
    expect(decodeBatchRecords(toGzip.data, 0).map((r) => r.offset)).toEqual([100, 101, 102, 103, 104]);
  });

  it("re-checks max.message.bytes after recompression", () => {
    let x = 1;
    const noise = () => ((x = (Math.imul(x, 1103515245) + 12345) >>> 0) >>> 24);
    const incompressible = Array.from({ length: 3 }, () => ({ value: Buffer.from(Array.from({ length: 4000 }, noise)) }));
    const data = encodeRecordBatch(incompressible, { timestampType: "CreateTime", now });
    const gzipped = encodeRecordBatch(incompressible, { timestampType: "CreateTime", now, compression: "gzip" });
    expect(gzipped.length).toBeGreaterThan(data.length);
    const err = caught(() => validateRecordBatches(data, settings({ compressionType: "gzip", maxMessageBytes: data.length }), context));
    expect(err).toBeInstanceOf(MessageTooLargeError);
    expect(err.message).toMatch(/^Message batch size is \d+ bytes in append to partition orders-0/);
  });
});

describe("validateRecordBatches: batches made by kafkajs", () => {
  const messages = Array.from({ length: 50 }, (_, i) => ({ key: `k${i % 5}`, value: `kafkajs value ${i}`, timestamp: now - i, headers: { i: String(i) } }));

  it.each(["none", "gzip", "snappy"] as const)("accepts and stores kafkajs's %s batch", async (compression) => {
    const data = await kafkajsBatch(messages, { compression, now });
    const result = validateRecordBatches(data, settings(), context);
    expect(result.recompressed).toBe(false);
    const stored = decodeBatchRecords(result.batches[0]!.data, 0);
    expect(stored.map((r) => r.offset)).toEqual(messages.map((_, i) => 100 + i));
    expect(stored.map((r) => r.value!.toString())).toEqual(messages.map((m) => m.value));
    expect(stored.map((r) => r.timestamp)).toEqual(messages.map((m) => m.timestamp));
    expect(stored[7]!.headers).toEqual([{ key: "i", value: Buffer.from("7") }]);
    expect(result.maxTimestamp).toBe(now);
  });

  it("reads kafkajs's idempotent producer fields", async () => {
    const data = await kafkajsBatch(messages.slice(0, 4), { producerId: 3000, producerEpoch: 1, firstSequence: 12, now });
    expect(validateRecordBatches(data, settings(), context).batches[0]).toMatchObject({ producerId: 3000, producerEpoch: 1, baseSequence: 12, lastSequence: 15 });
  });

  it("refuses kafkajs's keyless records on a compacted topic", async () => {
    const data = await kafkajsBatch([{ key: null, value: "v" }], { now });
    expect(caught(() => validateRecordBatches(data, settings({ compact: true }), context)).recordErrors).toHaveLength(1);
  });
});
