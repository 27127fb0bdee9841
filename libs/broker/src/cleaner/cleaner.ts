import { readEndTransactionMarker } from "../storage/control-records.js";
import type { BatchPosition } from "../storage/file-records.js";
import type { Log } from "../storage/log.js";
import type { LogRecord } from "../storage/record.js";
import {
  batchLastOffset,
  compressionTypeOf,
  decodeBatchRecords,
  encodeRecordBatch,
  isControlBatch,
  isTransactionalBatch,
  NO_PRODUCER_ID,
  readBatchHeader,
  timestampTypeOf,
  type RecordBatchHeader,
} from "../storage/record-batch.js";
import type { LogSegment } from "../storage/segment.js";
import { CleanedTransactions } from "./cleaned-transactions.js";
import { CleaningAbortedError, WorkSlices } from "./work-slices.js";

/** What one cleaning pass is asked to do: the log, its dirty range, and the tombstone rule in force. */
export interface CleaningPlan {
  log: Log;
  firstDirtyOffset: number;
  firstUncleanableOffset: number;
  /** Whether a tombstone at this offset (below the first dirty offset) is past `delete.retention.ms`. */
  tombstoneExpired(offset: number): boolean;
  /**
   * What the log's producer state remembers of a producer, if anything: its last data batch's offset and its epoch
   * (the batch, or the marker at that epoch when it wrote no data since, is kept).
   */
  producerLastRecord(producerId: number): { lastDataOffset: number | undefined; producerEpoch: number } | undefined;
}

export interface CleanerLimits {
  /** Event-loop time a pass may take before it yields to other work. */
  sliceMs: number;
  /** The most keys the offset map holds (Kafka's dedupe buffer): a larger dirty section is cleaned over several passes. */
  maxKeysPerPass: number;
}

/** What a pass read, wrote and removed. */
export interface CleaningStats {
  bytesRead: number;
  bytesWritten: number;
  /** Bytes the swapped-in segments are smaller than the ones they replaced. */
  bytesReclaimed: number;
  recordsRead: number;
  /** Records dropped: superseded by a later record with the same key, expired tombstones, and records without a key. */
  recordsRemoved: number;
  tombstonesRemoved: number;
  keylessRemoved: number;
  /** Records of aborted transactions removed. */
  abortedRecordsRemoved: number;
  /** Transaction markers removed: their transaction had no batch left, and `delete.retention.ms` had passed. */
  markersRemoved: number;
  segmentsReplaced: number;
  segmentsWritten: number;
  /** Distinct keys in the dirty section's offset map. */
  mapKeys: number;
  /** The longest event-loop time the pass held at once: how long produce or fetch may have waited for it. */
  longestSliceMs: number;
  yields: number;
}

/** Kafka's `groupSegmentsBySize` bound on offsets in one segment (relative offsets are 32-bit; Kafka keeps to Int.MaxValue). */
const MAX_OFFSET_SPAN = 2 ** 31 - 1;

/**
 * One cleaning pass over one log (Kafka's `Cleaner.doClean`): builds a key → latest offset map over the dirty
 * section, then rewrites the closed segments from the log start to the end of that section in groups that fit
 * `segment.bytes`, keeping only each key's latest record, and swaps each group in with `Log.replaceSegments`.
 * Offsets never change; a batch whose records all go keeps an empty batch only where a group ends, so each cleaned
 * segment covers every offset it replaces, or when it is an idempotent producer's last batch. Compressed batches
 * are written back with their own codec. The work runs in slices between yields, so appends carry on meanwhile:
 * only segments closed when the pass started are read, and the pass stops at its next yield (CleaningAbortedError)
 * when the log is closed or retention deletes a segment it still needs. A pass that stops leaves the log as it was,
 * plus the groups already swapped in — each a complete, correct compaction on its own.
 */
export class Cleaner {
  readonly stats: CleaningStats = {
    bytesRead: 0,
    bytesWritten: 0,
    bytesReclaimed: 0,
    recordsRead: 0,
    recordsRemoved: 0,
    tombstonesRemoved: 0,
    keylessRemoved: 0,
    abortedRecordsRemoved: 0,
    markersRemoved: 0,
    segmentsReplaced: 0,
    segmentsWritten: 0,
    mapKeys: 0,
    longestSliceMs: 0,
    yields: 0,
  };
  /**
   * Offsets of the tombstones the pass kept, and of the markers it kept although their transaction is empty: they
   * decide when a later pass may drop them.
   */
  readonly keptTombstones: number[] = [];
  /** The transactions the rewrite walks through, carried across groups (Kafka's `CleanedTransactionMetadata`). */
  private readonly transactions = new CleanedTransactions();
  private readonly latest = new Map<string, number>();
  /** Segments the pass still reads: each must remain a closed segment of the log until it is swapped out. */
  private readonly needed = new Set<LogSegment>();
  private readonly slices: WorkSlices;

