/**
 * What the engine needs to remember outside the partition logs: the cluster id, the topics with their partition
 * counts and config overrides, and the dynamic broker configs. The engine ships a file-backed store; the service
 * implements the same interface over its own database.
 */
export interface TopicMetadata {
  name: string;
  /** Kafka's topic id: a random UUID, fixed for the topic's lifetime (a re-created topic gets a new one). */
  topicId: string;
  partitions: number;
  replicationFactor: number;
  /** Topic-level config overrides only (what `kafka-configs --describe` reports as DYNAMIC_TOPIC_CONFIG). */
  configs: Record<string, string>;
  internal: boolean;
  /** Epoch milliseconds. */
  createdAt: number;
}

export interface ClusterMetadata {
  clusterId: string | null;
  topics: TopicMetadata[];
  /** Dynamic cluster-wide broker config overrides (`kafka-configs --entity-type brokers --entity-default`). */
  brokerConfigs: Record<string, string>;
}

export interface MetadataStore {
  load(): Promise<ClusterMetadata>;
  saveClusterId(clusterId: string): Promise<void>;
  /** Inserts a new topic or replaces the stored one with the same name. */
  saveTopic(topic: TopicMetadata): Promise<void>;
  deleteTopic(name: string): Promise<void>;
  saveBrokerConfigs(configs: Record<string, string>): Promise<void>;
  close(): Promise<void>;
}
