import { describe, expect, it } from "vitest";
import { groupSegmentsBySize } from "./cleaner.js";

const segment = (baseOffset: number, nextOffset: number, size: number) => ({ baseOffset, nextOffset, size });

describe("groupSegmentsBySize", () => {
  it("groups consecutive segments while their total fits segment.bytes", () => {
    const segments = [segment(0, 10, 400), segment(10, 20, 300), segment(20, 30, 400), segment(30, 40, 1000), segment(40, 50, 10)];
    expect(groupSegmentsBySize(segments, 1000, 1_000_000, 4096).map((g) => g.map((s) => s.baseOffset))).toEqual([[0, 10], [20], [30], [40]]);
  });

  it("keeps a group's index within segment.index.bytes and its offsets within one segment's relative range", () => {
    const small = [segment(0, 10, 100), segment(10, 20, 100), segment(20, 30, 100)];
    expect(groupSegmentsBySize(small, 10_000, 3, 100).map((g) => g.length)).toEqual([2, 1]);
    const wide = [segment(0, 10, 100), segment(2 ** 31, 2 ** 31 + 10, 100)];
    expect(groupSegmentsBySize(wide, 10_000, 1000, 4096).map((g) => g.length)).toEqual([1, 1]);
  });
});
