import type { ConfigEntry } from "./cluster/config/describe-configs.js";
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

/** What `appendRecordBatches` answers for one partition of a Produce request. */
export interface RecordBatchesAppend {
  baseOffset: number;
  /** The broker time stamped on the records when the topic uses LogAppendTime, else -1. */
  logAppendTime: number;
  logStartOffset: number;
}

/** Stored batches as a Fetch returns them, with the partition's offsets. */
export interface RecordBatchesRead {
  /** Whole record batches; the first may start before the requested offset. */
  data: Buffer;
  highWatermark: number;
  /** Where read_committed consumers stop: the high watermark until transactions exist. */
  lastStableOffset: number;
  logStartOffset: number;
  logEndOffset: number;
}

export interface PartitionOffsets {
  logStartOffset: number;
  logEndOffset: number;
  highWatermark: number;
  /** Where read_committed consumers stop: the high watermark until transactions exist. */
  lastStableOffset: number;
  /** The partition leader's epoch. */
  leaderEpoch: number;
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
