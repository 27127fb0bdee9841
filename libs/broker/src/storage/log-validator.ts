import type { BrokerCompressionType } from "../cluster/config/broker-config-defs.js";
import {
  CorruptRecordError,
  InvalidRecordError,
  InvalidTimestampError,
  MessageTooLargeError,
  UnsupportedForMessageFormatError,
  type RecordError,
} from "../errors.js";
import { maxDecompressedBytes, targetCompression, type CompressionType } from "./compression/index.js";
import type { RecordHeader, RecordInput, TimestampType } from "./record.js";
import {
  BATCH_HEADER_SIZE,
  LOG_OVERHEAD,
  MAGIC_V2,
  NO_PRODUCER_ID,
  NO_TIMESTAMP,
  batchLastSequence,
  batchRecordsSection,
  batchTotalSize,
  compressionTypeOf,
  computeBatchCrc,
  encodeRecordBatch,
  isControlBatch,
  isTransactionalBatch,
  readBatchHeader,
  setBaseOffset,
  setMaxTimestamp,
  setPartitionLeaderEpoch,
  timestampTypeOf,
  type RecordBatchHeader,
} from "./record-batch.js";
import { VarintReader } from "./varint.js";

/** The topic settings a produced batch is checked against (a subset of the resolved topic config). */
export interface ValidationSettings {
  compressionType: BrokerCompressionType;
  compact: boolean;
  maxMessageBytes: number;
  messageTimestampType: TimestampType;
  messageTimestampBeforeMaxMs: number;
  messageTimestampAfterMaxMs: number;
}

export interface ValidationContext {
  /** `topic-partition`, for messages. */
  topicPartition: string;
  /** The broker's time: the LogAppendTime and the reference for timestamp bounds. */
  now: number;
  /** The offset the first record gets: the log end offset. */
  nextOffset: number;
  /** Written into every batch (Kafka stamps the leader's epoch); -1 (unknown) by default. */
  partitionLeaderEpoch?: number;
}

/** One batch as it will be stored, with what the log and the producer state need to know about it. */
export interface ValidatedBatch {
  data: Buffer;
  baseOffset: number;
  lastOffset: number;
  recordCount: number;
  maxTimestamp: number;
  /** The offset the time index records for `maxTimestamp` (the batch's last offset, as in Kafka). */
  offsetOfMaxTimestamp: number;
  producerId: number;
  producerEpoch: number;
  baseSequence: number;
  lastSequence: number;
  isTransactional: boolean;
  /** The codec the batch is stored with. */
  compression: CompressionType;
}

export interface ValidationResult {
  batches: ValidatedBatch[];
  firstOffset: number;
  lastOffset: number;
  recordCount: number;
  sizeBytes: number;
  /** The LogAppendTime given to the records, or -1 when the topic uses CreateTime. */
  logAppendTime: number;
  maxTimestamp: number;
  /** Whether a batch was rebuilt (recompressed for the topic's codec) rather than kept as sent. */
  recompressed: boolean;
}

/**
 * Kafka's LogValidator for a client's Produce data: checks the raw `records` bytes of one partition (one or more
 * RecordBatch v2, exactly as sent) and assigns them offsets from `context.nextOffset`.
 *
 * A batch is kept as sent — its base offset, leader epoch and (when it changes) max timestamp rewritten in place —
 * when its codec is the one the topic stores (`compression.type`, where `producer` keeps any); otherwise it is
 * rebuilt with the topic's codec, keeping its producer id, epoch, sequence and transactional flag. An uncompressed
 * batch is never decoded into records and re-encoded. The input buffer is modified in place.
 *
 * @throws UnsupportedForMessageFormatError (magic other than 2), CorruptRecordError (framing, CRC, undecodable
 *   compressed data), MessageTooLargeError (`max.message.bytes`), InvalidRecordError and InvalidTimestampError
 *   (with `recordErrors` for Produce v8+). Transactional batches are checked here like any other; whether their
 *   transaction is open is the producer state's and the transaction coordinator's business.
 */
