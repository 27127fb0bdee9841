/**
 * The shapes the console reads and sends: Confluent REST Proxy v3 resources (api/v3/openapi.yaml) and Skein's
 * documented extensions (docs/rest-api.md). Only the fields the console uses are listed.
 */
import type { components } from "@skein/sdk";

/** The REST resources as the SDK generates them from the service's OpenAPI document. */
type Schemas = components["schemas"];

export interface Relationship {
  related: string;
}

export interface ResourceMetadata {
  self: string;
  resource_name?: string | null;
}

export interface Resource {
  kind: string;
  metadata: ResourceMetadata;
}

export interface ResourceList<T> {
  kind: string;
  metadata: { self: string; next?: string | null };
  data: T[];
}

export type ClusterData = Schemas["ClusterDataDto"];

export type BrokerData = Schemas["BrokerDataDto"];

export type TopicData = Schemas["TopicDataDto"];

export type PartitionData = Schemas["PartitionDataDto"];

export type ReplicaData = Schemas["ReplicaDataDto"];

export type ConfigSource =
  | "DYNAMIC_TOPIC_CONFIG"
  | "DYNAMIC_BROKER_CONFIG"
  | "DYNAMIC_DEFAULT_BROKER_CONFIG"
  | "STATIC_BROKER_CONFIG"
  | "DEFAULT_CONFIG"
  | "UNKNOWN"
  | string;

export interface ConfigSynonym {
  name: string;
  value: string | null;
  source: ConfigSource;
}

export type TopicConfigData = Schemas["TopicConfigDataDto"];

export interface CreateTopicRequest {
  topic_name: string;
  partitions_count?: number;
  replication_factor?: number;
  configs?: { name: string; value: string | null }[];
  validate_only?: boolean;
}

export type PartitionLog = Schemas["PartitionLogDto"];

export type PartitionTransactions = Schemas["PartitionTransactionsDto"];
export type OpenTransaction = Schemas["OpenTransactionDto"];

export type CorruptRangeData = Schemas["CorruptRangeDto"];

export type LogDirState = "ok" | "nearly-full" | "full" | "failed";

export type LogDirData = Schemas["LogDirDto"];

export type SegmentData = Schemas["SegmentDto"];

export type RetentionReason = "retention.ms" | "retention.bytes" | "log-start-offset" | string;

export interface RetentionSegment {
  base_offset: number;
  last_offset: number;
  size_bytes: number;
  max_timestamp: number | null;
  reason: RetentionReason;
}

export type PartitionRetention = Schemas["PartitionRetentionDto"];

export type PartitionCleaner = Schemas["PartitionCleanerDto"];

export interface RecordPayload {
  size: number;
  data: string;
}

export interface SkeinRecord {
  partition_id: number;
  offset: number;
  timestamp: number;
  timestamp_type?: string;
  key: RecordPayload | null;
  value: RecordPayload | null;
  headers: { name: string; value: string | null }[];
}

export interface RecordList extends ResourceList<SkeinRecord> {
  log_start_offset: number;
  log_end_offset: number;
  next_offset: number;
}

/** Where a read starts: an offset, a time, or the newest records. */
export type ReadFrom = { offset: number } | { timestamp: number } | { newest: true };

export interface ProduceData {
  type: "STRING" | "JSON" | "BINARY";
  data: unknown;
}

export interface ProduceRequest {
  partition_id?: number | null;
  headers?: { name: string; value: string | null }[];
  key?: ProduceData | null;
  value?: ProduceData | null;
}

export interface ProduceResponse {
  error_code: number;
  message?: string;
  cluster_id: string;
  topic_name: string;
  partition_id: number;
  offset: number;
  timestamp: string | number | null;
}

export type ConsumerGroupState =
  | "STABLE"
  | "EMPTY"
  | "PREPARING_REBALANCE"
  | "COMPLETING_REBALANCE"
  | "DEAD"
  | "UNKNOWN"
  | string;

export interface ConsumerGroupData extends Resource {
  cluster_id: string;
  consumer_group_id: string;
  is_simple: boolean;
  partition_assignor: string;
  state: ConsumerGroupState;
  type?: string;
  coordinator?: Relationship;
}

export interface ConsumerData extends Resource {
  consumer_group_id: string;
  consumer_id: string;
  instance_id: string | null;
  client_id: string;
  /** Skein's addition: the member's address as Kafka's tools print it (`/127.0.0.1`). */
  client_host?: string;
}

export interface ConsumerAssignmentData extends Resource {
  consumer_group_id: string;
  consumer_id: string;
  topic_name: string;
  partition_id: number;
}

export interface ConsumerLagData extends Resource {
  consumer_group_id: string;
  topic_name: string;
  partition_id: number;
  current_offset: number;
  log_end_offset: number;
  lag: number;
  consumer_id: string;
  instance_id: string | null;
  client_id: string;
}

export interface LagSummaryData extends Resource {
  consumer_group_id: string;
  max_lag_consumer_id: string;
  max_lag_topic_name: string;
  max_lag_partition_id: number;
  max_lag: number;
  total_lag: number;
}

export interface LagHistory extends Resource {
  interval_ms: number;
  data: { timestamp: number; total_lag: number; topics: Record<string, number> }[];
}

export type ResetStrategy = "to-earliest" | "to-latest" | "to-current" | "to-offset" | "shift-by" | "to-datetime" | "by-duration";

export interface ResetOffsetsRequest {
  strategy: ResetStrategy;
  value?: number | string;
  topics?: { topic_name: string; partitions?: number[] }[];
  dry_run: boolean;
}

export interface ResetOffsetsPlan extends Resource {
  dry_run: boolean;
  data: { topic_name: string; partition_id: number; current_offset: number | null; new_offset: number }[];
}

export interface ThroughputSample {
  timestamp: number;
  records_in: number;
  records_out: number;
  bytes_in: number;
  bytes_out: number;
}

export type Throughput = Schemas["ThroughputDto"];

/** What `GET …/records:search` looks for; every field given must hold. */
export interface RecordSearchCriteria {
  key?: string;
  value_contains?: string;
  header_name?: string;
  header_contains?: string;
  json_path?: string;
  json_equals?: string;
  partition?: number;
  limit?: number;
}

/** A progress or final line of a record search. */
export interface RecordSearchStatus {
  kind: "SkeinSearchProgress" | "SkeinSearchDone";
  partitions: number[];
  records_scanned: number;
  records_total: number;
  bytes_scanned: number;
  matches: number;
  elapsed_ms: number;
  stopped?: "end" | "limit";
  skipped?: { partition_id: number; message: string }[];
}

/** One line of a record search's streamed answer. */
export type RecordSearchLine = (SkeinRecord & { kind: "SkeinSearchMatch" }) | RecordSearchStatus;
