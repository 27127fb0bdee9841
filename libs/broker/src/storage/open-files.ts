import { closeSync, constants, openSync, readFileSync } from "node:fs";
import { errorCode } from "./io-errors.js";

/** A file the engine keeps on disk whose descriptor is opened on demand: its path may change (renames). */
export interface OpenFileRef {
  path: string;
  /** `open(2)` flags for reopening an existing file (never O_CREAT: a missing file is an error, not a new file). */
  readonly flags: number | string;
}

/** What a descriptor is wanted for: reads make do with a read-only one when the file cannot be opened for writing. */
export type FileAccess = "read" | "write";

interface OpenDescriptor {
  fd: number;
  writable: boolean;
}

/**
 * The log files' descriptors, opened lazily and bounded: at most `maxOpen` are open at once, the least recently used
 * idle one is closed to make room (as Kafka opens segments and indexes lazily), so thousands of partitions with many
 * segments never exhaust `ulimit -n`. Synchronous users take a descriptor and use it at once; asynchronous users
 * (fsync on the thread pool, the scrubber's reads) pin it with `use`, and at most half the budget is pinned at a time.
 */
export class OpenFiles {
  /** Open descriptors in least-recently-used order (a Map iterates in insertion order; a use re-inserts). */
  private readonly open = new Map<OpenFileRef, OpenDescriptor>();
  private readonly pins = new Map<OpenFileRef, number>();
  private pinnedCount = 0;
  /** Pinned files whose owner closed them: closed as soon as their last pin is released. */
  private readonly closeWhenIdle = new Set<OpenFileRef>();
  private readonly waiting: (() => void)[] = [];

  constructor(readonly maxOpen: number) {
    if (!Number.isInteger(maxOpen) || maxOpen < 2) throw new RangeError(`maxOpen must be an integer of at least 2, got ${maxOpen}`);
  }

  /**
   * The descriptor of `file`, opening it (and closing the least recently used idle one) when needed. For reads, a
   * file that cannot be opened for writing (a read-only filesystem) is opened read-only, so reads go on.
   */
  fd(file: OpenFileRef, access: FileAccess = "write"): number {
    const open = this.open.get(file);
    if (open !== undefined) {
      this.open.delete(file);
      if (open.writable || access === "read") {
        this.open.set(file, open);
        return open.fd;
      }
      closeSync(open.fd);
    }
    this.makeRoom();
    let opened: OpenDescriptor;
    try {
      opened = { fd: openSync(file.path, file.flags), writable: true };
    } catch (err) {
      const code = errorCode(err);
      if (access === "write" || (code !== "EROFS" && code !== "EACCES" && code !== "EPERM")) throw err;
      opened = { fd: openSync(file.path, constants.O_RDONLY), writable: false };
    }
    this.open.set(file, opened);
    return opened.fd;
  }

  /** Runs asynchronous work on `file`'s descriptor, which stays open until it settles. */
  async use<T>(file: OpenFileRef, work: (fd: number) => Promise<T>, access: FileAccess = "write"): Promise<T> {
    while (this.pinnedCount >= Math.max(1, Math.floor(this.maxOpen / 2))) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.pinnedCount++;
    this.pins.set(file, (this.pins.get(file) ?? 0) + 1);
    try {
      return await work(this.fd(file, access));
    } finally {
      const left = this.pins.get(file)! - 1;
      if (left > 0) this.pins.set(file, left);
      else {
        this.pins.delete(file);
        if (this.closeWhenIdle.delete(file)) this.close(file);
      }
      this.pinnedCount--;
      this.waiting.shift()?.();
    }
  }

  /** Whether `file` has a descriptor open now. */
  isOpen(file: OpenFileRef): boolean {
    return this.open.has(file);
  }

  /** How many descriptors are open now. */
  get size(): number {
    return this.open.size;
  }

  /** Closes `file`'s descriptor if it has one (a pinned one stays open until its work settles). */
  close(file: OpenFileRef): void {
    if (this.pins.has(file)) {
      this.closeWhenIdle.add(file);
      return;
    }
    const open = this.open.get(file);
    if (open === undefined) return;
    this.open.delete(file);
    closeSync(open.fd);
  }

  private makeRoom(): void {
    if (this.open.size < this.maxOpen) return;
    for (const [file, open] of this.open) {
      if (this.pins.has(file)) continue;
      this.open.delete(file);
      closeSync(open.fd);
      if (this.open.size < this.maxOpen) return;
    }
  }
}

/**
 * The budget of log-file descriptors for this process: half the soft `RLIMIT_NOFILE` (the other half is left to
 * sockets, the metadata database and Node itself), between 32 and 65536; 512 when the limit cannot be read.
 */
export function defaultMaxOpenLogFiles(): number {
  let soft: number | undefined;
  try {
    const match = /^Max open files\s+(\d+|unlimited)/m.exec(readFileSync("/proc/self/limits", "utf8"));
    if (match) soft = match[1] === "unlimited" ? Number.POSITIVE_INFINITY : Number(match[1]);
  } catch {
    soft = undefined;
  }
  if (soft === undefined) return 512;
  return Math.max(32, Math.min(65536, Math.floor(soft / 2)));
}

/** The process-wide budget every log shares unless it is given its own (the limit is the process's, not a broker's). */
export const sharedOpenFiles = new OpenFiles(defaultMaxOpenLogFiles());
