import { describe, expect, it } from "vitest";
import { parseProperties, PropertiesSyntaxError } from "./java-properties.js";

const pairs = (text: string) => parseProperties(text).map(({ key, value }) => [key, value]);

describe("parseProperties (java.util.Properties syntax)", () => {
  it("reads key=value, key:value and key value, skipping comments and blank lines", () => {
    const text = ["# a comment", "! another", "", "   ", "num.partitions=3", "log.retention.hours : 168", "log.cleaner.backoff.ms   1000", "\tbroker.id=0"].join("\n");
    expect(pairs(text)).toEqual([
      ["num.partitions", "3"],
      ["log.retention.hours", "168"],
      ["log.cleaner.backoff.ms", "1000"],
      ["broker.id", "0"],
    ]);
  });

  it("gives the line each entry starts on, with \\n, \\r\\n and \\r line ends", () => {
    expect(parseProperties("a=1\r\n\r\n# c\rb=2\nc=3").map((e) => [e.key, e.line])).toEqual([
      ["a", 1],
      ["b", 4],
      ["c", 5],
    ]);
  });

  it("joins a line ending in an odd number of backslashes with the next, dropping its leading whitespace", () => {
    const text = "log.dirs=/var/lib/a,\\\n    /var/lib/b\nx=ends with an escaped backslash\\\\\ny=2\nz=\\\n# not a comment here";
    expect(pairs(text)).toEqual([
      ["log.dirs", "/var/lib/a,/var/lib/b"],
      ["x", "ends with an escaped backslash\\"],
      ["y", "2"],
      ["z", "# not a comment here"],
    ]);
    expect(parseProperties(text).map((e) => e.line)).toEqual([1, 3, 4, 5]);
  });

  it("takes only the first separator, keeps the rest and the value's trailing spaces", () => {
    expect(pairs("a = = b\nurl:http://x:1/y  \nempty=\nbare")).toEqual([
      ["a", "= b"],
      ["url", "http://x:1/y  "],
      ["empty", ""],
      ["bare", ""],
    ]);
  });

  it("reads escapes in keys and values", () => {
    expect(pairs("key\\=with\\:seps\\ and\\ space=v\ntab=a\\tb\nuni=\\u00e9t\\u00E9\nother=\\q\\#")).toEqual([
      ["key=with:seps and space", "v"],
      ["tab", "a\tb"],
      ["uni", "été"],
      ["other", "q#"],
    ]);
  });

  it("keeps every entry in order, so the last of a repeated key wins", () => {
    expect(pairs("n=1\nn=2")).toEqual([
      ["n", "1"],
      ["n", "2"],
    ]);
  });

  it("refuses a malformed \\u escape, naming the line", () => {
    expect(() => parseProperties("a=1\nb=\\u12g4")).toThrow(PropertiesSyntaxError);
    expect(() => parseProperties("a=1\nb=\\u12")).toThrow("line 2: malformed \\uxxxx escape");
  });
});
