import { randomBytes } from "node:crypto";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { murmur2, toPositive } from "./murmur2.js";

const require = createRequire(import.meta.url);
const kafkajsMurmur2 = require("kafkajs/src/producer/partitioners/default/murmur2") as (key: Buffer) => number;

const bytes = (s: string) => new TextEncoder().encode(s);

describe("murmur2", () => {
  // Kafka's UtilsTest.testMurmur2 (clients/src/test/java/org/apache/kafka/common/utils/UtilsTest.java, 3.9).
  it.each([
    ["21", -973932308],
    ["foobar", -790332482],
    ["a-little-bit-long-string", -985981536],
    ["a-little-bit-longer-string", -1486304829],
    ["lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8", -58897971],
    ["abc", 479470107],
  ])("hashes %j to Kafka's %d", (key, expected) => {
    expect(murmur2(bytes(key))).toBe(expected);
  });

  it("hashes the empty key and every tail length (0 to 3 trailing bytes) like kafkajs", () => {
    for (const key of ["", "a", "ab", "abc", "abcd", "abcde", "abcdef", "abcdefg"]) {
      expect(murmur2(bytes(key)), key).toBe(kafkajsMurmur2(Buffer.from(key)));
    }
    expect(murmur2(new Uint8Array(0))).toBe(275646681);
  });

  it("treats bytes above 0x7f as unsigned, as Kafka's `& 0xff` does", () => {
    const key = Uint8Array.of(0xff, 0x80, 0xfe, 0x81, 0x90, 0xa0, 0xb0);
    expect(murmur2(key)).toBe(kafkajsMurmur2(Buffer.from(key)));
  });

  it("matches kafkajs's Kafka-compatible murmur2 on 2,000 random keys of 0 to 64 bytes", () => {
    for (let i = 0; i < 2000; i++) {
      const key = randomBytes(i % 65);
      expect(murmur2(key), key.toString("hex")).toBe(kafkajsMurmur2(key));
    }
  });

  it("always returns a signed 32-bit integer", () => {
    for (let i = 0; i < 200; i++) {
      const h = murmur2(randomBytes(16));
      expect(h | 0).toBe(h);
    }
  });
});

describe("toPositive", () => {
  it("clears the sign bit instead of negating", () => {
    expect(toPositive(-973932308)).toBe(1173551340);
    expect(toPositive(-1)).toBe(0x7fffffff);
    expect(toPositive(-2147483648)).toBe(0);
    expect(toPositive(479470107)).toBe(479470107);
  });
});
