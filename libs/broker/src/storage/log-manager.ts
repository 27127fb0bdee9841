import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Clock } from "../clock.js";
import { rm } from "node:fs/promises";
import { Log } from "./log.js";
import type { LogSettings } from "./log-settings.js";
import { OffsetCheckpointFile, partitionKey, type TopicPartition } from "./offset-checkpoint.js";
import {
  deletedPartitionDirName,
  parseDeletedPartitionDir,
  parsePartitionDir,
  readPartitionTopicId,
  writePartitionTopicId,
  type DeletedPartitionDir,
  type PartitionDir,
} from "./partition-dir.js";

const RECOVERY_POINT_CHECKPOINT = "recovery-point-offset-checkpoint";
const LOG_START_OFFSET_CHECKPOINT = "log-start-offset-checkpoint";
const CLEAN_SHUTDOWN_MARKER = ".kafka_cleanshutdown";

/** What the data directory holds, before the broker decides what each directory is. */
export interface DataDirContents {
  partitions: (PartitionDir & { topicId: string | undefined })[];
  pendingDeletes: DeletedPartitionDir[];
}

/**
 * Owns the data directory: one `<topic>-<partition>` directory per log, the recovery-point and log-start
 * checkpoints, and the clean-shutdown marker that lets a restart skip recovery.
 */
export class LogManager {
  private readonly logs = new Map<string, Log>();
  private readonly recoveryCheckpoint: OffsetCheckpointFile;
  private readonly startCheckpoint: OffsetCheckpointFile;
  private recoveryPoints = new Map<string, number>();
  private startOffsets = new Map<string, number>();
  private cleanShutdown = false;
  private checkpointTimer: NodeJS.Timeout | null = null;
  /** What start-up found wrong with the checkpoints. */
  readonly repairs: string[] = [];

  constructor(
    readonly dataDir: string,
    private readonly clock: Clock,
  ) {
    this.recoveryCheckpoint = new OffsetCheckpointFile(join(dataDir, RECOVERY_POINT_CHECKPOINT));
    this.startCheckpoint = new OffsetCheckpointFile(join(dataDir, LOG_START_OFFSET_CHECKPOINT));
  }

  /** Reads the checkpoints and the clean-shutdown marker (removing it: from now on a crash must be noticed). */
  start(checkpointIntervalMs: number): void {
    mkdirSync(this.dataDir, { recursive: true });
    const marker = join(this.dataDir, CLEAN_SHUTDOWN_MARKER);
    this.cleanShutdown = existsSync(marker);
    rmSync(marker, { force: true });
    this.recoveryPoints = this.readCheckpoint(this.recoveryCheckpoint);
    this.startOffsets = this.readCheckpoint(this.startCheckpoint);
    this.checkpointTimer = setInterval(() => this.checkpoint(), checkpointIntervalMs);
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

  /** Lists the partition directories and the ones left half-deleted. */
  scan(): DataDirContents {
    const contents: DataDirContents = { partitions: [], pendingDeletes: [] };
    for (const name of readdirSync(this.dataDir)) {
      if (!statSync(join(this.dataDir, name)).isDirectory()) continue;
      const deleted = parseDeletedPartitionDir(name);
      if (deleted) {
        contents.pendingDeletes.push(deleted);
        continue;
      }
      const dir = parsePartitionDir(name);
      if (dir) contents.partitions.push({ ...dir, topicId: readPartitionTopicId(join(this.dataDir, name)) });
    }
    return contents;
  }

  /** Opens (creating when missing) a partition's log, recovering it when the last shutdown was not clean. */
  openLog(tp: TopicPartition, topicId: string, config: LogSettings): { log: Log; repairs: string[] } {
    const key = partitionKey(tp);
    const dir = join(this.dataDir, key);
    const existed = existsSync(dir);
    mkdirSync(dir, { recursive: true });
    if (readPartitionTopicId(dir) !== topicId) writePartitionTopicId(dir, topicId);
    const recoveryPoint = !existed || this.cleanShutdown ? Number.MAX_SAFE_INTEGER : (this.recoveryPoints.get(key) ?? 0);
    const opened = Log.open({ dir, name: key, config, clock: this.clock, recoveryPoint, logStartOffset: this.startOffsets.get(key) ?? 0 });
    this.logs.set(key, opened.log);
    return opened;
  }

  /** Every open log. */
  allLogs(): IterableIterator<Log> {
    return this.logs.values();
  }

  getLog(tp: TopicPartition): Log | undefined {
    return this.logs.get(partitionKey(tp));
  }

  /**
   * Deletes a topic's logs: first every directory is renamed `<topic>-<p>.<topicId>-delete` (each an atomic
   * rename, so a crash leaves the deletion visible and resumable), then the renamed directories are removed.
   */
  deleteLogs(partitions: TopicPartition[], topicId: string): void {
    const doomed: string[] = [];
    for (const tp of partitions) {
      const key = partitionKey(tp);
      this.logs.get(key)?.close();
      this.logs.delete(key);
      const dir = join(this.dataDir, key);
      if (!existsSync(dir)) continue;
      const renamed = join(this.dataDir, deletedPartitionDirName(tp.topic, tp.partition, topicId));
      renameSync(dir, renamed);
      doomed.push(renamed);
    }
    void Promise.all(doomed.map((dir) => rm(dir, { recursive: true, force: true }))).catch(() => undefined);
  }

  /** Removes a directory outright (a half-deleted partition, or a stale one from a re-created topic). */
  removeDir(name: string): void {
    rmSync(join(this.dataDir, name), { recursive: true, force: true });
  }

  /** Writes every log's recovery point and log start offset. */
  checkpoint(): void {
    const recovery: [TopicPartition, number][] = [];
    const starts: [TopicPartition, number][] = [];
    for (const [key, log] of this.logs) {
      const dir = parsePartitionDir(key)!;
      recovery.push([dir, log.recoveryPoint]);
      if (log.logStartOffset > 0) starts.push([dir, log.logStartOffset]);
    }
    this.recoveryCheckpoint.write(recovery);
    this.startCheckpoint.write(starts);
  }

  /** Flushes and closes every log, writes the checkpoints, and leaves the clean-shutdown marker. */
  close(): void {
    if (this.checkpointTimer) clearInterval(this.checkpointTimer);
    for (const log of this.logs.values()) log.close();
    this.checkpoint();
    this.logs.clear();
    writeFileSync(join(this.dataDir, CLEAN_SHUTDOWN_MARKER), "");
  }
}
