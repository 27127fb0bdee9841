import { existsSync } from "node:fs";
import { rm } from "node:fs/promises";
import type { ScanBounds, ScanCorrupt } from "./batch-scan.js";
import { FileRecords, type BatchPosition } from "./file-records.js";
import { CorruptIndexError } from "./index-file.js";
import { OffsetIndex } from "./offset-index.js";
import type { OpenFiles } from "./open-files.js";
import { LOG_OVERHEAD, batchLastOffset, decodeBatchRecords, timestampTypeOf, validateBatch, type RecordBatchHeader } from "./record-batch.js";
import { scanSync } from "./segment-scan.js";
import { DELETED_SUFFIX, segmentFilePaths } from "./segment-files.js";
import { TimeIndex } from "./time-index.js";
import { CorruptTransactionIndexError, TransactionIndex, type AbortedTxn, type TxnIndexSearchResult } from "./transaction-index.js";

/** Settings a segment needs from its log's config. */
export interface SegmentConfig {
  indexIntervalBytes: number;
  /** `segment.index.bytes`: the most bytes either index may hold. */
  maxIndexBytes: number;
}

/** How a segment reaches the disk: the shared descriptor budget, and where index write failures are reported. */
export interface SegmentIo {
  files: OpenFiles;
  /** An index file could not be written: it is abandoned (the in-memory index stays whole; the next open rebuilds it). */
  indexWriteFailed(err: unknown, what: string): void;
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
  /** Where `data` starts in the `.log` file. */
  position: number;
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
  /** Bytes of a torn tail cut off the log's last segment. */
  truncatedBytes: number;
  /** Why the scan found something wrong (a torn tail, corruption, a rebuilt index). */
  reason?: string;
  /** Corrupt ranges with intact data after them (or in a closed segment): to be quarantined, never truncated. */
  corrupt: ScanCorrupt[];
}

/** A segment's state before an append, to put it back when the append fails part-way. */
export interface SegmentSnapshot {
  size: number;
  next: number;
  maxTimestampSoFar: number;
  offsetOfMaxTimestampSoFar: number;
  bytesSinceLastIndexEntry: number;
  offsetIndexEntries: number;
  timeIndexEntries: number;
  txnIndexEntries: number;
}

/** A batch in a read that failed its CRC or length check: where it is, and why. */
export interface CorruptBatchAt {
  position: number;
  reason: string;
}

const OFFSET_INDEX_ENTRY = 8;
const TIME_INDEX_ENTRY = 12;
const MAX_RELATIVE_OFFSET = 0xffffffff;

/**
 * One `.log` file and its `.index`, `.timeindex` and `.txnindex`: a contiguous range of a partition's offsets
 * starting at `baseOffset`. Only the log's active (newest) segment is appended to.
 */
export class LogSegment {
  private bytesSinceLastIndexEntry = 0;
  private maxTimestampSoFar = -1;
  private offsetOfMaxTimestampSoFar = -1;
  private next: number;
  /** The first batch's header (null: the segment is empty), read once: rolls consult it on every append. */
  private firstBatchCache: RecordBatchHeader | null | undefined;
  /**
   * Set when the `.txnindex` could not be trusted at open: the index starts empty and the log rebuilds it from the
   * producer state it replays (Kafka recovers such a segment).
   */
  txnIndexNeedsRebuild = false;

  private constructor(
    readonly baseOffset: number,
    private readonly log: FileRecords,
    private readonly offsetIndex: OffsetIndex,
    private readonly timeIndex: TimeIndex,
    private readonly txnIndex: TransactionIndex,
    private readonly config: SegmentConfig,
    private readonly io: SegmentIo,
    /** When the segment was created: the roll clock for segments without timestamps. */
    readonly created: number,
  ) {
    this.next = baseOffset;
  }

