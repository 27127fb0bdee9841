/** The parts of REST Proxy v3 (and Skein's v3-style extensions) resources the CLI reads. */
import type { components } from "@skein/sdk";

/** Resources as the SDK generates them from the service's OpenAPI document. */
type Schemas = components["schemas"];

export interface Relationship {
  related: string;
}

export interface ResourceList<T> {
  kind: string;
  metadata: { self: string; next?: string | null };
  data: T[];
}

export type TopicData = Schemas["TopicDataDto"];

export type ConfigSource =
  | "DYNAMIC_TOPIC_CONFIG"
  | "DYNAMIC_BROKER_CONFIG"
  | "DYNAMIC_DEFAULT_BROKER_CONFIG"
  | "STATIC_BROKER_CONFIG"
  | "DEFAULT_CONFIG"
  | string;

export type ConfigData = Schemas["TopicConfigDataDto"];

export interface PartitionData {
  partition_id: number;
  leader?: Relationship | null;
}

export interface ReplicaData {
  broker_id: number;
  is_leader: boolean;
  is_in_sync: boolean;
}

export interface PartitionOffsets {
  earliest_offset: number;
  latest_offset: number;
}

export interface BrokerData {
  broker_id: number;
  host: string | null;
  port: number | null;
}

export interface ConsumerGroupData {
  consumer_group_id: string;
  is_simple: boolean;
  partition_assignor: string;
  state: string;
  coordinator?: Relationship | null;
}

export interface ConsumerData {
  consumer_id: string;
  instance_id?: string | null;
  client_id: string;
  /** Not in Confluent's schema; shown when the service adds it. */
  host?: string | null;
}

export interface ConsumerAssignmentData {
  consumer_id: string;
  topic_name: string;
  partition_id: number;
}

export interface ConsumerLagData {
  topic_name: string;
  partition_id: number;
  current_offset: number;
  log_end_offset: number;
  lag: number;
  consumer_id: string;
  client_id: string;
  host?: string | null;
}

/** Skein's `offsets:reset` answer. */
export interface OffsetResetPlan {
  dry_run: boolean;
  data: { topic_name: string; partition_id: number; current_offset: number | null; new_offset: number }[];
}

/** One record of Skein's partition `records` read; key, value and header values are base64 or null. */
export interface PartitionRecord {
  partition_id: number;
  offset: number;
  timestamp: number;
  timestamp_type?: string;
  key: { size: number; data: string } | null;
  value: { size: number; data: string } | null;
  headers?: { name: string; value: string | null }[];
}

export interface PartitionRecordList {
  log_start_offset: number;
  log_end_offset: number;
  next_offset: number;
  data: PartitionRecord[];
}

/** One v3 produce delivery report. */
export interface ProduceReport {
  error_code: number;
  message?: string;
  partition_id?: number;
  offset?: number;
}
