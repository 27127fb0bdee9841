import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { InvalidProducerEpochError, OutOfOrderSequenceNumberError } from "../../errors.js";
import { useTempDirs } from "../../test-support/temp-dir.js";
import { encodeRecordBatch, readBatchHeader, type RecordBatchHeader } from "../record-batch.js";
import type { ProducerBatch } from "./producer-append-info.js";
import { decodeProducerSnapshot, encodeProducerSnapshot, snapshotFileName } from "./producer-snapshot.js";
import { ProducerStateEntry } from "./producer-state-entry.js";
import { ProducerStateManager } from "./producer-state-manager.js";
import { rebuildProducerState, type ProducerStateSegment } from "./producer-state-recovery.js";

const tempDir = useTempDirs();
const now = 1_700_000_000_000;
const DAY = 24 * 3600 * 1000;

function batch(baseSequence: number, count: number, baseOffset: number, producerEpoch = 0, maxTimestamp = now): ProducerBatch {
  const lastSequence = baseSequence + count - 1 > 0x7fffffff ? baseSequence + count - 1 - 0x80000000 : baseSequence + count - 1;
  return { producerEpoch, baseSequence, lastSequence, baseOffset, lastOffset: baseOffset + count - 1, maxTimestamp, isTransactional: false };
}

function append(manager: ProducerStateManager, producerId: number, ...batches: ProducerBatch[]): void {
  const info = manager.prepareUpdate(producerId, "client");
  for (const b of batches) info.append(b);
  manager.update(info);
  manager.updateMapEndOffset(batches.at(-1)!.lastOffset + 1);
}

describe("producer state entry", () => {
  it("keeps the last five batches and finds a retry of any of them", () => {
    const entry = ProducerStateEntry.empty(7);
    for (let i = 0; i < 7; i++) entry.addBatch(0, i * 10 + 9, i * 100 + 9, 9, now + i);
    expect(entry.batchMetadata).toHaveLength(5);
    expect(entry.firstSeq).toBe(20);
    expect(entry.lastSeq).toBe(69);
    expect(entry.findDuplicateBatch(0, 30, 39)).toEqual({ lastSeq: 39, lastOffset: 309, offsetDelta: 9, timestamp: now + 3 });
    expect(entry.findDuplicateBatch(0, 10, 19)).toBeUndefined();
    expect(entry.findDuplicateBatch(1, 30, 39)).toBeUndefined();
    entry.addBatch(1, 4, 800, 4, now);
    expect(entry.batchMetadata).toHaveLength(1);
  });
});

describe("producer append info (Kafka's sequence and epoch rules)", () => {
  const manager = () => new ProducerStateManager(tempDir(), "t-0", DAY);

  it("accepts consecutive sequences and refuses a gap or a repeat with OUT_OF_ORDER_SEQUENCE_NUMBER", () => {
    const m = manager();
    append(m, 1, batch(0, 5, 0), batch(5, 5, 5));
    const gap = m.prepareUpdate(1, "client");
    expect(() => gap.append(batch(11, 1, 10))).toThrow(OutOfOrderSequenceNumberError);
    expect(() => m.prepareUpdate(1, "client").append(batch(9, 1, 10))).toThrow(
      "Out of order sequence number for producer 1 at offset 10 in partition t-0: 9 (incoming seq. number), 9 (current end sequence number)",
    );
    const next = m.prepareUpdate(1, "client");
    next.append(batch(10, 1, 10));
    expect(next.toEntry().lastSeq).toBe(10);
  });

  it("refuses an older epoch with INVALID_PRODUCER_EPOCH and makes a new epoch start at 0", () => {
    const m = manager();
    append(m, 1, batch(0, 3, 0, 2));
    expect(() => m.prepareUpdate(1, "client").append(batch(3, 1, 3, 1))).toThrow(InvalidProducerEpochError);
    expect(() => m.prepareUpdate(1, "client").append(batch(3, 1, 3, 3))).toThrow(/Invalid sequence number for new epoch of producer 1/);
    const bumped = m.prepareUpdate(1, "client");
    bumped.append(batch(0, 1, 3, 3));
    m.update(bumped);
    expect(m.lastEntry(1)).toMatchObject({ producerEpoch: 3, lastSeq: 0 });
  });

  it("lets a producer the partition does not know start at any sequence", () => {
    const info = manager().prepareUpdate(99, "client");
    info.append(batch(4242, 2, 0));
    expect(info.toEntry().lastSeq).toBe(4243);
  });

  it("wraps sequences from Int32 max to 0", () => {
    const m = manager();
    append(m, 1, batch(0x7ffffffe, 2, 0));
    expect(m.lastEntry(1)!.lastSeq).toBe(0x7fffffff);
    const info = m.prepareUpdate(1, "client");
    info.append(batch(0, 3, 2));
    expect(info.toEntry().lastSeq).toBe(2);
  });

  it("checks each batch of one append against the ones before it", () => {
    const m = manager();
    append(m, 1, batch(0, 2, 0));
    const info = m.prepareUpdate(1, "client");
    info.append(batch(2, 2, 2));
    expect(() => info.append(batch(5, 1, 4))).toThrow(OutOfOrderSequenceNumberError);
  });

  it("does not check sequences of batches replayed from the log", () => {
    const m = manager();
    append(m, 1, batch(0, 2, 0));
    const replay = m.prepareUpdate(1, "replication");
    replay.append(batch(50, 1, 2));
    expect(replay.toEntry().lastSeq).toBe(50);
  });
});

