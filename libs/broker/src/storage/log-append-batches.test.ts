import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  DuplicateSequenceNumberError,
  InvalidProducerEpochError,
  InvalidTimestampError,
  OutOfOrderSequenceNumberError,
  RecordListTooLargeError,
} from "../errors.js";
import { kafkajsBatch } from "../test-support/kafkajs-batches.js";
import { logSettings } from "../test-support/log-settings.js";
import { ManualClock, useTempDirs } from "../test-support/temp-dir.js";
import type { CompressionType } from "./compression/index.js";
import { Log, type LogOpenOptions } from "./log.js";
import type { LogSettings } from "./log-settings.js";
import { compressionTypeOf, decodeBatches, encodeRecordBatch, readBatchHeader } from "./record-batch.js";
import { ProducerExpiration } from "./producer/producer-expiration.js";
import { snapshotFileName } from "./producer/producer-snapshot.js";

const tempDir = useTempDirs();
const DAY = 24 * 3600 * 1000;

function openLog(dir: string, settings: Partial<LogSettings> = {}, extra: Partial<LogOpenOptions> = {}, clock = new ManualClock()) {
  return Log.open({ dir, name: "t-0", config: logSettings(settings), clock, ...extra }).log;
}

/** A client's batch: `count` records "seq N", from producer `producerId` (none: -1) starting at `baseSequence`. */
function clientBatch(count: number, options: { producerId?: number; producerEpoch?: number; baseSequence?: number; compression?: CompressionType; now?: number } = {}): Buffer {
  const base = options.baseSequence ?? 0;
  const records = Array.from({ length: count }, (_, i) => ({ key: Buffer.from(`k${(base + i) % 7}`), value: Buffer.from(`seq ${base + i}`), timestamp: options.now ?? 1_700_000_000_000 }));
  return encodeRecordBatch(records, {
    timestampType: "CreateTime",
    now: options.now ?? 1_700_000_000_000,
    producerId: options.producerId ?? -1,
    producerEpoch: options.producerEpoch ?? (options.producerId === undefined ? -1 : 0),
    baseSequence: options.producerId === undefined ? -1 : base,
    ...(options.compression ? { compression: options.compression } : {}),
  });
}

function readValues(log: Log): string[] {
  const out: string[] = [];
  let next = log.logStartOffset;
  while (next < log.logEndOffset) {
    const { records, nextOffset } = log.readRecords(next, 1 << 24);
    out.push(...records.map((r) => r.value!.toString()));
    next = nextOffset;
  }
  return out;
}

