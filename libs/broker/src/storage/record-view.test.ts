import { describe, expect, it } from "vitest";
import { decodeBatches, encodeRecordBatch } from "./record-batch.js";
import type { LogRecord, RecordInput } from "./record.js";
import { recordHeaders, recordKey, recordPayloadBytes, recordValue, visitRecords, type RecordView } from "./record-view.js";

const now = 1_700_000_000_000;

/** What a visit saw, copied out of the reused view. */
function visited(batches: Buffer, minOffset = 0, stopAfter = Infinity): { records: LogRecord[]; after: number; payload: number[] } {
  const records: LogRecord[] = [];
  const payload: number[] = [];
  const after = visitRecords(batches, minOffset, (view: RecordView) => {
    records.push({
      offset: view.offset,
      timestamp: view.timestamp,
      timestampType: view.timestampType,
      key: recordKey(view),
      value: recordValue(view),
      headers: recordHeaders(view),
    });
    payload.push(recordPayloadBytes(view));
    return records.length < stopAfter;
  });
  return { records, after, payload };
}

const inputs: RecordInput[] = [
  { key: Buffer.from("k1"), value: Buffer.from("hello"), timestamp: now - 5 },
  { key: null, value: Buffer.from(""), timestamp: now + 7, headers: [{ key: "trace", value: Buffer.from([1, 2, 3]) }, { key: "empty", value: null }] },
  { key: Buffer.from("k3"), value: null },
];

describe("visitRecords", () => {
  it("sees every record as decodeBatches decodes it, across batches and codecs", () => {
    const batches = Buffer.concat([
      encodeRecordBatch(inputs, { baseOffset: 10, timestampType: "CreateTime", now }),
      encodeRecordBatch(inputs, { baseOffset: 13, timestampType: "LogAppendTime", now, compression: "gzip" }),
      encodeRecordBatch(inputs, { baseOffset: 16, timestampType: "CreateTime", now, compression: "lz4" }),
    ]);
    const { records, after, payload } = visited(batches);
    expect(records).toEqual(decodeBatches(batches));
    expect(records.map((r) => r.offset)).toEqual([10, 11, 12, 13, 14, 15, 16, 17, 18]);
    expect(after).toBe(19);
    expect(payload.slice(0, 3)).toEqual([7, 0, 2]);
  });

  it("skips records below the offset read, and stops when the visitor says so", () => {
    const batches = Buffer.concat([encodeRecordBatch(inputs, { baseOffset: 0, timestampType: "CreateTime", now }), encodeRecordBatch(inputs, { baseOffset: 3, timestampType: "CreateTime", now })]);
    expect(visited(batches, 2).records.map((r) => r.offset)).toEqual([2, 3, 4, 5]);
    const stopped = visited(batches, 1, 2);
    expect(stopped.records.map((r) => r.offset)).toEqual([1, 2]);
    expect(stopped.after).toBe(3);
  });

  it("has nothing to show of control batches, an empty read or a torn batch at the end", () => {
    const control = encodeRecordBatch(inputs, { baseOffset: 0, timestampType: "CreateTime", now });
    control.writeInt16BE(control.readInt16BE(21) | 0x20, 21);
    const whole = encodeRecordBatch(inputs, { baseOffset: 3, timestampType: "CreateTime", now });
    const torn = encodeRecordBatch(inputs, { baseOffset: 6, timestampType: "CreateTime", now }).subarray(0, 40);
    expect(visited(Buffer.concat([control, whole, torn])).records.map((r) => r.offset)).toEqual([3, 4, 5]);
    expect(visited(Buffer.alloc(0))).toEqual({ records: [], after: -1, payload: [] });
  });
});
