import { performance } from "node:perf_hooks";
import type { Logger } from "../broker-types.js";
import type { Clock } from "../clock.js";
import type { Log } from "../storage/log.js";
import { CorruptBatchError } from "../storage/segment.js";
import { Cleaner, type CleanerLimits } from "./cleaner.js";
import { LogCleanerManager, type LogCleanerState, type LogCleaningRun, type LogToClean } from "./log-cleaner-manager.js";
import { CleaningAbortedError } from "./work-slices.js";

export interface LogCleanerOptions {
  /** The logs to look at on each check (the broker's open logs); only compacted ones are cleaned. */
  logs: () => Iterable<Log>;
  /** The data directory, where `cleaner-offset-checkpoint` lives. */
  dataDir: string;
  clock: Clock;
  logger: Logger;
  /** `log.cleaner.backoff.ms`: the wait between checks when there was nothing to clean. 15 s by default. */
  backoffMs?: number;
  /** The most event-loop time a pass holds before it yields (produce and fetch wait at most about this). 2 ms by default. */
  sliceMs?: number;
  /** The most distinct keys one pass maps (Kafka's dedupe buffer); larger dirty sections take several passes. 1,000,000 by default. */
  maxKeysPerPass?: number;
}

/** After a pass fails (not aborted: an I/O or format error), the log is skipped for this many backoffs. */
const RETRY_AFTER_FAILURE_BACKOFFS = 10;

/**
 * Kafka's log cleaner for compacted topics (`cleanup.policy=compact` or `compact,delete`, `__consumer_offsets`
 * included). Every `log.cleaner.backoff.ms` it picks the filthiest eligible log — dirty ratio at or above
 * `min.cleanable.dirty.ratio`, or a dirty record older than `max.compaction.lag.ms`, or kept tombstones past
 * `delete.retention.ms` — and cleans it; after a completed pass it looks again at once. Passes run one at a time
 * on the event loop in slices of a few milliseconds (see `Cleaner`), never touching the active segment.
 */
export class LogCleaner {
  private readonly manager: LogCleanerManager;
  private readonly limits: CleanerLimits;
  private backoffMs: number;
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private stopping = false;
  private queue: Promise<unknown> = Promise.resolve();
  private cleaning: Log | null = null;
  private lastCheckAt: number | null = null;
  private nextCheckAt: number | null = null;

  constructor(private readonly options: LogCleanerOptions) {
    this.manager = new LogCleanerManager(options.dataDir, options.logger);
    this.backoffMs = options.backoffMs ?? 15_000;
    this.limits = { sliceMs: options.sliceMs ?? 2, maxKeysPerPass: options.maxKeysPerPass ?? 1_000_000 };
  }

