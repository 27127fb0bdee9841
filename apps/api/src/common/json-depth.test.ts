import { describe, expect, it } from "vitest";
import { jsonDepthExceeds, MAX_JSON_DEPTH, parseClientJson } from "./json-depth.js";

describe("JSON depth", () => {
  it("counts arrays and objects, not brackets inside strings or after escapes", () => {
    expect(jsonDepthExceeds('{"a":[{"b":[]}]}', 4)).toBe(false);
    expect(jsonDepthExceeds('{"a":[{"b":[[]]}]}', 4)).toBe(true);
    expect(jsonDepthExceeds('{"s":"[[[[[[\\"[[[["}', 1)).toBe(false);
    expect(jsonDepthExceeds('["\\\\",[[]]]', 2)).toBe(true);
  });

  it("bounds depth at MAX_JSON_DEPTH by default, in linear time even for 100,000 levels", () => {
    expect(jsonDepthExceeds("[".repeat(MAX_JSON_DEPTH) + "]".repeat(MAX_JSON_DEPTH))).toBe(false);
    expect(jsonDepthExceeds("[".repeat(MAX_JSON_DEPTH + 1) + "]".repeat(MAX_JSON_DEPTH + 1))).toBe(true);
    expect(jsonDepthExceeds("[".repeat(100_000))).toBe(true);
  });

  it("parses client JSON or answers 400", () => {
    expect(parseClientJson('{"a":1}')).toEqual({ a: 1 });
    expect(() => parseClientJson("[".repeat(1000) + "]".repeat(1000))).toThrow(/nested deeper than 512 levels/);
    expect(() => parseClientJson("{nope")).toThrow(/is not valid JSON/);
  });
});
