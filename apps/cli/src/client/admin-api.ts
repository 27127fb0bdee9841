import { CommandError } from "../errors.js";
import { ApiError, type RestClient } from "./rest-client.js";
import type { BrokerData, ConfigData, PartitionData, PartitionOffsets, ReplicaData, ResourceList, TopicData } from "./v3-types.js";

/** v3 administration of topics, partitions, brokers and configs. */

/** REST Proxy's codes for an unknown topic (40401) and an unknown topic-partition (40403). */
const UNKNOWN_TOPIC_CODES = new Set([40401, 40403]);

/** The topic does not exist: the one refusal `--if-exists` forgives. */
export class UnknownTopicError extends CommandError {
  constructor(readonly topic: string, reason = "") {
    super(`Topic '${topic}' does not exist${reason}`);
  }
}

/** Turns the service's "not found" into the line Kafka's tools print for an unknown topic, with `reason` after it. */
export function unknownTopic(error: unknown, topic: string, reason = ""): never {
  if (error instanceof ApiError && UNKNOWN_TOPIC_CODES.has(error.errorCode)) throw new UnknownTopicError(topic, reason);
  throw error;
}

export async function listTopics(client: RestClient): Promise<TopicData[]> {
  return (await client.request<ResourceList<TopicData>>("GET", await client.v3("topics"))).data;
}

export async function getTopic(client: RestClient, topic: string): Promise<TopicData> {
  return client.request<TopicData>("GET", await client.v3("topics", topic)).catch((e) => unknownTopic(e, topic));
}

/** The topic, or null when it does not exist; any other failure is thrown. */
export async function findTopic(client: RestClient, topic: string): Promise<TopicData | null> {
  try {
    return await getTopic(client, topic);
  } catch (error) {
    if (error instanceof UnknownTopicError) return null;
    throw error;
  }
}

export interface CreateTopicRequest {
  topic_name: string;
  partitions_count?: number;
  replication_factor?: number;
  configs: { name: string; value: string }[];
}

export async function createTopic(client: RestClient, request: CreateTopicRequest): Promise<TopicData> {
  return client.request<TopicData>("POST", await client.v3("topics"), { body: request });
}

export async function deleteTopic(client: RestClient, topic: string): Promise<void> {
  await client.request("DELETE", await client.v3("topics", topic)).catch((e) => unknownTopic(e, topic));
}

/** PATCH `partitions_count`; the service refuses a count that does not increase. */
export async function increasePartitions(client: RestClient, topic: string, partitionsCount: number): Promise<TopicData> {
  return client.request<TopicData>("PATCH", await client.v3("topics", topic), { body: { partitions_count: partitionsCount } });
}

export async function listPartitions(client: RestClient, topic: string): Promise<PartitionData[]> {
  const list = await client.request<ResourceList<PartitionData>>("GET", await client.v3("topics", topic, "partitions")).catch((e) => unknownTopic(e, topic));
  return list.data.sort((a, b) => a.partition_id - b.partition_id);
}

export async function listReplicas(client: RestClient, topic: string, partition: number): Promise<ReplicaData[]> {
  return (await client.request<ResourceList<ReplicaData>>("GET", await client.v3("topics", topic, "partitions", partition, "replicas"))).data;
}

export async function partitionOffsets(client: RestClient, topic: string, partition: number): Promise<PartitionOffsets> {
  return client.request<PartitionOffsets>("GET", await client.v3("topics", topic, "partitions", partition, "offset"));
}

export async function getBroker(client: RestClient, brokerId: number): Promise<BrokerData> {
  return client.request<BrokerData>("GET", await client.v3("brokers", brokerId));
}

export async function listBrokers(client: RestClient): Promise<BrokerData[]> {
  return (await client.request<ResourceList<BrokerData>>("GET", await client.v3("brokers"))).data;
}

/** Where a config entity lives in v3: a topic, one broker, or the cluster-wide broker defaults. */
export type ConfigEntity = { type: "topic"; name: string } | { type: "broker"; id: number } | { type: "broker-defaults" };

function configsPath(entity: ConfigEntity): string[] {
  switch (entity.type) {
    case "topic":
      return ["topics", entity.name, "configs"];
    case "broker":
      return ["brokers", String(entity.id), "configs"];
    case "broker-defaults":
      return ["broker-configs"];
  }
}

export async function listConfigs(client: RestClient, entity: ConfigEntity): Promise<ConfigData[]> {
  const path = configsPath(entity);
  const list = await client.request<ResourceList<ConfigData>>("GET", await client.v3(...path)).catch((e) =>
    entity.type === "topic" ? unknownTopic(e, entity.name) : Promise.reject(e),
  );
  return list.data;
}

/** `configs:alter`: sets and deletes several configs in one request. */
export async function alterConfigs(
  client: RestClient,
  entity: ConfigEntity,
  changes: { name: string; value?: string; operation: "SET" | "DELETE" }[],
): Promise<void> {
  const path = configsPath(entity);
  path[path.length - 1] += ":alter";
  await client.request("POST", await client.v3(...path), { body: { data: changes } }).catch((e) =>
    entity.type === "topic" ? unknownTopic(e, entity.name) : Promise.reject(e),
  );
}
