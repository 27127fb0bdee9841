import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { rm } from "node:fs/promises";
import { join } from "node:path";
import type { CorruptRange, Logger } from "../broker-types.js";
import type { Clock } from "../clock.js";
import { KafkaError, KafkaStorageError } from "../errors.js";
import { Log } from "./log.js";
import type { LogDirHealth } from "./log-dir-health.js";
import type { LogSettings } from "./log-settings.js";
import { OffsetCheckpointFile, partitionKey, type TopicPartition } from "./offset-checkpoint.js";
import { sharedOpenFiles, type OpenFiles } from "./open-files.js";
import {
  deletedPartitionDirName,
  parseDeletedPartitionDir,
  parsePartitionDir,
  parseStagedPartitionDir,
  readPartitionTopicId,
  stagedPartitionDirName,
  writePartitionTopicId,
  type DeletedPartitionDir,
  type PartitionDir,
} from "./partition-dir.js";
import { LogSegment } from "./segment.js";

const RECOVERY_POINT_CHECKPOINT = "recovery-point-offset-checkpoint";
const LOG_START_OFFSET_CHECKPOINT = "log-start-offset-checkpoint";
/** Kafka's name: each replicated partition's high watermark, so a restarted replica never exposes more than was committed. */
const REPLICATION_OFFSET_CHECKPOINT = "replication-offset-checkpoint";
const CLEAN_SHUTDOWN_MARKER = ".kafka_cleanshutdown";

/** What the data directory holds, before the broker decides what each directory is. */
export interface DataDirContents {
  partitions: (PartitionDir & { topicId: string | undefined })[];
  /** `-delete` directories: deletions not yet recorded by the metadata store, or not yet cleaned up. */
  pendingDeletes: DeletedPartitionDir[];
  /** `-creating` directories: creations a crash or a failure interrupted. */
  staged: DeletedPartitionDir[];
}

export interface LogManagerOptions {
  health: LogDirHealth;
  logger: Logger;
  openFiles?: OpenFiles;
  /** Called for each corrupt range a log finds. */
  onCorruption?: (range: CorruptRange) => void;
  /** `producer.id.expiration.ms`, for the producer state logs load. */
  producerIdExpirationMs?: number;
}

/**
 * Owns the data directory: one `<topic>-<partition>` directory per log, the recovery-point and log-start
 * checkpoints, the clean-shutdown marker that lets a restart skip recovery, and the staging (`-creating`) and
 * deletion (`-delete`) directories that make topic creation and deletion atomic across crashes.
 */
export class LogManager {
  private readonly logs = new Map<string, Log>();
  private readonly recoveryCheckpoint: OffsetCheckpointFile;
  private readonly startCheckpoint: OffsetCheckpointFile;
  private readonly highWatermarkCheckpoint: OffsetCheckpointFile;
  private highWatermarks = new Map<string, number>();
  private recoveryPoints = new Map<string, number>();
  private startOffsets = new Map<string, number>();
  private cleanShutdown = false;
  private checkpointTimer: NodeJS.Timeout | null = null;
  private checkpointSoon: NodeJS.Immediate | null = null;
  private readonly openFiles: OpenFiles;
  /** Why the last checkpoint failed (no space), or null: it is written again as soon as the directory has room. */
  private checkpointFailure: string | null = null;
  /** What start-up found wrong with the checkpoints. */
  readonly repairs: string[] = [];

  constructor(
    readonly dataDir: string,
    private readonly clock: Clock,
    private readonly options: LogManagerOptions,
  ) {
    this.recoveryCheckpoint = new OffsetCheckpointFile(join(dataDir, RECOVERY_POINT_CHECKPOINT));
    this.startCheckpoint = new OffsetCheckpointFile(join(dataDir, LOG_START_OFFSET_CHECKPOINT));
    this.highWatermarkCheckpoint = new OffsetCheckpointFile(join(dataDir, REPLICATION_OFFSET_CHECKPOINT));
    this.openFiles = options.openFiles ?? sharedOpenFiles;
    options.health.on("state", (status) => {
      if (this.checkpointFailure !== null && (status.state === "ok" || status.state === "nearly-full") && this.checkpointTimer !== null) this.checkpoint();
    });
  }

