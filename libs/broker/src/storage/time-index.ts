import { readInt64BE, writeInt64BE } from "./int64.js";
import { CorruptIndexError, IndexFile } from "./index-file.js";
import type { OpenFiles } from "./open-files.js";

/** A time index entry: by `offset`, the largest timestamp the segment has seen is `timestamp`. */
export interface TimestampOffset {
  timestamp: number;
  offset: number;
}

const ENTRY_SIZE = 12;

/**
 * A segment's sparse `.timeindex`: timestamp (i64) → relative offset (u32), 12 bytes an entry. Timestamps only
 * increase: an entry is added when a batch raises the segment's largest timestamp, as Kafka's TimeIndex does.
 */
export class TimeIndex {
  private timestamps = new Float64Array(16);
  private relativeOffsets = new Uint32Array(16);
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

  /** Loads the entries on disk, refusing a file that is not a well-formed time index. */
  load(): void {
    const bytes = this.file.readAll();
    if (bytes.length % ENTRY_SIZE !== 0) throw new CorruptIndexError(`${this.file.path}: size ${bytes.length} is not a multiple of ${ENTRY_SIZE}`);
    const entries = bytes.length / ENTRY_SIZE;
    if (entries > this.maxEntries) throw new CorruptIndexError(`${this.file.path}: ${entries} entries exceed the maximum of ${this.maxEntries}`);
    this.ensureCapacity(entries);
    for (let i = 0; i < entries; i++) {
      const timestamp = readInt64BE(bytes, i * ENTRY_SIZE);
      const relative = bytes.readUInt32BE(i * ENTRY_SIZE + 8);
      if (i > 0 && (timestamp <= this.timestamps[i - 1]! || relative < this.relativeOffsets[i - 1]!)) {
        throw new CorruptIndexError(`${this.file.path}: entry ${i} does not increase`);
      }
      this.timestamps[i] = timestamp;
      this.relativeOffsets[i] = relative;
    }
    this.count = entries;
  }

  get entries(): number {
    return this.count;
  }

  get isFull(): boolean {
    return this.count >= this.maxEntries;
  }

  /** The newest entry, or undefined when the index is empty. */
  get lastEntry(): TimestampOffset | undefined {
    if (this.count === 0) return undefined;
    return { timestamp: this.timestamps[this.count - 1]!, offset: this.baseOffset + this.relativeOffsets[this.count - 1]! };
  }

  /** Appends an entry when `timestamp` is above the last one; `force` allows it past the entry limit (at roll). */
  maybeAppend(timestamp: number, offset: number, force = false): void {
    if (this.count > 0 && timestamp <= this.timestamps[this.count - 1]!) return;
    if (this.isFull && !force) throw new RangeError(`time index ${this.file.path} is full`);
    this.ensureCapacity(this.count + 1);
    this.timestamps[this.count] = timestamp;
    this.relativeOffsets[this.count] = offset - this.baseOffset;
    this.count++;
    const entry = Buffer.allocUnsafe(ENTRY_SIZE);
    writeInt64BE(entry, 0, timestamp);
    entry.writeUInt32BE(offset - this.baseOffset, 8);
    if (!this.rebuilding) this.file.append(entry);
  }

  /** The greatest entry whose timestamp is at or below `timestamp`; the segment start when there is none. */
  lookup(timestamp: number): TimestampOffset {
    let lo = 0;
    let hi = this.count - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if (this.timestamps[mid]! <= timestamp) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    if (found < 0) return { timestamp: -1, offset: this.baseOffset };
    return { timestamp: this.timestamps[found]!, offset: this.baseOffset + this.relativeOffsets[found]! };
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
      writeInt64BE(bytes, i * ENTRY_SIZE, this.timestamps[i]!);
      bytes.writeUInt32BE(this.relativeOffsets[i]!, i * ENTRY_SIZE + 8);
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
    if (entries <= this.timestamps.length) return;
    let capacity = this.timestamps.length;
    while (capacity < entries) capacity *= 2;
    const timestamps = new Float64Array(capacity);
    timestamps.set(this.timestamps.subarray(0, this.count));
    const offsets = new Uint32Array(capacity);
    offsets.set(this.relativeOffsets.subarray(0, this.count));
    this.timestamps = timestamps;
    this.relativeOffsets = offsets;
  }
}
