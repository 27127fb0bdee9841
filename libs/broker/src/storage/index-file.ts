import { closeSync, existsSync, fdatasyncSync, ftruncateSync, openSync, readFileSync, renameSync, rmSync, writeSync } from "node:fs";
import type { OpenFileRef, OpenFiles } from "./open-files.js";

/**
 * The append-only file under an offset or time index. Entries are fixed-size; the index keeps its own
 * in-memory copy for lookups, so the file is only appended, truncated, flushed and read back at open. Its
 * descriptor comes from the shared `OpenFiles` budget.
 *
 * A file that cannot be written (ENOSPC) is abandoned: it is removed and no longer written, while the in-memory
 * index stays whole. The index is derived data, so the next open of the segment, finding no index file beside a
 * non-empty log, rebuilds it from the log.
 */
export class IndexFile {
  private readonly file: OpenFileRef;
  private abandoned = false;
  /** Written since the last flush: a flush must reach the disk even if the descriptor was closed meanwhile. */
  private dirty = false;

  constructor(
    path: string,
    readonly entrySize: number,
    private readonly files: OpenFiles,
  ) {
    this.file = { path, flags: "a+" };
  }

  get path(): string {
    return this.file.path;
  }

  /** Whether the file exists on disk (an abandoned or never-created index has none). */
  get exists(): boolean {
    return existsSync(this.file.path);
  }

  /** The whole file's bytes, or an empty buffer when it does not exist yet. */
  readAll(): Buffer {
    return existsSync(this.file.path) ? readFileSync(this.file.path) : Buffer.alloc(0);
  }

  /** Creates the file empty (truncating one that exists). */
  create(): void {
    this.files.close(this.file);
    closeSync(openSync(this.file.path, "w"));
    this.abandoned = false;
    this.dirty = true;
  }

  /** Appends an entry; on failure the file is abandoned (see the class) and the error rethrown for the caller to report. */
  append(entry: Buffer): void {
    if (this.abandoned) return;
    try {
      const fd = this.files.fd(this.file);
      let written = 0;
      this.dirty = true;
      while (written < entry.length) written += writeSync(fd, entry, written, entry.length - written);
    } catch (err) {
      this.abandon();
      throw err;
    }
  }

  /** Replaces the whole file with `bytes` (an index rebuilt in memory). */
  rewrite(bytes: Buffer): void {
    if (this.abandoned) return;
    try {
      const fd = this.files.fd(this.file);
      this.dirty = true;
      ftruncateSync(fd, 0);
      let written = 0;
      while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written);
    } catch (err) {
      this.abandon();
      throw err;
    }
  }

  /** Keeps only the first `entries` entries on disk. */
  truncate(entries: number): void {
    if (this.abandoned) return;
    this.dirty = true;
    ftruncateSync(this.files.fd(this.file), entries * this.entrySize);
  }

  flush(): void {
    if (this.abandoned || !this.dirty) return;
    fdatasyncSync(this.files.fd(this.file));
    this.dirty = false;
  }

  /** Flushes and releases the file descriptor; the next append reopens it. */
  close(): void {
    try {
      this.flush();
    } finally {
      this.files.close(this.file);
    }
  }

  /** Releases the file descriptor without flushing: for files about to be deleted. */
  release(): void {
    this.files.close(this.file);
  }

  /** Stops writing the file and removes it, so the next open rebuilds the index from the log. */
  abandon(): void {
    this.abandoned = true;
    this.files.close(this.file);
    try {
      rmSync(this.file.path, { force: true });
    } catch {
      // A filesystem that refuses even this (read-only) keeps the old file: it is what was trusted before.
    }
  }

  rename(path: string): void {
    if (existsSync(this.file.path)) renameSync(this.file.path, path);
    this.file.path = path;
  }

  delete(): void {
    this.files.close(this.file);
    rmSync(this.file.path, { force: true });
  }
}

/** Thrown when an index file does not hold what its segment says; the caller rebuilds the index from the log. */
export class CorruptIndexError extends Error {}
