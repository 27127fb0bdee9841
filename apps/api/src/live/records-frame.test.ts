import { encodeRecordBatch, visitRecords } from "@skein/broker";
import { describe, expect, it } from "vitest";
import { RecordsFrame } from "./records-frame.js";

const now = 1_700_000_000_000;
const batches = Buffer.concat([
  encodeRecordBatch(
    [
      { key: Buffer.from("kim"), value: Buffer.from('{"amount":50000}'), timestamp: now },
      { key: null, value: Buffer.from([0xff, 0x00, 0x22]), headers: [{ key: "trace", value: Buffer.from("abc") }, { key: "none", value: null }], timestamp: now + 1 },
      { key: Buffer.from("k"), value: null, timestamp: now + 2 },
    ],
    { baseOffset: 40, timestampType: "CreateTime", now },
  ),
]);

function frameOf(encoding: "base64" | "string", withTopic = false, minOffset = 0): unknown {
  const frame = new RecordsFrame('s"1', encoding, 16, withTopic);
  visitRecords(batches, minOffset, (record) => frame.add("orders", 2, record));
  return JSON.parse(frame.finish().toString("utf8"));
}

/** What the frame held when it was built with JSON.stringify from an object per record. */
function expected(encoding: "base64" | "string", withTopic: boolean) {
  const text = (bytes: Buffer | null) => (bytes === null ? null : encoding === "string" ? bytes.toString("utf8") : bytes.toString("base64"));
  const record = (offset: number, timestamp: number, key: Buffer | null, value: Buffer | null, headers: Record<string, string | null>) => ({
    ...(withTopic && { topic: "orders" }),
    partition: 2,
    offset,
    timestamp,
    key: text(key),
    value: text(value),
    headers,
    encoding,
  });
  return {
    type: "records",
    id: 's"1',
    records: [
      record(40, now, Buffer.from("kim"), Buffer.from('{"amount":50000}'), {}),
      record(41, now + 1, null, Buffer.from([0xff, 0x00, 0x22]), { trace: text(Buffer.from("abc")), none: null }),
      record(42, now + 2, Buffer.from("k"), null, {}),
    ],
  };
}

describe("RecordsFrame", () => {
  it("writes the records frame of a live tail, base64 and string", () => {
    expect(frameOf("base64")).toEqual(expected("base64", false));
    expect(frameOf("string")).toEqual(expected("string", false));
  });

  it("starts each record with its topic for a group member", () => {
    const frame = frameOf("base64", true) as { records: Record<string, unknown>[] };
    expect(frame).toEqual(expected("base64", true));
    expect(Object.keys(frame.records[0]!)).toEqual(["topic", "partition", "offset", "timestamp", "key", "value", "headers", "encoding"]);
  });

  it("holds only the records from the offset read", () => {
    expect((frameOf("base64", false, 42) as { records: { offset: number }[] }).records.map((r) => r.offset)).toEqual([42]);
  });
});