export function validateRecordBatches(records: Buffer, settings: ValidationSettings, context: ValidationContext): ValidationResult {
  const tp = context.topicPartition;
  const positions = frameBatches(records, tp);
  const batches: ValidatedBatch[] = [];
  let nextOffset = context.nextOffset;
  let recompressed = false;
  let maxTimestamp = NO_TIMESTAMP;
  for (const pos of positions) {
    const header = readBatchHeader(records, pos);
    checkBatchHeader(records, pos, header, settings, tp);
    const batch = validateBatchRecords(records, pos, header, settings, context, nextOffset);
    recompressed ||= batch.data !== records;
    const stored = batch.data === records ? records.subarray(pos, pos + batchTotalSize(header)) : batch.data;
    batches.push({ ...batch, data: stored });
    nextOffset = batch.lastOffset + 1;
    if (batch.maxTimestamp > maxTimestamp) maxTimestamp = batch.maxTimestamp;
  }
  const logAppendTime = settings.messageTimestampType === "LogAppendTime" ? context.now : -1;
  return {
    batches,
    firstOffset: context.nextOffset,
    lastOffset: nextOffset - 1,
    recordCount: nextOffset - context.nextOffset,
    sizeBytes: batches.reduce((sum, b) => sum + b.data.length, 0),
    logAppendTime,
    maxTimestamp,
    recompressed,
  };
}

/** Finds the batches: consistent sizes, whole batches only, nothing after the last. */
function frameBatches(records: Buffer, tp: string): number[] {
  if (records.length === 0) throw new InvalidRecordError(`Produce requests must have at least one record batch per partition (${tp}).`);
  const positions: number[] = [];
  let pos = 0;
  while (pos < records.length) {
    const remaining = records.length - pos;
    if (remaining < LOG_OVERHEAD + 5) {
      throw new CorruptRecordError(`The last ${remaining} bytes of the records for ${tp} do not form a whole record batch.`);
    }
    const magic = records.readInt8(pos + 16);
    if (magic !== MAGIC_V2) {
      throw new UnsupportedForMessageFormatError(
        `Record batches with magic ${magic} are not supported in ${tp}: Kafka's clients since 0.11 write magic 2 (RecordBatch v2), the only format Skein stores.`,
      );
    }
    const size = LOG_OVERHEAD + records.readInt32BE(pos + 8);
    if (size < BATCH_HEADER_SIZE) {
      throw new CorruptRecordError(`Record batch size ${size} is less than the minimum batch overhead (${BATCH_HEADER_SIZE}) in topic partition ${tp}.`);
    }
    if (size > remaining) {
      throw new CorruptRecordError(`The record batch at byte ${pos} of the records for ${tp} declares ${size} bytes but only ${remaining} remain.`);
    }
    positions.push(pos);
    pos += size;
  }
  return positions;
}

/** Kafka's `analyzeAndValidateRecords` and `LogValidator.validateBatch` for a client's batch. */
function checkBatchHeader(records: Buffer, pos: number, header: RecordBatchHeader, settings: ValidationSettings, tp: string): void {
  const size = batchTotalSize(header);
  if (header.baseOffset !== 0) {
    throw new InvalidRecordError(`The baseOffset of the record batch in the append to ${tp} should be 0, but it is ${header.baseOffset}`);
  }
  if (size > settings.maxMessageBytes) {
    throw new MessageTooLargeError(
      `The record batch size in the append to ${tp} is ${size} bytes which exceeds the maximum configured value of ${settings.maxMessageBytes}.`,
    );
  }
  if (computeBatchCrc(records, pos, size) !== header.crc) {
    throw new CorruptRecordError(`Record is corrupt (stored crc = ${header.crc}) in topic partition ${tp}.`);
  }
  const range = `[${header.baseOffset}, ${header.baseOffset + header.lastOffsetDelta}]`;
  if (header.lastOffsetDelta + 1 <= 0) throw new InvalidRecordError(`Batch has an invalid offset range: ${range} in topic partition ${tp}`);
  if (header.recordCount <= 0) throw new InvalidRecordError(`Invalid reported count for record batch: ${header.recordCount} in topic partition ${tp}`);
  if (header.lastOffsetDelta + 1 !== header.recordCount) {
    throw new InvalidRecordError(`Inconsistent batch offset range ${range} and count of records ${header.recordCount} in topic partition ${tp}`);
  }
  if (isControlBatch(header.attributes)) throw new InvalidRecordError(`Clients are not allowed to write control records in topic partition ${tp}`);
  if (header.producerId !== NO_PRODUCER_ID && header.baseSequence < 0) {
    throw new InvalidRecordError(
      `Invalid sequence number ${header.baseSequence} in record batch with producerId ${header.producerId} in topic partition ${tp}`,
    );
  }
  if (isTransactionalBatch(header.attributes) && header.producerId === NO_PRODUCER_ID) {
    throw new InvalidRecordError(`A transactional record batch must carry a producer id (topic partition ${tp}).`);
  }
}

interface BatchOutcome extends Omit<ValidatedBatch, "data"> {
  /** The input buffer when the batch was kept in place, else the rebuilt batch. */
  data: Buffer;
}