describe("Log.appendRecordBatches", () => {
  it("stores a client's batches at the next offsets, compressed ones as sent", async () => {
    const log = openLog(tempDir());
    await log.append([{ value: Buffer.from("from REST") }]);
    const plain = await log.appendRecordBatches(clientBatch(3));
    expect(plain).toMatchObject({ baseOffset: 1, lastOffset: 3, recordCount: 3, duplicate: false, logAppendTime: -1 });
    const zstd = clientBatch(4, { compression: "zstd", baseSequence: 3 });
    const compressed = await log.appendRecordBatches(Buffer.from(zstd), -1);
    expect(compressed).toMatchObject({ baseOffset: 4, lastOffset: 7 });
    const stored = log.read(4, 1 << 20).data;
    expect(compressionTypeOf(readBatchHeader(stored).attributes)).toBe("zstd");
    expect(stored.subarray(12, readBatchHeader(stored).batchLength + 12).equals(zstd.subarray(12))).toBe(true);
    expect(readValues(log)).toEqual(["from REST", "seq 0", "seq 1", "seq 2", "seq 3", "seq 4", "seq 5", "seq 6"]);
    expect(log.recoveryPoint).toBe(8);
    log.close();
  });

  it("answers a retry of one of a producer's last five batches with its original offsets and writes nothing", async () => {
    const log = openLog(tempDir());
    const batches = Array.from({ length: 7 }, (_, i) => clientBatch(2, { producerId: 42, baseSequence: i * 2 }));
    const offsets = [];
    for (const b of batches) offsets.push((await log.appendRecordBatches(Buffer.from(b))).baseOffset);
    expect(offsets).toEqual([0, 2, 4, 6, 8, 10, 12]);
    const end = log.logEndOffset;
    for (const i of [2, 4, 6]) {
      const retry = await log.appendRecordBatches(Buffer.from(batches[i]!), -1);
      expect(retry).toMatchObject({ baseOffset: i * 2, lastOffset: i * 2 + 1, duplicate: true, recordCount: 0 });
    }
    expect(log.logEndOffset).toBe(end);
    // The oldest batches have left the window of five: their retry is out of order, as in Kafka.
    await expect(log.appendRecordBatches(Buffer.from(batches[1]!))).rejects.toThrow(OutOfOrderSequenceNumberError);
    expect(readValues(log)).toHaveLength(14);
    log.close();
  });

  it("refuses a sequence gap, a stale epoch and a new epoch that does not start at 0, writing nothing", async () => {
    const log = openLog(tempDir());
    await log.appendRecordBatches(clientBatch(3, { producerId: 7, producerEpoch: 2 }));
    await expect(log.appendRecordBatches(clientBatch(1, { producerId: 7, producerEpoch: 2, baseSequence: 4 }))).rejects.toThrow(OutOfOrderSequenceNumberError);
    await expect(log.appendRecordBatches(clientBatch(1, { producerId: 7, producerEpoch: 1, baseSequence: 3 }))).rejects.toThrow(InvalidProducerEpochError);
    await expect(log.appendRecordBatches(clientBatch(1, { producerId: 7, producerEpoch: 3, baseSequence: 3 }))).rejects.toThrow(OutOfOrderSequenceNumberError);
    expect(log.logEndOffset).toBe(3);
    expect((await log.appendRecordBatches(clientBatch(1, { producerId: 7, producerEpoch: 3, baseSequence: 0 }))).baseOffset).toBe(3);
    expect((await log.appendRecordBatches(clientBatch(1, { producerId: 8, baseSequence: 999 }))).baseOffset).toBe(4);
    log.close();
  });

  it("refuses a request mixing a retry with new batches", async () => {
    const log = openLog(tempDir());
    const first = clientBatch(2, { producerId: 1 });
    await log.appendRecordBatches(Buffer.from(first));
    const mixed = Buffer.concat([first, clientBatch(2, { producerId: 1, baseSequence: 2 })]);
    await expect(log.appendRecordBatches(mixed)).rejects.toThrow(DuplicateSequenceNumberError);
    expect(log.logEndOffset).toBe(2);
    log.close();
  });

  it("refuses batches larger than segment.bytes", async () => {
    const log = openLog(tempDir(), { segmentBytes: 200 });
    await expect(log.appendRecordBatches(clientBatch(20))).rejects.toThrow(RecordListTooLargeError);
    log.close();
  });

  it("accepts kafkajs's idempotent batches", async () => {
    const log = openLog(tempDir());
    const batch = await kafkajsBatch([{ value: "a" }, { value: "b" }], { producerId: 5, producerEpoch: 0, firstSequence: 0, compression: "gzip" });
    expect((await log.appendRecordBatches(Buffer.from(batch))).baseOffset).toBe(0);
    expect((await log.appendRecordBatches(Buffer.from(batch))).duplicate).toBe(true);
    expect(readValues(log)).toEqual(["a", "b"]);
    log.close();
  });
});

