import { describe, expect, it } from "vitest";
import { ProtocolEncodeError } from "./errors.js";
import { Reader } from "./reader.js";
import { Writer } from "./writer.js";

function bytesOf(write: (w: Writer) => void): string {
  const w = new Writer();
  write(w);
  return w.toBuffer().toString("hex");
}

describe("Writer", () => {
  it("writes Kafka's primitive types big-endian", () => {
    expect(
      bytesOf((w) => {
        w.int8(-1);
        w.int16(-32768);
        w.uint16(65535);
        w.int32(-2);
        w.uint32(4294967295);
        w.bool(true);
        w.int64(-1);
        w.int64(Number.MAX_SAFE_INTEGER);
        w.unsignedVarint(300);
      }),
    ).toBe("ff" + "8000" + "ffff" + "fffffffe" + "ffffffff" + "01" + "ffffffffffffffff" + "001fffffffffffff" + "ac02");
  });

  it("refuses values outside their type instead of truncating them", () => {
    const w = new Writer();
    expect(() => w.int8(128)).toThrow(ProtocolEncodeError);
    expect(() => w.int16(40000)).toThrow("Cannot write 40000 as int16.");
    expect(() => w.int32(2 ** 31)).toThrow(ProtocolEncodeError);
    expect(() => w.int32(1.5)).toThrow(ProtocolEncodeError);
    expect(() => w.int64(2 ** 53)).toThrow(ProtocolEncodeError);
    expect(() => w.int32(undefined as unknown as number)).toThrow("Cannot write undefined as int32.");
    expect(() => w.string(null as unknown as string, "Topic.name")).toThrow("Non-nullable field Topic.name cannot be written as null.");
    expect(() => w.string("x".repeat(40000), "f")).toThrow(/more than a Kafka string's 32767/);
    expect(() => w.uuid("not a uuid", "T.topicId")).toThrow(ProtocolEncodeError);
  });

  it("writes strings as UTF-8 with their byte length", () => {
    expect(bytesOf((w) => w.string("abc", "f"))).toBe("0003616263");
    expect(bytesOf((w) => w.compactString("é", "f"))).toBe("03c3a9");
    expect(bytesOf((w) => w.nullableString(null, "f"))).toBe("ffff");
    expect(bytesOf((w) => w.compactNullableString(null, "f"))).toBe("00");
    const long = "ü".repeat(100) + "x".repeat(1000);
    const r = new Reader(Buffer.from(bytesOf((w) => w.compactString(long, "f")), "hex"));
    expect(r.compactString("f")).toBe(long);
  });

  it("round-trips uuids in Kafka's string form", () => {
    const id = Buffer.from("00112233445566778899aabbccddeeff", "hex").toString("base64url");
    expect(bytesOf((w) => w.uuid(id, "f"))).toBe("00112233445566778899aabbccddeeff");
  });

  it("passes large bytes through as their own chunk and copies small ones", () => {
    const big = Buffer.alloc(1 << 20, 7);
    const small = Buffer.alloc(10, 1);
    const w = new Writer();
    w.int32(1);
    w.bytes(big, "records");
    w.bytes(small, "small");
    w.int16(2);
    const { chunks, length } = w.finish();
    expect(length).toBe(4 + 4 + big.length + 4 + 10 + 2);
    expect(chunks).toHaveLength(3);
    expect(chunks[1]).toBe(big);
    expect(chunks.reduce((n, c) => n + c.length, 0)).toBe(length);
  });

  it("keeps the chunks of finished writers intact while other writers write", () => {
    const first = new Writer();
    const second = new Writer();
    for (let i = 0; i < 5000; i++) {
      first.int32(i);
      second.int32(-i);
    }
    const a = Buffer.concat(first.finish().chunks);
    const third = new Writer();
    for (let i = 0; i < 100_000; i++) third.int32(7);
    third.finish();
    const b = Buffer.concat(second.finish().chunks);
    for (let i = 0; i < 5000; i++) {
      expect(a.readInt32BE(i * 4)).toBe(i);
      expect(b.readInt32BE(i * 4)).toBe(-i || 0);
    }
  });

  it("cannot be written to once finished", () => {
    const w = new Writer();
    w.int8(1);
    w.finish();
    expect(() => w.int32(1)).toThrow(ProtocolEncodeError);
  });
});
