import type { BrokerCompressionType } from "../cluster/config/broker-config-defs.js";
import type { TimestampType } from "./record.js";

/**
 * The topic configs a partition log obeys (a subset of the resolved topic config, which satisfies this shape).
 * "Never" for the flush bounds is `Number.POSITIVE_INFINITY` or any value beyond reach.
 */
export interface LogSettings {
  segmentBytes: number;
  segmentMs: number;
  segmentJitterMs: number;
  segmentIndexBytes: number;
  indexIntervalBytes: number;
  maxMessageBytes: number;
  messageTimestampType: TimestampType;
  /** `message.timestamp.before.max.ms` / `after.max.ms`: how far a produced CreateTime may lie from the broker's time. */
  messageTimestampBeforeMaxMs: number;
  messageTimestampAfterMaxMs: number;
  /** `compression.type`: the codec batches are stored with (`producer`: the producer's own). */
  compressionType: BrokerCompressionType;
  flushMessages: number;
  flushMs: number;
  /** `cleanup.policy` includes compact. */
  compact: boolean;
  /** `cleanup.policy` includes delete: retention applies. */
  delete: boolean;
  /** -1: keep forever. */
  retentionMs: number;
  /** -1: no size limit. */
  retentionBytes: number;
  /** `min.cleanable.dirty.ratio`: the dirty share of the closed segments at which the cleaner compacts the log. */
  minCleanableDirtyRatio: number;
  /** `delete.retention.ms`: how long a tombstone stays in the cleaned part of a compacted log. */
  deleteRetentionMs: number;
  /** `min.compaction.lag.ms`: records younger than this are never compacted. */
  minCompactionLagMs: number;
  /** `max.compaction.lag.ms`: a dirty record older than this makes the log eligible whatever its ratio; Infinity: never. */
  maxCompactionLagMs: number;
}
