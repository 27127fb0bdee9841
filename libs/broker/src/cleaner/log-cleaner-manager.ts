import { existsSync } from "node:fs";
import { join } from "node:path";
import type { Logger } from "../broker-types.js";
import type { Log } from "../storage/log.js";
import { OffsetCheckpointFile, type TopicPartition } from "../storage/offset-checkpoint.js";
import { parsePartitionDir } from "../storage/partition-dir.js";
import { cleanableRange, type CleanableRange } from "./cleanable-range.js";
import { CLEANER_HISTORY_FILE, CleanerHistoryFile, type PartitionCleaningHistory } from "./cleaner-history-file.js";
import type { CleaningStats } from "./cleaner.js";
import { CleanedRanges } from "./cleaned-ranges.js";

/** Kafka's file of each compacted partition's first dirty offset, in the data directory. */
export const CLEANER_OFFSET_CHECKPOINT = "cleaner-offset-checkpoint";

/** Why the cleaner picks a log. */
export type CleaningTrigger = "dirty-ratio" | "max-compaction-lag" | "expired-tombstones";

/** Why the cleaner leaves a log alone. */
export type NotCleanedCode =
  | "cleaner-not-running"
  | "log-closed"
  | "not-compacted"
  | "no-closed-segments"
  | "nothing-dirty"
  | "min-compaction-lag"
  | "open-transaction"
  | "dirty-ratio-below-minimum"
  | "cleaning-failed";

/** One cleaning pass over a log, as the admin API and the console show it. */
export interface LogCleaningRun {
  trigger: CleaningTrigger;
  startedAt: number;
  endedAt: number;
  durationMs: number;
  /** The dirty ratio when the pass was chosen. */
  dirtyRatio: number;
  firstDirtyOffset: number;
  /** The first dirty offset after the pass (unchanged unless it completed). */
  endOffset: number;
  /** "aborted": stopped on purpose (log closed or deleted, retention took a segment, broker stopping). */
  outcome: "completed" | "aborted" | "failed";
  /** Why the pass was aborted or failed. */
  error?: string;
  stats: CleaningStats;
}

/** The cleaner's view of one partition: how dirty it is, what was cleaned, and why it is not being cleaned now. */
export interface LogCleanerState {
  partition: string;
  compacted: boolean;
  /** Whether the log cleaner runs at all (`log.cleaner.enable`). */
  cleanerRunning: boolean;
  status: "cleaning" | "eligible" | "idle";
  dirtyRatio: number;
  minCleanableDirtyRatio: number;
  /** Where the dirty section starts: every offset below it was cleaned (Kafka's last cleaned offset). */
  firstDirtyOffset: number;
  /** Where the cleanable range ends: the active segment's base, or the first segment `min.compaction.lag.ms` holds back. */
  firstUncleanableOffset: number;
  cleanBytes: number;
  /** Dirty bytes in closed segments the next pass may clean. */
  cleanableBytes: number;
  /** Dirty bytes in closed segments that `min.compaction.lag.ms` holds back. */
  heldBackBytes: number;
  /** When the oldest dirty record in a closed segment was written. */
  earliestDirtyTimestamp: number | null;
  /** When a kept tombstone next passes `delete.retention.ms`, if any is known. */
  nextTombstoneExpiryAt: number | null;
  /** Why the log is not being cleaned, in words a user can act on; null while it is being cleaned or is due. */
  notCleanedReason: { code: NotCleanedCode; message: string } | null;
  lastRun: LogCleaningRun | null;
  totals: { runs: number; bytesReclaimed: number; recordsRemoved: number; tombstonesRemoved: number };
  /** When the cleaner next looks for a log to clean, or null when it is not running. */
  nextCheckAt: number | null;
}

interface PartitionCleaning {
  log: Log;
  ranges: CleanedRanges;
  lastRun: LogCleaningRun | null;
  totals: LogCleanerState["totals"];
  /** After a failed pass, the log is skipped until this time. */
  retryAt: number | null;
}

/** A log the cleaner may clean now, with what makes it eligible. */
export interface LogToClean {
  log: Log;
  range: CleanableRange;
  trigger: CleaningTrigger;
}

/**
 * The cleaner's bookkeeping (Kafka's `LogCleanerManager`): each compacted log's first dirty offset, kept in
 * `cleaner-offset-checkpoint` so a restart does not clean from scratch; which log is the filthiest; what each pass
 * did (the last pass and the totals, kept in `skein-cleaner-history.json` so they survive a restart too); and why a
 * log is not being cleaned.
 */
