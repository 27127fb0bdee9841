import type { ConfigEntry } from "./cluster/config/describe-configs.js";
import type { RecordError } from "./errors.js";
import type { PartitionDescription } from "./cluster/partition.js";
import type { Acks } from "./storage/log.js";
import type { RecordHeader, TimestampType } from "./storage/record.js";

/** The engine's public data shapes: what the service and other callers pass in and get back. */

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
}

export interface TopicDescription {
  name: string;
  topicId: string;
  internal: boolean;
  replicationFactor: number;
  partitions: PartitionDescription[];
  /** Topic-level config overrides. */
  configs: Record<string, string>;
}

export interface CreateTopicRequest {
  name: string;
  /** Defaults to the broker's `num.partitions`. */
  partitions?: number;
  /** Defaults to the broker's `default.replication.factor`. */
  replicationFactor?: number;
  configs?: Record<string, string>;
  /** Validate only; create nothing (Kafka's `validateOnly`). */
  validateOnly?: boolean;
}

export interface ConfigChange {
  name: string;
  /** The new value, or null to remove the override (back to the inherited value). */
  value: string | null;
}

export interface ProduceRecord {
  key?: Buffer | null;
  value?: Buffer | null;
  headers?: RecordHeader[];
  /** Epoch milliseconds (CreateTime); the broker's time when absent. */
  timestamp?: number;
  /** An explicit partition; otherwise chosen from the key, or spread evenly when there is none. */
  partition?: number;
}

export interface ProduceOptions {
  acks?: Acks;
}

export interface ProduceResult {
  partition: number;
  offset: number;
  timestamp: number;
}

/** How a client's raw batches are appended (Kafka's Produce, one partition). */
export interface AppendRecordBatchesOptions {
  acks: Acks;
  /** Where the batches come from: a client's Produce request (the only origin so far). */
  origin?: "client";
}

/** The outcome of appending a client's batches (the fields of Kafka's ProduceResponse for one partition). */
export interface AppendRecordBatchesResult {
  /** The first offset of the batches; for a retried batch already in the log, the offset it got then. */
  baseOffset: number;
  /** The LogAppendTime given to the records, or -1 when the topic uses CreateTime. */
  logAppendTime: number;
  logStartOffset: number;
  /** Empty on success: rejected records come with the thrown InvalidRecordError / InvalidTimestampError. */
  recordErrors: RecordError[];
}

/** Whole stored batches of one partition, as Kafka's Fetch returns them. */
export interface ReadRecordBatchesResult {
  /** Whole record batches, exactly as stored (compressed ones too); the first may start before the offset asked. */
  data: Buffer;
  highWatermark: number;
  /** Without transactions, the high watermark. */
  lastStableOffset: number;
  logStartOffset: number;
  logEndOffset: number;
}

export interface ConsumerRecord {
  topic: string;
  partition: number;
  offset: number;
  timestamp: number;
  timestampType: TimestampType;
  key: Buffer | null;
  value: Buffer | null;
  headers: RecordHeader[];
}

export interface FetchOptions {
  /** Bytes of record batches to read (at least one batch is returned). Default 1 MiB. */
  maxBytes?: number;
  maxRecords?: number;
}

export interface FetchResult {
  records: ConsumerRecord[];
  /** Where the next fetch should start (past records returned, and past gaps left by compaction). */
  nextOffset: number;
  highWatermark: number;
  logStartOffset: number;
  logEndOffset: number;
}

export interface PartitionOffsets {
  logStartOffset: number;
  logEndOffset: number;
  highWatermark: number;
  sizeBytes: number;
}

/** Emitted after records are appended to a partition. */
export interface AppendEvent {
  topic: string;
  partition: number;
  baseOffset: number;
  lastOffset: number;
  recordCount: number;
  sizeBytes: number;
}

/** Emitted after a fetch returned records: what clients read, for throughput figures. */
export interface FetchEvent {
  topic: string;
  partition: number;
  recordCount: number;
  /** Bytes of the keys, values and header values returned. */
  sizeBytes: number;
}

export type { ConfigEntry, PartitionDescription };
