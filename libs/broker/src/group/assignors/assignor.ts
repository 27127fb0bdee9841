import type { TopicPartitions } from "../consumer-protocol.js";

/** A member as a server-side assignor sees it: what it subscribes to and what it owns now. */
export interface AssignorMember {
  memberId: string;
  groupInstanceId: string | null;
  topics: string[];
  /** The partitions the member owned before this rebalance (the sticky assignor keeps them where it can). */
  ownedPartitions: TopicPartitions[];
}

/**
 * Kafka's `ConsumerPartitionAssignor`, run by the coordinator for members that do not bring their own: given the
 * partition count of every subscribed topic, gives every member its partitions (possibly none). Deterministic.
 */
export interface PartitionAssignor {
  /** The protocol name members put in JoinGroup, as Kafka's clients name it. */
  readonly name: string;
  assign(partitionsPerTopic: ReadonlyMap<string, number>, members: readonly AssignorMember[]): Map<string, TopicPartitions[]>;
}

/** One topic-partition. */
export interface TopicPartition {
  topic: string;
  partition: number;
}

/**
 * Kafka's `MemberInfo` order: static members (by group instance id) before dynamic ones (by member id), comparing
 * strings by UTF-16 code units as Java does.
 */
export function compareMembers(a: AssignorMember, b: AssignorMember): number {
  if (a.groupInstanceId !== null && b.groupInstanceId !== null) return compareStrings(a.groupInstanceId, b.groupInstanceId);
  if (a.groupInstanceId !== null) return -1;
  if (b.groupInstanceId !== null) return 1;
  return compareStrings(a.memberId, b.memberId);
}

export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Groups topic-partitions by topic, topics and partitions in ascending order. */
export function groupByTopic(partitions: readonly TopicPartition[]): TopicPartitions[] {
  const byTopic = new Map<string, number[]>();
  for (const { topic, partition } of partitions) {
    let list = byTopic.get(topic);
    if (!list) byTopic.set(topic, (list = []));
    list.push(partition);
  }
  return [...byTopic.keys()].sort(compareStrings).map((topic) => ({ topic, partitions: byTopic.get(topic)!.sort((x, y) => x - y) }));
}

/** Every partition of the given topics that exist, topics sorted, partitions ascending. */
export function sortedPartitions(topics: Iterable<string>, partitionsPerTopic: ReadonlyMap<string, number>): TopicPartition[] {
  const result: TopicPartition[] = [];
  for (const topic of [...new Set(topics)].sort(compareStrings)) {
    const count = partitionsPerTopic.get(topic) ?? 0;
    for (let partition = 0; partition < count; partition++) result.push({ topic, partition });
  }
  return result;
}

/** An empty assignment for every member, in member order. */
export function emptyAssignment(members: readonly AssignorMember[]): Map<string, TopicPartition[]> {
  return new Map(members.map((m) => [m.memberId, []]));
}

/** Turns per-member lists into the assignor result shape. */
export function toAssignment(lists: Map<string, TopicPartition[]>): Map<string, TopicPartitions[]> {
  return new Map([...lists].map(([memberId, list]) => [memberId, groupByTopic(list)]));
}
