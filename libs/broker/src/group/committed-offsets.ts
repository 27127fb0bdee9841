import { compareStrings } from "./assignors/assignor.js";
import type { CommittedOffset } from "./group-types.js";

/** The coordinator's cache of committed offsets, per group: what replaying `__consumer_offsets` yields. */
export class CommittedOffsets {
  private readonly byGroup = new Map<string, Map<string, CommittedOffset>>();
  /** Where each commit's record lies in `__consumer_offsets` (-1: unknown): which of two commits is newer. */
  private readonly recordOffsets = new WeakMap<CommittedOffset, number>();

  get(groupId: string, topic: string, partition: number): CommittedOffset | undefined {
    return this.byGroup.get(groupId)?.get(keyOf(topic, partition));
  }

  put(groupId: string, offset: CommittedOffset, recordOffset = -1): void {
    let group = this.byGroup.get(groupId);
    if (!group) this.byGroup.set(groupId, (group = new Map()));
    group.set(keyOf(offset.topic, offset.partition), offset);
    this.recordOffsets.set(offset, recordOffset);
  }

  /** The log offset of the record of a group's committed offset for a partition, -1 when unknown, undefined when none. */
  recordOffsetOf(groupId: string, topic: string, partition: number): number | undefined {
    const committed = this.get(groupId, topic, partition);
    return committed === undefined ? undefined : (this.recordOffsets.get(committed) ?? -1);
  }

  delete(groupId: string, topic: string, partition: number): boolean {
    const group = this.byGroup.get(groupId);
    if (!group?.delete(keyOf(topic, partition))) return false;
    if (group.size === 0) this.byGroup.delete(groupId);
    return true;
  }

  /** Forgets every offset of a group; returns what it held. */
  deleteGroup(groupId: string): CommittedOffset[] {
    const offsets = this.list(groupId);
    this.byGroup.delete(groupId);
    return offsets;
  }

  /** A group's offsets, by topic then partition. */
  list(groupId: string): CommittedOffset[] {
    return [...(this.byGroup.get(groupId)?.values() ?? [])].sort((a, b) => compareStrings(a.topic, b.topic) || a.partition - b.partition);
  }

  groupIds(): string[] {
    return [...this.byGroup.keys()];
  }
}

function keyOf(topic: string, partition: number): string {
  return `${partition}:${topic}`;
}
