import { existsSync, readFileSync } from "node:fs";
import { writeFileAtomically } from "./atomic-file.js";

/** A partition named as Kafka does in checkpoint files and directory names. */
export interface TopicPartition {
  topic: string;
  partition: number;
}

const VERSION = 0;

/**
 * Kafka's offset checkpoint files (`recovery-point-offset-checkpoint`, `log-start-offset-checkpoint`):
 * a version line, a count line, then `topic partition offset` lines. Written to a temp file, fsynced and renamed,
 * so a crash leaves either the old or the new file.
 */
export class OffsetCheckpointFile {
  constructor(readonly path: string) {}

  read(): Map<string, number> {
    const offsets = new Map<string, number>();
    if (!existsSync(this.path)) return offsets;
    const lines = readFileSync(this.path, "utf8").split("\n").filter((l) => l.length > 0);
    if (lines[0] !== String(VERSION)) throw new Error(`${this.path}: unsupported checkpoint version ${lines[0]}`);
    const expected = Number(lines[1]);
    const entries = lines.slice(2);
    if (entries.length !== expected) throw new Error(`${this.path}: expected ${expected} entries, found ${entries.length}`);
    for (const line of entries) {
      const match = /^(\S+) (\d+) (\d+)$/.exec(line);
      if (!match) throw new Error(`${this.path}: malformed line "${line}"`);
      offsets.set(partitionKey({ topic: match[1]!, partition: Number(match[2]) }), Number(match[3]));
    }
    return offsets;
  }

  write(entries: Iterable<[TopicPartition, number]>): void {
    const lines: string[] = [];
    for (const [tp, offset] of entries) lines.push(`${tp.topic} ${tp.partition} ${offset}`);
    const text = `${VERSION}\n${lines.length}\n${lines.map((l) => l + "\n").join("")}`;
    writeFileAtomically(this.path, text);
  }
}

/** The `topic-partition` name Kafka gives a partition's directory. */
export function partitionKey(tp: TopicPartition): string {
  return `${tp.topic}-${tp.partition}`;
}
