import { mkdirSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import type { CorruptRange } from "../broker-types.js";
import type { Clock } from "../clock.js";
import { CorruptRangeError, InvalidRecordError, InvalidTimestampError, KafkaError, KafkaStorageError, MessageTooLargeError, OffsetOutOfRangeError, RecordListTooLargeError } from "../errors.js";
import { targetCompression } from "./compression/index.js";
import { GroupCommit } from "./group-commit.js";
import { LeaderEpochFileCache } from "./leader-epoch-cache.js";
import { LogDirHealth } from "./log-dir-health.js";
import type { LogSettings } from "./log-settings.js";
import { validateRecordBatches, type ValidationResult } from "./log-validator.js";
import { sharedOpenFiles, type OpenFiles } from "./open-files.js";
import { parsePartitionDir } from "./partition-dir.js";
import { checkProducerBatches } from "./producer/producer-append.js";
import { ProducerStateManager } from "./producer/producer-state-manager.js";
import { rebuildProducerState, replayReplicatedBatch } from "./producer/producer-state-recovery.js";
import { Quarantine, describeCorruptRange, type CorruptionDetector } from "./quarantine.js";
import type { LogRecord, RecordInput } from "./record.js";
import { encodeEndTransactionMarkerBatch, type EndTransactionMarker } from "./control-records.js";
import type { CompletedTxn, TxnMetadata } from "./producer/producer-append-info.js";
import { committedBatches } from "./read-committed.js";
import { LOG_OVERHEAD, batchLastOffset, decodeBatches, encodeRecordBatch, lastOffsetOfBatches, readBatchHeader, setBaseOffset, setPartitionLeaderEpoch, validateBatch } from "./record-batch.js";
import type { AbortedTxn } from "./transaction-index.js";
import { CorruptBatchError, LogSegment, type SegmentConfig, type SegmentInfo, type SegmentIo } from "./segment.js";
import { CLEANED_SUFFIX, DELETED_SUFFIX, INDEX_SUFFIX, LOG_SUFFIX, SWAP_SUFFIX, TIME_INDEX_SUFFIX, TXN_INDEX_SUFFIX, parseSegmentBaseOffset } from "./segment-files.js";
import { SegmentVerifier, type ScanPace } from "./segment-verifier.js";

/** Why retention deleted a segment: which limit it broke. */
export type SegmentDeletionReason = "retention.ms" | "retention.bytes" | "log-start-offset";

/** A segment that retention deleted, with the reason and the time. */
export interface SegmentDeletion extends SegmentInfo {
  reason: SegmentDeletionReason;
  deletedAt: number;
}

const MAX_DELETION_HISTORY = 100;

/** How a producer wants its append acknowledged: 0 (fire and forget), 1 (leader wrote it), -1 (all: synced). */
export type Acks = 0 | 1 | -1;

export interface LogAppendInfo {
  baseOffset: number;
  lastOffset: number;
  /** The broker time given to the records when the topic uses LogAppendTime, else -1. */
  logAppendTime: number;
  recordCount: number;
  /** Bytes written, batch overhead included. */
  sizeBytes: number;
  /** The broker time of the append: the timestamp of records that came without one. */
  now: number;
}

interface EncodedBatch {
  data: Buffer;
  count: number;
  maxTimestamp: number;
}

/** What appending a client's raw batches did (`appendRecordBatches`). */
export interface RecordBatchesAppendInfo extends LogAppendInfo {
  /** The batches repeat a producer's batch already in the log: nothing was written, the offsets are the original's. */
  duplicate: boolean;
}

/** Kafka's default `producer.id.expiration.ms`: a day. */
const DEFAULT_PRODUCER_ID_EXPIRATION_MS = 24 * 3600 * 1000;

/** Records validated and encoded, ready to be written by `commitAppend`. */
export interface PreparedAppend {
  readonly batches: readonly EncodedBatch[];
  readonly recordCount: number;
  readonly now: number;
}

/**
 * What a reader may see (Kafka's `IsolationLevel`): `read_uncommitted` everything written; `read_committed` only
 * up to the last stable offset, with the aborted transactions of what it read so that their records are skipped.
 */
export type IsolationLevel = "read_uncommitted" | "read_committed";

export interface LogReadResult {
  /** Whole record batches, as stored. The first may start before the requested offset. */
  data: Buffer;
  highWatermark: number;
  /** Where read_committed readers stop: the first offset of a transaction still open (or the high watermark). */
  lastStableOffset: number;
  logStartOffset: number;
  logEndOffset: number;
  /** With read_committed: the aborted transactions that overlap the batches returned. Undefined with read_uncommitted. */
  abortedTransactions?: AbortedTxn[];
}

/** The state of one producer in a partition, as DescribeProducers reports it. */
export interface ActiveProducerState {
  producerEpoch: number;
  lastSeq: number;
  lastDataOffset: number;
  lastTimestamp: number;
  coordinatorEpoch: number;
  /** The first offset of its transaction open in this partition, or -1. */
  currentTxnFirstOffset: number;
}

export interface LogOpenOptions {
  dir: string;
  /** `topic-partition`, for messages. */
  name: string;
  config: LogSettings;
  clock: Clock;
  /**
   * The offset up to which the log is known to be on disk; segments past it are validated. Undefined: all;
   * `Number.MAX_SAFE_INTEGER`: none (after a clean shutdown).
   */
  recoveryPoint?: number;
  /** A log start offset moved beyond the first segment's base (by DeleteRecords), from its checkpoint. */
  logStartOffset?: number;
  /** The descriptor budget; the process-wide one by default. */
  openFiles?: OpenFiles;
  /** The data directory's health: appends check it and report write failures to it. A detached one by default. */
  health?: LogDirHealth;
  /** Called after a rolled segment was flushed (the recovery point moved past it): time to checkpoint. */
  onRollFlushed?: () => void;
  /** Called for each corrupt range found (at recovery, by a reader, by the scrubber), after it was handled. */
  onCorruption?: (range: CorruptRange) => void;
  /** The high watermark a replicated partition had at the last checkpoint (`replication-offset-checkpoint`). */
  checkpointedHighWatermark?: number;
  /** `producer.id.expiration.ms`: producers idle longer are not reloaded. Kafka's default (a day) when absent. */
  producerIdExpirationMs?: number;
  /**
   * Whether the last shutdown was clean: the producer state of a log that has no producer snapshot yet (written
   * before idempotent producers existed) is then not rebuilt by reading the whole log.
   */
  cleanShutdown?: boolean;
}


/**
 * A partition's log: the ordered segments of one `<topic>-<partition>` directory. It gives each record the next
 * offset, rolls segments, serves reads by offset and time, and keeps track of what is safely on disk.
 */
export class Log {
  private segments: LogSegment[] = [];
  private startOffset = 0;
  private recoveredUpTo = 0;
  private unflushedMessages = 0;
  private lastFlushTime: number;
  private flushTimer: NodeJS.Timeout | null = null;
  private readonly groupCommit = new GroupCommit(() => this.flushUpTo(this.logEndOffset));
  private closed = false;
  private readonly deletions: SegmentDeletion[] = [];
  private readonly io: SegmentIo;
  private readonly health: LogDirHealth;
  private readonly quarantine: Quarantine;
  private readonly verifier: SegmentVerifier;
  /** Segment files being deleted in the background. */
  private readonly fileDeletions = new Set<Promise<void>>();
  /** The idempotent producers of this partition, with their `<offset>.snapshot` files. */
  private readonly producers: ProducerStateManager;
  /** The leader epochs of this partition and where each starts (`leader-epoch-checkpoint`). */
  readonly leaderEpochs: LeaderEpochFileCache;
  /** The high watermark a replicated partition's leader or follower set; null: the log end offset (a single replica). */
  private replicatedHighWatermark: number | null = null;

  private constructor(
    readonly dir: string,
    readonly name: string,
    private settings: LogSettings,
    private readonly clock: Clock,
    private readonly options: LogOpenOptions,
  ) {
    this.lastFlushTime = clock.now();
    this.health =
      options.health ?? new LogDirHealth(dir, { nearlyFullRatio: 1, minFreeBytes: 0, checkIntervalMs: Number.POSITIVE_INFINITY, clock, logger: { info: () => undefined, warn: () => undefined } });
    this.io = {
      files: options.openFiles ?? sharedOpenFiles,
      indexWriteFailed: (err, what) => void this.health.writeFailed(err, what),
    };
    const tp = parsePartitionDir(name);
    this.quarantine = new Quarantine(dir, tp?.topic ?? name, tp?.partition ?? 0);
    this.producers = new ProducerStateManager(dir, name, options.producerIdExpirationMs ?? DEFAULT_PRODUCER_ID_EXPIRATION_MS);
    this.verifier = new SegmentVerifier(this, this.quarantine, this.health, clock, options.onCorruption);
    this.leaderEpochs = new LeaderEpochFileCache(dir);
  }

  /**
   * Opens (or creates) the log in `dir`, recovering segments past the recovery point: a torn tail is truncated,
   * corruption anywhere else is quarantined (every intact batch is kept). Returns the log and a description of
   * every repair it made. Throws KafkaStorageError when the log cannot be opened or repaired.
   */
  static open(options: LogOpenOptions): { log: Log; repairs: string[] } {
    const log = new Log(options.dir, options.name, options.config, options.clock, options);
    try {
      const repairs = log.load(options.recoveryPoint, options.logStartOffset ?? 0);
      return { log, repairs };
    } catch (err) {
      for (const segment of log.segments) segment.release();
      if (err instanceof KafkaError) throw err;
      throw new KafkaStorageError(`The log of ${options.name} could not be opened: ${(err as Error).message}`);
    }
  }

  private load(recoveryPoint: number | undefined, checkpointedStart: number): string[] {
    const repairs: string[] = [];
    mkdirSync(this.dir, { recursive: true });
    const unreadable = this.quarantine.load();
    if (unreadable) repairs.push(unreadable);
    this.completeInterruptedSwaps(repairs);
    const files = readdirSync(this.dir);
    const logOffsets = new Set<number>();
    for (const file of files) {
      if (file.endsWith(CLEANED_SUFFIX) || file.endsWith(SWAP_SUFFIX) || file.endsWith(DELETED_SUFFIX) || file.endsWith(".tmp")) {
        rmSync(join(this.dir, file), { force: true });
        repairs.push(`${this.name}: removed leftover file ${file}`);
        continue;
      }
      const base = parseSegmentBaseOffset(file, LOG_SUFFIX);
      if (base !== undefined) logOffsets.add(base);
    }
    for (const file of files) {
      const base = parseSegmentBaseOffset(file, INDEX_SUFFIX) ?? parseSegmentBaseOffset(file, TIME_INDEX_SUFFIX) ?? parseSegmentBaseOffset(file, TXN_INDEX_SUFFIX);
      if (base !== undefined && !logOffsets.has(base)) {
        rmSync(join(this.dir, file), { force: true });
        repairs.push(`${this.name}: removed index file ${file} that had no log file`);
      }
    }

    const bases = [...logOffsets].sort((a, b) => a - b);
    const now = this.clock.now();
    // Segments whose transaction index the producer state replay rebuilds: recovered ones, and untrusted indexes.
    const reindex = new Set<LogSegment>();
    for (let i = 0; i < bases.length; i++) {
      const base = bases[i]!;
      const nextBase = bases[i + 1];
      const previous = this.segments.at(-1);
      if (previous && previous.nextOffset > base) {
        this.deleteSegmentFiles(bases.slice(i));
        repairs.push(`${this.name}: removed ${bases.length - i} segment(s) from offset ${base} that overlap the previous segment`);
        break;
      }
      // A segment is recovered when it may hold offsets at or past the recovery point; the last one unless the
      // recovery point is "everything" (a clean shutdown).
      const recover = recoveryPoint === undefined || (nextBase === undefined ? recoveryPoint < Number.MAX_SAFE_INTEGER : nextBase > recoveryPoint);
      const opened = LogSegment.open(this.dir, base, this.segmentConfig(), this.io, now, recover, nextBase ?? null);
      let segment = opened.segment;
      const recovery = opened.recovery;
      if (recovery && (recovery.truncatedBytes > 0 || recovery.reason)) {
        repairs.push(
          `${this.name}: segment ${base}: ${recovery.reason ?? "recovered"}` +
            (recovery.truncatedBytes > 0 ? `; truncated a torn tail of ${recovery.truncatedBytes} byte(s), log now ends at offset ${segment.nextOffset}` : ""),
        );
      }
      if (recovery && recovery.corrupt.length > 0) {
        const { replacement, ranges } = this.verifier.quarantineAtRecovery(segment, recovery.corrupt, nextBase ?? null);
        segment = replacement;
        for (const range of ranges) {
          repairs.push(
            `${this.name}: quarantined offsets ${range.baseOffset}..${range.lastOffset} (${range.sizeBytes} bytes at segment ${base}) as ${range.quarantinedAs}: ${range.reason}; every intact batch after it was kept`,
          );
        }
      }
      if (recovery || segment.txnIndexNeedsRebuild) reindex.add(segment);
      this.segments.push(segment);
    }
    if (this.segments.length === 0) {
      this.segments.push(LogSegment.create(this.dir, checkpointedStart, this.segmentConfig(), this.io, now));
    }
    this.startOffset = Math.max(this.segments[0]!.baseOffset, Math.min(checkpointedStart, this.logEndOffset));
    this.recoveredUpTo = this.logEndOffset;
    const snapshotFailures = rebuildProducerState(this.producers, this.segments, this.startOffset, this.logEndOffset, now, this.options.cleanShutdown ?? false, reindex);
    repairs.push(...snapshotFailures.map((failure) => `${this.name}: ${failure}`));
    // Epochs whose records a crash (or a truncation the checkpoint did not see) took away are forgotten too.
    this.leaderEpochs.truncateFromEnd(this.logEndOffset);
    return repairs;
  }

  /**
   * A `<base>.log.swap` is a cleaned segment whose replacement a crash interrupted: it was complete before it got
   * that name, so the swap is finished — the segments it covers are removed and it takes their place.
   */
  private completeInterruptedSwaps(repairs: string[]): void {
    const files = readdirSync(this.dir);
    for (const file of files) {
      const base = parseSegmentBaseOffset(file, LOG_SUFFIX + SWAP_SUFFIX);
      if (base === undefined) continue;
      const { segment } = LogSegment.open(this.dir, base, this.segmentConfig(), this.io, this.clock.now(), true, null, SWAP_SUFFIX);
      const end = segment.nextOffset;
      const replaced = files
        .map((f) => parseSegmentBaseOffset(f, LOG_SUFFIX))
        .filter((b): b is number => b !== undefined && b >= base && (b < end || b === base));
      this.deleteSegmentFiles(replaced);
      segment.renameTo(this.dir, "");
      segment.close();
      repairs.push(`${this.name}: completed a compaction swap interrupted by a crash (segment ${base}, replacing ${replaced.length} segment(s))`);
    }
  }

  private deleteSegmentFiles(bases: number[]): void {
    for (const base of bases) {
      for (const suffix of [LOG_SUFFIX, INDEX_SUFFIX, TIME_INDEX_SUFFIX, TXN_INDEX_SUFFIX]) {
        rmSync(join(this.dir, String(base).padStart(20, "0") + suffix), { force: true });
      }
    }
  }

  private segmentConfig(): SegmentConfig {
    return { indexIntervalBytes: this.settings.indexIntervalBytes, maxIndexBytes: this.settings.segmentIndexBytes };
  }

  get config(): LogSettings {
    return this.settings;
  }

  /** Applies changed topic configs; they take effect from the next append or roll. */
  updateConfig(settings: LogSettings): void {
    this.settings = settings;
  }

  get logStartOffset(): number {
    return this.startOffset;
  }

  get logEndOffset(): number {
    return this.activeSegment.nextOffset;
  }

  /**
   * The offset below which records are committed (what consumers may read): the log end offset for a partition with
   * a single replica; for a replicated one, what its leader computed from the ISR (see `setHighWatermark`).
   */
  get highWatermark(): number {
    return this.replicatedHighWatermark ?? this.logEndOffset;
  }

  /** Whether the high watermark is a replicated partition's (set by its leader), not simply the log end offset. */
  get isReplicated(): boolean {
    return this.replicatedHighWatermark !== null;
  }

  /**
   * Makes the log a replica's: its high watermark starts at the last checkpointed one (never more than was committed
   * before a restart), or the log start for a new replica, until its leader says more.
   */
  startReplicating(): void {
    if (this.replicatedHighWatermark === null) this.setHighWatermark(this.options.checkpointedHighWatermark ?? this.startOffset);
  }

  /** Sets a replicated partition's high watermark (kept within the log's offsets); null makes it the log end offset again. */
  setHighWatermark(offset: number | null): void {
    this.replicatedHighWatermark = offset === null ? null : Math.max(this.startOffset, Math.min(offset, this.logEndOffset));
  }

  /** The epoch leader appends are stamped with: the latest leader epoch, or -1 for a log that never had one. */
  private get appendEpoch(): number {
    return this.leaderEpochs.latestEpoch ?? -1;
  }

  /**
   * Kafka's last stable offset: the first offset of the oldest transaction still open (or ended by a marker the high
   * watermark has not passed), never below the log start offset; the high watermark when none is. read_committed
   * consumers read up to it.
   */
  get lastStableOffset(): number {
    const hw = this.highWatermark;
    this.producers.onHighWatermarkUpdated(hw);
    const first = this.producers.firstUnstableOffset();
    if (first === null || first >= hw) return hw;
    return Math.max(first, this.startOffset);
  }

  /** Everything below this offset is known to be on disk. */
  get recoveryPoint(): number {
    return this.recoveredUpTo;
  }

  get size(): number {
    let total = 0;
    for (const segment of this.segments) total += segment.size;
    return total;
  }

  /** The base offset of the active segment: where the part of the log the cleaner may never touch begins. */
  get activeSegmentBaseOffset(): number {
    return this.activeSegment.baseOffset;
  }

  /** Whether the log was closed or deleted: background work on it (the cleaner) must stop. */
  get isClosed(): boolean {
    return this.closed;
  }

  private get activeSegment(): LogSegment {
    return this.segments[this.segments.length - 1]!;
  }

  /**
   * Validates and appends the records, split into batches of at most `max.message.bytes`. Either every record is
   * written or none is. With acks=-1 it resolves only once the records are fsynced.
   */
  async append(records: readonly RecordInput[], acks: Acks = 1): Promise<LogAppendInfo> {
    return this.commitAppend(this.prepareAppend(records), acks);
  }

  /** Validates and encodes records without writing them: what a caller appending to several logs checks first. */
  prepareAppend(records: readonly RecordInput[]): PreparedAppend {
    this.ensureOpen();
    const now = this.clock.now();
    this.validateRecords(records);
    return { batches: this.encodeBatches(records, now), recordCount: records.length, now };
  }

  /**
   * Writes prepared batches at the log end offset, then waits as long as `acks` asks. Refused at once with
   * LogDirFullError when the data directory is full; a write that fails part-way (ENOSPC) is rolled back whole, so
   * no torn batch or half-written append remains, and answers LogDirFullError (or KafkaStorageError).
   */
  async commitAppend(prepared: PreparedAppend, acks: Acks = 1): Promise<LogAppendInfo> {
    this.ensureOpen();
    const sizeBytes = prepared.batches.reduce((sum, b) => sum + b.data.length, 0);
    this.health.checkWritable(sizeBytes);
    const baseOffset = this.logEndOffset;
    const segmentsBefore = this.segments.length;
    const snapshot = this.activeSegment.snapshot();
    try {
      for (const batch of prepared.batches) {
        const batchBase = this.logEndOffset;
        setBaseOffset(batch.data, 0, batchBase);
        setPartitionLeaderEpoch(batch.data, 0, this.appendEpoch);
        const lastOffset = batchBase + batch.count - 1;
        const segment = this.maybeRoll(batch.data.length, batch.maxTimestamp, lastOffset, prepared.now);
        segment.append(batch.data, { lastOffset, maxTimestamp: batch.maxTimestamp, offsetOfMaxTimestamp: lastOffset });
      }
    } catch (err) {
      this.rollBackAppend(segmentsBefore, snapshot);
      throw this.health.writeFailed(err, `Appending ${prepared.recordCount} record(s) to ${this.name}`);
    }
    const info: LogAppendInfo = {
      baseOffset,
      lastOffset: this.logEndOffset - 1,
      logAppendTime: this.settings.messageTimestampType === "LogAppendTime" ? prepared.now : -1,
      recordCount: prepared.recordCount,
      sizeBytes,
      now: prepared.now,
    };
    await this.afterWrite(prepared.recordCount, acks);
    return info;
  }

  /** Counts written records toward `flush.messages`, then waits for the fsync that acks=-1 (or the count) asks for. */
  private async afterWrite(recordCount: number, acks: Acks): Promise<void> {
    this.unflushedMessages += recordCount;
    if (acks === -1 || this.unflushedMessages >= this.settings.flushMessages) {
      try {
        await this.groupCommit.request();
      } catch (err) {
        throw this.health.writeFailed(err, `Flushing ${this.name} to disk`);
      }
    } else {
      this.scheduleTimedFlush();
    }
  }

  /**
   * Kafka's `appendAsLeader` for a client's raw batches (one partition of a Produce request): validates them
   * (`validateRecordBatches`: offsets assigned in place, the topic's codec and timestamp type applied), checks each
   * idempotent producer's epoch and sequence, and writes them to one segment (rolling first when they do not fit).
   * All of it happens synchronously, before the first await, so calls append in call order; only the acks=-1 wait
   * is asynchronous. A retry of one of a producer's last five batches writes nothing and answers the offsets it got
   * then. Throws the validator's and the producer state's KafkaErrors, and the storage errors of `commitAppend`.
   */
  async appendRecordBatches(records: Buffer, acks: Acks = 1): Promise<RecordBatchesAppendInfo> {
    this.ensureOpen();
    const now = this.clock.now();
    const validated = validateRecordBatches(records, this.settings, { topicPartition: this.name, now, nextOffset: this.logEndOffset, partitionLeaderEpoch: this.appendEpoch });
    if (validated.sizeBytes > this.settings.segmentBytes) {
      throw new RecordListTooLargeError(
        `Message batch size is ${validated.sizeBytes} bytes in append to partition ${this.name}, which exceeds the maximum configured segment size of ${this.settings.segmentBytes}.`,
      );
    }
    const check = checkProducerBatches(this.producers, validated.batches);
    if (check.kind === "duplicate") {
      // The original may still await its fsync: an acks=-1 retry is answered once it is durable too.
      if (acks === -1) await this.flush();
      const logAppendTime = this.settings.messageTimestampType === "LogAppendTime" ? check.timestamp : -1;
      return { baseOffset: check.firstOffset, lastOffset: check.lastOffset, logAppendTime, recordCount: 0, sizeBytes: 0, now, duplicate: true };
    }
    this.writeValidated(validated, now);
    for (const update of check.updates) this.producers.update(update);
    this.producers.updateMapEndOffset(this.logEndOffset);
    const info: RecordBatchesAppendInfo = {
      baseOffset: validated.firstOffset,
      lastOffset: validated.lastOffset,
      logAppendTime: validated.logAppendTime,
      recordCount: validated.recordCount,
      sizeBytes: validated.sizeBytes,
      now,
      duplicate: false,
    };
    await this.afterWrite(validated.recordCount, acks);
    return info;
  }

  /** Writes batches whose offsets are assigned into one segment, rolled to first when they do not fit (Kafka's `append`). */
  private writeValidated(validated: ValidationResult, now: number): void {
    this.health.checkWritable(validated.sizeBytes);
    const segmentsBefore = this.segments.length;
    const snapshot = this.activeSegment.snapshot();
    try {
      const segment = this.maybeRoll(validated.sizeBytes, validated.maxTimestamp, validated.lastOffset, now);
      for (const batch of validated.batches) {
        segment.append(batch.data, { lastOffset: batch.lastOffset, maxTimestamp: batch.maxTimestamp, offsetOfMaxTimestamp: batch.offsetOfMaxTimestamp });
      }
    } catch (err) {
      this.rollBackAppend(segmentsBefore, snapshot);
      throw this.health.writeFailed(err, `Appending ${validated.recordCount} record(s) to ${this.name}`);
    }
  }

  /**
   * Kafka's `appendAsFollower`: writes batches fetched from the leader exactly as the leader stored them — offsets,
   * leader epochs and CRCs untouched — after checking each one's framing and CRC. Batches wholly below the log end
   * are skipped (a repeated fetch); one that straddles it replaces the partial copy. New leader epochs are recorded
   * in the epoch cache, idempotent producers' state follows the batches. The caller flushes before it reports the
   * new log end offset to the leader. Returns the offsets written (none: `lastOffset` < `baseOffset`).
   */
  appendAsFollower(records: Buffer): { baseOffset: number; lastOffset: number; sizeBytes: number } {
    this.ensureOpen();
    const batches: { data: Buffer; header: ReturnType<typeof readBatchHeader> }[] = [];
    let position = 0;
    while (position < records.length) {
      // A fetch response may end with a partial batch (cut at max bytes): it is dropped, the next fetch gets it whole.
      if (position + LOG_OVERHEAD > records.length || position + LOG_OVERHEAD + records.readInt32BE(position + 8) > records.length) break;
      const end = position + LOG_OVERHEAD + records.readInt32BE(position + 8);
      const header = validateBatch(records, position, end);
      if (typeof header === "string") throw new InvalidRecordError(`A batch fetched for ${this.name} from the leader is invalid: ${header}`);
      if (batchLastOffset(header) >= this.logEndOffset) batches.push({ data: records.subarray(position, end), header });
      position = end;
    }
    const first = batches[0];
    if (first === undefined) return { baseOffset: this.logEndOffset, lastOffset: this.logEndOffset - 1, sizeBytes: 0 };
    if (first.header.baseOffset < this.logEndOffset) this.truncateTo(first.header.baseOffset);
    const now = this.clock.now();
    const baseOffset = this.logEndOffset;
    let sizeBytes = 0;
    for (const { data, header } of batches) {
      if (header.baseOffset !== this.logEndOffset) {
        throw new KafkaStorageError(`${this.name}: the leader sent a batch at offset ${header.baseOffset} while this replica's log ends at ${this.logEndOffset}.`);
      }
      const lastOffset = batchLastOffset(header);
      this.health.checkWritable(data.length);
      const segmentsBefore = this.segments.length;
      const snapshot = this.activeSegment.snapshot();
      try {
        const segment = this.maybeRoll(data.length, header.maxTimestamp, lastOffset, now);
        segment.append(data, { lastOffset, maxTimestamp: header.maxTimestamp, offsetOfMaxTimestamp: lastOffset });
      } catch (err) {
        this.rollBackAppend(segmentsBefore, snapshot);
        throw this.health.writeFailed(err, `Appending a replicated batch to ${this.name}`);
      }
      if (header.partitionLeaderEpoch > (this.leaderEpochs.latestEpoch ?? -1)) this.leaderEpochs.assign(header.partitionLeaderEpoch, header.baseOffset);
      replayReplicatedBatch(this.producers, header);
      sizeBytes += data.length;
    }
    this.producers.updateMapEndOffset(this.logEndOffset);
    this.unflushedMessages += batches.length;
    return { baseOffset, lastOffset: this.logEndOffset - 1, sizeBytes };
  }

  /**
   * Kafka's `truncateTo`: removes every record at or after `offset` — whole batches, so the log may end below it — with
   * their indexes, producer state and leader epochs. What a follower does before fetching from a new leader, so the
   * replicas never diverge (KIP-101). Returns whether anything was removed.
   */
  truncateTo(offset: number): boolean {
    this.ensureOpen();
    if (offset >= this.logEndOffset) return false;
    if (offset <= this.startOffset) {
      this.truncateFullyAndStartAt(offset);
      return true;
    }
    while (this.segments.length > 1 && this.activeSegment.baseOffset > offset) this.segments.pop()!.delete();
    this.activeSegment.truncateTo(offset);
    this.afterTruncation();
    return true;
  }

  /** Empties the log and starts it again at `offset` (a follower far behind a leader whose log starts later). */
  truncateFullyAndStartAt(offset: number): void {
    this.ensureOpen();
    for (const segment of this.segments.splice(0)) segment.delete();
    this.segments.push(LogSegment.create(this.dir, offset, this.segmentConfig(), this.io, this.clock.now()));
    this.startOffset = offset;
    this.producers.truncateFullyAndStartAt(offset);
    this.leaderEpochs.clear();
    this.afterTruncation();
  }

  private afterTruncation(): void {
    const end = this.logEndOffset;
    this.recoveredUpTo = Math.min(this.recoveredUpTo, end);
    if (this.replicatedHighWatermark !== null) this.replicatedHighWatermark = Math.min(this.replicatedHighWatermark, end);
    this.leaderEpochs.truncateFromEnd(end);
    rebuildProducerState(this.producers, this.segments, this.startOffset, end, this.clock.now(), false);
  }

  /** The idempotent and transactional producers this partition remembers, by producer id. */
  activeProducers(): ReadonlyMap<number, ActiveProducerState> {
    return this.producers.activeProducers();
  }

  /** The transactions open in this partition, oldest first: what holds the last stable offset back. */
  openTransactions(): TxnMetadata[] {
    return this.producers.openTransactions();
  }

  /**
   * What the cleaner must keep of a producer (Kafka's `lastRecordsOfActiveProducers`): the offset of its last data
   * batch, if the partition remembers one, and its epoch (a producer whose last record is a marker keeps that marker).
   */
  producerLastRecord(producerId: number): { lastDataOffset: number | undefined; producerEpoch: number } | undefined {
    const entry = this.producers.lastEntry(producerId);
    if (entry === undefined) return undefined;
    return { lastDataOffset: entry.isEmpty ? undefined : entry.lastDataOffset, producerEpoch: entry.producerEpoch };
  }

  /**
   * Appends a transaction marker for a producer (the coordinator's WriteTxnMarkers): a control batch that ends the
   * producer's open transaction in this partition with `marker.type`, at the marker's epoch (an older epoch is
   * INVALID_PRODUCER_EPOCH, an older coordinator epoch TRANSACTION_COORDINATOR_FENCED). An abort of a transaction
   * with data is recorded in the transaction index of the segment the marker lands in, with the LSO of the moment;
   * the marker and that entry are written together or not at all. Resolves once `acks` is satisfied.
   */
  async appendEndTxnMarker(producerId: number, producerEpoch: number, marker: EndTransactionMarker, acks: Acks = -1): Promise<{ offset: number; completed: CompletedTxn | null }> {
    this.ensureOpen();
    const now = this.clock.now();
    const offset = this.logEndOffset;
    const data = encodeEndTransactionMarkerBatch(producerId, producerEpoch, marker, now);
    const info = this.producers.prepareUpdate(producerId, "coordinator");
    const completed = info.appendEndTxnMarker(marker, producerEpoch, offset, now);
    const lastStableOffset = completed ? this.producers.lastStableOffset(completed) : offset + 1;
    this.writeBatch(data, offset, now, now, (segment) => {
      if (completed?.isAborted) segment.appendAbortedTxn({ producerId, firstOffset: completed.firstOffset, lastOffset: offset, lastStableOffset });
    });
    this.producers.update(info);
    if (completed) this.producers.completeTxn(completed);
    this.producers.updateMapEndOffset(this.logEndOffset);
    await this.afterWrite(1, acks);
    return { offset, completed };
  }

  /**
   * Appends records in one transactional batch of `producerId` on behalf of a coordinator (Kafka's
   * `AppendOrigin.COORDINATOR`, as the group coordinator writes TxnOffsetCommit's offsets): the producer's epoch is
   * checked, its sequence is not, and the batch begins (or continues) the producer's transaction in this partition.
   */
  async appendTransactionalRecords(records: readonly RecordInput[], producerId: number, producerEpoch: number, acks: Acks = -1): Promise<LogAppendInfo> {
    this.ensureOpen();
    const now = this.clock.now();
    this.validateRecords(records);
    const data = encodeRecordBatch(records, {
      timestampType: this.settings.messageTimestampType,
      now,
      compression: targetCompression(this.settings.compressionType, "none"),
      producerId,
      producerEpoch,
      baseSequence: 0,
      isTransactional: true,
    });
    if (data.length > this.settings.maxMessageBytes) {
      throw new MessageTooLargeError(`The record batch size in the append to ${this.name} is ${data.length} bytes which exceeds the maximum configured value of ${this.settings.maxMessageBytes} (max.message.bytes).`);
    }
    const baseOffset = this.logEndOffset;
    const lastOffset = baseOffset + records.length - 1;
    const maxTimestamp = readBatchHeader(data).maxTimestamp;
    const info = this.producers.prepareUpdate(producerId, "coordinator");
    info.append({ producerEpoch, baseSequence: 0, lastSequence: records.length - 1, baseOffset, lastOffset, maxTimestamp, isTransactional: true });
    this.writeBatch(data, lastOffset, maxTimestamp, now);
    this.producers.update(info);
    this.producers.updateMapEndOffset(this.logEndOffset);
    await this.afterWrite(records.length, acks);
    return {
      baseOffset,
      lastOffset,
      logAppendTime: this.settings.messageTimestampType === "LogAppendTime" ? now : -1,
      recordCount: records.length,
      sizeBytes: data.length,
      now,
    };
  }

  /**
   * Writes one batch at the log end offset (rolling first when needed), then runs `alsoWrite` on the segment it went
   * to; a failure of either rolls the whole append back.
   */
  private writeBatch(data: Buffer, lastOffset: number, maxTimestamp: number, now: number, alsoWrite?: (segment: LogSegment) => void): void {
    this.health.checkWritable(data.length);
    setBaseOffset(data, 0, this.logEndOffset);
    const segmentsBefore = this.segments.length;
    const snapshot = this.activeSegment.snapshot();
    try {
      const segment = this.maybeRoll(data.length, maxTimestamp, lastOffset, now);
      segment.append(data, { lastOffset, maxTimestamp, offsetOfMaxTimestamp: lastOffset });
      alsoWrite?.(segment);
    } catch (err) {
      this.rollBackAppend(segmentsBefore, snapshot);
      throw this.health.writeFailed(err, `Appending a batch at offset ${lastOffset} to ${this.name}`);
    }
  }

  /**
   * The aborted transactions that overlap `[startOffset, upperBoundOffset)`, from the transaction indexes of the
   * segment holding `startOffset` onwards (Kafka's `collectAbortedTransactions`).
   */
  collectAbortedTransactions(startOffset: number, upperBoundOffset: number): AbortedTxn[] {
    const found: AbortedTxn[] = [];
    for (let i = this.floorSegmentIndex(startOffset); i < this.segments.length; i++) {
      const result = this.segments[i]!.collectAbortedTxns(startOffset, upperBoundOffset);
      found.push(...result.abortedTransactions);
      if (result.isComplete) break;
    }
    return found;
  }

  /** Forgets producers idle for `expirationMs` (Kafka's `producer.id.expiration.ms`); returns how many. */
  removeExpiredProducers(now: number, expirationMs: number): number {
    this.producers.setProducerIdExpirationMs(expirationMs);
    return this.producers.removeExpiredProducers(now);
  }

  /** The offsets of the producer snapshot files, ascending. */
  producerSnapshotOffsets(): readonly number[] {
    return this.producers.snapshotOffsets();
  }

  /**
   * Writes the producer state as of `offset` to `<offset>.snapshot` (fsynced only with `sync`: at a roll, on the
   * append path, a torn snapshot just sends recovery to an older one); a failed write only costs a longer recovery.
   */
  private snapshotProducerState(offset: number, sync: boolean): void {
    this.producers.updateMapEndOffset(offset);
    try {
      this.producers.takeSnapshot(sync);
    } catch (err) {
      this.health.writeFailed(err, `Writing the producer snapshot of ${this.name} at offset ${offset}`);
    }
  }

  /** Undoes an append that failed part-way: segments it rolled are removed and the active one is cut back. */
  private rollBackAppend(segmentsBefore: number, snapshot: ReturnType<LogSegment["snapshot"]>): void {
    try {
      while (this.segments.length > segmentsBefore) this.segments.pop()!.delete();
      this.activeSegment.restore(snapshot);
    } catch (err) {
      // The log may now hold part of the append: the directory goes offline for writes (KafkaStorageError) until a
      // restart, whose recovery truncates the torn tail.
      this.health.writeFailed(err, `Rolling back a failed append to ${this.name}`);
    }
  }

  private validateRecords(records: readonly RecordInput[]): void {
    if (records.length === 0) throw new InvalidRecordError("A produce request must carry at least one record.");
    for (const record of records) {
      const ts = record.timestamp;
      if (ts !== undefined && (!Number.isSafeInteger(ts) || ts < 0)) {
        throw new InvalidTimestampError(`Timestamp ${ts} of a record in ${this.name} is invalid: it must be a non-negative integer of epoch milliseconds.`);
      }
      if (ts !== undefined && this.settings.messageTimestampType === "CreateTime") this.checkTimestampBounds(ts);
      if (this.settings.compact && (record.key === undefined || record.key === null)) {
        throw new InvalidRecordError(`Compacted topic cannot accept message without key in topic partition ${this.name}.`);
      }
    }
  }

  /** `message.timestamp.before.max.ms` / `after.max.ms`, as the validator applies them to clients' batches. */
  private checkTimestampBounds(timestamp: number): void {
    const now = this.clock.now();
    const { messageTimestampBeforeMaxMs: before, messageTimestampAfterMaxMs: after } = this.settings;
    if (now - timestamp > before || timestamp - now > after) {
      throw new InvalidTimestampError(
        `Timestamp ${timestamp} of a record in ${this.name} is out of range. The timestamp should be within [${now - before}, ${now + after}] (message.timestamp.before.max.ms, message.timestamp.after.max.ms).`,
      );
    }
  }

  private encodeBatches(records: readonly RecordInput[], now: number): EncodedBatch[] {
    const out: EncodedBatch[] = [];
    const compression = targetCompression(this.settings.compressionType, "none");
    const encode = (slice: readonly RecordInput[]): void => {
      const data = encodeRecordBatch(slice, { timestampType: this.settings.messageTimestampType, now, compression });
      if (data.length > this.settings.maxMessageBytes) {
        if (slice.length === 1) {
          throw new MessageTooLargeError(
            `The record batch size in the append to ${this.name} is ${data.length} bytes which exceeds the maximum configured value of ${this.settings.maxMessageBytes} (max.message.bytes).`,
          );
        }
        const half = Math.ceil(slice.length / 2);
        encode(slice.slice(0, half));
        encode(slice.slice(half));
        return;
      }
      if (data.length > this.settings.segmentBytes) {
        throw new RecordListTooLargeError(
          `Message batch size is ${data.length} bytes in append to partition ${this.name}, which exceeds the maximum configured segment size of ${this.settings.segmentBytes}.`,
        );
      }
      out.push({ data, count: slice.length, maxTimestamp: readBatchHeader(data).maxTimestamp });
    };
    encode(records);
    return out;
  }

  /** Rolls to a new segment when the active one is full, too old or its indexes are full (Kafka's `shouldRoll`). */
  private maybeRoll(batchBytes: number, batchMaxTimestamp: number, lastOffset: number, now: number): LogSegment {
    const segment = this.activeSegment;
    const s = this.settings;
    const full = segment.size > s.segmentBytes - batchBytes;
    // Kafka's LogConfig.maxSegmentMs: a compacted log also rolls by max.compaction.lag.ms, so the cleaner gets it.
    const rollMs = s.compact && s.maxCompactionLagMs > 0 ? Math.min(s.maxCompactionLagMs, s.segmentMs) : s.segmentMs;
    const aged = !segment.isEmpty && segment.timeWaitedForRoll(now, batchMaxTimestamp) > rollMs - s.segmentJitterMs;
    if (!segment.isEmpty && (full || aged || segment.indexIsFull || segment.offsetOverflows(lastOffset))) {
      return this.roll(now);
    }
    return segment;
  }

  /**
   * Starts a new active segment at the log end offset. The rolled segment is flushed in the background, and
   * `onRollFlushed` then checkpoints the recovery point past it, so a crash does not rescan closed segments.
   */
  roll(now = this.clock.now()): LogSegment {
    const previous = this.activeSegment;
    if (previous.isEmpty) return previous;
    const segment = LogSegment.create(this.dir, this.logEndOffset, this.segmentConfig(), this.io, now);
    this.segments.push(segment);
    previous.onBecomeInactive();
    // Kafka snapshots the producer state at every roll, named by the new segment: recovery replays from there.
    this.snapshotProducerState(segment.baseOffset, false);
    this.groupCommit.request().then(
      () => this.options.onRollFlushed?.(),
      (err: unknown) => {
        if (!this.closed) this.health.writeFailed(err, `Flushing the rolled segment ${previous.baseOffset} of ${this.name}`);
      },
    );
    return segment;
  }

  /** Forces everything appended so far to disk (sharing the fsync with concurrent callers). */
  flush(): Promise<void> {
    return this.groupCommit.request();
  }

  private async flushUpTo(target: number): Promise<void> {
    // A closed log was flushed by close(), or deleted (its files may be gone): nothing to do.
    if (target <= this.recoveredUpTo || this.closed) return;
    const pending = this.segments.filter((s) => s.nextOffset > this.recoveredUpTo && s.baseOffset < target);
    const messages = this.unflushedMessages;
    await Promise.all(pending.map((s) => s.flushAsync()));
    this.recoveredUpTo = Math.max(this.recoveredUpTo, target);
    this.unflushedMessages = Math.max(0, this.unflushedMessages - messages);
    this.lastFlushTime = this.clock.now();
  }

  private scheduleTimedFlush(): void {
    if (this.flushTimer !== null || !Number.isFinite(this.settings.flushMs) || this.settings.flushMs > 2 ** 31 - 1) return;
    const delay = Math.max(0, this.lastFlushTime + this.settings.flushMs - this.clock.now());
    this.flushTimer = setTimeout(() => {
      this.flushTimer = null;
      if (!this.closed) this.flush().catch((err: unknown) => void this.health.writeFailed(err, `Flushing ${this.name} (flush.ms)`));
    }, delay);
    this.flushTimer.unref();
  }

  /**
   * Reads whole batches from the one holding `offset`, up to `maxBytes` (at least one batch). Reading at the log
   * end offset returns no data; outside [log start, log end] is OFFSET_OUT_OF_RANGE. Every batch returned has
   * passed its CRC check: a read stops before a corrupt batch (whose segment is then checked and quarantined in the
   * background), and throws CorruptBatchError when the first batch it would return is corrupt. Quarantined ranges
   * are simply absent, a gap in offsets as compaction leaves.
   */
  read(offset: number, maxBytes: number, isolation: IsolationLevel = "read_uncommitted", upTo = Number.MAX_SAFE_INTEGER): LogReadResult {
    this.ensureOpen();
    // A replicated partition's consumers read below its high watermark: whole batches before `upTo`.
    if (upTo < Number.MAX_SAFE_INTEGER) {
      const read = this.read(offset, maxBytes, isolation);
      return { ...read, data: batchesBefore(read.data, upTo) };
    }
    const lastStableOffset = this.lastStableOffset;
    const committed = isolation === "read_committed";
    const result = (whole: Buffer): LogReadResult => {
      // read_committed stops at the LSO, a batch boundary: whole batches before it.
      const data = committed ? batchesBefore(whole, lastStableOffset) : whole;
      return {
        data,
        highWatermark: this.highWatermark,
        lastStableOffset,
        logStartOffset: this.startOffset,
        logEndOffset: this.logEndOffset,
        ...(committed ? { abortedTransactions: data.length === 0 ? [] : this.collectAbortedTransactions(offset, lastOffsetOfBatches(data) + 1) } : {}),
      };
    };
    if (!Number.isSafeInteger(offset) || offset < this.startOffset || offset > this.logEndOffset) {
      throw new OffsetOutOfRangeError(
        `Fetch position ${offset} is out of range for partition ${this.name}: the log holds offsets ${this.startOffset} to ${this.logEndOffset}.`,
      );
    }
    if (committed && offset >= lastStableOffset) return result(Buffer.alloc(0));
    for (let i = this.floorSegmentIndex(offset); i < this.segments.length; i++) {
      const segment = this.segments[i]!;
      const read = segment.read(offset, maxBytes);
      if (!read) continue;
      const corrupt = firstCorruptBatch(read.data);
      if (corrupt === null) return result(read.data);
      if (corrupt.position > 0) {
        this.checkSegment(segment, "read").catch(() => undefined);
        return result(read.data.subarray(0, corrupt.position));
      }
      throw new CorruptBatchError(segment, { position: read.position, reason: corrupt.reason });
    }
    return result(Buffer.alloc(0));
  }

  /**
   * Decoded records from `offset` on (at most `maxRecords`, from at most `maxBytes` of batches). `nextOffset` is
   * where the next read should start: past the last record returned, or past batches that hold no records
   * (compaction leaves such gaps). A corrupt range is not skipped silently: a read stops where one begins
   * (`nextOffset` is its first offset), and a read whose offset falls in one fails with CorruptRangeError naming it,
   * so every reader whose position enters it is told, and goes on from the offset after it.
   */
  readRecords(
    offset: number,
    maxBytes: number,
    maxRecords = Number.MAX_SAFE_INTEGER,
    isolation: IsolationLevel = "read_uncommitted",
    upTo = Number.MAX_SAFE_INTEGER,
  ): { records: LogRecord[]; nextOffset: number } & Omit<LogReadResult, "data" | "abortedTransactions"> {
    const { data, nextOffset: batchesEnd, abortedTransactions: _aborted, ...offsets } = this.readConsumerBatches(offset, maxBytes, isolation, upTo);
    const records = decodeBatches(data, offset);
    let nextOffset = batchesEnd;
    if (records.length > maxRecords) {
      records.length = maxRecords;
      nextOffset = records[maxRecords - 1]!.offset + 1;
    }
    return { records, nextOffset, ...offsets };
  }

  /**
   * The whole batches `readRecords` decodes, undecoded: from the one holding `offset` up to `maxBytes`, cut where a
   * corrupt range begins, failing with CorruptRangeError for an offset inside one. `nextOffset` is where the next
   * read starts once every record of `data` (at or after `offset`) was taken. With read_committed, `data` stops at
   * the last stable offset and leaves out the batches of aborted transactions (as Kafka's consumer drops them).
   */
  readConsumerBatches(offset: number, maxBytes: number, isolation: IsolationLevel = "read_uncommitted", upTo = Number.MAX_SAFE_INTEGER): LogReadResult & { nextOffset: number } {
    const inRange = this.quarantine.ranges.find((r) => r.baseOffset <= offset && offset <= r.lastOffset && offset >= this.startOffset);
    if (inRange) throw new CorruptRangeError(describeCorruptRange(inRange), { ...inRange });
    const read = this.read(offset, maxBytes, isolation, upTo);
    let data = read.data;
    let stopAt: number | null = null;
    const ahead = this.quarantine.ranges.filter((r) => r.baseOffset > offset && r.lastOffset >= r.baseOffset).sort((a, b) => a.baseOffset - b.baseOffset)[0];
    if (ahead && lastOffsetOfBatches(data) >= ahead.baseOffset) {
      data = batchesBefore(data, ahead.baseOffset);
      stopAt = ahead.baseOffset;
    }
    const nextOffset = stopAt ?? Math.max(offset, lastOffsetOfBatches(data) + 1);
    return { ...read, data: read.abortedTransactions ? committedBatches(data, read.abortedTransactions) : data, nextOffset };
  }

  /** The first record at or after `timestamp` (Kafka's ListOffsets by time), or null when every record is older. */
  offsetForTimestamp(timestamp: number): { offset: number; timestamp: number } | null {
    this.ensureOpen();
    for (const segment of this.segments) {
      if (segment.largestTimestamp < timestamp) continue;
      const found = segment.findOffsetByTimestamp(timestamp, this.startOffset);
      if (found) return found;
    }
    return null;
  }

  /** The record with the largest timestamp (ListOffsets' MAX_TIMESTAMP), the earliest one when several share it; null when empty. */
  offsetOfMaxTimestamp(): { offset: number; timestamp: number } | null {
    let max = -1;
    for (const segment of this.segments) max = Math.max(max, segment.largestTimestamp);
    return max < 0 ? null : this.offsetForTimestamp(max);
  }

  /**
   * What a retention check would delete now, oldest first (Kafka's `deleteOldSegments`): closed segments whose
   * newest record is older than `retention.ms`, the oldest closed segments while the log is larger than
   * `retention.bytes` (both only under `cleanup.policy=delete`), and segments wholly below the log start offset.
   * The active segment is never deleted.
   */
  planRetention(now = this.clock.now()): { segment: SegmentInfo; reason: SegmentDeletionReason }[] {
    const plan: { segment: SegmentInfo; reason: SegmentDeletionReason }[] = [];
    const s = this.settings;
    let i = 0;
    const closed = this.segments.length - 1;
    const take = (reason: SegmentDeletionReason) => plan.push({ segment: this.segments[i]!.info(false), reason });
    while (i < closed && this.segments[i + 1]!.baseOffset <= this.startOffset) take("log-start-offset"), i++;
    if (s.delete && s.retentionMs >= 0) {
      while (i < closed && now - this.segments[i]!.largestTimestamp > s.retentionMs) take("retention.ms"), i++;
    }
    if (s.delete && s.retentionBytes >= 0) {
      let excess = this.size - plan.reduce((sum, p) => sum + p.segment.sizeBytes, 0) - s.retentionBytes;
      while (i < closed && excess - this.segments[i]!.size >= 0) {
        excess -= this.segments[i]!.size;
        take("retention.bytes"), i++;
      }
    }
    return plan;
  }

  /** Deletes what `planRetention` names and moves the log start offset past it; returns what was deleted. */
  deleteOldSegments(): SegmentDeletion[] {
    this.ensureOpen();
    const now = this.clock.now();
    const deleted: SegmentDeletion[] = [];
    for (const { segment, reason } of this.planRetention(now)) {
      const victim = this.segments.shift()!;
      this.deleteSegmentInBackground(victim);
      this.producers.removeSnapshot(victim.baseOffset);
      this.startOffset = Math.max(this.startOffset, this.segments[0]!.baseOffset);
      deleted.push({ ...segment, reason, deletedAt: now });
    }
    this.deletions.push(...deleted);
    if (this.deletions.length > MAX_DELETION_HISTORY) this.deletions.splice(0, this.deletions.length - MAX_DELETION_HISTORY);
    if (deleted.length > 0) this.quarantine.prune(this.startOffset);
    this.producers.onLogStartOffsetIncremented(this.startOffset);
    this.leaderEpochs.truncateFromStart(this.startOffset);
    return deleted;
  }

  /** The most recent segment deletions, oldest first: the answer to "why is my data gone". */
  get deletionHistory(): readonly SegmentDeletion[] {
    return this.deletions;
  }

  /**
   * Kafka's DeleteRecords: moves the log start offset to `offset` (-1: the high watermark), so earlier records are
   * no longer readable, and deletes the segments wholly below it. Returns the new log start offset.
   */
  deleteRecordsBefore(offset: number): number {
    this.ensureOpen();
    const target = offset === -1 ? this.highWatermark : offset;
    if (!Number.isSafeInteger(target) || target < 0 || target > this.highWatermark) {
      throw new OffsetOutOfRangeError(
        `Cannot increment the log start offset to ${offset} of partition ${this.name} since it is larger than the high watermark ${this.highWatermark}.`,
      );
    }
    if (target > this.startOffset) this.startOffset = target;
    this.deleteOldSegments();
    return this.startOffset;
  }

  /** The closed segments, oldest first: what the log cleaner may rewrite. */
  closedSegments(): readonly LogSegment[] {
    return this.segments.slice(0, -1);
  }

  /** Creates an empty segment outside the log (files suffixed `.cleaned`) for the cleaner to fill. */
  createCleanedSegment(baseOffset: number): LogSegment {
    return LogSegment.create(this.dir, baseOffset, this.segmentConfig(), this.io, this.clock.now(), CLEANED_SUFFIX);
  }

  /**
   * Replaces consecutive closed segments with a cleaned one holding a subset of their records, so that a crash
   * at any point leaves either the old segments or the new one, never both or neither: the cleaned files are
   * flushed and renamed `.swap` (the commit point), the old segments are deleted, then the swap takes its name.
   */
  replaceSegments(cleaned: LogSegment, old: readonly LogSegment[]): void {
    this.ensureOpen();
    const first = this.segments.indexOf(old[0]!);
    if (first < 0 || old.some((s, i) => this.segments[first + i] !== s) || first + old.length >= this.segments.length) {
      throw new Error(`${this.name}: segments to replace must be consecutive closed segments of this log`);
    }
    if (cleaned.baseOffset !== old[0]!.baseOffset) throw new Error(`${this.name}: a cleaned segment must start at the base offset of the first segment it replaces`);
    cleaned.onBecomeInactive();
    cleaned.flush();
    cleaned.renameTo(this.dir, SWAP_SUFFIX);
    for (const segment of old) this.deleteSegmentInBackground(segment);
    cleaned.renameTo(this.dir, "");
    this.segments.splice(first, old.length, cleaned);
    for (const segment of old.slice(1)) this.producers.removeSnapshot(segment.baseOffset);
  }

  /** The corrupt ranges found in this log (quarantined, or not yet when that failed), oldest first. */
  corruptRanges(): readonly CorruptRange[] {
    return this.quarantine.ranges;
  }

  /**
   * Verifies a segment whole and quarantines what is corrupt (see SegmentVerifier); resolves with the corrupt ranges
   * found. Readers call it unpaced; the scrubber passes its pacing.
   */
  checkSegment(segment: LogSegment, detectedBy: CorruptionDetector, pace?: ScanPace): Promise<CorruptRange[]> {
    return this.verifier.check(segment, detectedBy, pace);
  }

  /**
   * Rebuilds a segment's indexes from its log (a reader was misdirected by an index entry although the log is
   * intact). A segment no longer in the log is left alone.
   */
  rebuildIndexes(segment: LogSegment): void {
    if (this.closed || !this.segments.includes(segment)) return;
    segment.rebuildIndexes();
  }

  /** Resolves once the segment files deleted so far (retention, DeleteRecords, cleaning) are gone from the disk. */
  async filesDeleted(): Promise<void> {
    await Promise.all([...this.fileDeletions]);
  }

  private deleteSegmentInBackground(segment: LogSegment): void {
    const deletion = segment.deleteInBackground(this.dir).finally(() => this.fileDeletions.delete(deletion));
    this.fileDeletions.add(deletion);
  }

  /** The segments of the log, oldest first (the last is the active one). */
  allSegments(): readonly LogSegment[] {
    return this.segments;
  }

  segmentInfos(): SegmentInfo[] {
    return this.segments.map((s, i) => s.info(i === this.segments.length - 1));
  }

  private floorSegmentIndex(offset: number): number {
    let lo = 0;
    let hi = this.segments.length - 1;
    let found = 0;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if (this.segments[mid]!.baseOffset <= offset) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return found;
  }

  /**
   * Flushes everything and closes the files; the recovery point then equals the log end offset. Every segment's
   * descriptors are released even when a flush fails; the first error is rethrown (the recovery point then stays).
   */
  close(): void {
    if (this.closed) return;
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.snapshotProducerState(this.logEndOffset, true);
    this.closed = true;
    let failure: unknown;
    for (const segment of this.segments) {
      try {
        segment.close();
      } catch (err) {
        failure ??= err;
      }
    }
    if (failure !== undefined) throw failure;
    this.recoveredUpTo = this.logEndOffset;
  }

  /** Closes the log without flushing or writing anything (its files are about to be deleted). */
  closeWithoutFlush(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.closed = true;
    for (const segment of this.segments) segment.release();
  }

  private ensureOpen(): void {
    if (this.closed) throw new KafkaStorageError(`The log of ${this.name} is closed: its topic was deleted, or the broker is shutting down.`);
  }
}

/** The first batch in `data` (whole batches as a segment read returns them) that fails its length or CRC check. */
function firstCorruptBatch(data: Buffer): { position: number; reason: string } | null {
  let position = 0;
  while (position < data.length) {
    const valid = validateBatch(data, position, data.length);
    if (typeof valid === "string") return { position, reason: valid };
    position += LOG_OVERHEAD + valid.batchLength;
  }
  return null;
}

/** The whole batches of `data` that end before `offset`. */
function batchesBefore(data: Buffer, offset: number): Buffer {
  let end = 0;
  while (end + LOG_OVERHEAD <= data.length) {
    const header = readBatchHeader(data, end);
    if (header.baseOffset + header.lastOffsetDelta >= offset) break;
    end += LOG_OVERHEAD + header.batchLength;
  }
  return data.subarray(0, end);
}