  private static build(
    log: FileRecords,
    txnIndex: TransactionIndex,
    dir: string,
    baseOffset: number,
    config: SegmentConfig,
    io: SegmentIo,
    now: number,
    suffix: string,
  ): LogSegment {
    const paths = segmentFilePaths(dir, baseOffset, suffix);
    return new LogSegment(
      baseOffset,
      log,
      new OffsetIndex(paths.index, baseOffset, Math.floor(config.maxIndexBytes / OFFSET_INDEX_ENTRY), io.files),
      new TimeIndex(paths.timeIndex, baseOffset, Math.floor(config.maxIndexBytes / TIME_INDEX_ENTRY), io.files),
      txnIndex,
      config,
      io,
      now,
    );
  }

  /**
   * Creates an empty segment (and its files) at `baseOffset`. A `suffix` (such as `.cleaned`) keeps the files
   * out of the log until they are renamed into place.
   */
  static create(dir: string, baseOffset: number, config: SegmentConfig, io: SegmentIo, now: number, suffix = ""): LogSegment {
    const paths = segmentFilePaths(dir, baseOffset, suffix);
    const segment = LogSegment.build(FileRecords.create(paths.log, io.files), TransactionIndex.create(paths.txnIndex, baseOffset), dir, baseOffset, config, io, now, suffix);
    try {
      segment.offsetIndex.create();
      segment.timeIndex.create();
    } catch (err) {
      segment.delete();
      throw err;
    }
    return segment;
  }

