/**
 * Kafka's RecordBatch v2 (magic 2): the unit the log stores, replicates and serves.
 *
 *   baseOffset int64 | batchLength int32 | partitionLeaderEpoch int32 | magic int8 | crc uint32 |
 *   attributes int16 | lastOffsetDelta int32 | baseTimestamp int64 | maxTimestamp int64 |
 *   producerId int64 | producerEpoch int16 | baseSequence int32 | recordCount int32 | records...
 *
 * The CRC32C covers everything from `attributes` to the end of the batch, so the broker may rewrite
 * `baseOffset` (and the leader epoch) without recomputing it.
 */
import { crc32c } from "@node-rs/crc32";
import { codecFor, compressionId, compressionTypeForId, MAX_DECOMPRESSED_BATCH_BYTES, type CompressionType } from "./compression/index.js";
import { readInt64BE, writeInt64BE } from "./int64.js";
import type { LogRecord, RecordHeader, RecordInput, TimestampType } from "./record.js";
import { VarintReader, sizeOfVarint, sizeOfVarlong, writeVarint, writeVarlong } from "./varint.js";

export const MAGIC_V2 = 2;
/** `baseOffset` + `batchLength`: the bytes in front of what `batchLength` counts. */
export const LOG_OVERHEAD = 12;
export const BATCH_HEADER_SIZE = 61;

const PARTITION_LEADER_EPOCH = 12;
const MAGIC = 16;
const CRC = 17;
const ATTRIBUTES = 21;
const LAST_OFFSET_DELTA = 23;
const BASE_TIMESTAMP = 27;
const MAX_TIMESTAMP = 35;
const PRODUCER_ID = 43;
const PRODUCER_EPOCH = 51;
const BASE_SEQUENCE = 53;
const RECORD_COUNT = 57;

const COMPRESSION_MASK = 0x07;
const TIMESTAMP_TYPE_FLAG = 0x08;
const TRANSACTIONAL_FLAG = 0x10;
const CONTROL_FLAG = 0x20;

export const NO_PRODUCER_ID = -1;
export const NO_PRODUCER_EPOCH = -1;
export const NO_SEQUENCE = -1;
/** A record or batch timestamp that was never set (Kafka's `RecordBatch.NO_TIMESTAMP`). */
export const NO_TIMESTAMP = -1;

export interface RecordBatchHeader {
  baseOffset: number;
  /** Bytes after the length field. The whole batch is `LOG_OVERHEAD + batchLength` bytes. */
  batchLength: number;
  partitionLeaderEpoch: number;
  magic: number;
  crc: number;
  attributes: number;
  lastOffsetDelta: number;
  baseTimestamp: number;
  maxTimestamp: number;
  producerId: number;
  producerEpoch: number;
  baseSequence: number;
  recordCount: number;
}

export interface EncodeOptions {
  baseOffset?: number;
  timestampType: TimestampType;
  /** The broker's clock: the timestamp of records that have none, and the LogAppendTime. */
  now: number;
  partitionLeaderEpoch?: number;
  /**
   * Offset deltas of the records, when they are not 0, 1, 2, …: a compacted batch keeps its records' original
   * offsets (with gaps) and its original `lastOffsetDelta`.
   */
  offsetDeltas?: ArrayLike<number>;
  lastOffsetDelta?: number;
  /** The codec of the records section; none by default. A batch without records is never compressed. */
  compression?: CompressionType;
  /** Idempotent producer fields, kept when the cleaner or the validator rewrites a producer's batch. */
  producerId?: number;
  producerEpoch?: number;
  baseSequence?: number;
  isTransactional?: boolean;
  /** A control batch (Kafka's transaction markers): its records are control records, never delivered to consumers. */
  isControl?: boolean;
}

const textEncoder = new TextEncoder();

/**
 * Encodes records as one RecordBatch v2 with offsets `baseOffset`, `baseOffset + 1`, …, compressed with
 * `options.compression`. A batch with no records is allowed only with an explicit `lastOffsetDelta`: the log
 * cleaner keeps such an empty batch so that a cleaned segment still covers the offsets it replaced, and a
 * producer's last sequence survives, as Kafka does.
 */