  constructor(
    private readonly plan: CleaningPlan,
    private readonly limits: CleanerLimits,
    /** Why the pass must stop now (the cleaner is stopping), or null. */
    private readonly stopReason: () => string | null,
  ) {
    this.slices = new WorkSlices(limits.sliceMs, () => this.check());
  }

  /** Runs the pass; resolves with the new first dirty offset (the end of what was cleaned). */
  async run(): Promise<number> {
    try {
      this.check();
      const { log, firstDirtyOffset, firstUncleanableOffset } = this.plan;
      const segments = log.closedSegments().filter((s) => s.baseOffset < firstUncleanableOffset);
      for (const s of segments) this.needed.add(s);
      const endOffset = await this.buildOffsetMap(segments.filter((s) => s.nextOffset > firstDirtyOffset));
      const toClean = segments.filter((s) => s.nextOffset <= endOffset);
      for (const s of segments) if (s.nextOffset > endOffset) this.needed.delete(s);
      const groups = groupSegmentsBySize(toClean, log.config.segmentBytes, maxIndexEntries(log), log.config.indexIntervalBytes);
      for (const [i, group] of groups.entries()) {
        // Each swap ends a slice: its fsyncs and renames are the pass's largest synchronous step.
        if (i > 0) await this.slices.yield();
        await this.cleanGroup(group);
      }
      return endOffset;
    } finally {
      this.slices.endSlice();
      this.stats.longestSliceMs = this.slices.longestSliceMs;
      this.stats.yields = this.slices.yields;
    }
  }

  private check(): void {
    const reason = this.stopReason() ?? (this.plan.log.isClosed ? "the log was closed or deleted" : null);
    if (reason) throw new CleaningAbortedError(reason);
    const closed = new Set(this.plan.log.closedSegments());
    for (const s of this.needed) {
      if (!closed.has(s)) throw new CleaningAbortedError(`segment ${s.baseOffset} was deleted (retention) while the pass needed it`);
    }
  }

  private async pace(): Promise<void> {
    if (this.slices.due()) await this.slices.yield();
  }

  /**
   * Maps each key of the dirty segments to its latest offset, leaving out records of aborted transactions (they
   * supersede nothing). Stops before a segment that could overflow the map (but always takes the first), and returns
   * the offset where the mapped part ends.
   */
  private async buildOffsetMap(dirty: readonly LogSegment[]): Promise<number> {
    let endOffset = this.plan.firstDirtyOffset;
    const transactions = new CleanedTransactions();
    transactions.addAbortedTransactions(this.plan.log.collectAbortedTransactions(this.plan.firstDirtyOffset, this.plan.firstUncleanableOffset));
    for (const segment of dirty) {
      if (this.latest.size > 0 && this.latest.size + (segment.nextOffset - segment.baseOffset) > this.limits.maxKeysPerPass) break;
      for (const batch of segment.batches()) {
        await this.pace();
        if (isControlBatch(batch.header.attributes)) continue;
        if (transactions.onBatchRead(batch.header)) continue;
        for (const record of decodeBatchRecords(segment.readBatch(batch), 0, this.plan.firstDirtyOffset)) {
          if (record.key !== null) this.latest.set(record.key.toString("latin1"), record.offset);
        }
      }
      endOffset = segment.nextOffset;
    }
    this.stats.mapKeys = this.latest.size;
    return endOffset;
  }

