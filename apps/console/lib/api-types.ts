/**
 * The shapes the console reads and sends: Confluent REST Proxy v3 resources (api/v3/openapi.yaml) and Skein's
 * documented extensions (docs/rest-api.md). Only the fields the console uses are listed.
 */

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

export interface ClusterData extends Resource {
  cluster_id: string;
  controller?: Relationship;
}

export interface BrokerData extends Resource {
  cluster_id: string;
  broker_id: number;
  host: string | null;
  port: number | null;
  rack: string | null;
  /** Skein may report the broker's state; a broker the cluster lists is registered and serving otherwise. */
  state?: string;
}

export interface TopicData extends Resource {
  cluster_id: string;
  topic_name: string;
  is_internal: boolean;
  replication_factor: number;
  partitions_count: number;
}

export interface PartitionData extends Resource {
  cluster_id: string;
  topic_name: string;
  partition_id: number;
  leader?: Relationship | null;
}

export interface ReplicaData extends Resource {
  cluster_id: string;
  topic_name: string;
  partition_id: number;
  broker_id: number;
  is_leader: boolean;
  is_in_sync: boolean;
}

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

export interface TopicConfigData extends Resource {
  cluster_id: string;
  topic_name: string;
  name: string;
  value: string | null;
  is_default: boolean;
  is_read_only: boolean;
  is_sensitive: boolean;
  source: ConfigSource;
  synonyms: ConfigSynonym[];
}

export interface CreateTopicRequest {
  topic_name: string;
  partitions_count?: number;
  replication_factor?: number;
  configs?: { name: string; value: string | null }[];
  validate_only?: boolean;
}

export interface PartitionLog extends Resource {
  log_start_offset: number;
  log_end_offset: number;
  high_watermark: number;
  size_bytes: number;
}

/** A range of a partition's log found corrupt on disk and moved aside (Skein's `corruptions`). */
export interface CorruptRangeData extends Resource {
  topic_name: string;
  partition_id: number;
  base_offset: number;
  last_offset: number;
  segment_base_offset: number;
  size_bytes: number;
  /** Where the bytes were moved, relative to the data directory; null while they could not be moved aside. */
  quarantined_as: string | null;
  detected_at: number;
  detected_by: "recovery" | "scrubber" | "read";
  reason: string;
}

export type LogDirState = "ok" | "nearly-full" | "full" | "failed";

/** A broker's data directory: space, state, partitions it cannot serve and corrupt ranges (Skein's `log-dirs`). */
export interface LogDirData extends Resource {
  broker_id: number;
  path: string;
  state: LogDirState;
  writable: boolean;
  total_bytes: number;
  usable_bytes: number;
  used_ratio: number;
  nearly_full_ratio: number;
  error: string | null;
  checked_at: number;
  offline_partitions: { topic_name: string; partition_id: number; reason: string }[];
  corrupt_ranges: CorruptRangeData[];
}

export interface SegmentData extends Resource {
  partition_id: number;
  base_offset: number;
  /** null while the segment is empty (a fresh active segment). */
  last_offset: number | null;
  size_bytes: number;
  first_timestamp: number | null;
  max_timestamp: number | null;
  active: boolean;
}

export type RetentionReason = "retention.ms" | "retention.bytes" | "log-start-offset" | string;

export interface RetentionSegment {
  base_offset: number;
  last_offset: number;
  size_bytes: number;
  max_timestamp: number | null;
  reason: RetentionReason;
}

export interface PartitionRetention extends Resource {
  due_for_deletion: RetentionSegment[];
  recent_deletions: (RetentionSegment & { deleted_at: number })[];
  last_check_at: number | null;
  next_check_at: number | null;
  check_interval_ms: number;
}

/** The log cleaner's state for one partition (Skein extension; fields beyond the documented ones are optional). */
export interface PartitionCleaner extends Resource {
  compacted?: boolean;
  cleaner_running?: boolean;
  status?: "cleaning" | "eligible" | "idle" | string;
  dirty_ratio?: number;
  min_cleanable_dirty_ratio?: number;
  first_dirty_offset?: number;
  first_uncleanable_offset?: number;
  clean_bytes?: number;
  cleanable_bytes?: number;
  not_cleaned_reason?: { code: string; message: string } | null;
  last_run?: {
    trigger?: string;
    started_at?: number;
    ended_at?: number;
    duration_ms?: number;
    outcome?: string;
    error?: string;
  } | null;
  totals?: { runs?: number; bytes_reclaimed?: number; records_removed?: number; tombstones_removed?: number };
  bytes_reclaimed?: number;
  next_check_at?: number | null;
}

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

export interface Throughput extends Resource {
  records_in_per_sec: number;
  records_out_per_sec: number;
  bytes_in_per_sec: number;
  bytes_out_per_sec: number;
  history: ThroughputSample[];
}
