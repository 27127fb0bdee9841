import {
  compareMembers,
  emptyAssignment,
  sortedPartitions,
  toAssignment,
  type AssignorMember,
  type PartitionAssignor,
  type TopicPartition,
} from "./assignor.js";
import type { TopicPartitions } from "../consumer-protocol.js";

/**
 * Kafka's `StickyAssignor`, in spirit: members keep the partitions they own (when still subscribed and not claimed by
 * an earlier member), unowned partitions go to the least-loaded subscribed member, then partitions move from the
 * most-loaded members to members with at least two fewer until no such move exists. The result is as balanced as
 * the subscriptions allow and moves as few partitions as that balance needs. Deterministic.
 */
export class StickyAssignor implements PartitionAssignor {
  readonly name = "sticky";

  assign(partitionsPerTopic: ReadonlyMap<string, number>, members: readonly AssignorMember[]): Map<string, TopicPartitions[]> {
    const ordered = [...members].sort(compareMembers);
    const lists = emptyAssignment(ordered);
    const claimed = new Set<string>();
    const key = (tp: TopicPartition) => `${tp.partition}:${tp.topic}`;

    for (const member of ordered) {
      for (const { topic, partitions } of member.ownedPartitions) {
        if (!member.topics.includes(topic)) continue;
        for (const partition of partitions) {
          const tp = { topic, partition };
          if (partition < 0 || partition >= (partitionsPerTopic.get(topic) ?? 0) || claimed.has(key(tp))) continue;
          claimed.add(key(tp));
          lists.get(member.memberId)!.push(tp);
        }
      }
    }

    const load = (m: AssignorMember) => lists.get(m.memberId)!.length;
    for (const tp of sortedPartitions(ordered.flatMap((m) => m.topics), partitionsPerTopic)) {
      if (claimed.has(key(tp))) continue;
      let target: AssignorMember | undefined;
      for (const m of ordered) if (m.topics.includes(tp.topic) && (target === undefined || load(m) < load(target))) target = m;
      lists.get(target!.memberId)!.push(tp);
    }

    while (moveOne(ordered, lists)) {
      // each move lowers the sum of squared loads, so this ends
    }
    return toAssignment(lists);
  }
}

/** Moves one partition from a most-loaded member to a member with at least two fewer; false when none can move. */
function moveOne(ordered: readonly AssignorMember[], lists: Map<string, TopicPartition[]>): boolean {
  const load = (m: AssignorMember) => lists.get(m.memberId)!.length;
  const byLoadDesc = [...ordered].sort((a, b) => load(b) - load(a));
  for (const from of byLoadDesc) {
    const owned = lists.get(from.memberId)!;
    for (const to of [...byLoadDesc].reverse()) {
      if (load(from) - load(to) < 2) break;
      for (let i = owned.length - 1; i >= 0; i--) {
        if (!to.topics.includes(owned[i]!.topic)) continue;
        lists.get(to.memberId)!.push(owned.splice(i, 1)[0]!);
        return true;
      }
    }
  }
  return false;
}
