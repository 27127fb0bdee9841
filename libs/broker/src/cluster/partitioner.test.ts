import { randomBytes } from "node:crypto";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { InvalidPartitionsError } from "../errors.js";
import { Partitioner, partitionForKey } from "./partitioner.js";

const require = createRequire(import.meta.url);
type KafkajsPartitioner = (args: {
  topic: string;
  partitionMetadata: { partitionId: number; leader: number }[];
  message: { key: Buffer };
}) => number;
const createKafkajsDefaultPartitioner = require("kafkajs/src/producer/partitioners/default") as () => KafkajsPartitioner;

const bytes = (s: string) => new TextEncoder().encode(s);
const partitionMetadata = (n: number) => Array.from({ length: n }, (_, partitionId) => ({ partitionId, leader: 0 }));

describe("partitionForKey", () => {
  // Partitions Kafka's DefaultPartitioner gives these keys (taken from kafkajs's Kafka-compatible partitioner).
  it.each([
    ["customer-1", 3, 0],
    ["customer-2", 3, 2],
    ["customer-3", 3, 1],
    ["a", 3, 1],
    ["user-42", 12, 4],
    ["sensor/7", 8, 3],
    ["order:2024-11-25", 50, 41],
    ["0", 100, 96],
  ])("puts key %j on partition %d of %d as Kafka does", (key, numPartitions, expected) => {
    expect(partitionForKey(bytes(key), numPartitions)).toBe(expected);
  });

  it("agrees with kafkajs's default partitioner on 2,000 random keys and partition counts", () => {
    const kafkajs = createKafkajsDefaultPartitioner();
    for (let i = 0; i < 2000; i++) {
      const key = randomBytes(1 + (i % 40));
      const numPartitions = 1 + (i % 97);
      const expected = kafkajs({ topic: "t", partitionMetadata: partitionMetadata(numPartitions), message: { key } });
      expect(partitionForKey(key, numPartitions), key.toString("hex")).toBe(expected);
    }
  });

  it("refuses a partition count below 1", () => {
    expect(() => partitionForKey(bytes("k"), 0)).toThrow(InvalidPartitionsError);
    expect(() => partitionForKey(bytes("k"), 1.5)).toThrow(InvalidPartitionsError);
  });
});

describe("Partitioner", () => {
  it("hashes keyed records whatever the batch", () => {
    const partitioner = new Partitioner(() => 0.99);
    expect(partitioner.partition("orders", bytes("customer-2"), 3)).toBe(2);
    partitioner.newBatch("orders");
    expect(partitioner.partition("orders", bytes("customer-2"), 3)).toBe(2);
  });

  it("keeps every keyless record of a batch on one partition, starting where the random function says", () => {
    const partitioner = new Partitioner(() => 0.5);
    const chosen = Array.from({ length: 10 }, () => partitioner.partition("events", null, 4));
    expect(chosen).toEqual(Array(10).fill(2));
  });

  it("moves keyless records to the next partition, round-robin, at each new batch", () => {
    const partitioner = new Partitioner(() => 0.5);
    const perBatch: number[] = [];
    for (let batch = 0; batch < 6; batch++) {
      perBatch.push(partitioner.partition("events", null, 4));
      partitioner.newBatch("events");
    }
    expect(perBatch).toEqual([2, 3, 0, 1, 2, 3]);
  });

  it("spreads keyless batches evenly over the partitions", () => {
    const partitioner = new Partitioner(() => 0);
    const counts = [0, 0, 0, 0, 0];
    for (let batch = 0; batch < 1000; batch++) {
      for (let r = 0; r < 3; r++) counts[partitioner.partition("t", null, 5)]!++;
      partitioner.newBatch("t");
    }
    expect(counts).toEqual([600, 600, 600, 600, 600]);
  });

  it("keeps a separate sticky partition per topic", () => {
    const starts = [0.0, 0.75];
    const partitioner = new Partitioner(() => starts.shift()!);
    expect(partitioner.partition("a", null, 4)).toBe(0);
    expect(partitioner.partition("b", null, 4)).toBe(3);
    partitioner.newBatch("a");
    expect(partitioner.partition("a", null, 4)).toBe(1);
    expect(partitioner.partition("b", null, 4)).toBe(3);
  });

  it("ignores a new batch for a topic it has not chosen a partition for yet", () => {
    const partitioner = new Partitioner(() => 0.25);
    partitioner.newBatch("fresh");
    expect(partitioner.partition("fresh", null, 4)).toBe(1);
  });

  it("stays within range when partitions are added to the topic", () => {
    const partitioner = new Partitioner(() => 0.9);
    expect(partitioner.partition("t", null, 2)).toBe(1);
    partitioner.newBatch("t");
    expect(partitioner.partition("t", null, 6)).toBe(2);
  });

  it("refuses a partition count below 1", () => {
    expect(() => new Partitioner().partition("t", null, 0)).toThrow(InvalidPartitionsError);
  });
});
