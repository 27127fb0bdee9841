import { closeSync, existsSync, fdatasyncSync, ftruncateSync, openSync, readFileSync, renameSync, rmSync, statSync, writeSync } from "node:fs";
import { rm } from "node:fs/promises";
import { readInt64BE, writeInt64BE } from "./int64.js";

/**
 * An aborted transaction as Kafka's transaction index stores it (`AbortedTxn`, 34 bytes):
 *
 *   version int16 (0) | producerId int64 | firstOffset int64 | lastOffset int64 | lastStableOffset int64
 *
 * `lastOffset` is the offset of the abort marker; `lastStableOffset` is the partition's LSO once the marker was
 * written (the first offset of the next transaction still open, or the offset after the marker).
 */
export interface AbortedTxn {
  producerId: number;
  firstOffset: number;
  lastOffset: number;
  lastStableOffset: number;
}

export const ABORTED_TXN_SIZE = 34;
const VERSION = 0;

/** A `.txnindex` file that cannot be trusted: the segment's index is rebuilt from the log. */
export class CorruptTransactionIndexError extends Error {}

export function encodeAbortedTxn(txn: AbortedTxn): Buffer {
  const buf = Buffer.alloc(ABORTED_TXN_SIZE);
  buf.writeInt16BE(VERSION, 0);
  writeInt64BE(buf, 2, txn.producerId);
  writeInt64BE(buf, 10, txn.firstOffset);
  writeInt64BE(buf, 18, txn.lastOffset);
  writeInt64BE(buf, 26, txn.lastStableOffset);
  return buf;
}

/**
 * Reads a whole `.txnindex` (Kafka's `TransactionIndex.sanityCheck` included: every entry at version 0, each
 * transaction ending at or after the segment's base offset, last offsets increasing).
 * @throws CorruptTransactionIndexError
 */
export function decodeTransactionIndex(buf: Buffer, baseOffset: number, path: string): AbortedTxn[] {
  if (buf.length % ABORTED_TXN_SIZE !== 0) {
    throw new CorruptTransactionIndexError(`${path} has ${buf.length} bytes, not a whole number of ${ABORTED_TXN_SIZE}-byte entries`);
  }
  const entries: AbortedTxn[] = [];
  for (let pos = 0; pos < buf.length; pos += ABORTED_TXN_SIZE) {
    const version = buf.readInt16BE(pos);
    if (version !== VERSION) throw new CorruptTransactionIndexError(`Unexpected aborted transaction version ${version} in transaction index ${path}, current version is ${VERSION}`);
    const txn = { producerId: readInt64BE(buf, pos + 2), firstOffset: readInt64BE(buf, pos + 10), lastOffset: readInt64BE(buf, pos + 18), lastStableOffset: readInt64BE(buf, pos + 26) };
    if (txn.lastOffset < baseOffset) {
      throw new CorruptTransactionIndexError(`Last offset of aborted transaction ${txn.lastOffset} in index ${path} is less than start offset ${baseOffset}`);
    }
    const previous = entries.at(-1);
    if (previous && previous.lastOffset >= txn.lastOffset) throw new CorruptTransactionIndexError(`The last offsets of ${path} do not increase at ${txn.lastOffset}`);
    entries.push(txn);
  }
  return entries;
}

/** What a search of one segment's index found (Kafka's `TxnIndexSearchResult`). */
export interface TxnIndexSearchResult {
  abortedTransactions: AbortedTxn[];
  /** True when an entry's LSO reaches the upper bound: later segments cannot hold more aborted transactions of the range. */
  isComplete: boolean;
}

/**
 * One segment's `.txnindex` (Kafka's `TransactionIndex`): the aborted transactions whose abort markers are in the
 * segment, in marker order. The file is created only when the first entry is written; entries are kept in memory
 * too (a segment rarely holds more than a few), so searches never read the file. Appends are rare (one per aborted
 * transaction per partition), so the file is opened for each write rather than holding a descriptor.
 */
export class TransactionIndex {
  private entries: AbortedTxn[] = [];
  /** Written since the last flush. */
  private dirty = false;

  private constructor(
    private filePath: string,
    readonly baseOffset: number,
  ) {}

  /** The index of a new segment: empty, its file not created yet. */
  static create(path: string, baseOffset: number): TransactionIndex {
    rmSync(path, { force: true });
    return new TransactionIndex(path, baseOffset);
  }

  /**
   * The index of an existing segment, read whole when its file exists.
   * @throws CorruptTransactionIndexError when the file cannot be trusted (the caller rebuilds it).
   */
  static open(path: string, baseOffset: number): TransactionIndex {
    const index = new TransactionIndex(path, baseOffset);
    if (existsSync(path)) index.entries = decodeTransactionIndex(readFileSync(path), baseOffset, path);
    return index;
  }