/** Walks the batch's records (Kafka's record-level checks), then assigns offsets in place or rebuilds the batch. */
function validateBatchRecords(
  records: Buffer,
  pos: number,
  header: RecordBatchHeader,
  settings: ValidationSettings,
  context: ValidationContext,
  firstOffset: number,
): BatchOutcome {
  const tp = context.topicPartition;
  const size = batchTotalSize(header);
  const source = compressionTypeOf(header.attributes);
  const target = targetCompression(settings.compressionType, source);
  const rebuild = source !== target;
  const section = batchRecordsSection(records, pos, header, maxDecompressedBytes(settings.maxMessageBytes));
  const walk = walkRecords(section.data, section.start, section.end, header, settings, context, rebuild);
  throwRecordErrors(walk.errors);

  const lastOffset = firstOffset + header.recordCount - 1;
  const logAppendTime = settings.messageTimestampType === "LogAppendTime";
  const maxTimestamp = logAppendTime ? context.now : walk.maxTimestamp;
  const common = {
    baseOffset: firstOffset,
    lastOffset,
    recordCount: header.recordCount,
    maxTimestamp,
    offsetOfMaxTimestamp: lastOffset,
    producerId: header.producerId,
    producerEpoch: header.producerEpoch,
    baseSequence: header.baseSequence,
    lastSequence: batchLastSequence(header),
    isTransactional: isTransactionalBatch(header.attributes),
    compression: target,
  };
  if (!rebuild) {
    setBaseOffset(records, pos, firstOffset);
    setPartitionLeaderEpoch(records, pos, context.partitionLeaderEpoch ?? -1);
    setMaxTimestamp(records, pos, size, settings.messageTimestampType, maxTimestamp);
    return { ...common, data: records };
  }
  const data = encodeRecordBatch(walk.inputs, {
    baseOffset: firstOffset,
    timestampType: settings.messageTimestampType,
    now: context.now,
    partitionLeaderEpoch: context.partitionLeaderEpoch ?? -1,
    compression: target,
    producerId: header.producerId,
    producerEpoch: header.producerEpoch,
    baseSequence: header.baseSequence,
    isTransactional: common.isTransactional,
  });
  if (data.length > settings.maxMessageBytes) {
    throw new MessageTooLargeError(
      `Message batch size is ${data.length} bytes in append to partition ${tp} which exceeds the maximum configured size of ${settings.maxMessageBytes}.`,
    );
  }
  return { ...common, data };
}

/** Marks the record errors that are about timestamps: Kafka then answers INVALID_TIMESTAMP for the batch. */
const TIMESTAMP_ERROR = Symbol("timestamp");

type CheckedRecordError = RecordError & { [TIMESTAMP_ERROR]?: true };

interface RecordWalk {
  errors: CheckedRecordError[];
  maxTimestamp: number;
  /** The records, decoded only when the batch is rebuilt. */
  inputs: RecordInput[];
}

/**
 * Reads every record's framing (Kafka's `DefaultRecord.readFrom` checks) and applies the per-record rules: offset
 * deltas 0, 1, 2…, a key on compacted topics, timestamps within `message.timestamp.before/after.max.ms`.
 */
