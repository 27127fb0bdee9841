import type { ConfigEntry, PartitionDescription, TopicDescription } from "@skein/broker";
import type { Relationship, ResourceLinks } from "./resource-links.js";

/**
 * The v3 resources several modules answer with, built in one place so their `kind`, `metadata.self`,
 * `metadata.resource_name` and `related` links agree everywhere: lists, topics, partitions, replicas and configs.
 */

/** A v3 list: `{kind, metadata: {self, next: null}, data}` (Skein never pages these lists). */
export interface V3List<T> {
  kind: string;
  metadata: { self: string; next: string | null };
  data: T[];
}

export function v3List<T>(kind: string, self: string, data: T[]): V3List<T> {
  return { kind, metadata: { self, next: null }, data };
}

/** `metadata` of a single v3 resource. */
export interface ResourceMetadata {
  self: string;
  resource_name: string;
}

function topicPath(clusterId: string, topicName: string): (string | number)[] {
  return ["v3", "clusters", clusterId, "topics", topicName];
}

function partitionPath(clusterId: string, topicName: string, partitionId: number): (string | number)[] {
  return [...topicPath(clusterId, topicName), "partitions", partitionId];
}

/** `metadata` for a partition-level resource: `.../partitions/{p}/<suffix>` and `crn:///kafka=c/topic=t/partition=p[/<crn pairs>]`. */
export function partitionMetadata(
  links: ResourceLinks,
  clusterId: string,
  topicName: string,
  partitionId: number,
  suffix: (string | number)[] = [],
  crnPairs: (string | number)[] = [],
): ResourceMetadata {
  return {
    self: links.url(...partitionPath(clusterId, topicName, partitionId), ...suffix),
    resource_name: links.crn("kafka", clusterId, "topic", topicName, "partition", partitionId, ...crnPairs),
  };
}

export interface TopicData {
  kind: "KafkaTopic";
  metadata: ResourceMetadata;
  cluster_id: string;
  topic_name: string;
  is_internal: boolean;
  replication_factor: number;
  partitions_count: number;
  partitions: Relationship;
  configs: Relationship;
  partition_reassignments: Relationship;
  authorized_operations: string[];
}

/** `KafkaTopic`; `partitionsCount` is given apart because a validate-only creation describes no partitions. */
export function topicData(links: ResourceLinks, clusterId: string, topic: TopicDescription, partitionsCount = topic.partitions.length): TopicData {
  const path = topicPath(clusterId, topic.name);
  return {
    kind: "KafkaTopic",
    metadata: { self: links.url(...path), resource_name: links.crn("kafka", clusterId, "topic", topic.name) },
    cluster_id: clusterId,
    topic_name: topic.name,
    is_internal: topic.internal,
    replication_factor: topic.replicationFactor,
    partitions_count: partitionsCount,
    partitions: links.related(...path, "partitions"),
    configs: links.related(...path, "configs"),
    partition_reassignments: links.related(...path, "partitions", "-", "reassignment"),
    authorized_operations: [],
  };
}

export interface PartitionData {
  kind: "KafkaPartition";
  metadata: ResourceMetadata;
  cluster_id: string;
  topic_name: string;
  partition_id: number;
  leader: Relationship | null;
  replicas: Relationship;
  reassignment: Relationship;
}

/** `KafkaPartition`: its leader is a link to the leader's replica resource. */
export function partitionData(links: ResourceLinks, clusterId: string, topicName: string, partition: PartitionDescription): PartitionData {
  const path = partitionPath(clusterId, topicName, partition.partition);
  return {
    kind: "KafkaPartition",
    metadata: partitionMetadata(links, clusterId, topicName, partition.partition),
    cluster_id: clusterId,
    topic_name: topicName,
    partition_id: partition.partition,
    leader: partition.leader >= 0 ? links.related(...path, "replicas", partition.leader) : null,
    replicas: links.related(...path, "replicas"),
    reassignment: links.related(...path, "reassignment"),
  };
}

export interface ReplicaData {
  kind: "KafkaReplica";
  metadata: ResourceMetadata;
  cluster_id: string;
  topic_name: string;
  partition_id: number;
  broker_id: number;
  is_leader: boolean;
  is_in_sync: boolean;
  broker: Relationship;
}

