import { rm } from "node:fs/promises";
import { FileRecords, type BatchPosition } from "./file-records.js";
import { CorruptIndexError } from "./index-file.js";
import { OffsetIndex } from "./offset-index.js";
import { LOG_OVERHEAD, batchLastOffset, decodeBatchRecords, timestampTypeOf, type RecordBatchHeader } from "./record-batch.js";
import { DELETED_SUFFIX, segmentFilePaths } from "./segment-files.js";
import { TimeIndex } from "./time-index.js";

/** Settings a segment needs from its log's config. */
export interface SegmentConfig {
  indexIntervalBytes: number;
  /** `segment.index.bytes`: the most bytes either index may hold. */
  maxIndexBytes: number;
}

/** What the log knows about a batch it appends. */
export interface BatchAppendInfo {
  lastOffset: number;
  maxTimestamp: number;
  offsetOfMaxTimestamp: number;
}

/** What a read of a segment returns: whole batches, the first of which holds `startOffset` or the next offset after it. */
export interface SegmentRead {
  data: Buffer;
  firstBatchOffset: number;
}

/** A segment's description, as listed by admin APIs and the console. */
export interface SegmentInfo {
  baseOffset: number;
  /** The last offset written, or null when the segment is empty. */
  lastOffset: number | null;
  sizeBytes: number;
  /** The timestamp of the first batch, or null when empty. */
  firstTimestamp: number | null;
  /** The largest timestamp in the segment (what time-based retention looks at), or null when empty. */
  maxTimestamp: number | null;
  active: boolean;
}

/** The outcome of scanning a segment after an unclean shutdown. */
export interface SegmentRecovery {
  truncatedBytes: number;
  /** Why the scan stopped before the end of the file. */
  reason?: string;
}

const OFFSET_INDEX_ENTRY = 8;
const TIME_INDEX_ENTRY = 12;
const MAX_RELATIVE_OFFSET = 0xffffffff;

/**
 * One `.log` file and its `.index` and `.timeindex`: a contiguous range of a partition's offsets starting at
 * `baseOffset`. Only the log's active (newest) segment is appended to.
 */
export class LogSegment {
  private bytesSinceLastIndexEntry = 0;
  private maxTimestampSoFar = -1;
  private offsetOfMaxTimestampSoFar = -1;
  private next: number;
  /** The first batch's header (null: the segment is empty), read once: rolls consult it on every append. */
  private firstBatchCache: RecordBatchHeader | null | undefined;

  private constructor(
    readonly baseOffset: number,
    private readonly log: FileRecords,
    private readonly offsetIndex: OffsetIndex,
    private readonly timeIndex: TimeIndex,
    private readonly config: SegmentConfig,
    /** When the segment was created: the roll clock for segments without timestamps. */
    readonly created: number,
  ) {
    this.next = baseOffset;
  }

  private static build(dir: string, baseOffset: number, config: SegmentConfig, now: number, suffix = ""): LogSegment {
    const paths = segmentFilePaths(dir, baseOffset, suffix);
    return new LogSegment(
      baseOffset,
      FileRecords.open(paths.log),
      new OffsetIndex(paths.index, baseOffset, Math.floor(config.maxIndexBytes / OFFSET_INDEX_ENTRY)),
      new TimeIndex(paths.timeIndex, baseOffset, Math.floor(config.maxIndexBytes / TIME_INDEX_ENTRY)),
      config,
      now,
    );
  }

  /**
   * Creates an empty segment (and its files) at `baseOffset`. A `suffix` (such as `.cleaned`) keeps the files
   * out of the log until they are renamed into place.
   */
  static create(dir: string, baseOffset: number, config: SegmentConfig, now: number, suffix = ""): LogSegment {
    const segment = LogSegment.build(dir, baseOffset, config, now, suffix);
    segment.log.truncateTo(0);
    segment.offsetIndex.reset();
    segment.timeIndex.reset();
    return segment;
  }

  /**
   * Opens an existing segment. With `recover`, every batch is validated and the indexes rebuilt; otherwise the
   * indexes are trusted when well-formed (and rebuilt when not). Returns what recovery did, if it ran.
   */
  static open(dir: string, baseOffset: number, config: SegmentConfig, now: number, recover: boolean, suffix = ""): { segment: LogSegment; recovery?: SegmentRecovery } {
    const segment = LogSegment.build(dir, baseOffset, config, now, suffix);
    if (recover) return { segment, recovery: segment.recover() };
    try {
      segment.loadTrustingIndexes();
      return { segment };
    } catch (err) {
      if (!(err instanceof CorruptIndexError)) throw err;
      const recovery = segment.recover();
      return { segment, recovery: { ...recovery, reason: recovery.reason ?? `index rebuilt: ${err.message}` } };
    }
  }

