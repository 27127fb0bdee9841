import { describe, expect, it } from "vitest";
import { recordSizeInBatch, StickyPartitioner, varintSize } from "./sticky-partitioner.js";

/** A random source that returns the given values in turn. */
function sequence(...values: number[]): () => number {
  let i = 0;
  return () => values[i++ % values.length]!;
}

describe("record sizes in a RecordBatch v2", () => {
  it("sizes zig-zag varints as Kafka does", () => {
    expect([0, -1, 63, -64, 64, 8191, 8192, -8193].map(varintSize)).toEqual([1, 1, 1, 1, 2, 2, 3, 3]);
  });

  it("adds the length prefix, attributes, deltas, key, value and header count", () => {
    // "hello" without a key at offset delta 0: body 1+1+1+1+(1+5)+1 = 11, plus a one-byte length.
    expect(recordSizeInBatch(0, -1, 5)).toBe(12);
    // A 200-byte value at offset delta 200: both lengths take two bytes, and so does the record's own length.
    expect(recordSizeInBatch(200, -1, 200)).toBe(210);
    expect(recordSizeInBatch(0, 3, -1)).toBe(1 + 1 + 1 + 1 + 1 + 3 + 1 + 1);
  });
});

describe("StickyPartitioner", () => {
  it("keeps a partition until batch.size bytes went to it, then draws another", () => {
    // A record of a 100-byte value takes 109 bytes; the first of a batch also carries the 61-byte header.
    const partitioner = new StickyPartitioner(1000, sequence(0.5, 0.9, 0.1));
    const placed = Array.from({ length: 30 }, () => partitioner.partition(3, 100));
    // 61 + 9 records of 109 bytes reach 1000 bytes: nine records per partition, then a switch.
    expect(placed.slice(0, 9)).toEqual(Array(9).fill(1));
    expect(placed.slice(9, 18)).toEqual(Array(9).fill(2));
    expect(placed.slice(18, 27)).toEqual(Array(9).fill(0));
    expect(placed.slice(27)).toEqual([1, 1, 1]);
  });

  it("may draw the same partition again, as Kafka's uniform choice does", () => {
    const partitioner = new StickyPartitioner(200, sequence(0.1));
    expect(Array.from({ length: 10 }, () => partitioner.partition(4, 100))).toEqual(Array(10).fill(0));
  });

  it("switches after every record larger than batch.size", () => {
    const partitioner = new StickyPartitioner(16384, sequence(0, 0.4, 0.99));
    expect(Array.from({ length: 6 }, () => partitioner.partition(3, 20_000))).toEqual([0, 1, 2, 0, 1, 2]);
  });

  it("spreads many keyless records over every partition with Math.random", () => {
    const partitioner = new StickyPartitioner(16384);
    const counts = [0, 0, 0];
    for (let i = 0; i < 20_000; i++) counts[partitioner.partition(3, 100)]!++;
    // About 130 switches among three partitions: each gets a share, none nearly all.
    for (const count of counts) expect(count).toBeGreaterThan(2_000);
  });

  it("draws a new partition when the current one is beyond the partition count", () => {
    const partitioner = new StickyPartitioner(16384, sequence(0.99, 0));
    expect(partitioner.partition(3, 10)).toBe(2);
    expect(partitioner.partition(2, 10)).toBe(0);
  });

  it("refuses a batch.size below 1", () => {
    expect(() => new StickyPartitioner(0)).toThrow(/batch.size must be a positive integer/);
  });
});