  /**
   * Opens an existing segment. With `recover`, every batch is validated and the indexes rebuilt; otherwise the
   * indexes are trusted when well-formed (and rebuilt when not, or when missing). `bounds.endOffset` is the next
   * segment's base offset (null for the last segment). Returns what recovery did, if it ran.
   */
  static open(
    dir: string,
    baseOffset: number,
    config: SegmentConfig,
    io: SegmentIo,
    now: number,
    recover: boolean,
    endOffset: number | null,
    suffix = "",
  ): { segment: LogSegment; recovery?: SegmentRecovery } {
    const paths = segmentFilePaths(dir, baseOffset, suffix);
    let txnIndex: TransactionIndex;
    let txnIndexProblem: string | null = null;
    try {
      txnIndex = TransactionIndex.open(paths.txnIndex, baseOffset);
    } catch (err) {
      if (!(err instanceof CorruptTransactionIndexError)) throw err;
      txnIndex = TransactionIndex.create(paths.txnIndex, baseOffset);
      txnIndexProblem = err.message;
    }
    const segment = LogSegment.build(FileRecords.open(paths.log, io.files), txnIndex, dir, baseOffset, config, io, now, suffix);
    segment.txnIndexNeedsRebuild = txnIndexProblem !== null;
    if (recover) return { segment, recovery: segment.recover(endOffset) };
    try {
      if (segment.log.size > 0 && (!existsSync(paths.index) || !existsSync(paths.timeIndex))) throw new CorruptIndexError(`an index file of segment ${baseOffset} is missing`);
      segment.loadTrustingIndexes();
      return { segment };
    } catch (err) {
      if (!(err instanceof CorruptIndexError)) throw err;
      const recovery = segment.recover(endOffset);
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

  /**
   * Validates every batch (length, magic, CRC, offsets) and rebuilds both indexes. A torn tail of the log's last
   * segment (`endOffset` null: bad bytes with no intact batch after them) is truncated, as after a crash mid-write.
   * Anything else that is bad — corruption with intact batches after it, or in a closed segment — is returned in
   * `corrupt` and left in place: the log quarantines it, keeping every intact batch.
   */
  recover(endOffset: number | null): SegmentRecovery {
    this.offsetIndex.startRebuild();
    this.timeIndex.startRebuild();
    this.maxTimestampSoFar = -1;
    this.offsetOfMaxTimestampSoFar = -1;
    this.bytesSinceLastIndexEntry = 0;
    this.next = this.baseOffset;
    this.firstBatchCache = undefined;
    const corrupt: ScanCorrupt[] = [];
    scanSync((position, length) => this.log.read(position, length), this.scanBounds(endOffset), (event) => {
      if (event.kind === "corrupt") {
        corrupt.push(event);
        return;
      }
      this.indexBatch(event.position, event.size, batchLastOffset(event.header));
      this.observeBatch(event);
    });
    const tail = corrupt.at(-1);
    this.writeIndexes(() => {
      this.offsetIndex.finishRebuild();
      this.timeIndex.finishRebuild();
    });
    if (tail && tail.lastOffset === null) {
      corrupt.pop();
      if (corrupt.length === 0) {
        const truncatedBytes = this.log.size - tail.position;
        this.log.truncateTo(tail.position);
        return { truncatedBytes, reason: tail.reason, corrupt };
      }
    }
    if (corrupt.length === 0) return { truncatedBytes: 0, corrupt };
    return { truncatedBytes: 0, reason: corrupt.map((c) => c.reason).join("; "), corrupt };
  }

  /** Whether the batch at an index entry's position is the one the entry names (it ends at the entry's offset). */
  private entryHolds(entry: { offset: number; position: number }): boolean {
    const header = this.log.readHeader(entry.position);
    return header !== undefined && header.magic === 2 && batchLastOffset(header) === entry.offset;
  }

  /**
   * Rebuilds both indexes from the log's intact batches, leaving the file as it is (corrupt bytes, if any, are for
   * the verifier to quarantine; nothing is truncated here).
   */
  rebuildIndexes(): void {
    const { next, maxTimestampSoFar, offsetOfMaxTimestampSoFar } = this;
    this.offsetIndex.startRebuild();
    this.timeIndex.startRebuild();
    this.bytesSinceLastIndexEntry = 0;
    this.maxTimestampSoFar = -1;
    this.offsetOfMaxTimestampSoFar = -1;
    scanSync((position, length) => this.log.read(position, length), this.scanBounds(null), (event) => {
      if (event.kind === "batch") {
        this.indexBatch(event.position, event.size, batchLastOffset(event.header));
        this.observeBatch(event);
      }
    });
    this.next = Math.max(next, this.next);
    if (maxTimestampSoFar > this.maxTimestampSoFar) {
      this.maxTimestampSoFar = maxTimestampSoFar;
      this.offsetOfMaxTimestampSoFar = offsetOfMaxTimestampSoFar;
    }
    this.writeIndexes(() => {
      this.offsetIndex.finishRebuild();
      this.timeIndex.finishRebuild();
    });
  }

  /** What a scan of this segment must know: its base, the next segment's base (null: none yet) and its size now. */
  scanBounds(endOffset: number | null): ScanBounds {
    return { baseOffset: this.baseOffset, endOffset, size: this.log.size };
  }

  /** Reads bytes of the `.log` file on the thread pool (for scans that must not hold the event loop). */
  readAsync(position: number, length: number): Promise<Buffer> {
    return this.log.readAsync(position, length);
  }

  /** Reads bytes of the `.log` file. */
  readBytes(position: number, length: number): Buffer {
    return this.log.read(position, length);
  }

  private indexBatch(position: number, size: number, lastOffset: number): void {
    if (this.bytesSinceLastIndexEntry > this.config.indexIntervalBytes) {
      this.writeIndexes(() => {
        this.offsetIndex.append(lastOffset, position);
        this.timeIndex.maybeAppend(this.maxTimestampSoFar, this.offsetOfMaxTimestampSoFar);
      });
      this.bytesSinceLastIndexEntry = 0;
    }
    this.bytesSinceLastIndexEntry += size;
  }

  /**
   * Runs index updates; a file that cannot be written (ENOSPC) makes both index files abandoned (removed, so the next
   * open rebuilds them from the log) while the in-memory indexes stay whole and the append goes on: the index is
   * derived data, the records are what must not be lost.
   */
  private writeIndexes(update: () => void): void {
    try {
      update();
    } catch (err) {
      if (err instanceof RangeError) throw err;
      this.offsetIndex.abandonFile();
      this.timeIndex.abandonFile();
      this.io.indexWriteFailed(err, `Writing the indexes of segment ${this.baseOffset} (${this.log.path})`);
    }
  }

  /**
   * Kafka's `LogSegment.truncateTo`: removes the batch holding `offset` and every batch after it (a batch is never
   * split, so the segment may end below `offset`), then rebuilds the indexes. Returns the bytes removed.
   */
  truncateTo(offset: number): number {
    const first = this.translateOffset(offset);
    if (first === undefined) return 0;
    const removed = this.log.size - first.position;
    this.log.truncateTo(first.position);
    this.firstBatchCache = undefined;
    this.next = this.baseOffset;
    this.maxTimestampSoFar = -1;
    this.offsetOfMaxTimestampSoFar = -1;
    this.rebuildIndexes();
    return removed;
  }

  /** The state an append starts from, to put back with `restore` when it fails part-way. */
  snapshot(): SegmentSnapshot {
    return {
      size: this.log.size,
      next: this.next,
      maxTimestampSoFar: this.maxTimestampSoFar,
      offsetOfMaxTimestampSoFar: this.offsetOfMaxTimestampSoFar,
      bytesSinceLastIndexEntry: this.bytesSinceLastIndexEntry,
      offsetIndexEntries: this.offsetIndex.entries,
      timeIndexEntries: this.timeIndex.entries,
      txnIndexEntries: this.txnIndex.allAbortedTxns().length,
    };
  }

  /** Puts the segment back as `snapshot` found it: the file cut back, the indexes' newer entries dropped. */
  restore(snapshot: SegmentSnapshot): void {
    this.log.truncateTo(snapshot.size);
    this.offsetIndex.truncateToEntries(snapshot.offsetIndexEntries);
    this.timeIndex.truncateToEntries(snapshot.timeIndexEntries);
    this.txnIndex.truncateToEntries(snapshot.txnIndexEntries);
    this.next = snapshot.next;
    this.maxTimestampSoFar = snapshot.maxTimestampSoFar;
    this.offsetOfMaxTimestampSoFar = snapshot.offsetOfMaxTimestampSoFar;
    this.bytesSinceLastIndexEntry = snapshot.bytesSinceLastIndexEntry;
    if (snapshot.size === 0) this.firstBatchCache = undefined;
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
    let entry = this.offsetIndex.lookup(offset);
    if (entry.position > 0 && !this.entryHolds(entry)) {
      // A stale or damaged index entry would start the walk inside a batch and could skip records: rebuild it.
      this.rebuildIndexes();
      entry = this.offsetIndex.lookup(offset);
    }
    for (const batch of this.log.batchesFrom(entry.position)) {
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
    return { data: data.subarray(0, end), firstBatchOffset: first.header.baseOffset, position: first.position };
  }

  /** The first record at or after `startingOffset` with a timestamp at or above `timestamp`. */
  findOffsetByTimestamp(timestamp: number, startingOffset: number): { offset: number; timestamp: number } | undefined {
    if (this.maxTimestampSoFar < timestamp) return undefined;
    const fromIndex = this.timeIndex.lookup(timestamp).offset;
    const position = this.offsetIndex.lookup(Math.max(fromIndex, startingOffset)).position;
    for (const batch of this.log.batchesFrom(position)) {
      if (batch.header.maxTimestamp < timestamp || batchLastOffset(batch.header) < startingOffset) continue;
      const data = this.log.read(batch.position, batch.size);
      const valid = validateBatch(data, 0, data.length);
      if (typeof valid === "string") throw new CorruptBatchError(this, { position: batch.position, reason: valid });
      const records = decodeBatchRecords(data, 0, startingOffset);
      const found = records.find((r) => r.timestamp >= timestamp);
      if (found) return { offset: found.offset, timestamp: found.timestamp };
    }
    return undefined;
  }

  /** Called when a newer segment takes over: seals the time index with the final largest timestamp. */
  onBecomeInactive(): void {
    this.writeIndexes(() => {
      if (this.maxTimestampSoFar >= 0) this.timeIndex.maybeAppend(this.maxTimestampSoFar, this.offsetOfMaxTimestampSoFar, true);
      this.offsetIndex.close();
      this.timeIndex.close();
    });
  }

  /** Forces the log file to disk on the thread pool (and the transaction index, rarely written, at once). */
  flushAsync(): Promise<void> {
    this.txnIndex.flush();
    return this.log.flushAsync();
  }

  flush(): void {
    this.log.flush();
    this.txnIndex.flush();
    this.writeIndexes(() => {
      this.offsetIndex.flush();
      this.timeIndex.flush();
    });
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

  /**
   * Flushes and closes the files, leaving them for the next open (the time index sealed as at a roll). The
   * descriptors are released even when the flush fails; the error is rethrown.
   */
  close(): void {
    try {
      this.writeIndexes(() => {
        if (this.maxTimestampSoFar >= 0) this.timeIndex.maybeAppend(this.maxTimestampSoFar, this.offsetOfMaxTimestampSoFar, true);
      });
      this.flush();
    } finally {
      this.offsetIndex.release();
      this.timeIndex.release();
      this.log.close();
    }
  }

  /** Releases the descriptors without flushing (the next use opens them again). */
  release(): void {
    this.offsetIndex.release();
    this.timeIndex.release();
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
    this.txnIndex.rename(paths.txnIndex);
    this.log.rename(paths.log);
  }

  /** Every batch of the segment in order, for readers that go through a whole segment (the log cleaner). */
  batches(): Generator<BatchPosition> {
    return this.log.batchesFrom(0);
  }

  /** The bytes of one batch found by `batches()`, verified: a corrupt one throws CorruptBatchError. */
  readBatch(batch: BatchPosition): Buffer {
    const data = this.log.read(batch.position, batch.size);
    const valid = validateBatch(data, 0, data.length);
    if (typeof valid === "string") throw new CorruptBatchError(this, { position: batch.position, reason: valid });
    return data;
  }

  /** The path of the `.log` file. */
  get path(): string {
    return this.log.path;
  }

  /**
   * Takes the segment out of the log at once (its files are renamed `.deleted`, which a restart also removes)
   * and deletes the files in the background, so that a large deletion never stalls appends or reads. Resolves once
   * they are gone (never rejects: what stays is removed at the next start).
   */
  deleteInBackground(dir: string): Promise<void> {
    this.renameTo(dir, DELETED_SUFFIX);
    this.log.close();
    this.offsetIndex.release();
    this.timeIndex.release();
    const paths = segmentFilePaths(dir, this.baseOffset, DELETED_SUFFIX);
    return Promise.all([paths.log, paths.index, paths.timeIndex, paths.txnIndex].map((path) => rm(path, { force: true }))).then(
      () => undefined,
      () => undefined,
    );
  }

  /** Closes and removes the segment's files. */
  delete(): void {
    this.log.delete();
    this.offsetIndex.delete();
    this.timeIndex.delete();
    this.txnIndex.delete();
  }

  // ---- transactions ----

  /** Records an aborted transaction whose marker was just appended to this segment (Kafka's `updateTxnIndex`). */
  appendAbortedTxn(txn: AbortedTxn): void {
    this.txnIndex.append(txn);
  }

  /** The aborted transactions whose markers are in this segment, in marker order. */
  abortedTxns(): readonly AbortedTxn[] {
    return this.txnIndex.allAbortedTxns();
  }

  /** The aborted transactions of this segment that overlap `[fetchOffset, upperBoundOffset)` (Kafka's `collectAbortedTxns`). */
  collectAbortedTxns(fetchOffset: number, upperBoundOffset: number): TxnIndexSearchResult {
    return this.txnIndex.collectAbortedTxns(fetchOffset, upperBoundOffset);
  }

  /** Replaces the transaction index with entries rebuilt from the log; returns why the file could not be written, if so. */
  rebuildTxnIndex(entries: readonly AbortedTxn[]): string | null {
    this.txnIndexNeedsRebuild = false;
    return this.txnIndex.rebuild(entries);
  }
}

/**
 * A batch that failed verification where a reader met it (a fetch, a time lookup, the cleaner): the log checks the
 * whole segment, quarantines what is corrupt and answers the reader with CORRUPT_MESSAGE.
 */
export class CorruptBatchError extends Error {
  constructor(
    readonly segment: LogSegment,
    readonly at: CorruptBatchAt,
  ) {
    super(`corrupt batch at position ${at.position} of segment ${segment.baseOffset}: ${at.reason}`);
  }
}