describe("producer state across restarts", () => {
  it("takes a snapshot at every roll and at a clean shutdown, and recognises retries after a restart", async () => {
    const dir = tempDir();
    const log = openLog(dir, { segmentBytes: 200 });
    const batches = Array.from({ length: 6 }, (_, i) => clientBatch(2, { producerId: 9, baseSequence: i * 2 }));
    for (const b of batches) await log.appendRecordBatches(Buffer.from(b));
    const rolls = log.segmentInfos().slice(1).map((s) => s.baseOffset);
    expect(rolls.length).toBeGreaterThan(1);
    expect(log.producerSnapshotOffsets()).toEqual(rolls);
    log.close();
    expect(readdirSync(dir).filter((f) => f.endsWith(".snapshot"))).toEqual([...rolls, 12].map(snapshotFileName));

    const reopened = openLog(dir, { segmentBytes: 200 });
    expect(reopened.activeProducers().get(9)).toMatchObject({ lastSeq: 11, lastDataOffset: 11 });
    expect((await reopened.appendRecordBatches(Buffer.from(batches[5]!))).duplicate).toBe(true);
    await expect(reopened.appendRecordBatches(clientBatch(1, { producerId: 9, baseSequence: 13 }))).rejects.toThrow(OutOfOrderSequenceNumberError);
    expect((await reopened.appendRecordBatches(clientBatch(1, { producerId: 9, baseSequence: 12 }))).baseOffset).toBe(12);
    reopened.close();
  });

  it("rebuilds the state after a crash from the last snapshot and the log after it", async () => {
    const dir = tempDir();
    const log = openLog(dir, { segmentBytes: 400 });
    const batches = Array.from({ length: 8 }, (_, i) => clientBatch(2, { producerId: 3, baseSequence: i * 2 }));
    for (const b of batches) await log.appendRecordBatches(Buffer.from(b));
    await log.flush();
    const lastSnapshot = log.producerSnapshotOffsets().at(-1)!;
    expect(lastSnapshot).toBeLessThan(16);
    // No close: as after a SIGKILL, the state past the last roll exists only in the log.
    const crashed = openLog(dir, { segmentBytes: 400 }, { recoveryPoint: 0 });
    const entry = crashed.activeProducers().get(3)!;
    expect(entry).toMatchObject({ lastSeq: 15, lastDataOffset: 15 });
    for (const i of [3, 7]) expect((await crashed.appendRecordBatches(Buffer.from(batches[i]!))).baseOffset).toBe(i * 2);
    crashed.close();
  });

  it("reads nothing of a log that never had snapshots after a clean shutdown, and snapshots it", async () => {
    const dir = tempDir();
    const log = openLog(dir);
    await log.append([{ value: Buffer.from("old") }]);
    log.close();
    for (const f of readdirSync(dir).filter((f) => f.endsWith(".snapshot"))) (await import("node:fs")).rmSync(`${dir}/${f}`);
    const reopened = openLog(dir, {}, { cleanShutdown: true });
    expect(reopened.producerSnapshotOffsets()).toEqual([1]);
    reopened.close();
  });

  it("deletes a segment's snapshot with the segment, and forgets idle producers", async () => {
    const dir = tempDir();
    const clock = new ManualClock();
    const log = openLog(dir, { segmentBytes: 300, retentionBytes: 0 }, {}, clock);
    for (let i = 0; i < 6; i++) await log.appendRecordBatches(clientBatch(2, { producerId: 4, baseSequence: i * 2, now: clock.now() }));
    const before = log.producerSnapshotOffsets();
    log.deleteOldSegments();
    const remaining = log.segmentInfos().map((s) => s.baseOffset);
    expect(log.producerSnapshotOffsets()).toEqual(before.filter((o) => remaining.includes(o)));
    expect(log.removeExpiredProducers(clock.now() + DAY - 1, DAY)).toBe(0);
    expect(log.removeExpiredProducers(clock.now() + DAY, DAY)).toBe(1);
    expect((await log.appendRecordBatches(clientBatch(1, { producerId: 4, baseSequence: 500, now: clock.now() }))).duplicate).toBe(false);
    log.close();
  });
});

describe("the periodic producer expiration check", () => {
  it("forgets, in every log, the producers idle for the configured time (read at each run)", async () => {
    const clock = new ManualClock();
    const logs = [openLog(tempDir(), {}, {}, clock), openLog(tempDir(), {}, {}, clock)];
    for (const [i, log] of logs.entries()) await log.appendRecordBatches(clientBatch(1, { producerId: i, now: clock.now() }));
    let expirationMs = DAY;
    const lines: string[] = [];
    const check = new ProducerExpiration(() => logs, clock, 60_000, () => expirationMs, { info: (l) => lines.push(l), warn: () => undefined });
    clock.advance(1000);
    expect(check.runOnce()).toBe(0);
    expirationMs = 1000;
    expect(check.runOnce()).toBe(2);
    expect(lines).toEqual(["t-0: forgot 1 producer id(s) idle for 1000 ms (producer.id.expiration.ms)", "t-0: forgot 1 producer id(s) idle for 1000 ms (producer.id.expiration.ms)"]);
    for (const log of logs) log.close();
  });
});

describe("REST appends follow compression.type and the timestamp bounds", () => {
  it("compresses with the topic's codec and refuses timestamps out of bounds", async () => {
    const clock = new ManualClock();
    const log = openLog(tempDir(), { compressionType: "lz4", messageTimestampBeforeMaxMs: 1000, messageTimestampAfterMaxMs: 1000 }, {}, clock);
    await log.append([{ value: Buffer.from("x".repeat(500)), timestamp: clock.now() }]);
    const stored = log.read(0, 1 << 20).data;
    expect(compressionTypeOf(readBatchHeader(stored).attributes)).toBe("lz4");
    expect(decodeBatches(stored)[0]!.value!.toString()).toBe("x".repeat(500));
    await expect(log.append([{ value: Buffer.from("old"), timestamp: clock.now() - 5000 }])).rejects.toThrow(InvalidTimestampError);
    log.close();
  });
});
