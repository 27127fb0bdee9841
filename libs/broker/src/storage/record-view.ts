/**
 * Records read in place: a visitor walks the records of whole batches (as a log read returns them) and sees each
 * one through a single reused `RecordView` that points into the batch bytes. Readers that turn records straight
 * into bytes of their own (JSON for REST and WebSocket, a search's matcher) skip the objects and buffer views that
 * `decodeBatches` makes per record.
 */
import { BATCH_HEADER_SIZE, batchRecordsSection, isControlBatch, LOG_OVERHEAD, readBatchHeader, timestampTypeOf } from "./record-batch.js";
import type { RecordHeader, TimestampType } from "./record.js";
import { VarintReader } from "./varint.js";

/**
 * One record inside `data`, valid only during the visit that shows it. `keyStart`/`valueStart` are -1 for a null
 * key or value; headers stay encoded until `recordHeaders` decodes them.
 */
export interface RecordView {
  offset: number;
  timestamp: number;
  timestampType: TimestampType;
  /** The bytes holding the record: the read's buffer, or a compressed batch's decompressed records. */
  data: Buffer;
  keyStart: number;
  keyEnd: number;
  valueStart: number;
  valueEnd: number;
  headerCount: number;
  /** Where the encoded headers start in `data`. */
  headersStart: number;
  /** Where the whole record's encoding starts and ends in `data` (after its length varint). */
  recordStart: number;
  recordEnd: number;
}

/** Key and value bytes of a record, the figure a consumer's byte budget counts. */
export function recordPayloadBytes(view: RecordView): number {
  return (view.keyStart < 0 ? 0 : view.keyEnd - view.keyStart) + (view.valueStart < 0 ? 0 : view.valueEnd - view.valueStart);
}

/** The record's headers, decoded (values are views into `view.data`). */
export function recordHeaders(view: RecordView): RecordHeader[] {
  if (view.headerCount === 0) return [];
  const reader = new VarintReader(view.data, view.headersStart);
  const headers = new Array<RecordHeader>(view.headerCount);
  for (let h = 0; h < view.headerCount; h++) {
    const key = readSlice(reader);
    headers[h] = { key: key === null ? "" : view.data.toString("utf8", key[0], key[1]), value: sliceOf(view.data, readSlice(reader)) };
  }
  return headers;
}

/** The key of a record as a view into its batch, or null. */
export function recordKey(view: RecordView): Buffer | null {
  return view.keyStart < 0 ? null : view.data.subarray(view.keyStart, view.keyEnd);
}

/** The value of a record as a view into its batch, or null. */
export function recordValue(view: RecordView): Buffer | null {
  return view.valueStart < 0 ? null : view.data.subarray(view.valueStart, view.valueEnd);
}

/**
 * Calls `visit` for each record of the whole batches in `batches` with an offset at or above `minOffset`, in order;
 * control batches have none. `visit` returns false to stop. Resolves to the offset after the last record visited,
 * or -1 when none was.
 */
export function visitRecords(batches: Buffer, minOffset: number, visit: (record: RecordView) => boolean | void): number {
  const view: RecordView = {
    offset: 0,
    timestamp: 0,
    timestampType: "CreateTime",
    data: batches,
    keyStart: -1,
    keyEnd: -1,
    valueStart: -1,
    valueEnd: -1,
    headerCount: 0,
    headersStart: 0,
    recordStart: 0,
    recordEnd: 0,
  };
  const reader = new VarintReader(batches, 0);
  let after = -1;
  let pos = 0;
  while (pos + BATCH_HEADER_SIZE <= batches.length) {
    const size = LOG_OVERHEAD + batches.readInt32BE(pos + 8);
    if (pos + size > batches.length) break;
    const header = readBatchHeader(batches, pos);
    const batchStart = pos;
    pos += size;
    if (isControlBatch(header.attributes) || header.recordCount === 0 || header.baseOffset + header.lastOffsetDelta < minOffset) continue;
    const timestampType = timestampTypeOf(header.attributes);
    const logAppendTime = timestampType === "LogAppendTime";
    const section = batchRecordsSection(batches, batchStart, header, Number.MAX_SAFE_INTEGER);
    const data = section.data;
    const r = reader.buf === data ? reader : new VarintReader(data, 0);
    r.pos = section.start;
    view.data = data;
    view.timestampType = timestampType;
    for (let i = 0; i < header.recordCount; i++) {
      const length = r.varint();
      const start = r.pos;
      const next = start + length;
      if (next > section.end) throw new RangeError("record runs past the end of its batch");
      r.pos++; // record attributes: unused in v2
      const timestampDelta = r.varlong();
      const offset = header.baseOffset + r.varint();
      if (offset < minOffset) {
        r.pos = next;
        continue;
      }
      const keyLength = r.varint();
      view.keyStart = keyLength < 0 ? -1 : r.pos;
      if (keyLength > 0) r.pos += keyLength;
      view.keyEnd = keyLength < 0 ? -1 : r.pos;
      const valueLength = r.varint();
      view.valueStart = valueLength < 0 ? -1 : r.pos;
      if (valueLength > 0) r.pos += valueLength;
      view.valueEnd = valueLength < 0 ? -1 : r.pos;
      if (r.pos > next) throw new RangeError("record runs past the end of its batch");
      view.headerCount = r.varint();
      view.headersStart = r.pos;
      view.recordStart = start;
      view.recordEnd = next;
      view.offset = offset;
      view.timestamp = logAppendTime ? header.maxTimestamp : header.baseTimestamp + timestampDelta;
      r.pos = next;
      after = offset + 1;
      if (visit(view) === false) return after;
    }
  }
  return after;
}

function readSlice(reader: VarintReader): [number, number] | null {
  const length = reader.varint();
  if (length < 0) return null;
  const start = reader.pos;
  reader.pos += length;
  if (reader.pos > reader.buf.length) throw new RangeError("bytes run past the end of the buffer");
  return [start, reader.pos];
}

function sliceOf(data: Buffer, range: [number, number] | null): Buffer | null {
  return range === null ? null : data.subarray(range[0], range[1]);
}