  get path(): string {
    return this.filePath;
  }

  /** Every aborted transaction of the segment, in marker order. */
  allAbortedTxns(): readonly AbortedTxn[] {
    return this.entries;
  }

  get isEmpty(): boolean {
    return this.entries.length === 0;
  }

  /**
   * Appends an aborted transaction (its marker was just written to the segment). A write that fails part-way is cut
   * back, so the file holds whole entries only; the error is rethrown and nothing is recorded.
   */
  append(txn: AbortedTxn): void {
    const last = this.entries.at(-1);
    if (last && last.lastOffset >= txn.lastOffset) {
      throw new RangeError(`The last offset of appended transactions must increase sequentially, but ${txn.lastOffset} is not greater than current last offset ${last.lastOffset} of index ${this.filePath}`);
    }
    const entry = encodeAbortedTxn(txn);
    const position = this.entries.length * ABORTED_TXN_SIZE;
    const fd = openSync(this.filePath, existsSync(this.filePath) ? "r+" : "w+", 0o644);
    try {
      let written = 0;
      try {
        while (written < entry.length) written += writeSync(fd, entry, written, entry.length - written, position + written);
      } catch (err) {
        ftruncateSync(fd, position);
        throw err;
      }
    } finally {
      closeSync(fd);
    }
    this.entries.push({ ...txn });
    this.dirty = true;
  }

  /** Drops the entries after the first `count` (an append to the log was rolled back). */
  truncateToEntries(count: number): void {
    if (count >= this.entries.length) return;
    this.entries.length = count;
    this.rewriteLength();
  }

  /**
   * Replaces every entry with `entries`, rebuilt from the log (recovery). The file is rewritten through a temporary
   * file and a rename (or removed when there are none); when that fails (a read-only or full disk) the entries
   * still serve from memory and the reason is returned, so the next recovery rebuilds them again.
   */
  rebuild(entries: readonly AbortedTxn[]): string | null {
    this.entries = entries.map((txn) => ({ ...txn }));
    this.dirty = false;
    try {
      if (entries.length === 0) {
        if (existsSync(this.filePath)) rmSync(this.filePath);
        return null;
      }
      const tmp = `${this.filePath}.tmp`;
      const fd = openSync(tmp, "w", 0o644);
      try {
        const data = Buffer.concat(entries.map(encodeAbortedTxn));
        let written = 0;
        while (written < data.length) written += writeSync(fd, data, written, data.length - written);
        fdatasyncSync(fd);
      } finally {
        closeSync(fd);
      }
      renameSync(tmp, this.filePath);
      return null;
    } catch (err) {
      return `could not rewrite the transaction index ${this.filePath}: ${(err as Error).message}`;
    }
  }

  /**
   * Kafka's `collectAbortedTxns`: the aborted transactions that overlap `[fetchOffset, upperBoundOffset)`, and
   * whether the search is complete (an entry's LSO at or past the upper bound).
   */
  collectAbortedTxns(fetchOffset: number, upperBoundOffset: number): TxnIndexSearchResult {
    const abortedTransactions: AbortedTxn[] = [];
    for (const txn of this.entries) {
      if (txn.lastOffset >= fetchOffset && txn.firstOffset < upperBoundOffset) abortedTransactions.push(txn);
      if (txn.lastStableOffset >= upperBoundOffset) return { abortedTransactions, isComplete: true };
    }
    return { abortedTransactions, isComplete: false };
  }

  /** Forces the file to disk when it was written since the last flush. */
  flush(): void {
    if (!this.dirty || !existsSync(this.filePath)) return;
    const fd = openSync(this.filePath, "r+");
    try {
      fdatasyncSync(fd);
    } finally {
      closeSync(fd);
    }
    this.dirty = false;
  }

  /** Renames the file (when it exists) with its segment's other files. */
  rename(path: string): void {
    if (existsSync(this.filePath)) renameSync(this.filePath, path);
    this.filePath = path;
  }

  delete(): void {
    rmSync(this.filePath, { force: true });
  }

  deleteAsync(): Promise<void> {
    return rm(this.filePath, { force: true });
  }

  private rewriteLength(): void {
    if (!existsSync(this.filePath)) return;
    const length = this.entries.length * ABORTED_TXN_SIZE;
    if (statSync(this.filePath).size === length) return;
    const fd = openSync(this.filePath, "r+");
    try {
      ftruncateSync(fd, length);
    } finally {
      closeSync(fd);
    }
  }
}