export function encodeRecordBatch(records: readonly RecordInput[], options: EncodeOptions): Buffer {
  const count = records.length;
  if (count === 0 && options.lastOffsetDelta === undefined) throw new RangeError("a record batch holds at least one record");
  const logAppendTime = options.timestampType === "LogAppendTime";

  let baseTimestamp = logAppendTime || count === 0 ? options.now : (records[0]!.timestamp ?? options.now);
  let maxTimestamp = baseTimestamp;
  if (!logAppendTime) {
    for (let i = 1; i < count; i++) {
      const ts = records[i]!.timestamp ?? options.now;
      if (ts > maxTimestamp) maxTimestamp = ts;
    }
  }

  const bodySizes = new Int32Array(count);
  let headerKeys: Uint8Array[][] | undefined;
  let total = BATCH_HEADER_SIZE;
  for (let i = 0; i < count; i++) {
    const r = records[i]!;
    const tsDelta = logAppendTime ? 0 : (r.timestamp ?? options.now) - baseTimestamp;
    const key = r.key ?? null;
    const value = r.value ?? null;
    let body = 1 + sizeOfVarlong(tsDelta) + sizeOfVarint(options.offsetDeltas?.[i] ?? i);
    body += key === null ? 1 : sizeOfVarint(key.length) + key.length;
    body += value === null ? 1 : sizeOfVarint(value.length) + value.length;
    const headers = r.headers;
    if (headers === undefined || headers.length === 0) {
      body += 1;
    } else {
      headerKeys ??= [];
      const keys = headers.map((h) => textEncoder.encode(h.key));
      headerKeys[i] = keys;
      body += sizeOfVarint(headers.length);
      for (let h = 0; h < headers.length; h++) {
        const hv = headers[h]!.value;
        body += sizeOfVarint(keys[h]!.length) + keys[h]!.length;
        body += hv === null ? 1 : sizeOfVarint(hv.length) + hv.length;
      }
    }
    bodySizes[i] = body;
    total += sizeOfVarint(body) + body;
  }

  let buf = Buffer.allocUnsafe(total);

  let pos = BATCH_HEADER_SIZE;
  for (let i = 0; i < count; i++) {
    const r = records[i]!;
    pos = writeVarint(buf, pos, bodySizes[i]!);
    buf[pos++] = 0;
    pos = writeVarlong(buf, pos, logAppendTime ? 0 : (r.timestamp ?? options.now) - baseTimestamp);
    pos = writeVarint(buf, pos, options.offsetDeltas?.[i] ?? i);
    pos = writeBytes(buf, pos, r.key ?? null);
    pos = writeBytes(buf, pos, r.value ?? null);
    const headers = r.headers;
    if (headers === undefined || headers.length === 0) {
      buf[pos++] = 0;
    } else {
      const keys = headerKeys![i]!;
      pos = writeVarint(buf, pos, headers.length);
      for (let h = 0; h < headers.length; h++) {
        pos = writeBytes(buf, pos, keys[h]!);
        pos = writeBytes(buf, pos, headers[h]!.value);
      }
    }
  }
  const compression = count === 0 ? "none" : (options.compression ?? "none");
  if (compression !== "none") {
    const compressed = codecFor(compression).compress(buf.subarray(BATCH_HEADER_SIZE));
    buf = Buffer.allocUnsafe(BATCH_HEADER_SIZE + compressed.length);
    compressed.copy(buf, BATCH_HEADER_SIZE);
  }
  writeInt64BE(buf, 0, options.baseOffset ?? 0);
  buf.writeInt32BE(buf.length - LOG_OVERHEAD, 8);
  buf.writeInt32BE(options.partitionLeaderEpoch ?? -1, PARTITION_LEADER_EPOCH);
  buf[MAGIC] = MAGIC_V2;
  let attributes = compressionId(compression);
  if (logAppendTime) attributes |= TIMESTAMP_TYPE_FLAG;
  if (options.isTransactional) attributes |= TRANSACTIONAL_FLAG;
  if (options.isControl) attributes |= CONTROL_FLAG;
  buf.writeInt16BE(attributes, ATTRIBUTES);
  buf.writeInt32BE(options.lastOffsetDelta ?? count - 1, LAST_OFFSET_DELTA);
  writeInt64BE(buf, BASE_TIMESTAMP, baseTimestamp);
  writeInt64BE(buf, MAX_TIMESTAMP, maxTimestamp);
  writeInt64BE(buf, PRODUCER_ID, options.producerId ?? NO_PRODUCER_ID);
  buf.writeInt16BE(options.producerEpoch ?? NO_PRODUCER_EPOCH, PRODUCER_EPOCH);
  buf.writeInt32BE(options.baseSequence ?? NO_SEQUENCE, BASE_SEQUENCE);
  buf.writeInt32BE(count, RECORD_COUNT);
  buf.writeUInt32BE(computeBatchCrc(buf, 0, buf.length), CRC);
  return buf;
}

