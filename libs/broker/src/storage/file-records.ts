import { closeSync, constants, fdatasync, fdatasyncSync, ftruncateSync, openSync, read, readSync, renameSync, rmSync, statSync, writeSync } from "node:fs";
import type { OpenFileRef, OpenFiles } from "./open-files.js";
import { BATCH_HEADER_SIZE, LOG_OVERHEAD, readBatchHeader, type RecordBatchHeader } from "./record-batch.js";

/** A batch found while walking a log file: its header and where it starts. */
export interface BatchPosition {
  header: RecordBatchHeader;
  position: number;
  size: number;
}

/**
 * A segment's `.log` file: record batches back to back. It only grows at the end (or is truncated during
 * recovery); `size` is what has been written, which is what readers may see. Its descriptor is opened on demand
 * from the shared `OpenFiles` budget, so an idle segment holds none.
 */
export class FileRecords {
  private readonly file: OpenFileRef;
  /** Writes so far, and how many of them a completed fsync covers: a flush with nothing new to sync is skipped. */
  private writes = 0;
  private syncedWrites = 0;

  private constructor(
    path: string,
    private readonly files: OpenFiles,
    private bytes: number,
  ) {
    this.file = { path, flags: constants.O_RDWR };
  }

  /** Opens an existing file; its current length is taken as the size. */
  static open(path: string, files: OpenFiles): FileRecords {
    return new FileRecords(path, files, statSync(path).size);
  }

  /** Creates the file empty (truncating one that exists). */
  static create(path: string, files: OpenFiles): FileRecords {
    closeSync(openSync(path, constants.O_RDWR | constants.O_CREAT | constants.O_TRUNC, 0o644));
    const records = new FileRecords(path, files, 0);
    records.writes = 1;
    return records;
  }

  get path(): string {
    return this.file.path;
  }

  get size(): number {
    return this.bytes;
  }

  /**
   * Appends whole batches in one write; returns the position they start at. A write that fails part-way (ENOSPC)
   * is cut back to the old end before the error is thrown, so no torn batch is left behind.
   */
  append(data: Buffer): number {
    const position = this.bytes;
    const fd = this.files.fd(this.file);
    this.writes++;
    let written = 0;
    try {
      while (written < data.length) {
        written += writeSync(fd, data, written, data.length - written, position + written);
      }
    } catch (err) {
      if (written > 0 || statSync(this.file.path).size > position) ftruncateSync(fd, position);
      throw err;
    }
    this.bytes += data.length;
    return position;
  }

  /** Reads up to `length` bytes at `position`, never past the written size. */
  read(position: number, length: number): Buffer {
    const end = Math.min(this.bytes, position + length);
    if (end <= position) return Buffer.alloc(0);
    const buf = Buffer.allocUnsafe(end - position);
    const fd = this.files.fd(this.file, "read");
    let done = 0;
    while (done < buf.length) {
      const n = readSync(fd, buf, done, buf.length - done, position + done);
      if (n === 0) throw new Error(`${this.file.path}: unexpected end of file at ${position + done}`);
      done += n;
    }
    return buf;
  }

  /** Reads like `read`, on the thread pool (for long background reads: the scrubber, read-time verification). */
  readAsync(position: number, length: number): Promise<Buffer> {
    const end = Math.min(this.bytes, position + length);
    if (end <= position) return Promise.resolve(Buffer.alloc(0));
    const buf = Buffer.allocUnsafe(end - position);
    return this.files.use(this.file, async (fd) => {
      let done = 0;
      while (done < buf.length) {
        const n = await new Promise<number>((resolve, reject) => read(fd, buf, done, buf.length - done, position + done, (err, bytes) => (err ? reject(err) : resolve(bytes))));
        if (n === 0) throw new Error(`${this.file.path}: unexpected end of file at ${position + done}`);
        done += n;
      }
      return buf;
    }, "read");
  }

  /** The header of the batch at `position`, or undefined when fewer than a header's bytes remain. */
  readHeader(position: number): RecordBatchHeader | undefined {
    if (position + BATCH_HEADER_SIZE > this.bytes) return undefined;
    return readBatchHeader(this.read(position, BATCH_HEADER_SIZE), 0);
  }

  /**
   * Walks the batch headers from `position` (trusting the lengths: for files that were validated or written by
   * this process). Stops at the end or at a batch that does not fit.
   */
  *batchesFrom(position: number): Generator<BatchPosition> {
    while (position + BATCH_HEADER_SIZE <= this.bytes) {
      const header = this.readHeader(position)!;
      const size = LOG_OVERHEAD + header.batchLength;
      if (size < BATCH_HEADER_SIZE || position + size > this.bytes) return;
      yield { header, position, size };
      position += size;
    }
  }

  truncateTo(size: number): void {
    if (size >= this.bytes) return;
    this.writes++;
    ftruncateSync(this.files.fd(this.file), size);
    this.bytes = size;
  }

  /** fdatasync on the thread pool, so concurrent appends can go on and share the next one. */
  async flushAsync(): Promise<void> {
    const writes = this.writes;
    if (writes === this.syncedWrites) return;
    await this.files.use(this.file, (fd) => new Promise<void>((resolve, reject) => fdatasync(fd, (err) => (err ? reject(err) : resolve()))));
    this.syncedWrites = Math.max(this.syncedWrites, writes);
  }

  flush(): void {
    const writes = this.writes;
    if (writes === this.syncedWrites) return;
    fdatasyncSync(this.files.fd(this.file));
    this.syncedWrites = writes;
  }

  rename(path: string): void {
    renameSync(this.file.path, path);
    this.file.path = path;
  }

  /** Releases the descriptor (the next read or write opens it again). */
  close(): void {
    this.files.close(this.file);
  }

  delete(): void {
    this.files.close(this.file);
    rmSync(this.file.path, { force: true });
  }
}