  /** Why the last checkpoint could not be written (the log start offsets and recovery points on disk are older), or null. */
  get checkpointPending(): string | null {
    return this.checkpointFailure;
  }

  get health(): LogDirHealth {
    return this.options.health;
  }

  /**
   * Reads the checkpoints and the clean-shutdown marker (removing it: from now on a crash must be noticed). Nothing
   * here needs free space, so a broker restarts on a full disk.
   */
  start(checkpointIntervalMs: number): void {
    mkdirSync(this.dataDir, { recursive: true });
    const marker = join(this.dataDir, CLEAN_SHUTDOWN_MARKER);
    this.cleanShutdown = existsSync(marker);
    try {
      rmSync(marker, { force: true });
    } catch (err) {
      // A marker that cannot be removed would make the next start skip recovery after a crash: recover now and
      // report; the directory is in trouble anyway (read-only?).
      this.cleanShutdown = false;
      this.repairs.push(`could not remove ${CLEAN_SHUTDOWN_MARKER} (${(err as Error).message}): every log is recovered`);
      this.health.writeFailed(err, `Removing ${marker}`);
    }
    this.recoveryPoints = this.readCheckpoint(this.recoveryCheckpoint);
    this.startOffsets = this.readCheckpoint(this.startCheckpoint);
    this.highWatermarks = this.readCheckpoint(this.highWatermarkCheckpoint);
    this.checkpointTimer = setInterval(() => this.checkpoint(), Math.min(Math.max(1, checkpointIntervalMs), 2 ** 31 - 1));
    this.checkpointTimer.unref();
  }

  private readCheckpoint(file: OffsetCheckpointFile): Map<string, number> {
    try {
      return file.read();
    } catch (err) {
      this.cleanShutdown = false;
      this.repairs.push(`ignored an unreadable checkpoint, every log will be recovered: ${(err as Error).message}`);
      return new Map();
    }
  }

  /** Whether the last run ended with a clean shutdown (so logs need no recovery). */
  get wasCleanShutdown(): boolean {
    return this.cleanShutdown;
  }

