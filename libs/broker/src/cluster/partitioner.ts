import { InvalidPartitionsError } from "../errors.js";
import { murmur2, toPositive } from "./murmur2.js";

/** The partition Kafka's default partitioner gives a keyed record: `toPositive(murmur2(key)) % numPartitions`. */
export function partitionForKey(key: Uint8Array, numPartitions: number): number {
  checkPartitionCount(numPartitions);
  return toPositive(murmur2(key)) % numPartitions;
}

/**
 * Chooses partitions for records produced without an explicit partition. Keyed records hash with murmur2 as in
 * Kafka. Keyless records are sticky, like Kafka's producer since KIP-480: every keyless record of one batch (one
 * produce call) goes to the same partition, and each new batch moves to the next partition round-robin, so
 * batches stay whole and load spreads evenly. Each topic starts at a random partition so that several producers
 * do not all begin on partition 0.
 */
export class Partitioner {
  /** Per topic, a counter whose value modulo the partition count is the current sticky partition. */
  private readonly stickyCounters = new Map<string, number>();

  /** @param random returns a number in [0, 1), like `Math.random`; tests pass their own. */
  constructor(private readonly random: () => number = Math.random) {}

  partition(topic: string, key: Uint8Array | null, numPartitions: number): number {
    checkPartitionCount(numPartitions);
    if (key !== null) return partitionForKey(key, numPartitions);
    let counter = this.stickyCounters.get(topic);
    if (counter === undefined) {
      counter = Math.floor(this.random() * numPartitions);
      this.stickyCounters.set(topic, counter);
    }
    return counter % numPartitions;
  }

  /** Marks the start of a new batch for `topic`: its next keyless records go to the next partition. */
  newBatch(topic: string): void {
    const counter = this.stickyCounters.get(topic);
    if (counter !== undefined) this.stickyCounters.set(topic, counter + 1);
  }
}

function checkPartitionCount(numPartitions: number): void {
  if (!Number.isInteger(numPartitions) || numPartitions < 1) {
    throw new InvalidPartitionsError(`Number of partitions must be at least 1, got ${numPartitions}.`);
  }
}