  private loadTrustingIndexes(): void {
    this.offsetIndex.load(this.log.size);
    this.timeIndex.load();
    const last = this.timeIndex.lastEntry;
    if (last) {
      this.maxTimestampSoFar = last.timestamp;
      this.offsetOfMaxTimestampSoFar = last.offset;
    }
    const start = this.offsetIndex.lookup(Number.MAX_SAFE_INTEGER).position;
    let end = start;
    for (const batch of this.log.batchesFrom(start)) {
      this.observeBatch(batch);
      end = batch.position + batch.size;
    }
    if (end !== this.log.size) throw new CorruptIndexError(`${this.log.path}: batches end at ${end} but the file has ${this.log.size} bytes`);
    this.bytesSinceLastIndexEntry = this.log.size - start;
  }

  private observeBatch(batch: BatchPosition): void {
    const lastOffset = batchLastOffset(batch.header);
    if (batch.header.maxTimestamp > this.maxTimestampSoFar) {
      this.maxTimestampSoFar = batch.header.maxTimestamp;
      this.offsetOfMaxTimestampSoFar = lastOffset;
    }
    this.next = lastOffset + 1;
  }

  /** Validates every batch, rebuilds both indexes and truncates the file at the first torn or corrupt batch. */
  recover(): SegmentRecovery {
    this.offsetIndex.reset();
    this.timeIndex.reset();
    this.maxTimestampSoFar = -1;
    this.offsetOfMaxTimestampSoFar = -1;
    this.bytesSinceLastIndexEntry = 0;
    this.next = this.baseOffset;
    this.firstBatchCache = undefined;
    const batches = this.log.validatedBatches();
    let validBytes = 0;
    let reason: string | undefined;
    for (let step = batches.next(); ; step = batches.next()) {
      if (step.done) {
        validBytes = step.value.validBytes;
        reason = step.value.invalidReason;
        break;
      }
      const batch = step.value;
      const lastOffset = batchLastOffset(batch.header);
      if (batch.header.baseOffset < this.next || lastOffset - this.baseOffset > MAX_RELATIVE_OFFSET) {
        validBytes = batch.position;
        reason = `batch at position ${batch.position} has offsets ${batch.header.baseOffset}..${lastOffset} out of order`;
        break;
      }
      this.indexBatch(batch.position, batch.size, lastOffset);
      this.observeBatch(batch);
    }
    const truncatedBytes = this.log.size - validBytes;
    this.log.truncateTo(validBytes);
    return reason === undefined ? { truncatedBytes } : { truncatedBytes, reason };
  }

  private indexBatch(position: number, size: number, lastOffset: number): void {
    if (this.bytesSinceLastIndexEntry > this.config.indexIntervalBytes) {
      this.offsetIndex.append(lastOffset, position);
      this.timeIndex.maybeAppend(this.maxTimestampSoFar, this.offsetOfMaxTimestampSoFar);
      this.bytesSinceLastIndexEntry = 0;
    }
    this.bytesSinceLastIndexEntry += size;
  }

  get size(): number {
    return this.log.size;
  }

  /** The offset the next appended record would get in this segment. */
  get nextOffset(): number {
    return this.next;
  }

  get isEmpty(): boolean {
    return this.log.size === 0;
  }

  /** The largest timestamp of any record in the segment, or -1 when it has none. */
  get largestTimestamp(): number {
    return this.maxTimestampSoFar;
  }

  get indexIsFull(): boolean {
    return this.offsetIndex.isFull || this.timeIndex.isFull;
  }

  /** Whether a batch ending at `lastOffset` can no longer be addressed relative to this segment's base. */
  offsetOverflows(lastOffset: number): boolean {
    return lastOffset - this.baseOffset > MAX_RELATIVE_OFFSET;
  }

  private get firstBatch(): RecordBatchHeader | null {
    if (this.firstBatchCache === undefined) this.firstBatchCache = this.log.readHeader(0) ?? null;
    return this.firstBatchCache;
  }

  /** The timestamp of the segment's first batch (what `segment.ms` counts from), or null when empty. */
  get firstTimestamp(): number | null {
    const header = this.firstBatch;
    if (header === null) return null;
    return timestampTypeOf(header.attributes) === "LogAppendTime" ? header.maxTimestamp : header.baseTimestamp;
  }

  /** Kafka's `timeWaitedForRoll`: time since the first batch, measured with the incoming batch's timestamp. */
  timeWaitedForRoll(now: number, batchMaxTimestamp: number): number {
    const header = this.firstBatch;
    if (header !== null && header.maxTimestamp >= 0) return batchMaxTimestamp - header.maxTimestamp;
    return now - this.created;
  }

  /** Appends one batch whose base offset is already set. */
  append(batch: Buffer, info: BatchAppendInfo): void {
    const position = this.log.append(batch);
    if (info.maxTimestamp > this.maxTimestampSoFar) {
      this.maxTimestampSoFar = info.maxTimestamp;
      this.offsetOfMaxTimestampSoFar = info.offsetOfMaxTimestamp;
    }
    this.indexBatch(position, batch.length, info.lastOffset);
    this.next = info.lastOffset + 1;
    if (position === 0) this.firstBatchCache = undefined;
  }

