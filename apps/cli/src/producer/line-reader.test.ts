import { describe, expect, it } from "vitest";
import { lineFormat, parseLine } from "./line-reader.js";

describe("console producer lines", () => {
  it("sends the whole line as the value by default", () => {
    expect(parseLine("a,b", lineFormat(new Map()), 1)).toEqual({ key: null, value: "a,b" });
  });

  it("splits at the first key.separator with parse.key", () => {
    const format = lineFormat(new Map([["parse.key", "true"], ["key.separator", ","]]));
    expect(parseLine("kim,50000,won", format, 1)).toEqual({ key: "kim", value: "50000,won" });
    expect(() => parseLine("no separator", format, 3)).toThrow("No key separator found on line number 3: 'no separator'");
  });

  it("uses a tab by default, and ignore.error and null.marker", () => {
    expect(parseLine("k\tv", lineFormat(new Map([["parse.key", "true"]])), 1)).toEqual({ key: "k", value: "v" });
    const lenient = lineFormat(new Map([["parse.key", "true"], ["ignore.error", "true"], ["null.marker", "<null>"]]));
    expect(parseLine("plain", lenient, 1)).toEqual({ key: null, value: "plain" });
    expect(parseLine("k\t<null>", lenient, 1)).toEqual({ key: "k", value: null });
  });

  it("refuses unknown properties", () => {
    expect(() => lineFormat(new Map([["parse.keys", "true"]]))).toThrow(/Unknown console producer property 'parse.keys'/);
  });
});
