import type { CommittedOffset } from "./group-types.js";

/** A transactional offset commit waiting for its producer's marker, with where its record lies in `__consumer_offsets`. */
export interface PendingTxnOffset {
  offset: CommittedOffset;
  /** The base offset of the batch holding the record: a later plain commit wins over it. */
  recordOffset: number;
}

/**
 * The transactional offset commits (TxnOffsetCommit) of each group that wait for their transaction to end (Kafka's
 * `pendingTransactionalOffsetCommits`), by producer: a commit marker makes them the group's committed offsets, an
 * abort drops them. While a partition has one, OffsetFetch with `require_stable` answers UNSTABLE_OFFSET_COMMIT.
 */
export class PendingTxnOffsets {
  private readonly byGroup = new Map<string, Map<number, Map<string, PendingTxnOffset>>>();

  /** Records pending offsets of `producerId` for a group (a later one for the same partition replaces the earlier). */
  add(groupId: string, producerId: number, offsets: readonly PendingTxnOffset[]): void {
    let producers = this.byGroup.get(groupId);
    if (!producers) this.byGroup.set(groupId, (producers = new Map()));
    let pending = producers.get(producerId);
    if (!pending) producers.set(producerId, (pending = new Map()));
    for (const p of offsets) pending.set(keyOf(p.offset.topic, p.offset.partition), p);
  }

  /** Drops a pending offset of `producerId` (a tombstone in its transaction). */
  remove(groupId: string, producerId: number, topic: string, partition: number): void {
    this.byGroup.get(groupId)?.get(producerId)?.delete(keyOf(topic, partition));
  }

  /** Takes a producer's pending offsets of a group out (its transaction ended). */
  take(groupId: string, producerId: number): PendingTxnOffset[] {
    const producers = this.byGroup.get(groupId);
    const pending = producers?.get(producerId);
    if (!producers || !pending) return [];
    producers.delete(producerId);
    if (producers.size === 0) this.byGroup.delete(groupId);
    return [...pending.values()];
  }

  /** The groups with pending offsets of `producerId`. */
  groupsOf(producerId: number): string[] {
    return [...this.byGroup].filter(([, producers]) => producers.has(producerId)).map(([groupId]) => groupId);
  }

  /** Whether a transaction still to end has an offset of this group's partition (Kafka's `hasPendingOffsetCommitsForTopicPartition`). */
  hasPending(groupId: string, topic: string, partition: number): boolean {
    const key = keyOf(topic, partition);
    for (const pending of this.byGroup.get(groupId)?.values() ?? []) if (pending.has(key)) return true;
    return false;
  }

  /** The producers with pending offsets in a group. */
  producersOf(groupId: string): number[] {
    return [...(this.byGroup.get(groupId)?.keys() ?? [])];
  }

  /** Forgets a group's pending offsets (the group was deleted). */
  deleteGroup(groupId: string): void {
    this.byGroup.delete(groupId);
  }
}

function keyOf(topic: string, partition: number): string {
  return `${partition}:${topic}`;
}
