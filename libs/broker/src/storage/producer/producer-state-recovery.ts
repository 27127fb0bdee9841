import { readEndTransactionMarker } from "../control-records.js";
import { batchLastOffset, batchLastSequence, isControlBatch, isTransactionalBatch, NO_PRODUCER_ID, type RecordBatchHeader } from "../record-batch.js";
import type { AbortedTxn } from "../transaction-index.js";
import type { ProducerStateManager } from "./producer-state-manager.js";

/** What recovery needs of a segment: where it starts, its batch headers in order, and its transaction index. */
export interface ProducerStateSegment<B extends { header: RecordBatchHeader } = { header: RecordBatchHeader }> {
  readonly baseOffset: number;
  batches(): Iterable<B>;
  /** The bytes of a batch `batches()` found: control batches are read for their marker. */
  readBatch(batch: B): Buffer;
  /** Replaces the segment's transaction index with what the replay found; returns why its file could not be written, if so. */
  rebuildTxnIndex(entries: readonly AbortedTxn[]): string | null;
}

/**
 * Kafka's `rebuildProducerState`: brings the producer state to `logEndOffset` by loading the newest snapshot at or
 * below it and replaying the batch headers of the log from there (only control batches are read: their markers end
 * transactions). After a clean shutdown without any snapshot (a log written before producer state existed), nothing
 * is replayed: empty snapshots are taken at the last two segments' starts and at the log end, so later recoveries
 * start from them.
 *
 * `reindex` names the segments whose transaction index must be rebuilt (recovered after a crash, or whose
 * `.txnindex` could not be trusted): the state is then loaded from the newest snapshot at or below the first of
 * them and each aborted transaction whose marker the replay meets in such a segment is indexed again with the LSO of
 * its time.
 *
 * A snapshot that cannot be written (a full disk) does not stop the rebuild: the state in memory is complete, and
 * the next recovery replays from an older snapshot. Returns why snapshots could not be written, if any.
 */
export function rebuildProducerState<B extends { header: RecordBatchHeader }>(
  manager: ProducerStateManager,
  segments: readonly ProducerStateSegment<B>[],
  logStartOffset: number,
  logEndOffset: number,
  now: number,
  reloadFromCleanShutdown: boolean,
  reindex: ReadonlySet<ProducerStateSegment<B>> = new Set(),
): string[] {
  const failures: string[] = [];
  const takeSnapshot = () => {
    try {
      manager.takeSnapshot();
    } catch (err) {
      failures.push(`could not write the producer snapshot at offset ${manager.mapEndOffset}: ${(err as Error).message}`);
    }
  };
  const offsetsToSnapshot = new Set<number>([logEndOffset]);
  if (segments.length > 0) offsetsToSnapshot.add(segments.at(-1)!.baseOffset);
  if (segments.length > 1) offsetsToSnapshot.add(segments.at(-2)!.baseOffset);
  if (manager.latestSnapshotOffset === undefined && reloadFromCleanShutdown && reindex.size === 0) {
    for (const offset of [...offsetsToSnapshot].sort((a, b) => a - b)) {
      manager.updateMapEndOffset(offset);
      takeSnapshot();
    }
    return failures;
  }
  const firstReindexed = segments.find((s) => reindex.has(s));
  const emptyBeforeTruncation = manager.isEmpty && manager.mapEndOffset >= logEndOffset;
  manager.truncateAndReload(logStartOffset, logEndOffset, now, firstReindexed ? Math.max(logStartOffset, firstReindexed.baseOffset) : undefined);
  if (logEndOffset > manager.mapEndOffset && (!emptyBeforeTruncation || firstReindexed)) {
    for (let i = 0; i < segments.length; i++) {
      const segment = segments[i]!;
      const nextBase = segments[i + 1]?.baseOffset ?? Number.POSITIVE_INFINITY;
      if (nextBase <= manager.mapEndOffset || segment.baseOffset >= logEndOffset) continue;
      const startOffset = Math.max(segment.baseOffset, manager.mapEndOffset, logStartOffset);
      manager.updateMapEndOffset(startOffset);
      if (offsetsToSnapshot.has(segment.baseOffset)) takeSnapshot();
      const aborted = reindex.has(segment) ? [] : null;
      replayBatches(manager, segment, startOffset, logEndOffset, aborted);
      if (aborted) {
        const failure = segment.rebuildTxnIndex(aborted);
        if (failure) failures.push(failure);
      }
    }
  }
  manager.updateMapEndOffset(logEndOffset);
  takeSnapshot();
  return failures;
}

/**
 * Applies the producer batches of `[startOffset, endOffset)` of a segment, unchecked (they were checked when
 * written), batch by batch as Kafka's `updateProducers` does: a marker ends its producer's transaction, which an
 * abort also records in the segment's transaction index when it is being rebuilt.
 */
function replayBatches<B extends { header: RecordBatchHeader }>(
  manager: ProducerStateManager,
  segment: ProducerStateSegment<B>,
  startOffset: number,
  endOffset: number,
  /** Collects the aborted transactions whose markers are in the segment (its index is being rebuilt), or null. */
  aborted: AbortedTxn[] | null,
): void {
  for (const batch of segment.batches()) {
    const header = batch.header;
    const lastOffset = batchLastOffset(header);
    if (lastOffset < startOffset) continue;
    if (header.baseOffset >= endOffset) break;
    if (header.producerId === NO_PRODUCER_ID) continue;
    const info = manager.prepareUpdate(header.producerId, "replication");
    if (isControlBatch(header.attributes)) {
      const marker = readEndTransactionMarker(segment.readBatch(batch), 0, header);
      // An empty control batch: the cleaner removed the whole transaction, nothing to end.
      if (marker === null) continue;
      const completed = info.appendEndTxnMarker(marker, header.producerEpoch, header.baseOffset, header.maxTimestamp);
      manager.update(info);
      if (completed) {
        if (aborted && completed.isAborted) {
          aborted.push({ producerId: completed.producerId, firstOffset: completed.firstOffset, lastOffset: completed.lastOffset, lastStableOffset: manager.lastStableOffset(completed) });
        }
        manager.completeTxn(completed);
      }
      continue;
    }
    info.append({
      producerEpoch: header.producerEpoch,
      baseSequence: header.baseSequence,
      lastSequence: batchLastSequence(header),
      baseOffset: header.baseOffset,
      lastOffset,
      maxTimestamp: header.maxTimestamp,
      isTransactional: isTransactionalBatch(header.attributes),
    });
    manager.update(info);
  }
  manager.onHighWatermarkUpdated(endOffset);
}

/**
 * Applies one replicated batch's producer (a follower's append: checked by the leader, so not checked again).
 * Transaction markers are not replayed: a cluster does not offer transactions yet.
 */
export function replayReplicatedBatch(manager: ProducerStateManager, header: RecordBatchHeader): void {
  if (header.producerId === NO_PRODUCER_ID || isControlBatch(header.attributes)) return;
  const info = manager.prepareUpdate(header.producerId, "replication");
  info.append({
    producerEpoch: header.producerEpoch,
    baseSequence: header.baseSequence,
    lastSequence: batchLastSequence(header),
    baseOffset: header.baseOffset,
    lastOffset: batchLastOffset(header),
    maxTimestamp: header.maxTimestamp,
    isTransactional: isTransactionalBatch(header.attributes),
  });
  manager.update(info);
}
