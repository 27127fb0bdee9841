import { compareMembers, emptyAssignment, sortedPartitions, toAssignment, type AssignorMember, type PartitionAssignor } from "./assignor.js";
import type { TopicPartitions } from "../consumer-protocol.js";

/**
 * Kafka's `RoundRobinAssignor`: every partition of every subscribed topic (topics sorted) is dealt in turn to the
 * members in order, skipping members not subscribed to its topic.
 */
export class RoundRobinAssignor implements PartitionAssignor {
  readonly name = "roundrobin";

  assign(partitionsPerTopic: ReadonlyMap<string, number>, members: readonly AssignorMember[]): Map<string, TopicPartitions[]> {
    const lists = emptyAssignment(members);
    const ordered = [...members].sort(compareMembers);
    if (ordered.length === 0) return toAssignment(lists);
    let next = 0;
    for (const tp of sortedPartitions(ordered.flatMap((m) => m.topics), partitionsPerTopic)) {
      while (!ordered[next % ordered.length]!.topics.includes(tp.topic)) next++;
      lists.get(ordered[next % ordered.length]!.memberId)!.push(tp);
      next++;
    }
    return toAssignment(lists);
  }
}