  /** Starts the periodic checks; the first one runs at once. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.scheduleCheck(0);
  }

  /** Stops the checks and aborts a running pass at its next yield; resolves once it has stopped. */
  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.nextCheckAt = null;
    this.stopping = true;
    try {
      await this.queue;
    } finally {
      this.stopping = false;
    }
  }

  /** Applies a changed `log.cleaner.backoff.ms` from the next wait on. */
  setBackoffMs(backoffMs: number): void {
    this.backoffMs = backoffMs;
  }

  /**
   * Looks for the filthiest eligible log and cleans it, as a periodic check does; resolves with the pass, or null
   * when no log was eligible. Calls are queued behind a running pass.
   */
  runOnce(): Promise<LogCleaningRun | null> {
    const next = this.queue.then(() => this.checkAndClean());
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** The cleaner's state of one partition: dirty ratio, last pass, totals, and why it is not being cleaned. */
  stateOf(log: Log): LogCleanerState {
    return this.manager.describe(log, this.options.clock.now(), { running: this.running, cleaning: this.cleaning, nextCheckAt: this.nextCheckAt });
  }

  /** The checks' schedule and the partition being cleaned now (its `topic-partition` name). */
  get schedule(): { running: boolean; backoffMs: number; lastCheckAt: number | null; nextCheckAt: number | null; cleaning: string | null } {
    return { running: this.running, backoffMs: this.backoffMs, lastCheckAt: this.lastCheckAt, nextCheckAt: this.nextCheckAt, cleaning: this.cleaning?.name ?? null };
  }

  /** Forgets a deleted partition, dropping its entry from `cleaner-offset-checkpoint` (a pass on it aborts by itself). */
  forget(log: Log): void {
    this.manager.forget(log);
  }

  private scheduleCheck(delayMs: number): void {
    this.nextCheckAt = this.options.clock.now() + delayMs;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.runOnce().then(
        (run) => this.continueChecks(run?.outcome === "completed" ? 0 : this.backoffMs),
        (err: unknown) => {
          this.options.logger.warn(`log cleaner check failed: ${(err as Error).message}`);
          this.continueChecks(this.backoffMs);
        },
      );
    }, delayMs);
    this.timer.unref();
  }

  /** Schedules the next check, unless the cleaner stopped (or was stopped and restarted, which scheduled its own). */
  private continueChecks(delayMs: number): void {
    if (this.running && this.timer === null) this.scheduleCheck(delayMs);
  }

  private async checkAndClean(): Promise<LogCleaningRun | null> {
    const now = this.options.clock.now();
    this.lastCheckAt = now;
    if (this.stopping) return null;
    const chosen = this.manager.grabFilthiestLog(this.options.logs(), now);
    return chosen === null ? null : this.clean(chosen);
  }

  private async clean({ log, range, trigger }: LogToClean): Promise<LogCleaningRun> {
    const { clock, logger } = this.options;
    const startedAt = clock.now();
    const started = performance.now();
    const deleteRetentionMs = log.config.deleteRetentionMs;
    this.manager.beginPass(log, range.firstDirtyOffset, startedAt);
    const cleaner = new Cleaner(
      {
        log,
        firstDirtyOffset: range.firstDirtyOffset,
        firstUncleanableOffset: range.firstUncleanableOffset,
        tombstoneExpired: (offset) => this.manager.tombstoneExpired(log, offset, startedAt, deleteRetentionMs),
        producerLastRecord: (producerId) => log.producerLastRecord(producerId),
      },
      this.limits,
      () => (this.stopping ? "the cleaner is stopping" : null),
    );
    this.cleaning = log;
    let outcome: LogCleaningRun["outcome"] = "completed";
    let endOffset = range.firstDirtyOffset;
    let error: string | undefined;
    try {
      endOffset = await cleaner.run();
    } catch (err) {
      outcome = err instanceof CleaningAbortedError ? "aborted" : "failed";
      error = (err as Error).message;
      // A corrupt batch is never cleaned into a new segment (its records could not be trusted): the log checks and
      // quarantines that segment, and a later pass cleans what is left.
      if (err instanceof CorruptBatchError) log.checkSegment(err.segment, "read").catch(() => undefined);
    } finally {
      this.cleaning = null;
    }
    const endedAt = clock.now();
    const run: LogCleaningRun = {
      trigger,
      startedAt,
      endedAt,
      durationMs: Math.round((performance.now() - started) * 1000) / 1000,
      dirtyRatio: range.dirtyRatio,
      firstDirtyOffset: range.firstDirtyOffset,
      endOffset,
      outcome,
      ...(error === undefined ? {} : { error }),
      stats: cleaner.stats,
    };
    this.manager.recordRun(log, run, cleaner.keptTombstones, RETRY_AFTER_FAILURE_BACKOFFS * this.backoffMs);
    const s = run.stats;
    const summary =
      `${log.name}: cleaned offsets ${range.firstDirtyOffset}..${endOffset} (${trigger}, dirty ratio ${range.dirtyRatio.toFixed(3)}) in ${run.durationMs.toFixed(1)} ms: ` +
      `${s.segmentsReplaced} segment(s) → ${s.segmentsWritten}, ${s.bytesRead} bytes read, ${s.bytesReclaimed} bytes reclaimed, ` +
      `${s.recordsRemoved} record(s) removed (${s.tombstonesRemoved} tombstone(s)), longest slice ${s.longestSliceMs.toFixed(1)} ms`;
    if (outcome === "completed") logger.info(summary);
    else logger.warn(`${log.name}: cleaning pass ${outcome}: ${error}`);
    return run;
  }
}
