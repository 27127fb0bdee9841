import { compareMembers, emptyAssignment, toAssignment, type AssignorMember, type PartitionAssignor } from "./assignor.js";
import type { TopicPartitions } from "../consumer-protocol.js";

/**
 * Kafka's `RangeAssignor` (the default): per topic, the subscribed members in order each take a contiguous range;
 * the first `partitions % members` take one extra. Members beyond the partition count get nothing of that topic.
 */
export class RangeAssignor implements PartitionAssignor {
  readonly name = "range";

  assign(partitionsPerTopic: ReadonlyMap<string, number>, members: readonly AssignorMember[]): Map<string, TopicPartitions[]> {
    const lists = emptyAssignment(members);
    const topics = new Set(members.flatMap((m) => m.topics));
    for (const topic of topics) {
      const count = partitionsPerTopic.get(topic);
      if (count === undefined) continue;
      const consumers = members.filter((m) => m.topics.includes(topic)).sort(compareMembers);
      const perConsumer = Math.floor(count / consumers.length);
      const withExtra = count % consumers.length;
      consumers.forEach((member, i) => {
        const start = perConsumer * i + Math.min(i, withExtra);
        const length = perConsumer + (i + 1 > withExtra ? 0 : 1);
        for (let partition = start; partition < start + length; partition++) lists.get(member.memberId)!.push({ topic, partition });
      });
    }
    return toAssignment(lists);
  }
}
