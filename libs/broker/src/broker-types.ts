import type { ConfigEntry } from "./cluster/config/describe-configs.js";
import type { RecordError } from "./errors.js";
import type { PartitionDescription } from "./cluster/partition.js";
import type { Acks, IsolationLevel } from "./storage/log.js";
import type { RecordHeader, TimestampType } from "./storage/record.js";

/** The engine's public data shapes: what the service and other callers pass in and get back. */

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  /** Faults that lost or isolated data (corruption found, a log directory failed); `warn` when absent. */
  error?(message: string): void;
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
  /** How long an acks=all produce waits for the in-sync replicas; 30 s by default. */
  timeoutMs?: number;
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
  /** How long an acks=all append waits for the in-sync replicas (Produce's `timeout_ms`); 30 s by default. */
  timeoutMs?: number;
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
  /** Where read_committed reads stop: the first offset of a transaction still open, or the high watermark. */
  lastStableOffset: number;
  logStartOffset: number;
  logEndOffset: number;
  /** With read_committed, the aborted transactions overlapping `data` (Fetch's `aborted_transactions`); else undefined. */
  abortedTransactions?: { producerId: number; firstOffset: number }[];
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
  /**
   * `read_committed` (the default): records up to the last stable offset, without those of aborted transactions;
   * `read_uncommitted`: every record up to the high watermark, aborted ones included. Control records never show.
   */
  isolationLevel?: IsolationLevel;
}

export interface FetchResult {
  records: ConsumerRecord[];
  /** Where the next fetch should start (past records returned, and past gaps left by compaction). */
  nextOffset: number;
  highWatermark: number;
  /**
   * Where read_committed reads stop: the first offset of the oldest open transaction, or the high watermark. A
   * read_committed reader at it has read all it can until a marker moves it (the broker emits `append` then).
   */
  lastStableOffset: number;
  logStartOffset: number;
  logEndOffset: number;
}

/** Whole record batches for a consumer that reads records in place (`visitRecords`), with `fetch`'s offsets. */
export interface FetchBatchesResult {
  /** Whole batches, CRC-checked, cut where a corrupt range begins; the first may start before the offset read. */
  batches: Buffer;
  /** Where the next fetch starts once every record of `batches` at or after the offset read was taken. */
  nextOffset: number;
  highWatermark: number;
  /** Where read_committed reads stop (see FetchResult). */
  lastStableOffset: number;
  logStartOffset: number;
  logEndOffset: number;
}

export interface PartitionOffsets {
  logStartOffset: number;
  logEndOffset: number;
  highWatermark: number;
  /** Where read_committed consumers stop: the first offset of a transaction still open, or the high watermark. */
  lastStableOffset: number;
  /** The partition leader's epoch. */
  leaderEpoch: number;
  sizeBytes: number;
}

/** A producer a partition remembers (DescribeProducers): its epoch, last sequence and write, and its open transaction. */
export interface PartitionProducer {
  producerId: number;
  producerEpoch: number;
  lastSequence: number;
  lastTimestamp: number;
  coordinatorEpoch: number;
  /** The first offset of its transaction open in this partition, or -1. */
  currentTxnStartOffset: number;
}

/** Emitted after records (or a transaction marker: `recordCount` 0) are appended to a partition. */
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

/** The health of the data directory (Kafka's log dir): its space and whether it takes writes. */
export interface LogDirStatus {
  path: string;
  /** From statfs: the filesystem's size and the bytes this process may still use. */
  totalBytes: number;
  usableBytes: number;
  /** (total − usable) / total. */
  usedRatio: number;
  /** `log.dir.nearly.full.ratio`: the used ratio at which the state becomes `nearly-full`. */
  nearlyFullRatio: number;
  /**
   * `ok`; `nearly-full` (still writable, used ratio at or above the threshold); `full` (appends are refused with
   * LogDirFullError until free space is back above `log.dir.min.free.bytes`); `failed` (an I/O error other than
   * ENOSPC: writes are refused until a restart).
   */
  state: LogDirState;
  /** The last storage error's message, or null. */
  error: string | null;
  /** When the space was last measured (epoch ms). */
  checkedAt: number;
}

export type LogDirState = "ok" | "nearly-full" | "full" | "failed";

/** A range of a partition's log found corrupt (CRC mismatch, bad length or offsets) and taken out of the log. */
export interface CorruptRange {
  topic: string;
  partition: number;
  /** The offsets the corrupt bytes covered, as far as the intact batches around them tell. */
  baseOffset: number;
  lastOffset: number;
  segmentBaseOffset: number;
  sizeBytes: number;
  /** The file (relative to the data directory) holding the bytes that were moved aside, or null when they could not be. */
  quarantinedAs: string | null;
  detectedAt: number;
  detectedBy: "recovery" | "scrubber" | "read";
  reason: string;
}

/** The background scrubber that verifies closed segments' CRCs. */
export interface ScrubberState {
  enabled: boolean;
  bytesPerSecond: number;
  lastPassCompletedAt: number | null;
  /** Bytes verified since the broker started. */
  bytesVerified: number;
  /** Corrupt ranges the scrubber found since the broker started. */
  corruptionsFound: number;
}

/** What `deleteTopic` did. */
export interface TopicDeletion {
  name: string;
  topicId: string;
  /**
   * Null when the metadata store recorded the deletion; else its error: the logs are gone and the topic is deleted
   * for every client, and the store's write is retried in the background (and at start-up) until it succeeds.
   */
  metadataPending: string | null;
}

/** A partition this broker cannot serve: its log could not be opened or failed; reads and writes answer KAFKA_STORAGE_ERROR. */
/** Replication as this broker sees it (metrics): ISR changes it made, and the partitions it leads. */
export interface ReplicationStatus {
  /** ISR shrinks and expands this broker made as a leader since it started. */
  isrShrinks: number;
  isrExpands: number;
  /** Each partition this broker leads (every partition, on a single broker). */
  ledPartitions: {
    topic: string;
    partition: number;
    replicas: readonly number[];
    isr: readonly number[];
    minInSyncReplicas: number;
    /** Each follower's lag behind the leader's log end, in offsets (unknown until it fetched: the log end itself). */
    followerLag: { replica: number; lag: number }[];
  }[];
  /** Partitions of the cluster without a leader (offline), as the metadata says. */
  offlinePartitions: number;
}

export interface OfflinePartition {
  topic: string;
  partition: number;
  reason: string;
}

export type { ConfigEntry, PartitionDescription };
