import { encodeRecordBatch, visitRecords } from "@skein/broker";
import { describe, expect, it } from "vitest";
import { RestError } from "../errors/rest-error.js";
import { V2RecordsBody } from "./embedded-format.js";

const now = 1_700_000_000_000;
const records = (values: (string | null)[]) =>
  encodeRecordBatch(
    values.map((value, i) => ({ key: i === 0 ? null : Buffer.from(`"k${i}"`), value: value === null ? null : Buffer.from(value) })),
    { baseOffset: 7, timestampType: "CreateTime", now },
  );

function bodyOf(format: "binary" | "json", batches: Buffer): { body: V2RecordsBody; error: unknown } {
  const body = new V2RecordsBody(format);
  let error: unknown;
  visitRecords(batches, 0, (record) => {
    try {
      body.add("orders", 1, record);
      return true;
    } catch (e) {
      error = e;
      return false;
    }
  });
  return { body, error };
}

describe("V2RecordsBody", () => {
  it("answers binary records as the REST Proxy does: base64, nulls kept", () => {
    const { body } = bodyOf("binary", records(['{"a":1}', null]));
    expect(JSON.parse(body.finish().toString())).toEqual([
      { topic: "orders", key: null, value: Buffer.from('{"a":1}').toString("base64"), partition: 1, offset: 7 },
      { topic: "orders", key: Buffer.from('"k1"').toString("base64"), value: null, partition: 1, offset: 8 },
    ]);
    expect(body.count).toBe(2);
  });

  it("answers json records parsed, and refuses bytes that are not JSON with 40801 having added nothing of them", () => {
    const { body, error } = bodyOf("json", records(['{"a":[1,2]}', "not json"]));
    expect(JSON.parse(body.finish().toString())).toEqual([{ topic: "orders", key: null, value: { a: [1, 2] }, partition: 1, offset: 7 }]);
    expect(error).toBeInstanceOf(RestError);
    expect((error as RestError).errorCode).toBe(40801);
    expect((error as RestError).message).toContain("offset 8 of orders-1");
  });

  it("answers an empty read as an empty array", () => {
    expect(new V2RecordsBody("binary").finish().toString()).toBe("[]");
  });
});
