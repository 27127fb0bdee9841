import { EventEmitter } from "node:events";
import { statfsSync, type StatsFs } from "node:fs";
import { statfs } from "node:fs/promises";
import type { LogDirState, LogDirStatus, Logger } from "../broker-types.js";
import type { Clock } from "../clock.js";
import { KafkaError, KafkaStorageError, LogDirFullError } from "../errors.js";
import { errorCode, isMissingFileError, isNoSpaceError, isResourceLimitError } from "./io-errors.js";

export interface LogDirHealthOptions {
  /** `log.dir.nearly.full.ratio`: the used ratio from which the directory is reported `nearly-full`. */
  nearlyFullRatio: number;
  /** `log.dir.min.free.bytes`: below this many usable bytes the directory is `full` and appends are refused. */
  minFreeBytes: number;
  /** `log.dir.space.check.interval.ms`: how often free space is measured in the background. */
  checkIntervalMs: number;
  clock: Clock;
  logger: Logger;
}

/** After an ENOSPC, appends stay refused until at least this much more space is usable than when it happened. */
const RESUME_MARGIN_BYTES = 64 * 1024;

/**
 * The health of one data directory (Kafka's log dir, with its LogDirFailureChannel's role): free space measured with
 * statfs on a timer, after deletions, and whenever the bytes appended since the last measure may have crossed
 * `log.dir.min.free.bytes`; write failures classified into `full` (ENOSPC: appends are refused fast, without touching
 * a file, until space is back) and `failed` (any other I/O error: writes are refused until a restart, because after a
 * failed write or fsync the kernel may have dropped pages that readers still see). Emits `state` on each transition,
 * which it also logs.
 */
export class LogDirHealth extends EventEmitter<{ state: [LogDirStatus] }> {
  private current: LogDirStatus;
  /** Usable bytes as last measured, less what appends took since: re-measured before it crosses the minimum. */
  private estimatedUsable = Number.POSITIVE_INFINITY;
  /** Usable bytes when the last ENOSPC happened, or null when none is pending. */
  private noSpaceAt: number | null = null;
  private failure: string | null = null;
  private timer: NodeJS.Timeout | null = null;
  private measuring: Promise<LogDirStatus> | null = null;

  constructor(
    readonly path: string,
    private readonly options: LogDirHealthOptions,
  ) {
    super();
    this.current = { path, totalBytes: 0, usableBytes: 0, usedRatio: 0, nearlyFullRatio: options.nearlyFullRatio, state: "ok", error: null, checkedAt: 0 };
  }