function walkRecords(
  data: Buffer,
  start: number,
  end: number,
  header: RecordBatchHeader,
  settings: ValidationSettings,
  context: ValidationContext,
  decode: boolean,
): RecordWalk {
  const tp = context.topicPartition;
  const batchLogAppendTime = timestampTypeOf(header.attributes) === "LogAppendTime";
  const checkTimestamps = settings.messageTimestampType === "CreateTime";
  const errors: CheckedRecordError[] = [];
  const inputs: RecordInput[] = [];
  let maxTimestamp = NO_TIMESTAMP;
  const reader = new VarintReader(data, start);
  try {
    for (let index = 0; index < header.recordCount; index++) {
      if (reader.pos >= end) throw new InvalidRecordError(`Found invalid record structure: the batch declares ${header.recordCount} records but holds ${index} in topic partition ${tp}`);
      const length = reader.varint();
      const recordStart = reader.pos;
      const recordEnd = recordStart + length;
      if (length < 0 || recordEnd > end) throw new InvalidRecordError(`Found invalid record structure: record ${index} runs past the end of its batch in topic partition ${tp}`);
      reader.pos++; // attributes: unused in v2
      const timestampDelta = reader.varlong();
      const offsetDelta = reader.varint();
      const key = readField(reader, recordEnd, decode);
      const value = readField(reader, recordEnd, decode);
      const headerCount = reader.varint();
      if (headerCount < 0) throw new InvalidRecordError(`Found invalid number of record headers ${headerCount} in topic partition ${tp}`);
      const headers: RecordHeader[] = [];
      for (let h = 0; h < headerCount; h++) {
        const headerKey = readField(reader, recordEnd, true);
        if (headerKey === null) throw new InvalidRecordError(`Invalid negative header key size in topic partition ${tp}`);
        const headerValue = readField(reader, recordEnd, decode);
        if (decode) headers.push({ key: headerKey!.toString("utf8"), value: headerValue ?? null });
      }
      if (reader.pos !== recordEnd) {
        throw new InvalidRecordError(
          `Invalid record size: expected to read ${length} bytes in record payload, but instead read ${reader.pos - recordStart} in topic partition ${tp}`,
        );
      }

      const offset = header.baseOffset + offsetDelta;
      const timestamp = batchLogAppendTime ? header.maxTimestamp : header.baseTimestamp + timestampDelta;
      if (offsetDelta !== index) {
        errors.push({ batchIndex: index, message: `Record ${index} has offset delta ${offsetDelta}: the records of a batch must have offset deltas 0, 1, 2, … in topic partition ${tp}` });
      } else if (settings.compact && key === null) {
        errors.push({ batchIndex: index, message: `Compacted topic cannot accept message without key in topic partition ${tp}.` });
      } else if (checkTimestamps && timestamp !== NO_TIMESTAMP) {
        const diff = context.now - timestamp;
        if (diff > settings.messageTimestampBeforeMaxMs || -diff > settings.messageTimestampAfterMaxMs) {
          errors.push({
            batchIndex: index,
            message:
              `Timestamp ${timestamp} of message with offset ${offset} is out of range. The timestamp should be within ` +
              `[${bound(context.now - settings.messageTimestampBeforeMaxMs)}, ${bound(context.now + settings.messageTimestampAfterMaxMs)}]`,
            [TIMESTAMP_ERROR]: true,
          });
        }
      } else if (batchLogAppendTime) {
        errors.push({
          batchIndex: index,
          message: `Invalid timestamp type in message with offset ${offset}. Producer should not set timestamp type to LogAppendTime.`,
          [TIMESTAMP_ERROR]: true,
        });
      }
      if (timestamp > maxTimestamp) maxTimestamp = timestamp;
      if (decode) {
        inputs.push({ key, value, headers, timestamp });
      }
      reader.pos = recordEnd;
    }
  } catch (err) {
    if (err instanceof RangeError) throw new InvalidRecordError(`Found invalid record structure in topic partition ${tp}: ${err.message}`);
    throw err;
  }
  if (reader.pos !== end) {
    throw new InvalidRecordError(`Incorrect declared batch size, records still remaining in file (${end - reader.pos} bytes after ${header.recordCount} records) in topic partition ${tp}`);
  }
  return { errors, maxTimestamp, inputs };
}

/** Reads a varint-prefixed byte field: null for length -1, else its bytes (when `decode`) or an empty marker. */
function readField(reader: VarintReader, recordEnd: number, decode: boolean): Buffer | null {
  const length = reader.varint();
  if (length < -1) throw new RangeError(`invalid field length ${length}`);
  if (length === -1) return null;
  const start = reader.pos;
  reader.pos += length;
  if (reader.pos > recordEnd) throw new RangeError("a field runs past the end of its record");
  return decode ? (reader.buf as Buffer).subarray(start, reader.pos) : PRESENT;
}

const PRESENT = Buffer.alloc(0);

function bound(value: number): string {
  return Number.isFinite(value) ? String(value) : value < 0 ? "-infinity" : "infinity";
}

/** Kafka's `processRecordErrors`: a batch with any record error fails whole, INVALID_TIMESTAMP winning. */
function throwRecordErrors(errors: CheckedRecordError[]): void {
  if (errors.length === 0) return;
  const recordErrors = errors.map(({ batchIndex, message }) => ({ batchIndex, message }));
  if (errors.some((e) => e[TIMESTAMP_ERROR])) {
    throw new InvalidTimestampError("One or more records have been rejected due to invalid timestamp", recordErrors);
  }
  const shown = recordErrors.slice(0, 3).map((e) => `RecordError(batchIndex=${e.batchIndex}, message='${e.message}')`);
  throw new InvalidRecordError(
    `One or more records have been rejected due to ${errors.length} record errors in total, and only showing the first three errors at most: [${shown.join(", ")}]`,
    recordErrors,
  );
}
