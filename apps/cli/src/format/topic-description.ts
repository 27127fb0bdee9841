/** What `skein topics --describe` shows of one topic. */
export interface TopicDescription {
  topic: string;
  partitionCount: number;
  replicationFactor: number;
  /** Configs that differ from the defaults, as name/value pairs in the server's order. */
  configs: [string, string | null][];
  partitions: PartitionDescription[];
}

export interface PartitionDescription {
  partition: number;
  /** The leader's broker id, or null when the partition has none. */
  leader: number | null;
  replicas: number[];
  isr: number[];
}

/**
 * Kafka's `kafka-topics.sh --describe` layout: a tab-separated topic line, then one tab-indented line per partition.
 * (Skein has no topic ids in its REST API, and Kafka leaves `TopicId` out when it has none.)
 */
export function formatTopicDescription(description: TopicDescription): string {
  const configs = description.configs.map(([name, value]) => `${name}=${value ?? ""}`).join(",");
  const lines = [
    `Topic: ${description.topic}\tPartitionCount: ${description.partitionCount}\tReplicationFactor: ${description.replicationFactor}\tConfigs: ${configs}`,
  ];
  for (const p of description.partitions) {
    lines.push(
      `\tTopic: ${description.topic}\tPartition: ${p.partition}\tLeader: ${p.leader ?? "none"}\tReplicas: ${p.replicas.join(",")}\tIsr: ${p.isr.join(",")}`,
    );
  }
  return lines.join("\n") + "\n";
}
