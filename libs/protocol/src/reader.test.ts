import { describe, expect, it } from "vitest";
import { ProtocolDecodeError } from "./errors.js";
import { Reader } from "./reader.js";

const hex = (text: string) => new Reader(Buffer.from(text.replace(/\s/g, ""), "hex"));

describe("Reader", () => {
  it("reads Kafka's fixed-width integers big-endian", () => {
    const r = hex("ff 8000 ffff 80000000 ffffffff 01 3ff8000000000000");
    expect(r.int8()).toBe(-1);
    expect(r.int16()).toBe(-32768);
    expect(r.uint16()).toBe(65535);
    expect(r.int32()).toBe(-2147483648);
    expect(r.uint32()).toBe(4294967295);
    expect(r.bool()).toBe(true);
    expect(r.float64()).toBe(1.5);
    expect(r.remaining()).toBe(0);
  });

  it("reads int64 exactly up to ±(2^53 - 1) and refuses beyond", () => {
    expect(hex("001fffffffffffff").int64()).toBe(Number.MAX_SAFE_INTEGER);
    expect(hex("ffe0000000000001").int64()).toBe(-Number.MAX_SAFE_INTEGER);
    expect(hex("ffffffffffffffff").int64()).toBe(-1);
    expect(hex("0000000100000000").int64()).toBe(2 ** 32);
    expect(() => hex("0020000000000000").int64()).toThrow(ProtocolDecodeError);
    expect(() => hex("7fffffffffffffff").int64()).toThrow(/beyond ±2\^53/);
    expect(() => hex("8000000000000000").int64()).toThrow(ProtocolDecodeError);
  });

  it("reads unsigned varints of at most 5 bytes and 32 bits", () => {
    expect(hex("00").unsignedVarint()).toBe(0);
    expect(hex("ac02").unsignedVarint()).toBe(300);
    expect(hex("ffffffff0f").unsignedVarint()).toBe(4294967295);
    expect(() => hex("ffffffff1f").unsignedVarint()).toThrow(ProtocolDecodeError);
    expect(() => hex("8080808080 01").unsignedVarint()).toThrow(/longer than 5 bytes/);
    expect(() => hex("80").unsignedVarint()).toThrow(/Truncated/);
  });

  it("reads a uuid in Kafka's base64 form", () => {
    const bytes = Buffer.from("00112233445566778899aabbccddeeff", "hex");
    expect(new Reader(bytes).uuid()).toBe(bytes.toString("base64url"));
  });

  it("reads strings, null strings, and refuses null where the field is not nullable", () => {
    expect(hex("0003 616263").string("f")).toBe("abc");
    expect(hex("ffff").nullableString("f")).toBeNull();
    expect(hex("04 616263").compactString("f")).toBe("abc");
    expect(hex("00").compactNullableString("f")).toBeNull();
    expect(() => hex("ffff").string("Topic.name")).toThrow("Non-nullable field Topic.name was serialized as null.");
    expect(() => hex("00").compactString("f")).toThrow(ProtocolDecodeError);
    expect(() => hex("fffe").nullableString("f")).toThrow("Field f has invalid length -2.");
    expect(() => hex("0005 6162").string("f")).toThrow(/Truncated/);
  });

  it("decodes invalid UTF-8 leniently, with replacement characters, as Java does", () => {
    expect(hex("0002 c328").string("f")).toBe("\ufffd(");
  });

  it("returns bytes as views into the input, without copying", () => {
    const buf = Buffer.from("00000003010203ffffffff", "hex");
    const r = new Reader(buf);
    const view = r.bytes("f");
    expect([...view]).toEqual([1, 2, 3]);
    expect(view.buffer).toBe(buf.buffer);
    buf[4] = 9;
    expect(view[0]).toBe(9);
    expect(r.nullableBytes("f")).toBeNull();
    expect(() => hex("fffffffe").nullableBytes("f")).toThrow("Field f has invalid length -2.");
  });

  it("checks an array count against the bytes that remain before allocating anything", () => {
    // 2^31 - 1 elements claimed in a 20-byte frame.
    const r = new Reader(Buffer.concat([Buffer.from("7fffffff", "hex"), Buffer.alloc(16)]));
    expect(() => r.arrayLength("Request.topics", 4)).toThrow("Field Request.topics claims 2147483647 element(s) of at least 4 byte(s), but only 16 byte(s) remain.");
    expect(hex("00000004 00000000 00000000").arrayLength("f", 2)).toBe(4);
    expect(() => hex("00000005 00000000 00000000").arrayLength("f", 2)).toThrow(ProtocolDecodeError);
    expect(hex("ffffffff").nullableArrayLength("f", 1)).toBe(-1);
    expect(() => hex("ffffffff").arrayLength("f", 1)).toThrow("Non-nullable field f was serialized as null.");
    expect(() => hex("80000000").nullableArrayLength("f", 1)).toThrow("Field f has invalid length -2147483648.");
    expect(() => hex("ffffffff0f").compactArrayLength("f", 1)).toThrow(ProtocolDecodeError);
    expect(hex("00").compactNullableArrayLength("f", 1)).toBe(-1);
  });

  it("bounds a known tagged field to its size and keeps unknown ones raw", () => {
    const r = hex("02 00 01 aa 05 02 bbcc");
    const fields = r.unknownTaggedFields();
    expect(fields).toEqual([
      { tag: 0, data: Buffer.from([0xaa]) },
      { tag: 5, data: Buffer.from([0xbb, 0xcc]) },
    ]);
    expect(hex("00").unknownTaggedFields()).toBeUndefined();
    expect(() => hex("05 00 00").taggedFieldCount()).toThrow(/claims 5 tagged field/);
    const bounded = hex("00000001 ff");
    const outer = bounded.enterTaggedField(3);
    expect(() => bounded.int32()).toThrow(/Truncated/);
    bounded.pos = 0;
    bounded.int16();
    expect(() => bounded.leaveTaggedField(outer, "T.f")).toThrow("Tagged field T.f has 1 byte(s) more than its value.");
  });
});
