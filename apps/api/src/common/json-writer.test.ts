import { describe, expect, it } from "vitest";
import { JsonWriter } from "./json-writer.js";

describe("JsonWriter", () => {
  it("writes what JSON.stringify writes for integers, strings and values", () => {
    const numbers = [0, 7, -7, 10, 99, 100, 1_700_000_000_000, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 1.5];
    const w = new JsonWriter(8);
    w.raw("[");
    numbers.forEach((n, i) => w.raw(i === 0 ? "" : ",").integer(n));
    w.raw(",").string('a "quoted" \\ line\n').raw(",").value({ h: null, k: "v" }).raw("]");
    expect(JSON.parse(w.toBuffer().toString())).toEqual([...numbers, 'a "quoted" \\ line\n', { h: null, k: "v" }]);
  });

  it("writes base64 of any length as Buffer.toString does", () => {
    const data = Buffer.from(Array.from({ length: 300 }, (_, i) => (i * 37) & 0xff));
    for (const [start, end] of [[0, 0], [0, 1], [0, 2], [0, 3], [5, 105], [1, 300], [299, 300]] as const) {
      const text = new JsonWriter(4).base64String(data, start, end).toBuffer().toString();
      expect(text).toBe(JSON.stringify(data.toString("base64", start, end)));
    }
  });

  it("writes UTF-8 text as JSON.stringify of its decoded string, malformed bytes included", () => {
    const cases = [Buffer.from("plain ascii"), Buffer.from('with "quotes" and \\ and \t tab'), Buffer.from("한글 ünïcode ✓"), Buffer.from([0x61, 0xff, 0xfe, 0x62]), Buffer.alloc(0)];
    for (const bytes of cases) {
      const text = new JsonWriter(4).utf8String(bytes, 0, bytes.length).toBuffer().toString();
      expect(text).toBe(JSON.stringify(bytes.toString("utf8")));
    }
  });

  it("writes long raw text and grows past its first buffer", () => {
    const long = "x".repeat(100_000);
    const w = new JsonWriter(16).raw('"').raw(long).raw('"');
    expect(w.length).toBe(100_002);
    expect(JSON.parse(w.toBuffer().toString())).toBe(long);
  });
});
