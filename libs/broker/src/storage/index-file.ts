import { closeSync, existsSync, fdatasyncSync, ftruncateSync, openSync, readFileSync, renameSync, rmSync, writeSync } from "node:fs";

/**
 * The append-only file under an offset or time index. Entries are fixed-size; the index keeps its own
 * in-memory copy for lookups, so the file is only appended, truncated, flushed and read back at open.
 */
export class IndexFile {
  private fd: number | null = null;

  constructor(
    public path: string,
    readonly entrySize: number,
  ) {}

  /** The whole file's bytes, or an empty buffer when it does not exist yet. */
  readAll(): Buffer {
    return existsSync(this.path) ? readFileSync(this.path) : Buffer.alloc(0);
  }

  append(entry: Buffer): void {
    const fd = this.open();
    let written = 0;
    while (written < entry.length) written += writeSync(fd, entry, written, entry.length - written);
  }

  /** Keeps only the first `entries` entries on disk. */
  truncate(entries: number): void {
    ftruncateSync(this.open(), entries * this.entrySize);
  }

  flush(): void {
    if (this.fd !== null) fdatasyncSync(this.fd);
  }

  /** Flushes and releases the file descriptor; the next append reopens it. */
  close(): void {
    if (this.fd === null) return;
    fdatasyncSync(this.fd);
    closeSync(this.fd);
    this.fd = null;
  }

  /** Releases the file descriptor without flushing: for files about to be deleted. */
  release(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }

  rename(path: string): void {
    if (existsSync(this.path)) renameSync(this.path, path);
    this.path = path;
  }

  delete(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
    rmSync(this.path, { force: true });
  }

  private open(): number {
    this.fd ??= openSync(this.path, "a+");
    return this.fd;
  }
}

/** Thrown when an index file does not hold what its segment says; the caller rebuilds the index from the log. */
export class CorruptIndexError extends Error {}
