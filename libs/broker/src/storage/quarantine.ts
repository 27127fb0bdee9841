import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from "node:fs";
import { open } from "node:fs/promises";
import { basename, join } from "node:path";
import type { CorruptRange } from "../broker-types.js";
import type { ScanCorrupt } from "./batch-scan.js";
import { offsetFileStem } from "./segment-files.js";
import { writeFileAtomically } from "./atomic-file.js";

/** The folder of a partition directory that holds quarantined bytes and the record of every corrupt range. */
export const QUARANTINE_DIR = "quarantine";
const RANGES_FILE = "ranges.json";
const COPY_CHUNK = 1 << 20;

/** Who found a corrupt range. */
export type CorruptionDetector = CorruptRange["detectedBy"];

/**
 * A partition's quarantine: the corrupt ranges found in its log, remembered in `quarantine/ranges.json` (so they are
 * still shown after a restart), and their bytes, moved out of the segment into `quarantine/<segment>.log.corrupt-<first
 * offset>` so that the log keeps only intact batches (a gap in offsets, as compaction leaves) and nothing is destroyed.
 */
export class Quarantine {
  private list: CorruptRange[] = [];
  readonly dir: string;

  constructor(
    partitionDir: string,
    readonly topic: string,
    readonly partition: number,
  ) {
    this.dir = join(partitionDir, QUARANTINE_DIR);
  }

  /** Reads the record; returns a repair note when it was unreadable (it is then set aside and started afresh). */
  load(): string | undefined {
    const path = join(this.dir, RANGES_FILE);
    if (!existsSync(path)) return undefined;
    try {
      const parsed = JSON.parse(readFileSync(path, "utf8")) as unknown;
      if (!Array.isArray(parsed)) throw new Error("not a list");
      this.list = parsed as CorruptRange[];
      return undefined;
    } catch (err) {
      renameSync(path, `${path}.unreadable`);
      return `${this.topic}-${this.partition}: set aside an unreadable record of corrupt ranges (${(err as Error).message})`;
    }
  }

  /** The corrupt ranges found so far, oldest first. */
  get ranges(): readonly CorruptRange[] {
    return this.list;
  }

  /** The range a scan found in a segment, as it will be recorded (the bytes not yet moved). */
  describe(segmentBaseOffset: number, corrupt: ScanCorrupt, detectedBy: CorruptionDetector, now: number): CorruptRange {
    return {
      topic: this.topic,
      partition: this.partition,
      baseOffset: corrupt.firstOffset,
      lastOffset: corrupt.lastOffset ?? corrupt.firstOffset - 1,
      segmentBaseOffset,
      sizeBytes: corrupt.end - corrupt.position,
      quarantinedAs: null,
      detectedAt: now,
      detectedBy,
      reason: corrupt.reason,
    };
  }

  /** Copies the range's bytes into their quarantine file (fsynced); returns its path relative to the data directory. */
  saveBytesSync(range: CorruptRange, position: number, read: (position: number, length: number) => Buffer): string {
    mkdirSync(this.dir, { recursive: true });
    const name = this.fileName(range);
    const fd = openSync(join(this.dir, name), "w");
    try {
      for (let at = position; at < position + range.sizeBytes; at += COPY_CHUNK) {
        const chunk = read(at, Math.min(COPY_CHUNK, position + range.sizeBytes - at));
        let written = 0;
        while (written < chunk.length) written += writeSync(fd, chunk, written, chunk.length - written);
      }
      fsyncSync(fd);
    } catch (err) {
      closeSync(fd);
      rmSync(join(this.dir, name), { force: true });
      throw err;
    }
    closeSync(fd);
    return this.relativePath(name);
  }

  /** `saveBytesSync` on the thread pool, reading the segment with `read`. */
  async saveBytes(range: CorruptRange, position: number, read: (position: number, length: number) => Promise<Buffer>): Promise<string> {
    mkdirSync(this.dir, { recursive: true });
    const name = this.fileName(range);
    const file = await open(join(this.dir, name), "w");
    try {
      for (let at = position; at < position + range.sizeBytes; at += COPY_CHUNK) {
        const chunk = await read(at, Math.min(COPY_CHUNK, position + range.sizeBytes - at));
        await file.write(chunk, 0, chunk.length);
      }
      await file.sync();
    } catch (err) {
      await file.close();
      rmSync(join(this.dir, name), { force: true });
      throw err;
    }
    await file.close();
    return this.relativePath(name);
  }

  /**
   * Adds ranges (a range found again replaces its earlier record) and writes the record (temp file, fsync, rename).
   * The ranges are remembered in memory even when the write fails; the error is rethrown.
   */
  record(ranges: readonly CorruptRange[]): void {
    const key = (r: CorruptRange) => `${r.segmentBaseOffset}:${r.baseOffset}`;
    const fresh = new Set(ranges.map(key));
    this.list = [...this.list.filter((r) => !fresh.has(key(r))), ...ranges];
    this.persist();
  }

  /** Forgets the ranges wholly below the log start offset (retention or DeleteRecords took them), with their bytes. */
  prune(logStartOffset: number): void {
    const gone = this.list.filter((r) => r.lastOffset < logStartOffset && r.segmentBaseOffset < logStartOffset);
    if (gone.length === 0) return;
    this.list = this.list.filter((r) => !gone.includes(r));
    for (const range of gone) if (range.quarantinedAs) rmSync(join(this.dir, basename(range.quarantinedAs)), { force: true });
    try {
      this.persist();
    } catch {
      // The record is rewritten at the next change; ranges below the log start are harmless meanwhile.
    }
  }

  private persist(): void {
    mkdirSync(this.dir, { recursive: true });
    writeFileAtomically(join(this.dir, RANGES_FILE), JSON.stringify(this.list, null, 2));
  }

  private fileName(range: CorruptRange): string {
    return `${offsetFileStem(range.segmentBaseOffset)}.log.corrupt-${offsetFileStem(range.baseOffset)}`;
  }

  private relativePath(name: string): string {
    return join(basename(join(this.dir, "..")), QUARANTINE_DIR, name);
  }
}

/** The message of CORRUPT_MESSAGE for a corrupt range: the partition, the offsets, what became of them, where to go on. */
export function describeCorruptRange(range: CorruptRange): string {
  const where = `Records of ${range.topic}-${range.partition} at offsets ${range.baseOffset} to ${range.lastOffset} are corrupt on disk (${range.reason})`;
  const fate = range.quarantinedAs ? `they were quarantined (moved to ${range.quarantinedAs})` : `they could not be moved aside yet`;
  return `${where}: ${fate}; read from offset ${range.lastOffset + 1} to continue after them.`;
}
