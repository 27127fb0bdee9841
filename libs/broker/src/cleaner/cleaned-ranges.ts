/** A part of a log's clean section: offsets up to `end` (from the previous range's end), cleaned first at `cleanedAt`. */
interface CleanedRange {
  end: number;
  cleanedAt: number;
  /** Tombstones the range kept when last cleaned; null when unknown (cleaned before this process started). */
  tombstones: number | null;
}

/**
 * When each part of a log's clean section entered it, which decides when its tombstones may go (the rule of
 * Kafka's KIP-534, kept beside the log instead of in the batch headers): a tombstone stays for `delete.retention.ms`
 * after the pass that first cleaned it, so a consumer that reads the log from the start within that time sees
 * every delete. A pass drops a tombstone only when it lies below the first dirty offset and its range was cleaned
 * more than `delete.retention.ms` before the pass started. The ranges are kept in memory: after a restart, the
 * whole clean section counts as cleaned when the cleaner first saw it — tombstones may then live longer, never shorter.
 */
export class CleanedRanges {
  private ranges: CleanedRange[] = [];

  /** Starts tracking a log whose clean section ends at `firstDirtyOffset`, as if it had been cleaned `now`. */
  constructor(firstDirtyOffset: number, now: number) {
    if (firstDirtyOffset > 0) this.ranges.push({ end: firstDirtyOffset, cleanedAt: now, tombstones: null });
  }

  /** Whether a tombstone at `offset` (in the clean section) may be dropped by a pass started at `passStart`. */
  tombstoneExpired(offset: number, passStart: number, deleteRetentionMs: number): boolean {
    const range = this.rangeOf(offset);
    return range !== undefined && passStart - range.cleanedAt > deleteRetentionMs;
  }

  /** Whether some range holds tombstones that a pass starting `now` would drop. */
  hasExpiredTombstones(now: number, deleteRetentionMs: number): boolean {
    return this.ranges.some((r) => r.tombstones !== null && r.tombstones > 0 && now - r.cleanedAt > deleteRetentionMs);
  }

  /** The time when the earliest kept tombstone may go, or null when none is known. */
  nextTombstoneExpiry(deleteRetentionMs: number): number | null {
    let earliest: number | null = null;
    for (const r of this.ranges) {
      if (r.tombstones !== null && r.tombstones > 0 && (earliest === null || r.cleanedAt + deleteRetentionMs < earliest)) earliest = r.cleanedAt + deleteRetentionMs;
    }
    return earliest;
  }

  /**
   * Records a completed pass: `tombstonesAt` are the offsets of the tombstones it kept below `endOffset`; the
   * offsets from the last range's end to `endOffset` were cleaned for the first time at `passStart`.
   */
  recordPass(logStartOffset: number, endOffset: number, passStart: number, tombstonesAt: readonly number[]): void {
    const last = this.ranges.at(-1)?.end ?? 0;
    if (endOffset > last) this.ranges.push({ end: endOffset, cleanedAt: passStart, tombstones: null });
    for (const r of this.ranges) r.tombstones = 0;
    for (const offset of tombstonesAt) {
      const range = this.rangeOf(offset);
      if (range) range.tombstones!++;
    }
    this.ranges = this.ranges.filter((r) => r.end > logStartOffset);
    // Ranges without tombstones need no time: neighbours merge, keeping the list as short as the live tombstones.
    const merged: CleanedRange[] = [];
    for (const r of this.ranges) {
      const previous = merged.at(-1);
      if (previous && previous.tombstones === 0 && r.tombstones === 0) previous.end = r.end;
      else merged.push({ ...r });
    }
    this.ranges = merged;
  }

  /** The clean section ends at `firstDirtyOffset`; forget ranges beyond it (a checkpoint moved back). */
  truncateTo(firstDirtyOffset: number): void {
    this.ranges = this.ranges.filter((_, i) => i === 0 || this.ranges[i - 1]!.end < firstDirtyOffset);
    const last = this.ranges.at(-1);
    if (last && last.end > firstDirtyOffset) last.end = firstDirtyOffset;
  }

  private rangeOf(offset: number): CleanedRange | undefined {
    for (const r of this.ranges) if (offset < r.end) return r;
    return undefined;
  }
}