  /** Measures now, then every `checkIntervalMs` in the background. */
  start(): void {
    this.measure();
    if (this.timer || !Number.isFinite(this.options.checkIntervalMs)) return;
    this.timer = setInterval(() => void this.refresh().catch(() => undefined), Math.min(this.options.checkIntervalMs, 2 ** 31 - 1));
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** The directory's status as last measured. */
  status(): LogDirStatus {
    return { ...this.current };
  }

  get state(): LogDirState {
    return this.current.state;
  }

  /** Measures free space now (a statfs system call) and updates the state. */
  measure(): LogDirStatus {
    try {
      this.apply(statfsSync(this.path));
    } catch (err) {
      this.fail(`statfs of ${this.path} failed: ${(err as Error).message}`);
    }
    return this.status();
  }

  /** Measures free space on the thread pool (concurrent calls share one measure) and updates the state. */
  refresh(): Promise<LogDirStatus> {
    this.measuring ??= statfs(this.path)
      .then(
        (stats) => this.apply(stats),
        (err: Error) => this.fail(`statfs of ${this.path} failed: ${err.message}`),
      )
      .then(() => this.status())
      .finally(() => (this.measuring = null));
    return this.measuring;
  }

  /**
   * Refuses a write of about `bytes` when the directory is full or failed, measuring again first when the appends
   * since the last measure may have used the free space up. Throws LogDirFullError or KafkaStorageError.
   */
  checkWritable(bytes = 0): void {
    const after = this.estimatedUsable - bytes;
    if (this.current.state !== "failed" && (after < this.options.minFreeBytes + RESUME_MARGIN_BYTES || (this.current.state === "ok" && after < this.nearlyFullBytes()))) this.measure();
    if (this.current.state === "full") throw this.fullError("The append was refused");
    if (this.current.state === "failed") throw this.failedError("The append was refused");
    this.estimatedUsable -= bytes;
  }

  /** Throws unless the directory takes writes; for admin writes (topic creation) that need no size estimate. */
  assertWritable(what: string): void {
    if (this.current.state === "full") throw this.fullError(what);
    if (this.current.state === "failed") throw this.failedError(what);
  }

  /**
   * Classifies the error of a failed write or fsync (`what` names it) and returns the error to answer with: ENOSPC
   * and EDQUOT make the directory `full` (LogDirFullError); EIO does too when the filesystem has no space left (some
   * filesystems report a failed delayed allocation so), and otherwise takes the directory to `failed`, as does any
   * other I/O error. Running out of file descriptors is the process's limit, and a missing file is that partition's
   * problem, not the disk's: the state stays.
   */
  writeFailed(err: unknown, what: string): KafkaError {
    if (err instanceof KafkaError) return err;
    const message = (err as Error)?.message ?? String(err);
    if (isNoSpaceError(err)) return this.noSpace(what, message);
    if (isResourceLimitError(err)) {
      this.current.error = `${what}: ${message}`;
      return new KafkaStorageError(`${what} failed: ${message} (the process has too many open files).`);
    }
    if (isMissingFileError(err)) return new KafkaStorageError(`${what} failed: ${message}`);
    if (errorCode(err) === "EIO") {
      this.measure();
      if (this.current.usableBytes < this.options.minFreeBytes + RESUME_MARGIN_BYTES) return this.noSpace(what, message);
    }
    if (errorCode(err) === undefined) return new KafkaStorageError(`${what} failed: ${message}`);
    this.fail(`${what} failed: ${message}`);
    return this.failedError(what);
  }

  /** Usable bytes below which the used ratio reaches `nearlyFullRatio`. */
  private nearlyFullBytes(): number {
    return this.current.totalBytes * (1 - this.options.nearlyFullRatio);
  }

  private noSpace(what: string, message: string): LogDirFullError {
    this.measure();
    this.noSpaceAt = this.current.usableBytes;
    this.current.error = `${what}: ${message}`;
    this.update(this.stateFor(this.current.usableBytes, this.current.usedRatio));
    return this.fullError(what);
  }

  private fullError(what: string): LogDirFullError {
    const { usableBytes, totalBytes } = this.current;
    return new LogDirFullError(
      `${what}: the data directory ${this.path} is full (${usableBytes} bytes free of ${totalBytes}; ` +
        `appends need at least log.dir.min.free.bytes=${this.options.minFreeBytes}). Delete topics or records, or free space; appends resume by themselves.`,
    );
  }

  private failedError(what: string): KafkaStorageError {
    return new KafkaStorageError(`${what}: the data directory ${this.path} is offline for writes after an I/O error (${this.failure}); restart the broker once the disk is fixed.`);
  }

  private fail(message: string): void {
    this.failure ??= message;
    this.current.error = message;
    this.update("failed");
  }

  private apply(stats: StatsFs): void {
    const totalBytes = stats.blocks * stats.bsize;
    const usableBytes = stats.ffree === 0 && stats.files > 0 ? 0 : stats.bavail * stats.bsize;
    const usedRatio = totalBytes > 0 ? (totalBytes - usableBytes) / totalBytes : 0;
    this.estimatedUsable = usableBytes;
    if (this.noSpaceAt !== null && usableBytes >= Math.max(this.options.minFreeBytes, this.noSpaceAt + RESUME_MARGIN_BYTES)) this.noSpaceAt = null;
    Object.assign(this.current, { totalBytes, usableBytes, usedRatio, checkedAt: this.options.clock.now() });
    this.update(this.stateFor(usableBytes, usedRatio));
  }

  private stateFor(usableBytes: number, usedRatio: number): LogDirState {
    if (this.failure !== null) return "failed";
    if (usableBytes < this.options.minFreeBytes || this.noSpaceAt !== null) return "full";
    return usedRatio >= this.options.nearlyFullRatio ? "nearly-full" : "ok";
  }

  private update(state: LogDirState): void {
    const previous = this.current.state;
    if (state === previous) return;
    this.current.state = state;
    const { usableBytes, totalBytes, usedRatio } = this.current;
    const space = `${usableBytes} bytes free of ${totalBytes} (${(usedRatio * 100).toFixed(1)}% used)`;
    const { logger } = this.options;
    const error = logger.error?.bind(logger) ?? logger.warn.bind(logger);
    if (state === "failed") error(`Log directory ${this.path} failed: ${this.failure}. Writes are refused until the broker restarts; reads go on.`);
    else if (state === "full") error(`Log directory ${this.path} is full: ${space}, below log.dir.min.free.bytes=${this.options.minFreeBytes}. Appends are refused until space is freed; reads go on.`);
    else if (state === "nearly-full") logger.warn(`Log directory ${this.path} is nearly full: ${space}, at or above log.dir.nearly.full.ratio=${this.options.nearlyFullRatio}.`);
    else logger.info(`Log directory ${this.path} has room again: ${space}.${previous === "full" ? " Appends resume." : ""}`);
    if (state !== "failed" && state !== "full") this.current.error = null;
    this.emit("state", this.status());
  }
}