export class LogCleanerManager {
  private checkpoints: Map<string, number> | null = null;
  private histories: Map<string, PartitionCleaningHistory> | null = null;
  private readonly checkpointFile: OffsetCheckpointFile;
  private readonly historyFile: CleanerHistoryFile;
  private readonly partitions = new Map<string, PartitionCleaning>();

  constructor(
    private readonly dataDir: string,
    private readonly logger: Logger,
  ) {
    this.checkpointFile = new OffsetCheckpointFile(join(dataDir, CLEANER_OFFSET_CHECKPOINT));
    this.historyFile = new CleanerHistoryFile(join(dataDir, CLEANER_HISTORY_FILE));
  }

  /** The history of earlier runs of the broker, read once; entries of directories that are gone are dropped. */
  private get savedHistories(): Map<string, PartitionCleaningHistory> {
    if (this.histories === null) {
      try {
        this.histories = this.historyFile.read();
      } catch (err) {
        this.logger.warn(`ignored an unreadable ${CLEANER_HISTORY_FILE}, the cleaner's history starts again: ${(err as Error).message}`);
        this.histories = new Map();
      }
      for (const name of [...this.histories.keys()]) if (!existsSync(join(this.dataDir, name))) this.histories.delete(name);
    }
    return this.histories;
  }

  /** The first dirty offsets from the checkpoint file, read once; entries of directories that are gone are dropped. */
  private get firstDirtyOffsets(): Map<string, number> {
    if (this.checkpoints === null) {
      try {
        this.checkpoints = this.checkpointFile.read();
      } catch (err) {
        this.logger.warn(`ignored an unreadable ${CLEANER_OFFSET_CHECKPOINT}, compacted logs will be cleaned from their start: ${(err as Error).message}`);
        this.checkpoints = new Map();
      }
      for (const name of [...this.checkpoints.keys()]) if (!existsSync(join(this.dataDir, name))) this.checkpoints.delete(name);
    }
    return this.checkpoints;
  }

  /**
   * The cleaner's record of `log`. A different Log object under a known name is a re-created partition (topic
   * deleted and created again): its old first dirty offset means nothing, so it is dropped.
   */
  private partition(log: Log, now: number): PartitionCleaning {
    const known = this.partitions.get(log.name);
    if (known?.log === log) return known;
    if (known) {
      this.firstDirtyOffsets.delete(log.name);
      this.savedHistories.delete(log.name);
    }
    const firstDirty = cleanableRange(log, this.firstDirtyOffsets.get(log.name), now).firstDirtyOffset;
    const saved = this.savedHistories.get(log.name);
    const fresh: PartitionCleaning = {
      log,
      ranges: new CleanedRanges(firstDirty, now),
      lastRun: saved?.lastRun ?? null,
      totals: saved ? { ...saved.totals } : { runs: 0, bytesReclaimed: 0, recordsRemoved: 0, tombstonesRemoved: 0 },
      retryAt: null,
    };
    this.partitions.set(log.name, fresh);
    return fresh;
  }

