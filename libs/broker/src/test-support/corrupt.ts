import { closeSync, openSync, readFileSync, readSync, writeSync } from "node:fs";
import { join } from "node:path";
import { LOG_OVERHEAD, batchLastOffset, readBatchHeader } from "../storage/record-batch.js";

/** A batch of a `.log` file, as the file holds it. */
export interface BatchOnDisk {
  position: number;
  size: number;
  baseOffset: number;
  lastOffset: number;
}

/** Every batch of a segment file, walking the length fields. */
export function batchesOf(path: string): BatchOnDisk[] {
  const bytes = readFileSync(path);
  const out: BatchOnDisk[] = [];
  for (let position = 0; position + LOG_OVERHEAD <= bytes.length; ) {
    const header = readBatchHeader(bytes, position);
    const size = LOG_OVERHEAD + header.batchLength;
    out.push({ position, size, baseOffset: header.baseOffset, lastOffset: batchLastOffset(header) });
    position += size;
  }
  return out;
}

/** Flips every bit of the byte at `position` of the file, as bit rot would (through another descriptor). */
export function flipByte(path: string, position: number): void {
  const fd = openSync(path, "r+");
  try {
    const byte = Buffer.alloc(1);
    readSync(fd, byte, 0, 1, position);
    byte[0] = byte[0]! ^ 0xff;
    writeSync(fd, byte, 0, 1, position);
  } finally {
    closeSync(fd);
  }
}

/** The path of a segment's `.log` file. */
export function segmentPath(partitionDir: string, baseOffset: number): string {
  return join(partitionDir, `${String(baseOffset).padStart(20, "0")}.log`);
}