describe("producer snapshots (Kafka's format)", () => {
  it("writes version 1, a CRC32C and 46-byte entries", () => {
    const entry = ProducerStateEntry.empty(0x0102030405);
    entry.addBatch(3, 77, 1000, 4, now);
    const bytes = encodeProducerSnapshot([entry]);
    expect(bytes.length).toBe(2 + 4 + 4 + 46);
    expect(bytes.subarray(0, 2).toString("hex")).toBe("0001");
    expect(bytes.subarray(6).toString("hex")).toBe(
      "00000001" + "0000000102030405" + "0003" + "0000004d" + "00000000000003e8" + "00000004" + now.toString(16).padStart(16, "0") + "ffffffff" + "ffffffffffffffff",
    );
    const [back] = decodeProducerSnapshot(bytes);
    expect(back).toMatchObject({ producerId: 0x0102030405, producerEpoch: 3, lastSeq: 77, lastDataOffset: 1000, lastOffsetDelta: 4, lastTimestamp: now, firstSeq: 73 });
  });

  it("refuses a flipped bit, a torn file and another version", () => {
    const entry = ProducerStateEntry.empty(1);
    entry.addBatch(0, 1, 1, 1, now);
    const bytes = encodeProducerSnapshot([entry]);
    const flipped = Buffer.from(bytes);
    flipped[20]! ^= 1;
    expect(() => decodeProducerSnapshot(flipped)).toThrow(/CRC is no longer valid/);
    expect(() => decodeProducerSnapshot(bytes.subarray(0, bytes.length - 3))).toThrow(/schema validation/);
    const v2 = Buffer.from(bytes);
    v2.writeInt16BE(2, 0);
    expect(() => decodeProducerSnapshot(v2)).toThrow(/unknown file version 2/);
  });

  it("are taken at the map end offset and reloaded, skipping a corrupt newest one", () => {
    const dir = tempDir();
    const m = new ProducerStateManager(dir, "t-0", DAY);
    append(m, 1, batch(0, 10, 0));
    expect(m.takeSnapshot()).toBe(true);
    expect(m.takeSnapshot()).toBe(false);
    append(m, 2, batch(0, 5, 10));
    m.takeSnapshot();
    expect(readdirSync(dir).sort()).toEqual([snapshotFileName(10), snapshotFileName(15)]);

    const reloaded = new ProducerStateManager(dir, "t-0", DAY);
    reloaded.truncateAndReload(0, 15, now);
    expect(reloaded.mapEndOffset).toBe(15);
    expect([...reloaded.activeProducers().keys()].sort()).toEqual([1, 2]);

    writeFileSync(join(dir, snapshotFileName(15)), readFileSync(join(dir, snapshotFileName(15))).subarray(0, 20));
    const fallback = new ProducerStateManager(dir, "t-0", DAY);
    fallback.truncateAndReload(0, 15, now);
    expect(fallback.mapEndOffset).toBe(10);
    expect([...fallback.activeProducers().keys()]).toEqual([1]);
    expect(readdirSync(dir)).toEqual([snapshotFileName(10)]);
  });

  it("drops snapshots beyond the log end (a truncated log) and at or below the log start", () => {
    const dir = tempDir();
    const m = new ProducerStateManager(dir, "t-0", DAY);
    for (const [start, end] of [[0, 5], [5, 10], [10, 20]] as const) {
      append(m, 1, batch(start, end - start, start));
      m.takeSnapshot();
    }
    const reloaded = new ProducerStateManager(dir, "t-0", DAY);
    reloaded.truncateAndReload(5, 12, now);
    expect(reloaded.snapshotOffsets()).toEqual([10]);
    expect(reloaded.mapEndOffset).toBe(10);
  });
});

