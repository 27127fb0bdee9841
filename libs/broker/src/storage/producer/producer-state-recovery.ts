import { batchLastOffset, batchLastSequence, isControlBatch, NO_PRODUCER_ID, type RecordBatchHeader } from "../record-batch.js";
import type { ProducerAppendInfo } from "./producer-append-info.js";
import type { ProducerStateManager } from "./producer-state-manager.js";

/** What recovery needs of a segment: where it starts and its batch headers in order. */
export interface ProducerStateSegment {
  readonly baseOffset: number;
  batches(): Iterable<{ header: RecordBatchHeader }>;
}

/**
 * Kafka's `rebuildProducerState`: brings the producer state to `logEndOffset` by loading the newest snapshot at or
 * below it and replaying the batch headers of the log from there (no record is decoded). After a clean shutdown
 * without any snapshot (a log written before producer state existed), nothing is replayed: empty snapshots are
 * taken at the last two segments' starts and at the log end, so later recoveries start from them.
 * A snapshot that cannot be written (a full disk) does not stop the rebuild: the state in memory is complete, and
 * the next recovery replays from an older snapshot. Returns why snapshots could not be written, if any.
 */
export function rebuildProducerState(
  manager: ProducerStateManager,
  segments: readonly ProducerStateSegment[],
  logStartOffset: number,
  logEndOffset: number,
  now: number,
  reloadFromCleanShutdown: boolean,
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

  if (manager.latestSnapshotOffset === undefined && reloadFromCleanShutdown) {
    for (const offset of [...offsetsToSnapshot].sort((a, b) => a - b)) {
      manager.updateMapEndOffset(offset);
      takeSnapshot();
    }
    return failures;
  }
  const emptyBeforeTruncation = manager.isEmpty && manager.mapEndOffset >= logEndOffset;
  manager.truncateAndReload(logStartOffset, logEndOffset, now);
  if (logEndOffset > manager.mapEndOffset && !emptyBeforeTruncation) {
    for (let i = 0; i < segments.length; i++) {
      const segment = segments[i]!;
      const nextBase = segments[i + 1]?.baseOffset ?? Number.POSITIVE_INFINITY;
      if (nextBase <= manager.mapEndOffset || segment.baseOffset >= logEndOffset) continue;
      const startOffset = Math.max(segment.baseOffset, manager.mapEndOffset, logStartOffset);
      manager.updateMapEndOffset(startOffset);
      if (offsetsToSnapshot.has(segment.baseOffset)) takeSnapshot();
      replayBatches(manager, segment, startOffset, logEndOffset);
    }
  }
  manager.updateMapEndOffset(logEndOffset);
  takeSnapshot();
  return failures;
}

/** Applies the producer batches of `[startOffset, endOffset)` of a segment, unchecked (they were checked when written). */
function replayBatches(manager: ProducerStateManager, segment: ProducerStateSegment, startOffset: number, endOffset: number): void {
  const updates = new Map<number, ProducerAppendInfo>();
  for (const { header } of segment.batches()) {
    const lastOffset = batchLastOffset(header);
    if (lastOffset < startOffset) continue;
    if (header.baseOffset >= endOffset) break;
    if (header.producerId === NO_PRODUCER_ID || isControlBatch(header.attributes)) continue;
    let info = updates.get(header.producerId);
    if (!info) updates.set(header.producerId, (info = manager.prepareUpdate(header.producerId, "replication")));
    info.append({
      producerEpoch: header.producerEpoch,
      baseSequence: header.baseSequence,
      lastSequence: batchLastSequence(header),
      baseOffset: header.baseOffset,
      lastOffset,
      maxTimestamp: header.maxTimestamp,
    });
  }
  for (const info of updates.values()) manager.update(info);
}

/** Applies one replicated batch's producer (a follower's append: checked by the leader, so not checked again). */
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
  });
  manager.update(info);
}
