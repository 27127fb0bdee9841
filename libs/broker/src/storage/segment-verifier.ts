import type { CorruptRange } from "../broker-types.js";
import type { Clock } from "../clock.js";
import { KafkaError, KafkaStorageError } from "../errors.js";
import type { ScanCorrupt } from "./batch-scan.js";
import type { LogDirHealth } from "./log-dir-health.js";
import type { Quarantine, CorruptionDetector } from "./quarantine.js";
import type { RecordBatchHeader } from "./record-batch.js";
import type { LogSegment } from "./segment.js";
import { SWAP_SUFFIX } from "./segment-files.js";
import { scanAsync, scanSync } from "./segment-scan.js";

/** Async pacing of a background scan: awaited after each chunk read, with its size (see `scanAsync`). */
export type ScanPace = (bytesRead: number) => Promise<void>;

/** What the verifier needs of the log whose segments it checks and repairs. */
export interface VerifiedLog {
  readonly name: string;
  readonly dir: string;
  readonly isClosed: boolean;
  /** The segments, oldest first; the last is the active one. */
  allSegments(): readonly LogSegment[];
  roll(): LogSegment;
  createCleanedSegment(baseOffset: number): LogSegment;
  replaceSegments(cleaned: LogSegment, old: readonly LogSegment[]): void;
}

/**
 * Verifies a log's segments whole and quarantines what is corrupt: the corrupt bytes move to the partition's
 * `quarantine/` folder, the ranges are recorded there, and the segment is replaced — through the cleaner's crash-safe
 * `.swap` — by a copy holding every intact batch, so offsets stay and the corrupt range becomes a gap. Serves recovery
 * (synchronously, before the log opens) and, at runtime, readers that met a bad batch and the scrubber.
 */
export class SegmentVerifier {
  /** Checks under way (a reader and the scrubber share one). */
  private readonly checks = new Map<LogSegment, Promise<CorruptRange[]>>();
  /** Segments whose running check a reader waits for: it goes on without the scrubber's pacing. */
  private readonly urgent = new Set<LogSegment>();

  constructor(
    private readonly log: VerifiedLog,
    readonly quarantine: Quarantine,
    private readonly health: LogDirHealth,
    private readonly clock: Clock,
    private readonly onCorruption: (range: CorruptRange) => void = () => undefined,
  ) {}

  /**
   * Verifies a segment whole (asynchronously, paced by `pace`; a reader's check is unpaced) and quarantines what is
   * corrupt. The active segment is rolled first, so that only closed segments are ever rewritten. Resolves with the
   * corrupt ranges found (none when the segment is intact).
   */
  check(segment: LogSegment, detectedBy: CorruptionDetector, pace?: ScanPace): Promise<CorruptRange[]> {
    if (pace === undefined) this.urgent.add(segment);
    let running = this.checks.get(segment);
    if (!running) {
      const paced: ScanPace | undefined = pace && ((bytes) => (this.urgent.has(segment) ? yieldToEventLoop() : pace(bytes)));
      running = this.run(segment, detectedBy, paced).finally(() => {
        this.checks.delete(segment);
        this.urgent.delete(segment);
      });
      this.checks.set(segment, running);
    }
    return running;
  }

  private async run(segment: LogSegment, detectedBy: CorruptionDetector, pace?: ScanPace): Promise<CorruptRange[]> {
    if (!this.holds(segment)) return [];
    if (segment === this.log.allSegments().at(-1)) this.log.roll();
    const corrupt: ScanCorrupt[] = [];
    await scanAsync((position, length) => segment.readAsync(position, length), segment.scanBounds(this.endOffsetOf(segment)), (event) => {
      if (event.kind === "corrupt") corrupt.push(event);
    }, pace);
    if (corrupt.length === 0 || !this.holds(segment)) return [];
    return this.quarantineNow(segment, corrupt, detectedBy, pace);
  }

  /** Whether `segment` is still one of the open log's segments (retention, the cleaner or a deletion may take it). */
  private holds(segment: LogSegment): boolean {
    return !this.log.isClosed && this.log.allSegments().includes(segment);
  }

  /** The base offset of the segment after `segment`, or null when it is the last. */
  private endOffsetOf(segment: LogSegment): number | null {
    const segments = this.log.allSegments();
    return segments[segments.indexOf(segment) + 1]?.baseOffset ?? null;
  }

