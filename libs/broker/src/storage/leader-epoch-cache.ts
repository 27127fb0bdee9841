import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { writeFileAtomically } from "./atomic-file.js";

/** The file each partition directory keeps its leader epochs in, in Kafka's format. */
export const LEADER_EPOCH_CHECKPOINT = "leader-epoch-checkpoint";

/** A leader epoch and the first offset written in it. */
export interface EpochEntry {
  epoch: number;
  startOffset: number;
}

/** Kafka's answer when an epoch or its end offset is unknown. */
export const UNDEFINED_EPOCH = -1;
export const UNDEFINED_EPOCH_OFFSET = -1;

/**
 * Kafka's LeaderEpochFileCache (KIP-101): for every leader epoch of a partition, the first offset its leader wrote.
 * A follower asks the leader where its last epoch ends (OffsetForLeaderEpoch) and truncates there, so replicas never
 * diverge. Kept in `leader-epoch-checkpoint` (`0`, the count, then `epoch startOffset` lines), replaced atomically
 * and fsynced on every change, which happens once per leader change, not per append.
 */
export class LeaderEpochFileCache {
  private entries: EpochEntry[] = [];
  private readonly path: string;

  constructor(dir: string) {
    this.path = join(dir, LEADER_EPOCH_CHECKPOINT);
    if (existsSync(this.path)) this.entries = parseCheckpoint(readFileSync(this.path, "utf8"), this.path);
  }

  /** The entries, oldest first. */
  get epochEntries(): readonly EpochEntry[] {
    return this.entries;
  }

  /** The newest epoch, or undefined when the log has never had one (a single broker's log). */
  get latestEpoch(): number | undefined {
    return this.entries.at(-1)?.epoch;
  }

  /**
   * Records that `epoch` starts at `startOffset` (Kafka's `assign`): ignored when the epoch is already known from an
   * earlier offset; entries it contradicts (a later or equal epoch, or a later start) are dropped first.
   */
  assign(epoch: number, startOffset: number): void {
    if (epoch < 0) return;
    const latest = this.entries.at(-1);
    if (latest && latest.epoch === epoch && latest.startOffset <= startOffset) return;
    this.entries = this.entries.filter((e) => e.epoch < epoch && e.startOffset < startOffset);
    this.entries.push({ epoch, startOffset });
    this.flush();
  }

  /**
   * Kafka's `endOffsetFor`: the largest epoch at or below `requestedEpoch` and the offset where it ends — the start of
   * the next epoch, or `logEndOffset` for the latest. Unknown (-1, -1) for -1 or an epoch newer than the latest.
   */
  endOffsetFor(requestedEpoch: number, logEndOffset: number): { epoch: number; endOffset: number } {
    const latest = this.entries.at(-1);
    if (requestedEpoch === UNDEFINED_EPOCH || latest === undefined) return { epoch: UNDEFINED_EPOCH, endOffset: UNDEFINED_EPOCH_OFFSET };
    if (requestedEpoch === latest.epoch) return { epoch: requestedEpoch, endOffset: logEndOffset };
    const higher = this.entries.find((e) => e.epoch > requestedEpoch);
    if (higher === undefined) return { epoch: UNDEFINED_EPOCH, endOffset: UNDEFINED_EPOCH_OFFSET };
    const floor = this.entries.filter((e) => e.epoch <= requestedEpoch).at(-1);
    return { epoch: floor?.epoch ?? requestedEpoch, endOffset: higher.startOffset };
  }

  /** The epoch the record at `offset` was written in, or undefined. */
  epochForOffset(offset: number): number | undefined {
    return this.entries.filter((e) => e.startOffset <= offset).at(-1)?.epoch;
  }

  /** Drops the epochs starting at or after `endOffset` (the log was truncated there). */
  truncateFromEnd(endOffset: number): void {
    const kept = this.entries.filter((e) => e.startOffset < endOffset);
    if (kept.length === this.entries.length) return;
    this.entries = kept;
    this.flush();
  }

  /** Drops epochs wholly before `startOffset` (the log start moved); the one holding it now starts there. */
  truncateFromStart(startOffset: number): void {
    const firstKept = this.entries.findLastIndex((e) => e.startOffset <= startOffset);
    if (firstKept < 0 || (firstKept === 0 && this.entries[0]!.startOffset === startOffset)) return;
    this.entries = [{ epoch: this.entries[firstKept]!.epoch, startOffset }, ...this.entries.slice(firstKept + 1)];
    this.flush();
  }

  /** Forgets every epoch (the log was emptied to start over). */
  clear(): void {
    if (this.entries.length === 0) return;
    this.entries = [];
    this.flush();
  }

  private flush(): void {
    writeFileAtomically(this.path, `0\n${this.entries.length}\n${this.entries.map((e) => `${e.epoch} ${e.startOffset}\n`).join("")}`);
  }
}

function parseCheckpoint(text: string, path: string): EpochEntry[] {
  const lines = text.split("\n").filter((l) => l.length > 0);
  if (lines[0] !== "0") throw new Error(`${path}: unknown checkpoint version ${lines[0]}`);
  const count = Number(lines[1]);
  const entries = lines.slice(2).map((line) => {
    const [epoch, startOffset] = line.split(" ").map(Number);
    if (!Number.isSafeInteger(epoch) || !Number.isSafeInteger(startOffset)) throw new Error(`${path}: malformed entry '${line}'`);
    return { epoch: epoch!, startOffset: startOffset! };
  });
  if (entries.length !== count) throw new Error(`${path}: expected ${count} entries, found ${entries.length}`);
  return entries;
}