  /** Measures a log and decides whether it is eligible now, and if not, why. */
  assess(log: Log, now: number): { range: CleanableRange | null; trigger: CleaningTrigger | null; reason: { code: NotCleanedCode; message: string } | null } {
    const s = log.config;
    if (log.isClosed) return { range: null, trigger: null, reason: { code: "log-closed", message: "The log is closed (its topic was deleted or the broker is stopping)." } };
    if (!s.compact) {
      return { range: null, trigger: null, reason: { code: "not-compacted", message: `cleanup.policy does not include compact: only compacted topics are cleaned; retention applies instead.` } };
    }
    const partition = this.partition(log, now);
    const range = cleanableRange(log, this.firstDirtyOffsets.get(log.name), now);
    const rolls = `It rolls when it reaches segment.bytes=${s.segmentBytes} bytes or is older than segment.ms=${s.segmentMs} ms.`;
    if (partition.retryAt !== null && now < partition.retryAt) {
      return { range, trigger: null, reason: { code: "cleaning-failed", message: `The last pass failed (${partition.lastRun?.error ?? "unknown error"}); the cleaner retries after ${iso(partition.retryAt)}.` } };
    }
    if (range.cleanableBytes > 0 && range.dirtyRatio >= s.minCleanableDirtyRatio) return { range, trigger: "dirty-ratio", reason: null };
    if (range.cleanableBytes > 0 && range.compactionLagExceeded) return { range, trigger: "max-compaction-lag", reason: null };
    if (partition.ranges.hasExpiredTombstones(now, s.deleteRetentionMs)) return { range, trigger: "expired-tombstones", reason: null };
    if (range.closedSegments === 0) {
      return {
        range,
        trigger: null,
        reason: {
          code: "no-closed-segments",
          message: `Every record is in the active segment (offsets ${log.activeSegmentBaseOffset} to ${log.logEndOffset - 1}), which is never cleaned. ${rolls}`,
        },
      };
    }
    if (range.cleanableBytes === 0 && range.heldBackBytes > 0 && range.heldBackByTransactionAt !== null) {
      const open = log.openTransactions()[0];
      return {
        range,
        trigger: null,
        reason: {
          code: "open-transaction",
          message:
            `The ${range.heldBackBytes} dirty bytes from offset ${range.firstUncleanableOffset} reach the last stable offset ${range.heldBackByTransactionAt}` +
            (open ? `, where producer ${open.producerId}'s transaction is still open` : "") +
            `; the cleaner never compacts past it. They become cleanable once the transaction commits or aborts.`,
        },
      };
    }
    if (range.cleanableBytes === 0 && range.heldBackBytes > 0) {
      return {
        range,
        trigger: null,
        reason: {
          code: "min-compaction-lag",
          message: `The ${range.heldBackBytes} dirty bytes from offset ${range.firstUncleanableOffset} hold records newer than min.compaction.lag.ms=${s.minCompactionLagMs} ms; they become cleanable at ${iso(range.heldBackUntil!)}.`,
        },
      };
    }
    if (range.cleanableBytes === 0) {
      return {
        range,
        trigger: null,
        reason: {
          code: "nothing-dirty",
          message: `Every closed segment is already clean (up to offset ${range.firstDirtyOffset}); newer records are in the active segment, which is never cleaned. ${rolls}`,
        },
      };
    }
    const held = range.heldBackBytes > 0 ? ` (another ${range.heldBackBytes} dirty bytes are newer than min.compaction.lag.ms=${s.minCompactionLagMs} ms)` : "";
    return {
      range,
      trigger: null,
      reason: {
        code: "dirty-ratio-below-minimum",
        message:
          `The dirty ratio ${range.dirtyRatio.toFixed(4)} (${range.cleanableBytes} cleanable dirty bytes of ${range.cleanBytes + range.cleanableBytes} in closed segments)` +
          ` is below min.cleanable.dirty.ratio=${s.minCleanableDirtyRatio}${held}.` +
          (Number.isFinite(s.maxCompactionLagMs) && range.earliestDirtyTimestamp !== null
            ? ` max.compaction.lag.ms=${s.maxCompactionLagMs} forces a pass at ${iso(range.earliestDirtyTimestamp + s.maxCompactionLagMs)}.`
            : ""),
      },
    };
  }

  /**
   * Kafka's `grabFilthiestCompactedLog`: of the eligible logs, the one with the highest dirty ratio; a log whose
   * only reason is expired tombstones comes after any log with dirty records to clean.
   */
  grabFilthiestLog(logs: Iterable<Log>, now: number): LogToClean | null {
    let best: LogToClean | null = null;
    const rank = (c: LogToClean) => (c.trigger === "expired-tombstones" ? -1 : c.range.dirtyRatio);
    for (const log of logs) {
      const { range, trigger } = this.assess(log, now);
      if (range === null || trigger === null) continue;
      const candidate = { log, range, trigger };
      if (best === null || rank(candidate) > rank(best)) best = candidate;
    }
    return best;
  }

  /** Whether a tombstone at `offset` of `log` may be dropped by a pass started at `passStart`. */
  tombstoneExpired(log: Log, offset: number, passStart: number, deleteRetentionMs: number): boolean {
    return this.partition(log, passStart).ranges.tombstoneExpired(offset, passStart, deleteRetentionMs);
  }

  /** Prepares a pass from `firstDirtyOffset`: the clean section is what lies below it. */
  beginPass(log: Log, firstDirtyOffset: number, now: number): void {
    this.partition(log, now).ranges.truncateTo(firstDirtyOffset);
  }

