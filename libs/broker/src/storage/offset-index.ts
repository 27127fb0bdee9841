import { CorruptIndexError, IndexFile } from "./index-file.js";
import type { OpenFiles } from "./open-files.js";

/** An entry of an offset index: the position in the `.log` file of the batch that ends at `offset`. */
export interface OffsetPosition {
  offset: number;
  position: number;
}

const ENTRY_SIZE = 8;

/**
 * A segment's sparse `.index`: relative offset (u32) → file position (u32), 8 bytes an entry, ascending.
 * Lookups return the greatest entry at or below the target, from which a reader scans forward.
 */
export class OffsetIndex {
  private relativeOffsets = new Uint32Array(16);
  private positions = new Uint32Array(16);
  private count = 0;
  private readonly file: IndexFile;
  /** While rebuilding (recovery), entries are kept in memory only; `finishRebuild` writes the file if it differs. */
  private rebuilding = false;

  constructor(
    path: string,
    readonly baseOffset: number,
    readonly maxEntries: number,
    files: OpenFiles,
  ) {
    this.file = new IndexFile(path, ENTRY_SIZE, files);
  }

  /** Loads the entries on disk, refusing a file that is not a well-formed index of a log of `logSize` bytes. */
  load(logSize: number): void {
    const bytes = this.file.readAll();
    if (bytes.length % ENTRY_SIZE !== 0) throw new CorruptIndexError(`${this.file.path}: size ${bytes.length} is not a multiple of ${ENTRY_SIZE}`);
    const entries = bytes.length / ENTRY_SIZE;
    if (entries > this.maxEntries) throw new CorruptIndexError(`${this.file.path}: ${entries} entries exceed the maximum of ${this.maxEntries}`);
    this.ensureCapacity(entries);
    let previous = -1;
    for (let i = 0; i < entries; i++) {
      const relative = bytes.readUInt32BE(i * ENTRY_SIZE);
      const position = bytes.readUInt32BE(i * ENTRY_SIZE + 4);
      if (relative <= previous) throw new CorruptIndexError(`${this.file.path}: entry ${i} does not increase`);
      if (position >= logSize) throw new CorruptIndexError(`${this.file.path}: entry ${i} points past the log's ${logSize} bytes`);
      this.relativeOffsets[i] = relative;
      this.positions[i] = position;
      previous = relative;
    }
    this.count = entries;
  }

  get entries(): number {
    return this.count;
  }

  get isFull(): boolean {
    return this.count >= this.maxEntries;
  }

  /** The offset of the newest entry, or the base offset when empty. */
  get lastOffset(): number {
    return this.count === 0 ? this.baseOffset : this.baseOffset + this.relativeOffsets[this.count - 1]!;
  }

  append(offset: number, position: number): void {
    const relative = offset - this.baseOffset;
    if (this.count > 0 && relative <= this.relativeOffsets[this.count - 1]!) {
      throw new RangeError(`index entry for offset ${offset} is not above the last entry ${this.lastOffset}`);
    }
    if (this.isFull) throw new RangeError(`offset index ${this.file.path} is full`);
    this.ensureCapacity(this.count + 1);
    this.relativeOffsets[this.count] = relative;
    this.positions[this.count] = position;
    this.count++;
    const entry = Buffer.allocUnsafe(ENTRY_SIZE);
    entry.writeUInt32BE(relative, 0);
    entry.writeUInt32BE(position, 4);
    if (!this.rebuilding) this.file.append(entry);
  }

  /** The greatest entry whose offset is at or below `offset`; the segment start when there is none. */
  lookup(offset: number): OffsetPosition {
    const relative = offset - this.baseOffset;
    let lo = 0;
    let hi = this.count - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if (this.relativeOffsets[mid]! <= relative) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    if (found < 0) return { offset: this.baseOffset, position: 0 };
    return { offset: this.baseOffset + this.relativeOffsets[found]!, position: this.positions[found]! };
  }

  /** Removes every entry whose offset is at or above `offset`. */
  truncateTo(offset: number): void {
    let keep = this.count;
    while (keep > 0 && this.baseOffset + this.relativeOffsets[keep - 1]! >= offset) keep--;
    this.count = keep;
    this.file.truncate(keep);
  }

  /** Keeps only the first `entries` entries (in memory and on disk): rolls back entries of a failed append. */
  truncateToEntries(entries: number): void {
    if (entries >= this.count) return;
    this.count = entries;
    this.file.truncate(entries);
  }

  /** Starts rebuilding the index from its log: empty in memory, the file untouched until `finishRebuild`. */
  startRebuild(): void {
    this.count = 0;
    this.rebuilding = true;
  }

  /** Ends a rebuild: the file is rewritten only when it does not already hold exactly the rebuilt entries. */
  finishRebuild(): void {
    this.rebuilding = false;
    const bytes = this.toBytes();
    if (!this.file.exists || !this.file.readAll().equals(bytes)) this.file.rewrite(bytes);
  }

  private toBytes(): Buffer {
    const bytes = Buffer.allocUnsafe(this.count * ENTRY_SIZE);
    for (let i = 0; i < this.count; i++) {
      bytes.writeUInt32BE(this.relativeOffsets[i]!, i * ENTRY_SIZE);
      bytes.writeUInt32BE(this.positions[i]!, i * ENTRY_SIZE + 4);
    }
    return bytes;
  }

  reset(): void {
    this.count = 0;
    this.file.truncate(0);
  }

  /** Starts the index empty, with a new empty file. */
  create(): void {
    this.count = 0;
    this.file.create();
  }

  /** Whether the index file is on disk (it is not after `abandonFile`, or when it was lost). */
  get fileExists(): boolean {
    return this.file.exists;
  }

  /** Stops writing the file and removes it; the in-memory entries stay (see IndexFile). */
  abandonFile(): void {
    this.file.abandon();
  }

  flush(): void {
    this.file.flush();
  }

  close(): void {
    this.file.close();
  }

  rename(path: string): void {
    this.file.rename(path);
  }

  /** Releases the file descriptor without flushing: for an index about to be deleted. */
  release(): void {
    this.file.release();
  }

  delete(): void {
    this.file.delete();
  }

  private ensureCapacity(entries: number): void {
    if (entries <= this.relativeOffsets.length) return;
    let capacity = this.relativeOffsets.length;
    while (capacity < entries) capacity *= 2;
    const offsets = new Uint32Array(capacity);
    offsets.set(this.relativeOffsets.subarray(0, this.count));
    const positions = new Uint32Array(capacity);
    positions.set(this.positions.subarray(0, this.count));
    this.relativeOffsets = offsets;
    this.positions = positions;
  }
}
