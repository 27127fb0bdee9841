import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { dirname } from "node:path";
import { writeFileAtomically } from "../storage/atomic-file.js";

/**
 * One JSON document on disk, replaced atomically (write a temporary file, fsync, rename), for the engine's
 * file-backed security stores. A failed write (no space) leaves the previous document in place.
 */
export class JsonStateFile<T> {
  constructor(
    readonly path: string,
    private readonly empty: () => T,
  ) {}

  /** The document, or the empty one when the file does not exist. */
  read(): T {
    if (!existsSync(this.path)) return this.empty();
    try {
      return JSON.parse(readFileSync(this.path, "utf8")) as T;
    } catch (error) {
      throw new Error(`Cannot read ${this.path}: ${(error as Error).message}`);
    }
  }

  /** Replaces the document. */
  write(next: T): void {
    mkdirSync(dirname(this.path), { recursive: true });
    writeFileAtomically(this.path, JSON.stringify(next, null, 2), { mode: 0o600 });
  }
}