  /** Writes the group's retained records into a `.cleaned` segment and swaps it in for the group. */
  private async cleanGroup(group: readonly LogSegment[]): Promise<void> {
    const log = this.plan.log;
    const groupEnd = group.at(-1)!.nextOffset;
    const cleaned = log.createCleanedSegment(group[0]!.baseOffset);
    let swapped = false;
    try {
      let changed = false;
      for (const [i, segment] of group.entries()) {
        // The whole segment's range: the cleaned segment's transaction index is rebuilt from what it covers.
        const upperBound = group[i + 1]?.baseOffset ?? segment.nextOffset;
        this.transactions.addAbortedTransactions(log.collectAbortedTransactions(segment.baseOffset, upperBound));
        for (const batch of segment.batches()) {
          await this.pace();
          if (this.cleanBatch(segment, batch, cleaned, groupEnd)) changed = true;
        }
      }
      // A lone segment with nothing to drop is left as it is; several are still merged into one.
      if (!changed && group.length === 1) {
        this.needed.delete(group[0]!);
        return;
      }
      // Flushed on the thread pool first, so the swap's own fsync (on the event loop) has little left to write.
      await this.slices.wait(cleaned.flushAsync());
      const before = group.reduce((sum, s) => sum + s.size, 0);
      log.replaceSegments(cleaned, group);
      swapped = true;
      for (const s of group) this.needed.delete(s);
      this.stats.bytesReclaimed += before - cleaned.size;
      this.stats.segmentsReplaced += group.length;
      this.stats.segmentsWritten++;
    } finally {
      if (!swapped) cleaned.delete();
    }
  }

  /**
   * Copies the batch's retained records into `cleaned`, rewritten with the batch's codec, producer id, epoch, base
   * sequence, transactional flag and last offset (Kafka's `buildRetainedRecordsInto`); returns whether the segment
   * changed. A batch left without records is dropped, except where a group ends (the cleaned segment must still end
   * at the old one's offset) and when it is its producer's last batch: that empty batch keeps the producer's last
   * sequence in the log, so producer state rebuilt from the log still knows it (Kafka's RETAIN_EMPTY).
   */
  private cleanBatch(segment: LogSegment, batch: BatchPosition, cleaned: LogSegment, groupEnd: number): boolean {
    const header = batch.header;
    const lastOffset = batchLastOffset(header);
    const data = segment.readBatch(batch);
    this.stats.bytesRead += data.length;
    if (isControlBatch(header.attributes)) return this.cleanControlBatch(header, data, cleaned, groupEnd);
    const aborted = this.transactions.onBatchRead(header);
    const records = decodeBatchRecords(data, 0);
    this.stats.recordsRead += records.length;
    const kept: LogRecord[] = [];
    if (aborted) this.stats.abortedRecordsRemoved += records.length;
    else for (const record of records) if (this.retain(record)) kept.push(record);
    if (records.length > 0 && kept.length === records.length) {
      this.append(cleaned, data, lastOffset);
      return false;
    }
    this.stats.recordsRemoved += records.length - kept.length;
    if (kept.length === 0) {
      if (lastOffset !== groupEnd - 1 && !this.isLastBatchOfProducer(header, lastOffset)) return true;
      if (records.length === 0) {
        this.append(cleaned, data, lastOffset);
        return false;
      }
    }
    const rewritten = encodeRecordBatch(kept, {
      baseOffset: header.baseOffset,
      timestampType: timestampTypeOf(header.attributes),
      now: header.maxTimestamp,
      partitionLeaderEpoch: header.partitionLeaderEpoch,
      offsetDeltas: kept.map((r) => r.offset - header.baseOffset),
      lastOffsetDelta: header.lastOffsetDelta,
      compression: compressionTypeOf(header.attributes),
      producerId: header.producerId,
      producerEpoch: header.producerEpoch,
      baseSequence: header.baseSequence,
      isTransactional: isTransactionalBatch(header.attributes),
    });
    this.append(cleaned, rewritten, lastOffset);
    return true;
  }

