import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { VarintReader, sizeOfVarint, sizeOfVarlong, writeVarint, writeVarlong } from "./varint.js";

const require = createRequire(import.meta.url);
const KafkajsEncoder = require("kafkajs/src/protocol/encoder");

describe("zig-zag varints", () => {
  const ints = [0, 1, -1, 63, -64, 64, -65, 8191, -8192, 2 ** 20, -(2 ** 20), 2 ** 31 - 1, -(2 ** 31)];
  const longs = [...ints, 2 ** 31, -(2 ** 31) - 1, 2 ** 40 + 5, -(2 ** 45), 2 ** 52 - 1, -(2 ** 52)];

  it("encodes int32 values exactly as kafkajs does and reads them back", () => {
    for (const value of ints) {
      const buf = Buffer.alloc(10);
      const end = writeVarint(buf, 0, value);
      expect(end).toBe(sizeOfVarint(value));
      expect(buf.subarray(0, end)).toEqual(new KafkajsEncoder().writeVarInt(value).buffer);
      expect(new VarintReader(buf, 0).varint()).toBe(value);
    }
  });

  it("encodes longs exactly as kafkajs does and reads them back", () => {
    for (const value of longs) {
      const buf = Buffer.alloc(12);
      const end = writeVarlong(buf, 0, value);
      expect(end).toBe(sizeOfVarlong(value));
      expect(buf.subarray(0, end)).toEqual(new KafkajsEncoder().writeVarLong(value).buffer);
      expect(new VarintReader(buf, 0).varlong()).toBe(value);
    }
  });

  it("refuses a varint that runs past its buffer", () => {
    expect(() => new VarintReader(Buffer.from([0x80, 0x80]), 0).varint()).toThrow(RangeError);
  });
});
