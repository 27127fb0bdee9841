import { describe, expect, it } from "vitest";
import { JsonStreamSplitter, TOO_DEEP, type SplitValue } from "./json-stream-splitter.js";

/** A value as text, to compare. */
const asText = (value: SplitValue) => (value === TOO_DEEP ? value : value.toString("utf8"));

/** Feeds the text cut at every given position, collecting every value (as text). */
function split(text: string, cuts: number[] = [], limit = 1 << 20, maxDepth?: number): (string | typeof TOO_DEEP)[] {
  const bytes = Buffer.from(text);
  const splitter = new JsonStreamSplitter(limit, maxDepth);
  const values: SplitValue[] = [];
  let from = 0;
  for (const cut of [...cuts, bytes.length]) {
    values.push(...splitter.push(bytes.subarray(from, cut)));
    from = cut;
  }
  return [...values, ...splitter.end()].map(asText);
}

describe("JsonStreamSplitter", () => {
  const stream = '{"a":1}{"b":"}{\\"x"}\n  {"c":[1,{"d":"é"}]}[1,2]"s\\"t" 42 true{"e":null}';
  const expected = ['{"a":1}', '{"b":"}{\\"x"}', '{"c":[1,{"d":"é"}]}', "[1,2]", '"s\\"t"', "42", "true", '{"e":null}'];

  it("splits concatenated values, brackets inside strings and escapes included", () => {
    expect(split(stream)).toEqual(expected);
  });

  it("gives the same values whatever the chunk boundaries, even inside a multi-byte character", () => {
    const length = Buffer.byteLength(stream);
    for (let cut = 1; cut < length; cut++) expect(split(stream, [cut])).toEqual(expected);
    expect(split(stream, Array.from({ length: length - 1 }, (_, i) => i + 1))).toEqual(expected);
  });

  it("hands on stray delimiters and unfinished values for JSON.parse to refuse", () => {
    expect(split('{"a":1}}')).toEqual(['{"a":1}', "}"]);
    expect(split('{"a":1}{"b":')).toEqual(['{"a":1}', '{"b":']);
  });

  it("stops at a value over the limit, finished or not, keeping the values before it", () => {
    for (const cuts of [[], [5, 12], [9, 20]]) {
      const splitter = new JsonStreamSplitter(10);
      const bytes = Buffer.from('{"a":1}{"a":"0123456789"}{"b":2}');
      const values: SplitValue[] = [];
      let from = 0;
      for (const cut of [...cuts, bytes.length]) {
        values.push(...splitter.push(bytes.subarray(from, cut)));
        from = cut;
      }
      expect([values.map(asText), splitter.tooLarge, splitter.end()]).toEqual([['{"a":1}'], true, []]);
    }
    expect(split('{"a":1}{"b":2}', [], 7)).toEqual(['{"a":1}', '{"b":2}']);
  });

  it("stands TOO_DEEP for a value nested past the depth limit, and goes on with the next one, whatever the chunks", () => {
    const text = '{"a":[[1]]}' + '{"b":' + "[".repeat(5) + "]".repeat(5) + "}" + '{"c":2}';
    expect(split(text, [], 1 << 20, 3)).toEqual(['{"a":[[1]]}', TOO_DEEP, '{"c":2}']);
    for (let cut = 1; cut < text.length; cut++) expect(split(text, [cut], 1 << 20, 3)).toEqual(['{"a":[[1]]}', TOO_DEEP, '{"c":2}']);
    expect(split("[[[[]]]]", [], 1 << 20, 4)).toEqual(["[[[[]]]]"]);
  });
});
