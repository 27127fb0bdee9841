import type { Broker } from "../broker.js";
import { GroupIdNotFoundError, KafkaError } from "../errors.js";
import { compareStrings } from "./assignors/assignor.js";
import type { GroupCoordinator } from "./group-coordinator.js";
import type { GroupState } from "./group-types.js";

/** One row of `kafka-consumer-groups --describe`. */
export interface PartitionLag {
  topic: string;
  partition: number;
  /** CURRENT-OFFSET: the committed offset; null when the group committed nothing here (the tool prints "-"). */
  currentOffset: number | null;
  /** LOG-END-OFFSET: the latest offset a consumer can read (the high watermark); null when the partition is gone. */
  logEndOffset: number | null;
  /** LAG = LOG-END-OFFSET − CURRENT-OFFSET; null when either is unknown. */
  lag: number | null;
  /** The member the partition is assigned to, if any. */
  consumerId: string | null;
  clientId: string | null;
  host: string | null;
}

export interface TopicLag {
  topic: string;
  partitions: PartitionLag[];
  /** The sum of the known lags. */
  totalLag: number;
}

export interface GroupLag {
  groupId: string;
  state: GroupState;
  topics: TopicLag[];
  totalLag: number;
  /** The partition lagging most (first by topic and partition on ties); null when no lag is known. */
  maxLag: PartitionLag | null;
}

/**
 * A group's lag per partition, per topic and in total, over its committed offsets and its members' assigned
 * partitions. Works for groups without live members; throws GROUP_ID_NOT_FOUND for a group the coordinator does
 * not know.
 */
export function describeGroupLag(broker: Pick<Broker, "partitionOffsets">, coordinator: GroupCoordinator, groupId: string): GroupLag {
  const description = coordinator.describeGroup(groupId);
  const committed = coordinator.committedOffsets(groupId);
  if (description.state === "Dead" && committed.length === 0) throw new GroupIdNotFoundError(`Consumer group '${groupId}' does not exist.`);

  const rows = new Map<string, PartitionLag>();
  const row = (topic: string, partition: number): PartitionLag => {
    const key = `${partition}:${topic}`;
    let found = rows.get(key);
    if (!found) {
      rows.set(key, (found = { topic, partition, currentOffset: null, logEndOffset: null, lag: null, consumerId: null, clientId: null, host: null }));
    }
    return found;
  };
  for (const member of description.members) {
    for (const { topic, partitions } of member.assignedPartitions) {
      for (const partition of partitions) Object.assign(row(topic, partition), { consumerId: member.memberId, clientId: member.clientId, host: member.clientHost });
    }
  }
  for (const c of committed) row(c.topic, c.partition).currentOffset = c.offset;
  for (const r of rows.values()) {
    r.logEndOffset = latestOffset(broker, r.topic, r.partition);
    r.lag = r.currentOffset !== null && r.logEndOffset !== null ? r.logEndOffset - r.currentOffset : null;
  }

  const sorted = [...rows.values()].sort((a, b) => compareStrings(a.topic, b.topic) || a.partition - b.partition);
  const topics: TopicLag[] = [];
  let maxLag: PartitionLag | null = null;
  for (const r of sorted) {
    let topic = topics[topics.length - 1];
    if (topic?.topic !== r.topic) topics.push((topic = { topic: r.topic, partitions: [], totalLag: 0 }));
    topic.partitions.push(r);
    topic.totalLag += r.lag ?? 0;
    if (r.lag !== null && (maxLag === null || r.lag > maxLag.lag!)) maxLag = r;
  }
  return { groupId, state: description.state, topics, totalLag: topics.reduce((sum, t) => sum + t.totalLag, 0), maxLag };
}

function latestOffset(broker: Pick<Broker, "partitionOffsets">, topic: string, partition: number): number | null {
  try {
    return broker.partitionOffsets(topic, partition).highWatermark;
  } catch (err) {
    if (err instanceof KafkaError) return null;
    throw err;
  }
}
