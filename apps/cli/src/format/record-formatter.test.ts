import { describe, expect, it } from "vitest";
import { formatRecord, formatterOptions, type ConsumedRecord } from "./record-formatter.js";

const record: ConsumedRecord = {
  topic: "first_topic",
  partition: 2,
  offset: 7,
  timestamp: 1700000000000,
  timestampType: "CreateTime",
  key: Buffer.from("kim"),
  value: Buffer.from("50000 won"),
  headers: [],
};

describe("console consumer formatting", () => {
  it("prints only the value by default", () => {
    expect(formatRecord(record, formatterOptions(new Map()))).toBe("50000 won\n");
  });

  it("prints timestamp, partition, offset, key and value in Kafka's order with key.separator", () => {
    const options = formatterOptions(
      new Map([
        ["print.key", "true"],
        ["print.partition", "true"],
        ["print.timestamp", "true"],
        ["print.offset", "true"],
        ["key.separator", ","],
      ]),
    );
    expect(formatRecord(record, options)).toBe("CreateTime:1700000000000,Partition:2,Offset:7,kim,50000 won\n");
  });

  it("prints null keys and missing timestamps as Kafka does", () => {
    const options = formatterOptions(new Map([["print.key", "true"], ["print.timestamp", "true"]]));
    expect(formatRecord({ ...record, key: null, timestamp: null }, options)).toBe("NO_TIMESTAMP\tnull\t50000 won\n");
  });

  it("refuses unknown properties and non-boolean flags", () => {
    expect(() => formatterOptions(new Map([["print.keys", "true"]]))).toThrow(/Unknown console consumer property 'print.keys'/);
    expect(() => formatterOptions(new Map([["print.key", "yes"]]))).toThrow(/must be true or false/);
  });
});
