import type { Log } from "../storage/log.js";

/**
 * Which part of a compacted log the cleaner may rewrite now, and how dirty it is (Kafka's `LogToClean` and
 * `LogCleanerManager.cleanableOffsets`). The log splits into
 *
 *   [log start, firstDirtyOffset)               clean: compacted by an earlier pass
 *   [firstDirtyOffset, firstUncleanableOffset)  dirty and cleanable: closed segments older than min.compaction.lag.ms
 *                                               and wholly below the last stable offset
 *   [firstUncleanableOffset, log end)           not cleanable yet: too recent, an open transaction's, or the active segment
 *
 * The cleaner never reaches past the last stable offset (as Kafka's): records of a transaction still open could yet
 * be aborted, so they must not supersede earlier records nor be kept over them.
 */
export interface CleanableRange {
  firstDirtyOffset: number;
  firstUncleanableOffset: number;
  /** Bytes of closed segments wholly below the first dirty offset. */
  cleanBytes: number;
  /** Bytes of closed dirty segments below the first uncleanable offset. */
  cleanableBytes: number;
  /** Bytes of closed dirty segments that `min.compaction.lag.ms` or an open transaction holds back. */
  heldBackBytes: number;
  /** The last stable offset when an open transaction is what holds dirty closed segments back, else null. */
  heldBackByTransactionAt: number | null;
  /** cleanable / (clean + cleanable): what `min.cleanable.dirty.ratio` is compared with. */
  dirtyRatio: number;
  /** When the oldest closed dirty segment's first batch was written, or null when there is no dirty closed segment. */
  earliestDirtyTimestamp: number | null;
  /** The oldest dirty record is older than `max.compaction.lag.ms`: clean whatever the ratio. */
  compactionLagExceeded: boolean;
  /** When `min.compaction.lag.ms` stops holding back the first held-back segment, or null when it holds none back. */
  heldBackUntil: number | null;
  closedSegments: number;
}

/**
 * Measures `log` for the cleaner. `checkpointed` is the first dirty offset a previous pass recorded; outside the
 * log's offsets (retention moved the start past it, or the log was re-created) the log start offset is used.
 */
export function cleanableRange(log: Log, checkpointed: number | undefined, now: number): CleanableRange {
  const settings = log.config;
  const inRange = checkpointed !== undefined && checkpointed >= log.logStartOffset && checkpointed <= log.logEndOffset;
  const firstDirtyOffset = inRange ? checkpointed : log.logStartOffset;
  const closed = log.closedSegments();
  let firstUncleanableOffset = log.activeSegmentBaseOffset;
  const lastStableOffset = log.lastStableOffset;
  let heldBackByTransactionAt: number | null = null;
  if (lastStableOffset < firstUncleanableOffset) {
    // Only whole segments below the LSO: the one holding it is not cleaned either.
    const holding = closed.filter((segment) => segment.baseOffset <= lastStableOffset).at(-1);
    firstUncleanableOffset = holding?.baseOffset ?? firstUncleanableOffset;
    heldBackByTransactionAt = lastStableOffset;
  }
  let cleanBytes = 0;
  let cleanableBytes = 0;
  let heldBackBytes = 0;
  let earliestDirtyTimestamp: number | null = null;
  let heldBackUntil: number | null = null;
  for (const segment of closed) {
    if (segment.nextOffset <= firstDirtyOffset) {
      cleanBytes += segment.size;
      continue;
    }
    const first = segment.firstTimestamp;
    if (first !== null && first >= 0 && (earliestDirtyTimestamp === null || first < earliestDirtyTimestamp)) earliestDirtyTimestamp = first;
    const tooRecent = settings.minCompactionLagMs > 0 && segment.largestTimestamp > now - settings.minCompactionLagMs;
    if (heldBackUntil === null && tooRecent && segment.baseOffset < firstUncleanableOffset) {
      firstUncleanableOffset = segment.baseOffset;
      heldBackUntil = segment.largestTimestamp + settings.minCompactionLagMs;
      heldBackByTransactionAt = null;
    }
    if (segment.baseOffset < firstUncleanableOffset) cleanableBytes += segment.size;
    else heldBackBytes += segment.size;
  }
  const total = cleanBytes + cleanableBytes;
  return {
    firstDirtyOffset,
    firstUncleanableOffset: Math.max(firstDirtyOffset, firstUncleanableOffset),
    cleanBytes,
    cleanableBytes,
    heldBackBytes,
    heldBackByTransactionAt: heldBackBytes > 0 ? heldBackByTransactionAt : null,
    dirtyRatio: total === 0 ? 0 : cleanableBytes / total,
    earliestDirtyTimestamp,
    compactionLagExceeded:
      Number.isFinite(settings.maxCompactionLagMs) && earliestDirtyTimestamp !== null && earliestDirtyTimestamp < now - settings.maxCompactionLagMs,
    heldBackUntil,
    closedSegments: closed.length,
  };
}
