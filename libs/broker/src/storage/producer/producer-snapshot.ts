import { crc32c } from "@node-rs/crc32";
import { readFileSync } from "node:fs";
import { readInt64BE, writeInt64BE } from "../int64.js";
import { ProducerStateEntry } from "./producer-state-entry.js";
import { writeFileAtomically } from "../atomic-file.js";

/**
 * Kafka's producer snapshot file, `<offset>.snapshot` (its `ProducerSnapshot` message, version 1):
 *
 *   version int16 | crc uint32 (CRC32C of everything after it) | entries count int32 |
 *   entries: producerId int64, epoch int16, lastSequence int32, lastOffset int64, offsetDelta int32,
 *            timestamp int64, coordinatorEpoch int32, currentTxnFirstOffset int64
 *
 * As in Kafka, each entry keeps only the producer's last batch: a restart can recognise a retry of that batch
 * (plus every batch replayed from the log after the snapshot's offset).
 */
const VERSION = 1;
const CRC_OFFSET = 2;
const ENTRIES_OFFSET = 6;
const ENTRY_SIZE = 8 + 2 + 4 + 8 + 4 + 8 + 4 + 8;

export const SNAPSHOT_SUFFIX = ".snapshot";

/** A snapshot file that cannot be trusted: a torn write, a flipped bit, or another format. */
export class CorruptSnapshotError extends Error {}

/** `<offset, 20 digits>.snapshot`, as Kafka names them. */
export function snapshotFileName(offset: number): string {
  return String(offset).padStart(20, "0") + SNAPSHOT_SUFFIX;
}

/** The offset in a snapshot file's name, or undefined for other files. */
export function parseSnapshotFileName(name: string): number | undefined {
  const match = /^(\d{20})\.snapshot$/.exec(name);
  return match ? Number(match[1]) : undefined;
}

/** Serialises the entries in Kafka's format. */
export function encodeProducerSnapshot(entries: Iterable<ProducerStateEntry>): Buffer {
  const list = [...entries];
  const buf = Buffer.alloc(ENTRIES_OFFSET + 4 + list.length * ENTRY_SIZE);
  buf.writeInt16BE(VERSION, 0);
  buf.writeInt32BE(list.length, ENTRIES_OFFSET);
  let pos = ENTRIES_OFFSET + 4;
  for (const entry of list) {
    writeInt64BE(buf, pos, entry.producerId);
    buf.writeInt16BE(entry.producerEpoch, pos + 8);
    buf.writeInt32BE(entry.lastSeq, pos + 10);
    writeInt64BE(buf, pos + 14, entry.lastDataOffset);
    buf.writeInt32BE(entry.lastOffsetDelta, pos + 22);
    writeInt64BE(buf, pos + 26, entry.lastTimestamp);
    buf.writeInt32BE(entry.coordinatorEpoch, pos + 34);
    writeInt64BE(buf, pos + 38, entry.currentTxnFirstOffset);
    pos += ENTRY_SIZE;
  }
  buf.writeUInt32BE(crc32c(buf.subarray(ENTRIES_OFFSET)) >>> 0, CRC_OFFSET);
  return buf;
}

/**
 * Reads the entries of a snapshot.
 * @throws CorruptSnapshotError when the version, the size or the CRC is wrong.
 */
export function decodeProducerSnapshot(buf: Buffer): ProducerStateEntry[] {
  if (buf.length < ENTRIES_OFFSET + 4) throw new CorruptSnapshotError(`Snapshot is ${buf.length} bytes, too short for its header`);
  const version = buf.readInt16BE(0);
  if (version !== VERSION) throw new CorruptSnapshotError(`Snapshot contained an unknown file version ${version}`);
  const count = buf.readInt32BE(ENTRIES_OFFSET);
  if (count < 0 || buf.length !== ENTRIES_OFFSET + 4 + count * ENTRY_SIZE) {
    throw new CorruptSnapshotError(`Snapshot failed schema validation: ${count} entries do not fill ${buf.length} bytes`);
  }
  const stored = buf.readUInt32BE(CRC_OFFSET);
  const computed = crc32c(buf.subarray(ENTRIES_OFFSET)) >>> 0;
  if (stored !== computed) throw new CorruptSnapshotError(`Snapshot is corrupt (CRC is no longer valid). Stored crc: ${stored}. Computed crc: ${computed}`);
  const entries: ProducerStateEntry[] = [];
  let pos = ENTRIES_OFFSET + 4;
  for (let i = 0; i < count; i++) {
    const producerId = readInt64BE(buf, pos);
    const lastOffset = readInt64BE(buf, pos + 14);
    const timestamp = readInt64BE(buf, pos + 26);
    const batch = lastOffset >= 0 ? { lastSeq: buf.readInt32BE(pos + 10), lastOffset, offsetDelta: buf.readInt32BE(pos + 22), timestamp } : undefined;
    entries.push(new ProducerStateEntry(producerId, buf.readInt16BE(pos + 8), buf.readInt32BE(pos + 34), timestamp, readInt64BE(buf, pos + 38), batch));
    pos += ENTRY_SIZE;
  }
  return entries;
}

/**
 * Writes a snapshot atomically: a `.tmp` file renamed into place, so a crash leaves no half-written snapshot under
 * the final name. With `sync` the file is fsynced first; without (at a roll, on the append path, as Kafka does) a
 * power loss may leave it empty or torn, which its CRC reveals: recovery then starts from an older one.
 */
export function writeProducerSnapshot(path: string, entries: Iterable<ProducerStateEntry>, sync = true): void {
  writeFileAtomically(path, encodeProducerSnapshot(entries), { sync, mode: 0o644 });
}

export function readProducerSnapshot(path: string): ProducerStateEntry[] {
  return decodeProducerSnapshot(readFileSync(path));
}
