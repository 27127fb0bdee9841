import { existsSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { NO_PRODUCER_ID } from "../record-batch.js";
import { ProducerAppendInfo, type AppendOrigin } from "./producer-append-info.js";
import { ProducerStateEntry } from "./producer-state-entry.js";
import { CorruptSnapshotError, parseSnapshotFileName, readProducerSnapshot, snapshotFileName, writeProducerSnapshot } from "./producer-snapshot.js";

/**
 * The idempotent producers of one partition (Kafka's `ProducerStateManager`): producer id → epoch and last batches,
 * the offset up to which the log has been applied (`mapEndOffset`), and `<offset>.snapshot` files in the partition
 * directory from which the state is reloaded after a restart. Snapshots are taken at segment rolls and at a clean
 * shutdown; recovery loads the newest one at or below the log end and replays the log from there.
 */
export class ProducerStateManager {
  private readonly producers = new Map<number, ProducerStateEntry>();
  /** Snapshot offsets, ascending. */
  private snapshots: number[] = [];
  private lastMapOffset = 0;
  private lastSnapOffset = 0;

  constructor(
    readonly dir: string,
    readonly topicPartition: string,
    private producerIdExpirationMs: number,
  ) {
    this.snapshots = this.listSnapshots();
  }

  private listSnapshots(): number[] {
    if (!existsSync(this.dir)) return [];
    return readdirSync(this.dir)
      .map(parseSnapshotFileName)
      .filter((o): o is number => o !== undefined)
      .sort((a, b) => a - b);
  }

  /** Changes `producer.id.expiration.ms` (a dynamic broker config). */
  setProducerIdExpirationMs(ms: number): void {
    this.producerIdExpirationMs = ms;
  }

  /** The offset up to which the log's batches have been applied to this state. */
  get mapEndOffset(): number {
    return this.lastMapOffset;
  }

  updateMapEndOffset(offset: number): void {
    this.lastMapOffset = offset;
  }

  get isEmpty(): boolean {
    return this.producers.size === 0;
  }

  activeProducers(): ReadonlyMap<number, ProducerStateEntry> {
    return this.producers;
  }

  lastEntry(producerId: number): ProducerStateEntry | undefined {
    return this.producers.get(producerId);
  }

  /** Starts the changes an append makes to one producer (validated against its current state). */
  prepareUpdate(producerId: number, origin: AppendOrigin): ProducerAppendInfo {
    return new ProducerAppendInfo(this.topicPartition, producerId, this.producers.get(producerId) ?? ProducerStateEntry.empty(producerId), origin);
  }

  /** Applies an append's changes once its batches are written. */
  update(appendInfo: ProducerAppendInfo): void {
    if (appendInfo.producerId === NO_PRODUCER_ID) throw new Error(`Invalid producer id ${appendInfo.producerId} passed to update for partition ${this.topicPartition}`);
    const updated = appendInfo.toEntry();
    const current = this.producers.get(appendInfo.producerId);
    if (current) current.update(updated);
    else this.producers.set(appendInfo.producerId, updated);
  }

  private isExpired(now: number, entry: ProducerStateEntry): boolean {
    return entry.currentTxnFirstOffset < 0 && now - entry.lastTimestamp >= this.producerIdExpirationMs;
  }

  /** Forgets producers that have not written for `producer.id.expiration.ms` (their next batch may use any sequence). */
  removeExpiredProducers(now: number): number {
    let removed = 0;
    for (const [id, entry] of this.producers) {
      if (this.isExpired(now, entry)) {
        this.producers.delete(id);
        removed++;
      }
    }
    return removed;
  }

  // ---- snapshots ----

  snapshotOffsets(): readonly number[] {
    return this.snapshots;
  }

  get latestSnapshotOffset(): number | undefined {
    return this.snapshots.at(-1);
  }

  private snapshotPath(offset: number): string {
    return join(this.dir, snapshotFileName(offset));
  }

  /**
   * Writes `<mapEndOffset>.snapshot` unless the state has not moved since the last one (fsynced unless `sync` is
   * false). Returns whether it wrote.
   */
  takeSnapshot(sync = true): boolean {
    if (this.lastMapOffset <= this.lastSnapOffset) return false;
    writeProducerSnapshot(this.snapshotPath(this.lastMapOffset), this.producers.values(), sync);
    if (!this.snapshots.includes(this.lastMapOffset)) {
      this.snapshots.push(this.lastMapOffset);
      this.snapshots.sort((a, b) => a - b);
    }
    this.lastSnapOffset = this.lastMapOffset;
    return true;
  }

  /** Deletes the snapshot at `offset` (its segment was deleted). */
  removeSnapshot(offset: number): void {
    const index = this.snapshots.indexOf(offset);
    if (index < 0) return;
    this.snapshots.splice(index, 1);
    rmSync(this.snapshotPath(offset), { force: true });
  }

  /** Deletes every snapshot below `offset`. */
  deleteSnapshotsBefore(offset: number): void {
    for (const snapshot of this.snapshots.filter((o) => o < offset)) this.removeSnapshot(snapshot);
  }

  /** Kafka's `onLogStartOffsetIncremented`: producers are kept (they expire by time), the map never lags the log start. */
  onLogStartOffsetIncremented(logStartOffset: number): void {
    if (this.lastMapOffset < logStartOffset) this.lastMapOffset = logStartOffset;
    this.lastSnapOffset = this.latestSnapshotOffset ?? logStartOffset;
  }

  /**
   * Kafka's `truncateAndReload`: drops snapshots outside (logStartOffset, logEndOffset] and, unless the state is
   * already at the log end, reloads it from the newest remaining snapshot (skipping corrupt ones, which are deleted).
   * Producers expired by `now` are not loaded.
   */
  truncateAndReload(logStartOffset: number, logEndOffset: number, now: number): void {
    for (const offset of [...this.snapshots]) {
      if (offset > logEndOffset || offset <= logStartOffset) this.removeSnapshot(offset);
    }
    if (logEndOffset === this.lastMapOffset) {
      this.onLogStartOffsetIncremented(logStartOffset);
      return;
    }
    this.producers.clear();
    for (;;) {
      const latest = this.latestSnapshotOffset;
      if (latest === undefined) {
        this.lastSnapOffset = logStartOffset;
        this.lastMapOffset = logStartOffset;
        return;
      }
      try {
        for (const entry of readProducerSnapshot(this.snapshotPath(latest))) {
          if (!this.isExpired(now, entry)) this.producers.set(entry.producerId, entry);
        }
        this.lastSnapOffset = latest;
        this.lastMapOffset = latest;
        return;
      } catch (err) {
        if (!(err instanceof CorruptSnapshotError)) throw err;
        this.producers.clear();
        this.removeSnapshot(latest);
      }
    }
  }

  /** Forgets every producer and snapshot and starts over at `offset` (the log was emptied). */
  truncateFullyAndStartAt(offset: number): void {
    this.producers.clear();
    for (const snapshot of [...this.snapshots]) this.removeSnapshot(snapshot);
    this.lastSnapOffset = 0;
    this.lastMapOffset = offset;
  }
}