  /** The first batch whose last offset is at or above `offset`, or undefined when the segment has none. */
  translateOffset(offset: number): BatchPosition | undefined {
    const start = this.offsetIndex.lookup(offset).position;
    for (const batch of this.log.batchesFrom(start)) {
      if (batchLastOffset(batch.header) >= offset) return batch;
    }
    return undefined;
  }

  /**
   * Reads whole batches from the one holding `startOffset`, up to `maxBytes` — but always at least one batch,
   * however large, so that a consumer can make progress (Kafka's KIP-74).
   */
  read(startOffset: number, maxBytes: number): SegmentRead | undefined {
    const first = this.translateOffset(startOffset);
    if (first === undefined) return undefined;
    const wanted = Math.max(first.size, Math.min(maxBytes, this.log.size - first.position));
    const data = this.log.read(first.position, wanted);
    let end = first.size;
    while (end + LOG_OVERHEAD <= data.length) {
      const size = LOG_OVERHEAD + data.readInt32BE(end + 8);
      if (end + size > data.length) break;
      end += size;
    }
    return { data: data.subarray(0, end), firstBatchOffset: first.header.baseOffset };
  }

  /** The first record at or after `startingOffset` with a timestamp at or above `timestamp`. */
  findOffsetByTimestamp(timestamp: number, startingOffset: number): { offset: number; timestamp: number } | undefined {
    if (this.maxTimestampSoFar < timestamp) return undefined;
    const fromIndex = this.timeIndex.lookup(timestamp).offset;
    const position = this.offsetIndex.lookup(Math.max(fromIndex, startingOffset)).position;
    for (const batch of this.log.batchesFrom(position)) {
      if (batch.header.maxTimestamp < timestamp || batchLastOffset(batch.header) < startingOffset) continue;
      const records = decodeBatchRecords(this.log.read(batch.position, batch.size), 0, startingOffset);
      const found = records.find((r) => r.timestamp >= timestamp);
      if (found) return { offset: found.offset, timestamp: found.timestamp };
    }
    return undefined;
  }

  /** Called when a newer segment takes over: seals the time index with the final largest timestamp. */
  onBecomeInactive(): void {
    if (this.maxTimestampSoFar >= 0) this.timeIndex.maybeAppend(this.maxTimestampSoFar, this.offsetOfMaxTimestampSoFar, true);
    this.offsetIndex.close();
    this.timeIndex.close();
  }

  /** Forces the log file to disk on the thread pool. */
  flushAsync(): Promise<void> {
    return this.log.flushAsync();
  }

  flush(): void {
    this.log.flush();
    this.offsetIndex.flush();
    this.timeIndex.flush();
  }

  info(active: boolean): SegmentInfo {
    const empty = this.isEmpty;
    return {
      baseOffset: this.baseOffset,
      lastOffset: empty ? null : this.next - 1,
      sizeBytes: this.log.size,
      firstTimestamp: this.firstTimestamp,
      maxTimestamp: empty || this.maxTimestampSoFar < 0 ? null : this.maxTimestampSoFar,
      active,
    };
  }

  /** Flushes and closes the files, leaving them for the next open (the time index sealed as at a roll). */
  close(): void {
    if (this.maxTimestampSoFar >= 0) this.timeIndex.maybeAppend(this.maxTimestampSoFar, this.offsetOfMaxTimestampSoFar, true);
    this.flush();
    this.offsetIndex.close();
    this.timeIndex.close();
    this.log.close();
  }

  /**
   * Renames the segment's files to carry `suffix` (or none). The `.log` file is renamed last: its name is what
   * recovery looks at to decide whether a swap happened.
   */
  renameTo(dir: string, suffix: string): void {
    const paths = segmentFilePaths(dir, this.baseOffset, suffix);
    this.offsetIndex.rename(paths.index);
    this.timeIndex.rename(paths.timeIndex);
    this.log.rename(paths.log);
  }

  /** Every batch of the segment in order, for readers that go through a whole segment (the log cleaner). */
  batches(): Generator<BatchPosition> {
    return this.log.batchesFrom(0);
  }

  /** The bytes of one batch found by `batches()`. */
  readBatch(batch: BatchPosition): Buffer {
    return this.log.read(batch.position, batch.size);
  }

  /**
   * Takes the segment out of the log at once (its files are renamed `.deleted`, which a restart also removes)
   * and deletes the files in the background, so that a large deletion never stalls appends or reads.
   */
  deleteInBackground(dir: string): void {
    this.renameTo(dir, DELETED_SUFFIX);
    this.log.close();
    this.offsetIndex.release();
    this.timeIndex.release();
    const paths = segmentFilePaths(dir, this.baseOffset, DELETED_SUFFIX);
    void Promise.all([paths.log, paths.index, paths.timeIndex].map((path) => rm(path, { force: true }))).catch(() => undefined);
  }

  /** Closes and removes the segment's files. */
  delete(): void {
    this.log.delete();
    this.offsetIndex.delete();
    this.timeIndex.delete();
  }
}