function writeBytes(buf: Buffer, pos: number, bytes: Uint8Array | null): number {
  if (bytes === null) return writeVarint(buf, pos, -1);
  pos = writeVarint(buf, pos, bytes.length);
  buf.set(bytes, pos);
  return pos + bytes.length;
}

/** CRC32C of the batch starting at `pos` whose total size is `size`, as Kafka computes it. */
export function computeBatchCrc(buf: Buffer, pos: number, size: number): number {
  return crc32c(buf.subarray(pos + ATTRIBUTES, pos + size)) >>> 0;
}

/** Reads the fixed header of the batch at `pos` (which must have `BATCH_HEADER_SIZE` bytes). */
export function readBatchHeader(buf: Buffer, pos = 0): RecordBatchHeader {
  return {
    baseOffset: readInt64BE(buf, pos),
    batchLength: buf.readInt32BE(pos + 8),
    partitionLeaderEpoch: buf.readInt32BE(pos + PARTITION_LEADER_EPOCH),
    magic: buf.readInt8(pos + MAGIC),
    crc: buf.readUInt32BE(pos + CRC),
    attributes: buf.readInt16BE(pos + ATTRIBUTES),
    lastOffsetDelta: buf.readInt32BE(pos + LAST_OFFSET_DELTA),
    baseTimestamp: readInt64BE(buf, pos + BASE_TIMESTAMP),
    maxTimestamp: readInt64BE(buf, pos + MAX_TIMESTAMP),
    producerId: readInt64BE(buf, pos + PRODUCER_ID),
    producerEpoch: buf.readInt16BE(pos + PRODUCER_EPOCH),
    baseSequence: buf.readInt32BE(pos + BASE_SEQUENCE),
    recordCount: buf.readInt32BE(pos + RECORD_COUNT),
  };
}

export function batchTotalSize(header: Pick<RecordBatchHeader, "batchLength">): number {
  return LOG_OVERHEAD + header.batchLength;
}

export function batchLastOffset(header: Pick<RecordBatchHeader, "baseOffset" | "lastOffsetDelta">): number {
  return header.baseOffset + header.lastOffsetDelta;
}

export function timestampTypeOf(attributes: number): TimestampType {
  return attributes & TIMESTAMP_TYPE_FLAG ? "LogAppendTime" : "CreateTime";
}

export function isControlBatch(attributes: number): boolean {
  return (attributes & CONTROL_FLAG) !== 0;
}

export function isTransactionalBatch(attributes: number): boolean {
  return (attributes & TRANSACTIONAL_FLAG) !== 0;
}

/**
 * The codec of a batch's records.
 * @throws UnsupportedCompressionTypeError for codec ids no Kafka version defines.
 */
export function compressionTypeOf(attributes: number): CompressionType {
  return compressionTypeForId(attributes & COMPRESSION_MASK);
}

/** Kafka's `DefaultRecordBatch.incrementSequence`: sequences wrap from Int32 max to 0. */
export function incrementSequence(sequence: number, increment: number): number {
  if (sequence > 0x7fffffff - increment) return increment - (0x7fffffff - sequence) - 1;
  return sequence + increment;
}

/** Kafka's `DefaultRecordBatch.decrementSequence`, the inverse of `incrementSequence`. */
export function decrementSequence(sequence: number, decrement: number): number {
  if (sequence < decrement) return 0x7fffffff - (decrement - sequence) + 1;
  return sequence - decrement;
}

/** The sequence of the batch's last record (Kafka's `lastSequence`), or -1 when the batch has no sequence. */
export function batchLastSequence(header: Pick<RecordBatchHeader, "baseSequence" | "lastOffsetDelta">): number {
  if (header.baseSequence === NO_SEQUENCE) return NO_SEQUENCE;
  return incrementSequence(header.baseSequence, header.lastOffsetDelta);
}