  /** Records a pass; a completed one moves the first dirty offset to its end and writes the checkpoint file. */
  recordRun(log: Log, run: LogCleaningRun, keptTombstones: readonly number[], retryDelayMs: number): void {
    const partition = this.partition(log, run.startedAt);
    partition.lastRun = run;
    partition.totals.runs++;
    partition.totals.bytesReclaimed += run.stats.bytesReclaimed;
    partition.totals.recordsRemoved += run.outcome === "completed" ? run.stats.recordsRemoved : 0;
    partition.totals.tombstonesRemoved += run.outcome === "completed" ? run.stats.tombstonesRemoved : 0;
    partition.retryAt = run.outcome === "failed" ? run.endedAt + retryDelayMs : null;
    this.savedHistories.set(log.name, { lastRun: run, totals: { ...partition.totals } });
    this.writeHistory();
    if (run.outcome !== "completed") return;
    partition.ranges.recordPass(log.logStartOffset, run.endOffset, run.startedAt, keptTombstones);
    this.firstDirtyOffsets.set(log.name, run.endOffset);
    this.writeCheckpoint();
  }

  /** Forgets a partition (its topic was deleted): its first dirty offset leaves the checkpoint file. */
  forget(log: Log): void {
    if (this.partitions.get(log.name)?.log === log) this.partitions.delete(log.name);
    if (this.firstDirtyOffsets.delete(log.name)) this.writeCheckpoint();
    if (this.savedHistories.delete(log.name)) this.writeHistory();
  }

  private writeHistory(): void {
    try {
      this.historyFile.write(this.savedHistories);
    } catch (err) {
      this.logger.warn(`could not write ${CLEANER_HISTORY_FILE}: ${(err as Error).message}; the cleaner's last runs are forgotten at a restart`);
    }
  }

  private writeCheckpoint(): void {
    const entries: [TopicPartition, number][] = [];
    for (const [name, offset] of this.firstDirtyOffsets) {
      const tp = parsePartitionDir(name);
      if (tp && existsSync(join(this.dataDir, name))) entries.push([tp, offset]);
    }
    try {
      this.checkpointFile.write(entries);
    } catch (err) {
      this.logger.warn(`could not write ${CLEANER_OFFSET_CHECKPOINT}: ${(err as Error).message}; a restart cleans those logs again`);
    }
  }

  /** The cleaner's state of `log`, for the admin API and the console. */
  describe(log: Log, now: number, context: { running: boolean; cleaning: Log | null; nextCheckAt: number | null }): LogCleanerState {
    const { range, trigger, reason } = this.assess(log, now);
    const known = this.partitions.get(log.name);
    const partition = log.config.compact && !log.isClosed ? this.partition(log, now) : known?.log === log ? known : undefined;
    const cleaning = context.cleaning === log;
    let notCleanedReason = cleaning ? null : reason;
    // A log that is due but waits for a stopped cleaner: that is the reason; any other reason stands on its own.
    if (!cleaning && !context.running && trigger !== null) {
      notCleanedReason = { code: "cleaner-not-running", message: "The log is due for cleaning, but the log cleaner is not running (log.cleaner.enable=false, or the broker is stopping)." };
    }
    return {
      partition: log.name,
      compacted: log.config.compact,
      cleanerRunning: context.running,
      status: cleaning ? "cleaning" : trigger !== null && context.running ? "eligible" : "idle",
      dirtyRatio: range?.dirtyRatio ?? 0,
      minCleanableDirtyRatio: log.config.minCleanableDirtyRatio,
      firstDirtyOffset: range?.firstDirtyOffset ?? log.logStartOffset,
      firstUncleanableOffset: range?.firstUncleanableOffset ?? log.logStartOffset,
      cleanBytes: range?.cleanBytes ?? 0,
      cleanableBytes: range?.cleanableBytes ?? 0,
      heldBackBytes: range?.heldBackBytes ?? 0,
      earliestDirtyTimestamp: range?.earliestDirtyTimestamp ?? null,
      nextTombstoneExpiryAt: partition?.ranges.nextTombstoneExpiry(log.config.deleteRetentionMs) ?? null,
      notCleanedReason,
      lastRun: partition?.lastRun ?? null,
      totals: { ...(partition?.totals ?? { runs: 0, bytesReclaimed: 0, recordsRemoved: 0, tombstonesRemoved: 0 }) },
      nextCheckAt: context.running ? context.nextCheckAt : null,
    };
  }
}

function iso(time: number): string {
  return new Date(time).toISOString();
}