  /**
   * A transaction marker stays until its transaction has no batch left and then for `delete.retention.ms` more (the
   * rule tombstones follow: it must lie in the clean section, cleaned that long ago), so a read_committed consumer
   * that read the aborted records before they went still meets the marker that ends them. An abort marker that
   * stays keeps its transaction in the cleaned segment's transaction index. A marker that goes leaves an empty
   * control batch where the group ends (Kafka's RETAIN_EMPTY).
   */
  private cleanControlBatch(header: RecordBatchHeader, data: Buffer, cleaned: LogSegment, groupEnd: number): boolean {
    const lastOffset = batchLastOffset(header);
    const marker = readEndTransactionMarker(data, 0, header);
    const { discardable, indexed } = this.transactions.onControlBatchRead(header, marker);
    const expired = discardable && header.baseOffset < this.plan.firstDirtyOffset && this.plan.tombstoneExpired(header.baseOffset);
    // A producer the partition remembers keeps the markers after its last data batch (that batch stays, and a replay
    // of the log must see its transaction end), or, when it wrote no data, the marker that holds its epoch.
    const last = this.plan.producerLastRecord(header.producerId);
    const keptForProducer = last !== undefined && (last.lastDataOffset === undefined ? last.producerEpoch === header.producerEpoch : last.lastDataOffset < header.baseOffset);
    if (!expired || keptForProducer) {
      if (discardable && marker !== null && !keptForProducer) this.keptTombstones.push(header.baseOffset);
      this.append(cleaned, data, lastOffset);
      if (indexed) cleaned.appendAbortedTxn(indexed);
      return false;
    }
    if (marker !== null) this.stats.markersRemoved++;
    if (lastOffset !== groupEnd - 1) return true;
    if (marker === null) {
      this.append(cleaned, data, lastOffset);
      return false;
    }
    this.append(cleaned, emptyBatchLike(header, true), lastOffset);
    return true;
  }

  private isLastBatchOfProducer(header: RecordBatchHeader, lastOffset: number): boolean {
    return header.producerId !== NO_PRODUCER_ID && this.plan.producerLastRecord(header.producerId)?.lastDataOffset === lastOffset;
  }

  /**
   * Kafka's `shouldRetainRecord`: a keyed record stays when no later record of the dirty section has its key, and
   * a tombstone also needs to be in the dirty section (it enters the clean one now) or not yet past its horizon.
   */
  private retain(record: LogRecord): boolean {
    if (record.key === null) {
      this.stats.keylessRemoved++;
      return false;
    }
    const latest = this.latest.get(record.key.toString("latin1"));
    if (latest !== undefined && record.offset < latest) return false;
    if (record.value === null) {
      if (record.offset < this.plan.firstDirtyOffset && this.plan.tombstoneExpired(record.offset)) {
        this.stats.tombstonesRemoved++;
        return false;
      }
      this.keptTombstones.push(record.offset);
    }
    return true;
  }

  private append(cleaned: LogSegment, batch: Buffer, lastOffset: number): void {
    cleaned.append(batch, { lastOffset, maxTimestamp: readBatchHeader(batch).maxTimestamp, offsetOfMaxTimestamp: lastOffset });
    this.stats.bytesWritten += batch.length;
  }
}

/** A batch with the header's offsets, producer fields and flags, and no records: what stays of a batch whose records all went. */
function emptyBatchLike(header: RecordBatchHeader, isControl: boolean): Buffer {
  return encodeRecordBatch([], {
    baseOffset: header.baseOffset,
    timestampType: timestampTypeOf(header.attributes),
    now: header.maxTimestamp,
    partitionLeaderEpoch: header.partitionLeaderEpoch,
    lastOffsetDelta: header.lastOffsetDelta,
    producerId: header.producerId,
    producerEpoch: header.producerEpoch,
    baseSequence: header.baseSequence,
    isTransactional: isTransactionalBatch(header.attributes),
    isControl,
  });
}

/** How many index entries a cleaned segment may hold: the smaller of the offset (8-byte) and time (12-byte) index limits. */
function maxIndexEntries(log: Log): number {
  return Math.floor(log.config.segmentIndexBytes / 12);
}

/**
 * Kafka's `groupSegmentsBySize`: consecutive segments whose total size fits one segment (`segment.bytes`), whose
 * indexes fit `segment.index.bytes`, and whose offsets fit one segment's relative offsets.
 */
export function groupSegmentsBySize<S extends Pick<LogSegment, "size" | "baseOffset" | "nextOffset">>(
  segments: readonly S[],
  maxBytes: number,
  maxIndexEntries: number,
  indexIntervalBytes: number,
): S[][] {
  const groups: S[][] = [];
  let i = 0;
  while (i < segments.length) {
    const group = [segments[i]!];
    let size = segments[i]!.size;
    i++;
    while (i < segments.length) {
      const next = segments[i]!;
      const grown = size + next.size;
      if (grown > maxBytes || Math.ceil(grown / Math.max(1, indexIntervalBytes)) + 1 > maxIndexEntries) break;
      if (next.nextOffset - 1 - group[0]!.baseOffset > MAX_OFFSET_SPAN) break;
      group.push(next);
      size = grown;
      i++;
    }
    groups.push(group);
  }
  return groups;
}