/** Rewrites the batch's base offset in place (outside the CRC, so the batch stays valid). */
export function setBaseOffset(buf: Buffer, pos: number, baseOffset: number): void {
  writeInt64BE(buf, pos, baseOffset);
}

/** Rewrites the batch's partition leader epoch in place (outside the CRC). */
export function setPartitionLeaderEpoch(buf: Buffer, pos: number, epoch: number): void {
  buf.writeInt32BE(epoch, pos + PARTITION_LEADER_EPOCH);
}

/**
 * Kafka's `DefaultRecordBatch.setMaxTimestamp`: sets the timestamp type and max timestamp of the batch at `pos`
 * (of total size `size`) and recomputes its CRC, unless both already hold.
 */
export function setMaxTimestamp(buf: Buffer, pos: number, size: number, timestampType: TimestampType, maxTimestamp: number): void {
  const attributes = buf.readInt16BE(pos + ATTRIBUTES);
  if (timestampTypeOf(attributes) === timestampType && readInt64BE(buf, pos + MAX_TIMESTAMP) === maxTimestamp) return;
  const updated = timestampType === "LogAppendTime" ? attributes | TIMESTAMP_TYPE_FLAG : attributes & ~TIMESTAMP_TYPE_FLAG;
  buf.writeInt16BE(updated, pos + ATTRIBUTES);
  writeInt64BE(buf, pos + MAX_TIMESTAMP, maxTimestamp);
  buf.writeUInt32BE(computeBatchCrc(buf, pos, size), pos + CRC);
}

/**
 * The records section of the batch at `pos`, decompressed when the batch is compressed: a buffer and the range
 * `[start, end)` in it that holds the records back to back.
 */
export function batchRecordsSection(
  buf: Buffer,
  pos: number,
  header: RecordBatchHeader,
  maxDecompressedBytes = MAX_DECOMPRESSED_BATCH_BYTES,
): { data: Buffer; start: number; end: number } {
  const end = pos + batchTotalSize(header);
  const compression = compressionTypeOf(header.attributes);
  if (compression === "none") return { data: buf, start: pos + BATCH_HEADER_SIZE, end };
  const data = codecFor(compression).decompress(buf.subarray(pos + BATCH_HEADER_SIZE, end), maxDecompressedBytes);
  return { data, start: 0, end: data.length };
}

/**
 * Stamps the batch at `pos` with LogAppendTime `now` (the timestamp-type flag and the max timestamp, as Kafka's
 * LogValidator does for topics with `message.timestamp.type=LogAppendTime`) and recomputes its CRC.
 */
export function setLogAppendTime(buf: Buffer, pos: number, now: number): void {
  buf.writeInt16BE(buf.readInt16BE(pos + ATTRIBUTES) | TIMESTAMP_TYPE_FLAG, pos + ATTRIBUTES);
  writeInt64BE(buf, pos + MAX_TIMESTAMP, now);
  buf.writeUInt32BE(computeBatchCrc(buf, pos, LOG_OVERHEAD + buf.readInt32BE(pos + 8)), pos + CRC);
}

/**
 * Checks the batch at `pos` within `buf[pos, end)`: a plausible length that fits, magic 2 and a matching CRC.
 * Returns the batch's header, or a reason it is not valid (a torn or corrupt batch).
 */
export function validateBatch(buf: Buffer, pos: number, end: number): RecordBatchHeader | string {
  if (end - pos < BATCH_HEADER_SIZE) return `only ${end - pos} bytes left, less than a batch header`;
  const header = readBatchHeader(buf, pos);
  if (header.batchLength < BATCH_HEADER_SIZE - LOG_OVERHEAD) return `batch length ${header.batchLength} is too small`;
  if (pos + batchTotalSize(header) > end) return `batch length ${header.batchLength} runs past the end of the data`;
  if (header.magic !== MAGIC_V2) return `unsupported magic ${header.magic}`;
  if (header.lastOffsetDelta < 0 || header.recordCount < 0) return "negative offset delta or record count";
  const crc = computeBatchCrc(buf, pos, batchTotalSize(header));
  if (crc !== header.crc) return `CRC mismatch (stored ${header.crc}, computed ${crc})`;
  return header;
}

