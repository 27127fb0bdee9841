import { describe, expect, it } from "vitest";
import { javaStringHashCode, kafkaAbs, offsetsPartitionFor } from "./offsets-partition.js";

describe("the __consumer_offsets partition of a group", () => {
  it("hashes like Java's String.hashCode", () => {
    expect(javaStringHashCode("")).toBe(0);
    expect(javaStringHashCode("a")).toBe(97);
    expect(javaStringHashCode("abc")).toBe(96354);
    expect(javaStringHashCode("hello")).toBe(99162322);
    expect(javaStringHashCode("Aa")).toBe(2112);
    expect(javaStringHashCode("BB")).toBe(2112);
    expect(javaStringHashCode("Hello World")).toBe(-862545276);
    expect(javaStringHashCode("polygenelubricants")).toBe(-2147483648);
    // UTF-16 code units, so a character outside the BMP counts as its two surrogates
    expect(javaStringHashCode("é")).toBe(233);
    expect(javaStringHashCode("😀")).toBe(0xd83d * 31 + 0xde00);
  });

  it("maps with Utils.abs(hashCode) % partitions, Integer.MIN_VALUE going to partition 0", () => {
    expect(kafkaAbs(-5)).toBe(5);
    expect(kafkaAbs(-2147483648)).toBe(0);
    expect(offsetsPartitionFor("hello", 50)).toBe(99162322 % 50);
    expect(offsetsPartitionFor("hello", 50)).toBe(22);
    expect(offsetsPartitionFor("Hello World", 50)).toBe(26);
    expect(offsetsPartitionFor("polygenelubricants", 50)).toBe(0);
    expect(offsetsPartitionFor("anything", 1)).toBe(0);
  });
});