  /**
   * Recovery's quarantine, before the segment joins the log: moves the corrupt ranges aside and returns the segment
   * rebuilt from its intact batches (`endOffset`: the next segment's base, null for the last segment). Throws
   * KafkaStorageError when it cannot (no space): the partition then stays offline rather than serve or lose anything.
   */
  quarantineAtRecovery(segment: LogSegment, corrupt: readonly ScanCorrupt[], endOffset: number | null): { replacement: LogSegment; ranges: CorruptRange[] } {
    const now = this.clock.now();
    const ranges = corrupt.map((c) => this.quarantine.describe(segment.baseOffset, c, "recovery", now));
    const read = (position: number, length: number) => segment.readBytes(position, length);
    let cleaned: LogSegment | null = null;
    let files: string[];
    try {
      files = corrupt.map((c, i) => this.quarantine.saveBytesSync(ranges[i]!, c.position, read));
      this.quarantine.record(ranges);
      const target = (cleaned = this.log.createCleanedSegment(segment.baseOffset));
      scanSync(read, segment.scanBounds(endOffset), (event) => {
        if (event.kind === "batch") target.append(event.data, appendInfoOf(event.header));
      });
      for (const txn of segment.abortedTxns()) target.appendAbortedTxn(txn);
      // Not in the log yet: only the files move, in the order a crash-interrupted swap is completed from.
      target.flush();
      target.renameTo(this.log.dir, SWAP_SUFFIX);
      segment.delete();
      target.renameTo(this.log.dir, "");
    } catch (err) {
      cleaned?.delete();
      const reason = err instanceof KafkaError ? err.message : this.health.writeFailed(err, `Quarantining corrupt data of ${this.log.name}`).message;
      throw new KafkaStorageError(
        `${this.log.name}: segment ${segment.baseOffset} holds corrupt data (${ranges.map((r) => `offsets ${r.baseOffset}..${r.lastOffset}: ${r.reason}`).join("; ")}) that could not be quarantined: ${reason}. The partition stays offline until it can be (free space, then restart).`,
      );
    }
    ranges.forEach((range, i) => (range.quarantinedAs = files[i]!));
    this.record(ranges);
    return { replacement: cleaned, ranges };
  }

  /**
   * The runtime quarantine: as `quarantineAtRecovery`, reading on the thread pool and yielding, and swapping the copy
   * in with `replaceSegments`. When it cannot complete (no space), the ranges are still recorded, with `quarantinedAs`
   * null: reads of them keep failing with CORRUPT_MESSAGE until a later check (the scrubber's next pass, the next
   * reader) completes it.
   */
  private async quarantineNow(segment: LogSegment, corrupt: readonly ScanCorrupt[], detectedBy: CorruptionDetector, pace?: ScanPace): Promise<CorruptRange[]> {
    const now = this.clock.now();
    const ranges = corrupt.map((c) => this.quarantine.describe(segment.baseOffset, c, detectedBy, now));
    const read = (position: number, length: number) => segment.readAsync(position, length);
    const files: string[] = [];
    let cleaned: LogSegment | null = null;
    try {
      for (const [i, c] of corrupt.entries()) files.push(await this.quarantine.saveBytes(ranges[i]!, c.position, read));
      this.quarantine.record(ranges);
      this.health.checkWritable(segment.size);
      const target = (cleaned = this.log.createCleanedSegment(segment.baseOffset));
      await scanAsync(read, segment.scanBounds(this.endOffsetOf(segment)), (event) => {
        if (event.kind === "batch") target.append(event.data, appendInfoOf(event.header));
      }, pace);
      // The aborted transactions whose markers the segment holds stay indexed (the index is kept beside the log, not in it).
      for (const txn of segment.abortedTxns()) target.appendAbortedTxn(txn);
      await target.flushAsync();
      if (!this.holds(segment) || segment === this.log.allSegments().at(-1)) {
        target.delete();
        return [];
      }
      this.log.replaceSegments(target, [segment]);
      ranges.forEach((range, i) => (range.quarantinedAs = files[i]!));
    } catch (err) {
      cleaned?.delete();
      const failure = err instanceof KafkaError ? err : this.health.writeFailed(err, `Quarantining corrupt data of ${this.log.name}`);
      for (const range of ranges) range.reason += ` (not quarantined yet: ${failure.message})`;
    }
    this.record(ranges);
    return ranges;
  }

  /** Records the ranges and reports them; a failed write is the directory's (reported to its health), the ranges stay in memory. */
  private record(ranges: readonly CorruptRange[]): void {
    try {
      this.quarantine.record(ranges);
    } catch (err) {
      this.health.writeFailed(err, `Recording corrupt ranges of ${this.log.name}`);
    }
    for (const range of ranges) this.onCorruption(range);
  }
}

/** What a segment needs to know of a batch copied into it whole. */
function appendInfoOf(header: RecordBatchHeader): { lastOffset: number; maxTimestamp: number; offsetOfMaxTimestamp: number } {
  const lastOffset = header.baseOffset + header.lastOffsetDelta;
  return { lastOffset, maxTimestamp: header.maxTimestamp, offsetOfMaxTimestamp: lastOffset };
}

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