describe("producer expiry", () => {
  it("forgets producers idle for producer.id.expiration.ms, and does not load expired ones", () => {
    const dir = tempDir();
    const m = new ProducerStateManager(dir, "t-0", 1000);
    append(m, 1, batch(0, 1, 0, 0, now));
    append(m, 2, batch(0, 1, 1, 0, now + 600));
    m.takeSnapshot();
    expect(m.removeExpiredProducers(now + 999)).toBe(0);
    expect(m.removeExpiredProducers(now + 1000)).toBe(1);
    expect([...m.activeProducers().keys()]).toEqual([2]);
    // The expired producer may now start over at any sequence.
    const info = m.prepareUpdate(1, "client");
    info.append(batch(500, 1, 2));
    const reloaded = new ProducerStateManager(dir, "t-0", 1000);
    reloaded.truncateAndReload(0, 5, now + 1000);
    expect([...reloaded.activeProducers().keys()]).toEqual([2]);
  });
});

describe("rebuilding producer state from snapshots and the log", () => {
  function segment(baseOffset: number, headers: RecordBatchHeader[]): ProducerStateSegment {
    return {
      baseOffset,
      batches: () => headers.map((header) => ({ header })),
      readBatch: () => {
        throw new Error("only control batches are read");
      },
      rebuildTxnIndex: () => null,
    };
  }

  function header(producerId: number, baseOffset: number, count: number, baseSequence: number): RecordBatchHeader {
    const data = encodeRecordBatch(
      Array.from({ length: count }, () => ({ value: Buffer.from("v") })),
      { baseOffset, timestampType: "CreateTime", now, producerId, producerEpoch: 0, baseSequence },
    );
    return readBatchHeader(data);
  }

  it("loads the newest snapshot and replays only the batches after it", () => {
    const dir = tempDir();
    const first = new ProducerStateManager(dir, "t-0", DAY);
    append(first, 1, batch(0, 10, 0));
    first.takeSnapshot();
    const segments = [
      segment(0, [header(1, 0, 10, 0)]),
      segment(10, [header(1, 10, 5, 10), header(2, 15, 3, 0), header(-1, 18, 2, -1)]),
    ];
    const m = new ProducerStateManager(dir, "t-0", DAY);
    rebuildProducerState(m, segments, 0, 20, now, false);
    expect(m.lastEntry(1)).toMatchObject({ lastSeq: 14, lastDataOffset: 14 });
    expect(m.lastEntry(1)!.batchMetadata).toHaveLength(2);
    expect(m.lastEntry(2)).toMatchObject({ lastSeq: 2, lastDataOffset: 17 });
    expect(m.mapEndOffset).toBe(20);
    expect(m.snapshotOffsets()).toEqual([10, 20]);
  });

  it("replays the whole log when there is no snapshot after a crash", () => {
    const m = new ProducerStateManager(tempDir(), "t-0", DAY);
    rebuildProducerState(m, [segment(0, [header(5, 0, 4, 100), header(5, 4, 4, 104)])], 0, 8, now, false);
    expect(m.lastEntry(5)!.batchMetadata.map((b) => b.lastSeq)).toEqual([103, 107]);
  });

  it("skips the replay after a clean shutdown of a log that never had snapshots, taking empty ones", () => {
    const m = new ProducerStateManager(tempDir(), "t-0", DAY);
    rebuildProducerState(m, [segment(0, [header(5, 0, 4, 0)]), segment(4, [header(5, 4, 4, 4)])], 0, 8, now, true);
    expect(m.isEmpty).toBe(true);
    expect(m.snapshotOffsets()).toEqual([4, 8]);
  });
});