  /** Lists the partition directories, the ones left half-deleted and the ones staged for a creation. */
  scan(): DataDirContents {
    const contents: DataDirContents = { partitions: [], pendingDeletes: [], staged: [] };
    for (const entry of readdirSync(this.dataDir, { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      const name = entry.name;
      const deleted = parseDeletedPartitionDir(name);
      if (deleted) {
        contents.pendingDeletes.push(deleted);
        continue;
      }
      const staged = parseStagedPartitionDir(name);
      if (staged) {
        contents.staged.push(staged);
        continue;
      }
      const dir = parsePartitionDir(name);
      if (dir) contents.partitions.push({ ...dir, topicId: this.topicIdOf(name) });
    }
    return contents;
  }

  private topicIdOf(name: string): string | undefined {
    try {
      return readPartitionTopicId(join(this.dataDir, name));
    } catch {
      return undefined;
    }
  }

  /**
   * Opens (creating when missing) a partition's log, recovering it when the last shutdown was not clean. Throws
   * KafkaStorageError when it cannot: the broker then keeps that partition offline and serves the others.
   */
  openLog(tp: TopicPartition, topicId: string, config: LogSettings): { log: Log; repairs: string[] } {
    const key = partitionKey(tp);
    const dir = join(this.dataDir, key);
    try {
      const existed = existsSync(dir);
      mkdirSync(dir, { recursive: true });
      if (readPartitionTopicId(dir) !== topicId) writePartitionTopicId(dir, topicId);
      const recoveryPoint = !existed || this.cleanShutdown ? Number.MAX_SAFE_INTEGER : (this.recoveryPoints.get(key) ?? 0);
      const opened = Log.open({
        dir,
        name: key,
        config,
        clock: this.clock,
        recoveryPoint,
        logStartOffset: this.startOffsets.get(key) ?? 0,
        openFiles: this.openFiles,
        health: this.health,
        onRollFlushed: () => this.scheduleCheckpoint(),
        ...(this.options.onCorruption ? { onCorruption: this.options.onCorruption } : {}),
        ...(this.options.producerIdExpirationMs ? { producerIdExpirationMs: this.options.producerIdExpirationMs } : {}),
        cleanShutdown: this.cleanShutdown,
        ...(this.highWatermarks.has(key) ? { checkpointedHighWatermark: this.highWatermarks.get(key)! } : {}),
      });
      this.logs.set(key, opened.log);
      return opened;
    } catch (err) {
      if (err instanceof KafkaError) throw err;
      throw new KafkaStorageError(`The log of ${key} could not be opened: ${(err as Error).message}`);
    }
  }

  /** Every open log. */
  allLogs(): IterableIterator<Log> {
    return this.logs.values();
  }

  getLog(tp: TopicPartition): Log | undefined {
    return this.logs.get(partitionKey(tp));
  }

  /**
   * The first step of creating partitions: each gets a staging directory `<topic>-<p>.<topicId>-creating` holding
   * its `partition.metadata` and an empty first segment, so that nothing of a creation the metadata store has not
   * recorded can be mistaken for a partition. All or nothing: on failure every staged directory is removed and the
   * error (LogDirFullError when there is no space) is thrown.
   */
  stageLogs(partitions: TopicPartition[], topicId: string, config: LogSettings): void {
    try {
      for (const tp of partitions) {
        const dir = join(this.dataDir, stagedPartitionDirName(tp.topic, tp.partition, topicId));
        rmSync(dir, { recursive: true, force: true });
        mkdirSync(dir);
        writePartitionTopicId(dir, topicId, false);
        const segmentConfig = { indexIntervalBytes: config.indexIntervalBytes, maxIndexBytes: config.segmentIndexBytes };
        const io = { files: this.openFiles, indexWriteFailed: () => undefined };
        LogSegment.create(dir, 0, segmentConfig, io, this.clock.now()).release();
      }
    } catch (err) {
      this.removeStaged(partitions, topicId);
      throw this.health.writeFailed(err, `Creating the log directories of ${partitions.length} partition(s) of topic ${partitions[0]?.topic}`);
    }
  }

  /** Removes staging directories (a creation that failed, or one a crash interrupted before the store recorded it). */
  removeStaged(partitions: TopicPartition[], topicId: string): void {
    for (const tp of partitions) rmSync(join(this.dataDir, stagedPartitionDirName(tp.topic, tp.partition, topicId)), { recursive: true, force: true });
  }

  /** Gives a staged partition its final name (after the store recorded the topic). A missing staging directory is fine. */
  promoteStaged(tp: TopicPartition, topicId: string): void {
    const staged = join(this.dataDir, stagedPartitionDirName(tp.topic, tp.partition, topicId));
    if (existsSync(staged)) renameSync(staged, join(this.dataDir, partitionKey(tp)));
  }

  /**
   * Deletes a topic's logs as far as the disk goes, without needing free space: every directory is first renamed
   * `<topic>-<p>.<topicId>-delete` (an atomic rename: a crash leaves the deletion visible and resumable), then its
   * files are removed, freeing their space. The emptied `-delete` directories stay as markers until the metadata
   * store has recorded the deletion (`removeDeleteMarkers`). Resolves once the files are gone.
   */
  async deleteLogs(partitions: TopicPartition[], topicId: string): Promise<void> {
    const doomed: string[] = [];
    let failure: unknown;
    for (const tp of partitions) {
      const key = partitionKey(tp);
      const log = this.logs.get(key);
      this.logs.delete(key);
      try {
        log?.closeWithoutFlush();
        const dir = join(this.dataDir, key);
        if (!existsSync(dir)) continue;
        const renamed = join(this.dataDir, deletedPartitionDirName(tp.topic, tp.partition, topicId));
        renameSync(dir, renamed);
        doomed.push(renamed);
      } catch (err) {
        failure ??= err;
      }
    }
    await Promise.all(doomed.map((dir) => emptyDir(dir)));
    if (failure !== undefined) throw failure;
  }

  /** Removes the `-delete` markers of a deletion the metadata store has recorded. */
  removeDeleteMarkers(partitions: TopicPartition[], topicId: string): void {
    for (const tp of partitions) rmSync(join(this.dataDir, deletedPartitionDirName(tp.topic, tp.partition, topicId)), { recursive: true, force: true });
  }

  /** Removes a directory outright (a half-deleted partition, or a stale one from a re-created topic). */
  removeDir(name: string): void {
    rmSync(join(this.dataDir, name), { recursive: true, force: true });
  }

  /** Empties a `-delete` directory found at start-up (frees its space; the marker stays until the store agrees). */
  async emptyDeleteMarker(name: string): Promise<void> {
    await emptyDir(join(this.dataDir, name));
  }

  /**
   * Writes every log's recovery point and log start offset. A failure (no space) is reported to the directory's
   * health and logged, and the checkpoint is written again when the directory has room (or at the next interval);
   * meanwhile a restart recovers more, and log start offsets moved since the last checkpoint move back. Returns
   * whether it succeeded.
   */
  checkpoint(): boolean {
    const recovery: [TopicPartition, number][] = [];
    const starts: [TopicPartition, number][] = [];
    const highWatermarks: [TopicPartition, number][] = [];
    for (const [key, log] of this.logs) {
      const dir = parsePartitionDir(key)!;
      recovery.push([dir, log.recoveryPoint]);
      if (log.logStartOffset > 0) starts.push([dir, log.logStartOffset]);
      if (log.isReplicated) highWatermarks.push([dir, log.highWatermark]);
    }
    try {
      this.recoveryCheckpoint.write(recovery);
      this.startCheckpoint.write(starts);
      if (highWatermarks.length > 0 || this.highWatermarks.size > 0) this.highWatermarkCheckpoint.write(highWatermarks);
      this.checkpointFailure = null;
      return true;
    } catch (err) {
      const error = this.health.writeFailed(err, "Writing the recovery-point and log-start-offset checkpoints");
      this.checkpointFailure = error.message;
      this.options.logger.warn(`${error.message} It is written again as soon as there is room.`);
      return false;
    }
  }

  /** Checkpoints soon (once for every roll in the same turn of the event loop). */
  private scheduleCheckpoint(): void {
    if (this.checkpointSoon || this.checkpointTimer === null) return;
    this.checkpointSoon = setImmediate(() => {
      this.checkpointSoon = null;
      this.checkpoint();
    });
  }

  /**
   * Flushes and closes every log, writes the checkpoints, and leaves the clean-shutdown marker — only when all of it
   * succeeded, so that a shutdown that could not flush is recovered at the next start.
   */
  close(): void {
    if (this.checkpointTimer) clearInterval(this.checkpointTimer);
    this.checkpointTimer = null;
    if (this.checkpointSoon) clearImmediate(this.checkpointSoon);
    this.checkpointSoon = null;
    let clean = true;
    for (const log of this.logs.values()) {
      try {
        log.close();
      } catch (err) {
        clean = false;
        this.options.logger.warn(`Closing ${log.name} failed: ${this.health.writeFailed(err, `Closing ${log.name}`).message}`);
      }
    }
    clean = this.checkpoint() && clean;
    this.logs.clear();
    if (!clean) return;
    try {
      writeFileSync(join(this.dataDir, CLEAN_SHUTDOWN_MARKER), "");
    } catch (err) {
      this.options.logger.warn(`Could not write ${CLEAN_SHUTDOWN_MARKER} (${(err as Error).message}): the next start recovers every log.`);
    }
  }
}

/** Removes everything inside `dir`, leaving `dir` itself; never throws (what stays is removed at the next start). */
async function emptyDir(dir: string): Promise<void> {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  await Promise.all(names.map((name) => rm(join(dir, name), { recursive: true, force: true }).catch(() => undefined)));
}
