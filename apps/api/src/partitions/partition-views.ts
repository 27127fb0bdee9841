import type { ConsumerRecord, IsolationLevel, LogCleanerState, PartitionOffsets, SegmentInfo } from "@skein/broker";
import type { ResourceLinks } from "../common/resource-links.js";
import { partitionMetadata } from "../common/v3-resources.js";
import type { RecordsRead } from "./partition-records.service.js";
import type { PartitionTransactions } from "./partition-transactions.service.js";
import type { PartitionsService } from "./partitions.service.js";

/** Skein's partition extensions (docs/rest-api.md), in v3 style: `kind` Skein…, `metadata`, snake_case fields. */

interface PartitionRef {
  links: ResourceLinks;
  clusterId: string;
  topicName: string;
  partitionId: number;
}

function identity({ clusterId, topicName, partitionId }: PartitionRef) {
  return { cluster_id: clusterId, topic_name: topicName, partition_id: partitionId };
}

function selfOf(ref: PartitionRef, ...suffix: (string | number)[]): string {
  return ref.links.url("v3", "clusters", ref.clusterId, "topics", ref.topicName, "partitions", ref.partitionId, ...suffix);
}

/** Confluent's `KafkaPartitionWithOffsets` (`/offset`): the earliest offset and the next offset to be written. */
export function partitionOffsetsView(ref: PartitionRef, offsets: PartitionOffsets) {
  return {
    kind: "KafkaPartitionWithOffsets",
    metadata: partitionMetadata(ref.links, ref.clusterId, ref.topicName, ref.partitionId, ["offset"], ["offset_type", "earliest_and_latest"]),
    ...identity(ref),
    earliest_offset: offsets.logStartOffset,
    latest_offset: offsets.highWatermark,
  };
}

export function segmentView(ref: PartitionRef, segment: SegmentInfo) {
  return {
    kind: "SkeinSegment",
    metadata: partitionMetadata(ref.links, ref.clusterId, ref.topicName, ref.partitionId, ["segments", segment.baseOffset], ["segment", segment.baseOffset]),
    ...identity(ref),
    base_offset: segment.baseOffset,
    last_offset: segment.lastOffset,
    size_bytes: segment.sizeBytes,
    first_timestamp: segment.firstTimestamp,
    max_timestamp: segment.maxTimestamp,
    active: segment.active,
  };
}

export function partitionLogView(ref: PartitionRef, offsets: PartitionOffsets) {
  return {
    kind: "SkeinPartitionLog",
    metadata: partitionMetadata(ref.links, ref.clusterId, ref.topicName, ref.partitionId, ["log"]),
    ...identity(ref),
    log_start_offset: offsets.logStartOffset,
    log_end_offset: offsets.logEndOffset,
    high_watermark: offsets.highWatermark,
    size_bytes: offsets.sizeBytes,
  };
}

function retentionSegment(segment: SegmentInfo, reason: string) {
  return { base_offset: segment.baseOffset, last_offset: segment.lastOffset, size_bytes: segment.sizeBytes, max_timestamp: segment.maxTimestamp, reason };
}

export function partitionRetentionView(ref: PartitionRef, state: ReturnType<PartitionsService["retention"]>) {
  return {
    kind: "SkeinPartitionRetention",
    metadata: partitionMetadata(ref.links, ref.clusterId, ref.topicName, ref.partitionId, ["retention"]),
    ...identity(ref),
    due_for_deletion: state.dueForDeletion.map(({ segment, reason }) => retentionSegment(segment, reason)),
    recent_deletions: state.recentDeletions.map((deletion) => ({ ...retentionSegment(deletion, deletion.reason), deleted_at: deletion.deletedAt })),
    last_check_at: state.lastCheckAt,
    next_check_at: state.nextCheckAt,
    check_interval_ms: state.checkIntervalMs,
  };
}

