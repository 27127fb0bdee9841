import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from "node:fs";
import { dirname, join } from "node:path";
import { KafkaStorageError, type KafkaError } from "../errors.js";

/** Kafka's `ProducerIdsBlock.PRODUCER_ID_BLOCK_SIZE`: ids are reserved a thousand at a time. */
export const PRODUCER_ID_BLOCK_SIZE = 1000;
export const PRODUCER_ID_BLOCK_FILE = "producer-id-block";

/**
 * Hands out producer ids (InitProducerId), never the same one twice, across restarts and crashes too: before the ids
 * of a block are given out, the block is recorded in `producer-id-block` in the data directory (written to a temporary
 * file, fsynced, renamed). After a restart allocation resumes after the last recorded block, so ids a crashed process
 * may have handed out are skipped, as Kafka's controller does with its blocks.
 */
export class ProducerIdManager {
  private readonly path: string;
  private nextId = 0;
  private blockEnd = 0;
  private loaded = false;

  /**
   * The manager of `dataDir`; its record is read on the first allocation, so a bad one fails InitProducerId only.
   * `classifyWriteError` turns a failed write into the error to answer (the data directory's health: a full disk is
   * LogDirFullError); a KafkaStorageError naming the block otherwise.
   */
  constructor(
    dataDir: string,
    private readonly blockSize = PRODUCER_ID_BLOCK_SIZE,
    private readonly classifyWriteError?: (err: unknown, what: string) => KafkaError,
  ) {
    this.path = join(dataDir, PRODUCER_ID_BLOCK_FILE);
  }

  /**
   * The next unused producer id.
   * @throws KafkaStorageError when the last block cannot be read or a new block cannot be recorded (a full or
   *   failing disk): no id is handed out.
   */
  generateProducerId(): number {
    if (!this.loaded) this.load();
    if (this.nextId >= this.blockEnd) this.reserveBlock(this.blockEnd);
    return this.nextId++;
  }

  /** Resumes after the last recorded block (none: ids start at 0). */
  private load(): void {
    if (existsSync(this.path)) {
      let text: string;
      try {
        text = readFileSync(this.path, "utf8");
      } catch (err) {
        throw new KafkaStorageError(`Could not read the producer id block record ${this.path}: ${(err as Error).message}`);
      }
      const block = parseBlock(text, this.path);
      this.nextId = this.blockEnd = block.firstProducerId + block.size;
    }
    this.loaded = true;
  }

  private reserveBlock(firstProducerId: number): void {
    const content = JSON.stringify({ version: 1, firstProducerId, size: this.blockSize }) + "\n";
    const tmp = `${this.path}.tmp`;
    try {
      const fd = openSync(tmp, "w", 0o644);
      try {
        const data = Buffer.from(content);
        let written = 0;
        while (written < data.length) written += writeSync(fd, data, written, data.length - written);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      renameSync(tmp, this.path);
      syncDirectory(dirname(this.path));
    } catch (err) {
      const what = `Reserving producer ids ${firstProducerId} to ${firstProducerId + this.blockSize - 1} in ${this.path}`;
      throw this.classifyWriteError?.(err, what) ?? new KafkaStorageError(`${what} failed: ${(err as Error).message}`);
    }
    this.nextId = firstProducerId;
    this.blockEnd = firstProducerId + this.blockSize;
  }
}

function parseBlock(text: string, path: string): { firstProducerId: number; size: number } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new KafkaStorageError(`${path} is not a producer id block record: ${JSON.stringify(text.slice(0, 80))}`);
  }
  const block = parsed as { firstProducerId?: unknown; size?: unknown };
  if (!Number.isSafeInteger(block.firstProducerId) || !Number.isSafeInteger(block.size) || (block.firstProducerId as number) < 0 || (block.size as number) < 1) {
    throw new KafkaStorageError(`${path} does not hold a valid producer id block: ${text.trim()}`);
  }
  return { firstProducerId: block.firstProducerId as number, size: block.size as number };
}

/** fsyncs a directory so that a rename in it survives a power loss. */
function syncDirectory(dir: string): void {
  const fd = openSync(dir, "r");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
