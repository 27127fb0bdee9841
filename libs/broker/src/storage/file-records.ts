import { closeSync, constants, fdatasync, fdatasyncSync, fstatSync, ftruncateSync, openSync, readSync, renameSync, rmSync, writeSync } from "node:fs";
import { BATCH_HEADER_SIZE, LOG_OVERHEAD, readBatchHeader, validateBatch, type RecordBatchHeader } from "./record-batch.js";

/** A batch found while walking a log file: its header and where it starts. */
export interface BatchPosition {
  header: RecordBatchHeader;
  position: number;
  size: number;
}

const SCAN_CHUNK = 1 << 20;

/**
 * A segment's `.log` file: record batches back to back. It only grows at the end (or is truncated during
 * recovery); `size` is what has been written, which is what readers may see.
 */
export class FileRecords {
  private constructor(
    public path: string,
    private fd: number,
    private bytes: number,
  ) {}

  /** Opens (creating when missing) the file; its current length is taken as the size. */
  static open(path: string): FileRecords {
    const fd = openSync(path, constants.O_RDWR | constants.O_CREAT, 0o644);
    return new FileRecords(path, fd, fstatSync(fd).size);
  }

  get size(): number {
    return this.bytes;
  }

  /** Appends whole batches in one write; returns the position they start at. */
  append(data: Buffer): number {
    const position = this.bytes;
    let written = 0;
    while (written < data.length) {
      written += writeSync(this.fd, data, written, data.length - written, position + written);
    }
    this.bytes += data.length;
    return position;
  }

  /** Reads up to `length` bytes at `position`, never past the written size. */
  read(position: number, length: number): Buffer {
    const end = Math.min(this.bytes, position + length);
    if (end <= position) return Buffer.alloc(0);
    const buf = Buffer.allocUnsafe(end - position);
    let done = 0;
    while (done < buf.length) {
      const n = readSync(this.fd, buf, done, buf.length - done, position + done);
      if (n === 0) throw new Error(`${this.path}: unexpected end of file at ${position + done}`);
      done += n;
    }
    return buf;
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

  /**
   * Walks and fully validates the batches from the start (length, magic, CRC), reading in large chunks.
   * Stops at the first batch that is torn or corrupt, and reports why in `invalidReason`.
   */
  *validatedBatches(): Generator<BatchPosition, { validBytes: number; invalidReason?: string }> {
    let chunk: Buffer = Buffer.alloc(0);
    let chunkStart = 0;
    const ensure = (position: number, needed: number) => {
      if (position + needed <= chunkStart + chunk.length) return;
      chunk = this.read(position, Math.max(SCAN_CHUNK, needed));
      chunkStart = position;
    };
    let position = 0;
    while (position < this.bytes) {
      ensure(position, BATCH_HEADER_SIZE);
      const declared = position + 12 <= chunkStart + chunk.length ? LOG_OVERHEAD + chunk.readInt32BE(position - chunkStart + 8) : 0;
      if (declared > 0 && position + declared <= this.bytes) ensure(position, declared);
      const result = validateBatch(chunk, position - chunkStart, chunk.length);
      if (typeof result === "string") return { validBytes: position, invalidReason: result };
      const size = LOG_OVERHEAD + result.batchLength;
      yield { header: result, position, size };
      position += size;
    }
    return { validBytes: position };
  }

  truncateTo(size: number): void {
    if (size >= this.bytes) return;
    ftruncateSync(this.fd, size);
    this.bytes = size;
  }

  /** fdatasync on the thread pool, so concurrent appends can go on and share the next one. */
  flushAsync(): Promise<void> {
    return new Promise((resolve, reject) => fdatasync(this.fd, (err) => (err ? reject(err) : resolve())));
  }

  flush(): void {
    fdatasyncSync(this.fd);
  }

  rename(path: string): void {
    renameSync(this.path, path);
    this.path = path;
  }

  close(): void {
    closeSync(this.fd);
  }

  delete(): void {
    closeSync(this.fd);
    rmSync(this.path, { force: true });
  }
}