/** Every replica of a partition, in its replica order, as `KafkaReplica`. */
export function replicasOf(links: ResourceLinks, clusterId: string, topicName: string, partition: PartitionDescription): ReplicaData[] {
  return partition.replicas.map((brokerId) => ({
    kind: "KafkaReplica",
    metadata: partitionMetadata(links, clusterId, topicName, partition.partition, ["replicas", brokerId], ["replica", brokerId]),
    cluster_id: clusterId,
    topic_name: topicName,
    partition_id: partition.partition,
    broker_id: brokerId,
    is_leader: partition.leader === brokerId,
    is_in_sync: partition.isr.includes(brokerId),
    broker: links.related("v3", "clusters", clusterId, "brokers", brokerId),
  }));
}

/** The fields every v3 config resource shares (Confluent's `AbstractConfigData`). */
export interface ConfigFields {
  cluster_id: string;
  name: string;
  value: string | null;
  is_default: boolean;
  is_read_only: boolean;
  is_sensitive: boolean;
  source: string;
  synonyms: { name: string; value: string | null; source: string }[];
  /** Skein's extension: Kafka's documentation line for the config (null for a name Skein does not know). */
  documentation: string | null;
  /** Skein's extension: the values an enumerated config allows (for a list, each item's); null for others. */
  valid_values: string[] | null;
}

function configFields(clusterId: string, entry: ConfigEntry): ConfigFields {
  return {
    cluster_id: clusterId,
    name: entry.name,
    // Kafka never reveals a sensitive value.
    value: entry.isSensitive ? null : entry.value,
    is_default: entry.isDefault,
    is_read_only: entry.isReadOnly,
    is_sensitive: entry.isSensitive,
    source: entry.source,
    synonyms: entry.synonyms.map(({ name, value, source }) => ({ name, value: entry.isSensitive ? null : value, source })),
    documentation: entry.documentation,
    valid_values: entry.validValues === null ? null : [...entry.validValues],
  };
}

export interface TopicConfigData extends ConfigFields {
  kind: "KafkaTopicConfig";
  metadata: ResourceMetadata;
  topic_name: string;
}

export function topicConfigData(links: ResourceLinks, clusterId: string, topicName: string, entry: ConfigEntry): TopicConfigData {
  return {
    kind: "KafkaTopicConfig",
    metadata: {
      self: links.url(...topicPath(clusterId, topicName), "configs", entry.name),
      resource_name: links.crn("kafka", clusterId, "topic", topicName, "config", entry.name),
    },
    ...configFields(clusterId, entry),
    topic_name: topicName,
  };
}

export interface BrokerConfigData extends ConfigFields {
  kind: "KafkaBrokerConfig";
  metadata: ResourceMetadata;
  broker_id: number;
}

export function brokerConfigData(links: ResourceLinks, clusterId: string, brokerId: number, entry: ConfigEntry): BrokerConfigData {
  return {
    kind: "KafkaBrokerConfig",
    metadata: {
      self: links.url("v3", "clusters", clusterId, "brokers", brokerId, "configs", entry.name),
      resource_name: links.crn("kafka", clusterId, "broker", brokerId, "config", entry.name),
    },
    ...configFields(clusterId, entry),
    broker_id: brokerId,
  };
}

export interface ClusterConfigData extends ConfigFields {
  kind: "KafkaClusterConfig";
  metadata: ResourceMetadata;
  config_type: "BROKER";
}

/** A dynamic cluster-wide broker config (`/broker-configs/{name}`, Kafka's `--entity-default`). */
export function clusterConfigData(links: ResourceLinks, clusterId: string, entry: ConfigEntry): ClusterConfigData {
  return {
    kind: "KafkaClusterConfig",
    metadata: {
      self: links.url("v3", "clusters", clusterId, "broker-configs", entry.name),
      resource_name: links.crn("kafka", clusterId, "broker-config", entry.name),
    },
    ...configFields(clusterId, entry),
    config_type: "BROKER",
  };
}