/**
 * Decodes the records of the batch at `pos`, decompressing it when it is compressed. Keys, values and header
 * values are views into `buf` (or into the decompressed records). Records with an offset below `minOffset` are
 * skipped; control batches yield no records.
 */
export function decodeBatchRecords(buf: Buffer, pos: number, minOffset = 0, out: LogRecord[] = []): LogRecord[] {
  const header = readBatchHeader(buf, pos);
  if (isControlBatch(header.attributes) || header.recordCount === 0) return out;
  if (header.baseOffset + header.lastOffsetDelta < minOffset) return out;
  const timestampType = timestampTypeOf(header.attributes);
  const logAppendTime = timestampType === "LogAppendTime";
  const section = batchRecordsSection(buf, pos, header, Number.MAX_SAFE_INTEGER);
  const reader = new VarintReader(section.data, section.start);
  const end = section.end;
  for (let i = 0; i < header.recordCount; i++) {
    const length = reader.varint();
    const next = reader.pos + length;
    if (next > end) throw new RangeError("record runs past the end of its batch");
    reader.pos++; // record attributes: unused in v2
    const timestampDelta = reader.varlong();
    const offsetDelta = reader.varint();
    const key = readBytes(reader);
    const value = readBytes(reader);
    const headerCount = reader.varint();
    let headers: RecordHeader[] = EMPTY_HEADERS;
    if (headerCount > 0) {
      headers = new Array<RecordHeader>(headerCount);
      for (let h = 0; h < headerCount; h++) {
        const hk = readBytes(reader);
        headers[h] = { key: hk === null ? "" : hk.toString("utf8"), value: readBytes(reader) };
      }
    }
    reader.pos = next;
    const offset = header.baseOffset + offsetDelta;
    if (offset < minOffset) continue;
    out.push({
      offset,
      timestamp: logAppendTime ? header.maxTimestamp : header.baseTimestamp + timestampDelta,
      timestampType,
      key,
      value,
      headers,
    });
  }
  return out;
}

const EMPTY_HEADERS: RecordHeader[] = [];
Object.freeze(EMPTY_HEADERS);

function readBytes(reader: VarintReader): Buffer | null {
  const length = reader.varint();
  if (length < 0) return null;
  const start = reader.pos;
  reader.pos += length;
  if (reader.pos > reader.buf.length) throw new RangeError("bytes run past the end of the buffer");
  return (reader.buf as Buffer).subarray(start, reader.pos);
}

/** Decodes every record of every whole batch in `buf` (as a log read returns them), skipping offsets below `minOffset`. */
export function decodeBatches(buf: Buffer, minOffset = 0): LogRecord[] {
  const out: LogRecord[] = [];
  let pos = 0;
  while (pos + BATCH_HEADER_SIZE <= buf.length) {
    const size = LOG_OVERHEAD + buf.readInt32BE(pos + 8);
    if (pos + size > buf.length) break;
    decodeBatchRecords(buf, pos, minOffset, out);
    pos += size;
  }
  return out;
}

/** The last offset covered by the whole batches in `buf`, or -1 when it holds none. */
export function lastOffsetOfBatches(buf: Buffer): number {
  let last = -1;
  let pos = 0;
  while (pos + BATCH_HEADER_SIZE <= buf.length) {
    const size = LOG_OVERHEAD + buf.readInt32BE(pos + 8);
    if (pos + size > buf.length) break;
    last = readInt64BE(buf, pos) + buf.readInt32BE(pos + LAST_OFFSET_DELTA);
    pos += size;
  }
  return last;
}

/** The records of the whole batches in `buf` at or after `fromOffset`, counted from the batch headers. */
export function countRecords(buf: Buffer, fromOffset = 0): number {
  let count = 0;
  let pos = 0;
  while (pos + BATCH_HEADER_SIZE <= buf.length) {
    const size = LOG_OVERHEAD + buf.readInt32BE(pos + 8);
    if (pos + size > buf.length) break;
    const base = readInt64BE(buf, pos);
    const last = base + buf.readInt32BE(pos + LAST_OFFSET_DELTA);
    if (last >= fromOffset) count += base >= fromOffset ? buf.readInt32BE(pos + RECORD_COUNT) : last - fromOffset + 1;
    pos += size;
  }
  return count;
}