export function partitionCleanerView(ref: PartitionRef, state: LogCleanerState) {
  const run = state.lastRun;
  return {
    kind: "SkeinPartitionCleaner",
    metadata: partitionMetadata(ref.links, ref.clusterId, ref.topicName, ref.partitionId, ["cleaner"]),
    ...identity(ref),
    compacted: state.compacted,
    cleaner_running: state.cleanerRunning,
    status: state.status,
    dirty_ratio: state.dirtyRatio,
    min_cleanable_dirty_ratio: state.minCleanableDirtyRatio,
    first_dirty_offset: state.firstDirtyOffset,
    first_uncleanable_offset: state.firstUncleanableOffset,
    clean_bytes: state.cleanBytes,
    cleanable_bytes: state.cleanableBytes,
    held_back_bytes: state.heldBackBytes,
    earliest_dirty_timestamp: state.earliestDirtyTimestamp,
    next_tombstone_expiry_at: state.nextTombstoneExpiryAt,
    not_cleaned_reason: state.notCleanedReason,
    last_run: run && {
      trigger: run.trigger,
      started_at: run.startedAt,
      ended_at: run.endedAt,
      duration_ms: run.durationMs,
      dirty_ratio: run.dirtyRatio,
      first_dirty_offset: run.firstDirtyOffset,
      end_offset: run.endOffset,
      outcome: run.outcome,
      error: run.error ?? null,
      stats: snakeKeys(run.stats),
    },
    totals: {
      runs: state.totals.runs,
      bytes_reclaimed: state.totals.bytesReclaimed,
      records_removed: state.totals.recordsRemoved,
      tombstones_removed: state.totals.tombstonesRemoved,
    },
    bytes_reclaimed: state.totals.bytesReclaimed,
    next_check_at: state.nextCheckAt,
  };
}

/** The cleaner's pass statistics are flat counters: their names in snake_case. */
function snakeKeys(stats: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(stats).map(([key, value]) => [key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`), value]));
}

function payload(bytes: Buffer | null): { size: number; data: string } | null {
  return bytes === null ? null : { size: bytes.length, data: bytes.toString("base64") };
}

export function recordView(record: ConsumerRecord) {
  return {
    kind: "SkeinRecord",
    partition_id: record.partition,
    offset: record.offset,
    timestamp: record.timestamp,
    timestamp_type: record.timestampType,
    key: payload(record.key),
    value: payload(record.value),
    headers: record.headers.map((header) => ({ name: header.key, value: header.value === null ? null : header.value.toString("base64") })),
  };
}

/** `SkeinRecordList`: `self` names the read as it was made, `next` where to continue (null once caught up). */
export function recordListView(ref: PartitionRef, read: RecordsRead, limit: number, maxBytes: number | undefined, isolationLevel: IsolationLevel) {
  const at = (offset: number) => {
    const query = new URLSearchParams({ offset: String(offset), limit: String(limit) });
    if (maxBytes !== undefined) query.set("max_bytes", String(maxBytes));
    if (isolationLevel !== "read_committed") query.set("isolation_level", isolationLevel);
    return `${selfOf(ref, "records")}?${query.toString()}`;
  };
  return {
    kind: "SkeinRecordList",
    metadata: { self: at(read.startOffset), next: read.nextOffset < read.readableEnd ? at(read.nextOffset) : null },
    ...identity(ref),
    log_start_offset: read.logStartOffset,
    log_end_offset: read.logEndOffset,
    high_watermark: read.highWatermark,
    last_stable_offset: read.lastStableOffset,
    isolation_level: isolationLevel,
    next_offset: read.nextOffset,
    data: read.records.map(recordView),
  };
}

/** Skein's `SkeinPartitionTransactions`: the open transactions of a partition and the last stable offset they hold. */
export function partitionTransactionsView(ref: PartitionRef, state: PartitionTransactions) {
  return {
    kind: "SkeinPartitionTransactions",
    metadata: { self: selfOf(ref, "transactions") },
    ...identity(ref),
    high_watermark: state.highWatermark,
    last_stable_offset: state.lastStableOffset,
    lso_lag: state.lsoLag,
    data: state.transactions.map((txn) => ({
      producer_id: txn.producerId,
      producer_epoch: txn.producerEpoch,
      transactional_id: txn.transactionalId,
      coordinator_state: txn.coordinatorState,
      first_offset: txn.firstOffset,
      started_at: txn.startedAtMs === null ? null : new Date(txn.startedAtMs).toISOString(),
      last_write_at: new Date(txn.lastWriteMs).toISOString(),
      open_ms: txn.openMs,
      timeout_ms: txn.timeoutMs,
      timeout_source: txn.timeoutSource,
      hanging: txn.hanging,
    })),
  };
}

export type { PartitionRef };
