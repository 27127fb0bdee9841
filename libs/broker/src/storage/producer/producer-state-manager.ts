import { existsSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { NO_PRODUCER_ID } from "../record-batch.js";
import { ProducerAppendInfo, type AppendOrigin, type CompletedTxn, type TxnMetadata } from "./producer-append-info.js";
import { ProducerStateEntry } from "./producer-state-entry.js";
import { CorruptSnapshotError, parseSnapshotFileName, readProducerSnapshot, snapshotFileName, writeProducerSnapshot } from "./producer-snapshot.js";

/**
 * The idempotent and transactional producers of one partition (Kafka's `ProducerStateManager`): producer id → epoch,
 * last batches and open transaction; the transactions open in the partition (which hold the last stable offset
 * back) and those ended by a marker the high watermark has not passed yet; the offset up to which the log has been
 * applied (`mapEndOffset`); and `<offset>.snapshot` files in the partition directory from which the state is
 * reloaded after a restart. Snapshots are taken at segment rolls and at a clean shutdown; recovery loads the newest
 * one at or below the log end and replays the log from there.
 */
export class ProducerStateManager {
  private readonly producers = new Map<number, ProducerStateEntry>();
  /** Open transactions by first offset. */
  private readonly ongoingTxns = new Map<number, TxnMetadata>();
  /** Ended transactions whose marker is at or past the high watermark, by first offset. */
  private readonly unreplicatedTxns = new Map<number, TxnMetadata>();
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
    return this.producers.size === 0 && this.unreplicatedTxns.size === 0;
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
    for (const txn of appendInfo.startedTransactions()) this.ongoingTxns.set(txn.firstOffset, { ...txn });
  }

  // ---- transactions ----

  /**
   * The first offset of a transaction that is open, or ended by a marker the high watermark has not passed
   * (Kafka's `firstUnstableOffset`); null when there is none. The last stable offset is the lower of it and the
   * high watermark.
   */
  firstUnstableOffset(): number | null {
    let first: number | null = null;
    for (const offset of this.ongoingTxns.keys()) if (first === null || offset < first) first = offset;
    for (const offset of this.unreplicatedTxns.keys()) if (first === null || offset < first) first = offset;
    return first;
  }

  /** The first offset of a transaction still open, ignoring replication (Kafka's `firstUndecidedOffset`); null when none. */
  firstUndecidedOffset(): number | null {
    let first: number | null = null;
    for (const offset of this.ongoingTxns.keys()) if (first === null || offset < first) first = offset;
    return first;
  }

  /** The transactions open in the partition, oldest first. */
  openTransactions(): TxnMetadata[] {
    return [...this.ongoingTxns.values()].sort((a, b) => a.firstOffset - b.firstOffset);
  }

  /**
   * The LSO once `completed` ends (Kafka's `lastStableOffset(completedTxn)`): the first offset of the oldest other
   * producer's open transaction, or the offset after the marker. What the transaction index records for an abort.
   */
  lastStableOffset(completed: CompletedTxn): number {
    let next: number | null = null;
    for (const txn of this.ongoingTxns.values()) {
      if (txn.producerId !== completed.producerId && (next === null || txn.firstOffset < next)) next = txn.firstOffset;
    }
    return next ?? completed.lastOffset + 1;
  }

  /** Marks a transaction ended by its marker; it stops holding the LSO back once the high watermark passes the marker. */
  completeTxn(completed: CompletedTxn): void {
    const txn = this.ongoingTxns.get(completed.firstOffset);
    if (!txn) throw new Error(`Attempted to complete transaction ${JSON.stringify(completed)} on partition ${this.topicPartition} which was not started`);
    this.ongoingTxns.delete(completed.firstOffset);
    txn.lastOffset = completed.lastOffset;
    this.unreplicatedTxns.set(completed.firstOffset, txn);
  }

  /** The high watermark passed `highWatermark`: ended transactions whose marker is below it no longer hold the LSO. */
  onHighWatermarkUpdated(highWatermark: number): void {
    this.removeUnreplicatedTransactions(highWatermark);
  }

  private removeUnreplicatedTransactions(offset: number): void {
    for (const [first, txn] of this.unreplicatedTxns) if (txn.lastOffset !== null && txn.lastOffset < offset) this.unreplicatedTxns.delete(first);
  }

  /** Takes a producer from a snapshot, with its open transaction (Kafka's `loadProducerEntry`). */
  private loadProducerEntry(entry: ProducerStateEntry): void {
    this.producers.set(entry.producerId, entry);
    if (entry.currentTxnFirstOffset >= 0) {
      this.ongoingTxns.set(entry.currentTxnFirstOffset, { producerId: entry.producerId, firstOffset: entry.currentTxnFirstOffset, lastOffset: null });
    }
  }

  private clearProducers(): void {
    this.producers.clear();
    this.ongoingTxns.clear();
    this.unreplicatedTxns.clear();
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
    this.removeUnreplicatedTransactions(logStartOffset);
    if (this.lastMapOffset < logStartOffset) this.lastMapOffset = logStartOffset;
    this.lastSnapOffset = this.latestSnapshotOffset ?? logStartOffset;
  }

  /**
   * Kafka's `truncateAndReload`: drops snapshots outside (logStartOffset, logEndOffset] and, unless the state is
   * already at the log end, reloads it from the newest remaining snapshot (skipping corrupt ones, which are deleted).
   * With `loadAtOrBelow`, the state is reloaded from the newest snapshot at or below that offset even if it is at the
   * log end (the log is replayed from there; newer snapshots stay, and are rewritten as the replay passes them).
   * Producers expired by `now` are not loaded.
   */
  truncateAndReload(logStartOffset: number, logEndOffset: number, now: number, loadAtOrBelow?: number): void {
    for (const offset of [...this.snapshots]) {
      if (offset > logEndOffset || offset <= logStartOffset) this.removeSnapshot(offset);
    }
    if (logEndOffset === this.lastMapOffset && loadAtOrBelow === undefined) {
      this.onLogStartOffsetIncremented(logStartOffset);
      return;
    }
    const limit = loadAtOrBelow ?? logEndOffset;
    this.clearProducers();
    for (;;) {
      const latest = this.snapshots.filter((o) => o <= limit).at(-1);
      if (latest === undefined) {
        this.lastSnapOffset = logStartOffset;
        this.lastMapOffset = logStartOffset;
        return;
      }
      try {
        for (const entry of readProducerSnapshot(this.snapshotPath(latest))) {
          if (!this.isExpired(now, entry)) this.loadProducerEntry(entry);
        }
        this.lastSnapOffset = latest;
        this.lastMapOffset = latest;
        return;
      } catch (err) {
        if (!(err instanceof CorruptSnapshotError)) throw err;
        this.clearProducers();
        this.removeSnapshot(latest);
      }
    }
  }

  /** Forgets every producer and snapshot and starts over at `offset` (the log was emptied). */
  truncateFullyAndStartAt(offset: number): void {
    this.clearProducers();
    for (const snapshot of [...this.snapshots]) this.removeSnapshot(snapshot);
    this.lastSnapOffset = 0;
    this.lastMapOffset = offset;
  }
}
