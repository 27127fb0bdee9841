import { readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { OutOfOrderSequenceNumberError } from "../errors.js";
import type { CompressionType } from "../storage/compression/index.js";
import { Log } from "../storage/log.js";
import { compressionTypeOf, encodeRecordBatch, readBatchHeader, type RecordBatchHeader } from "../storage/record-batch.js";
import { logSettings } from "../test-support/log-settings.js";
import { ManualClock, useTempDirs } from "../test-support/temp-dir.js";
import { LogCleaner } from "./log-cleaner.js";

const tempDir = useTempDirs();
const silent = { info: () => undefined, warn: () => undefined };
const settings = logSettings({ compact: true, delete: false, segmentBytes: 4000, minCleanableDirtyRatio: 0.001 });

function setup() {
  const clock = new ManualClock();
  const dataDir = tempDir();
  const dir = join(dataDir, "accounts-0");
  const log = Log.open({ dir, name: "accounts-0", config: settings, clock }).log;
  const cleaner = new LogCleaner({ logs: () => [log], dataDir, clock, logger: silent, backoffMs: 50 });
  return { clock, dir, log, cleaner };
}

function clientBatch(entries: [string, string][], options: { producerId?: number; baseSequence?: number; compression?: CompressionType } = {}): Buffer {
  const records = entries.map(([key, value]) => ({ key: Buffer.from(key), value: Buffer.from(value), timestamp: 1_700_000_000_000 }));
  return encodeRecordBatch(records, {
    timestampType: "CreateTime",
    now: 1_700_000_000_000,
    ...(options.compression ? { compression: options.compression } : {}),
    ...(options.producerId !== undefined ? { producerId: options.producerId, producerEpoch: 0, baseSequence: options.baseSequence ?? 0 } : {}),
  });
}

function storedBatches(log: Log): RecordBatchHeader[] {
  const headers: RecordBatchHeader[] = [];
  let next = log.logStartOffset;
  while (next < log.logEndOffset) {
    const { data } = log.read(next, 1 << 20);
    for (let pos = 0; pos < data.length; pos += 12 + data.readInt32BE(pos + 8)) headers.push(readBatchHeader(data, pos));
    next = headers.at(-1)!.baseOffset + headers.at(-1)!.lastOffsetDelta + 1;
  }
  return headers;
}

function records(log: Log): [number, string, string][] {
  const out: [number, string, string][] = [];
  let next = log.logStartOffset;
  while (next < log.logEndOffset) {
    const read = log.readRecords(next, 1 << 20);
    out.push(...read.records.map((r): [number, string, string] => [r.offset, r.key!.toString(), r.value!.toString()]));
    next = read.nextOffset;
  }
  return out;
}

describe("the log cleaner and Kafka clients' batches", () => {
  it("rewrites a compressed batch with its own codec and producer fields, keeping the latest value of each key", async () => {
    const { log, cleaner } = setup();
    await log.appendRecordBatches(clientBatch([["kim", "50000 won"], ["lee", "30300 won"], ["park", "20000 won"]], { producerId: 7, compression: "zstd" }));
    await log.appendRecordBatches(clientBatch([["kim", "30000 won"], ["seo", "100000 won"]], { producerId: 7, baseSequence: 3, compression: "lz4" }));
    log.roll();
    const run = (await cleaner.runOnce())!;
    expect(run.outcome).toBe("completed");
    const headers = storedBatches(log);
    expect(headers.map((h) => [h.baseOffset, h.lastOffsetDelta, h.recordCount, compressionTypeOf(h.attributes), h.producerId, h.baseSequence])).toEqual([
      [0, 2, 2, "zstd", 7, 0],
      [3, 1, 2, "lz4", 7, 3],
    ]);
    expect(records(log)).toEqual([
      [1, "lee", "30300 won"],
      [2, "park", "20000 won"],
      [3, "kim", "30000 won"],
      [4, "seo", "100000 won"],
    ]);
    log.close();
  });

  it("keeps an emptied batch when it is its producer's last, so the producer's sequence survives a rebuild from the log", async () => {
    const { dir, log, cleaner } = setup();
    const first = clientBatch([["a", "1"]], { producerId: 9, baseSequence: 0 });
    const last = clientBatch([["b", "1"]], { producerId: 9, baseSequence: 1 });
    await log.appendRecordBatches(Buffer.from(first));
    await log.appendRecordBatches(Buffer.from(last));
    await log.appendRecordBatches(clientBatch([["c", "1"], ["a", "2"], ["b", "2"], ["z", "1"]]));
    log.roll();
    expect((await cleaner.runOnce())!.outcome).toBe("completed");
    const headers = storedBatches(log);
    // The producer's first batch went; its last stays, empty, with its producer id, sequence and last offset.
    expect(headers.map((h) => [h.baseOffset, h.lastOffsetDelta, h.recordCount, h.producerId, h.baseSequence])).toEqual([
      [1, 0, 0, 9, 1],
      [2, 3, 4, -1, -1],
    ]);
    expect(records(log).map(([, k, v]) => `${k}=${v}`)).toEqual(["c=1", "a=2", "b=2", "z=1"]);
    log.close();

    // Rebuilt from the log alone (no snapshot, as after losing them): producer 9 is still known at sequence 1.
    for (const f of readdirSync(dir).filter((f) => f.endsWith(".snapshot"))) rmSync(join(dir, f));
    const rebuilt = Log.open({ dir, name: "accounts-0", config: settings, clock: new ManualClock(), recoveryPoint: 0 }).log;
    expect(rebuilt.activeProducers().get(9)).toMatchObject({ lastSeq: 1, lastDataOffset: 1 });
    expect(await rebuilt.appendRecordBatches(Buffer.from(last))).toMatchObject({ duplicate: true, baseOffset: 1 });
    await expect(rebuilt.appendRecordBatches(clientBatch([["d", "1"]], { producerId: 9, baseSequence: 5 }))).rejects.toThrow(OutOfOrderSequenceNumberError);
    expect(await rebuilt.appendRecordBatches(clientBatch([["d", "1"]], { producerId: 9, baseSequence: 2 }))).toMatchObject({ duplicate: false, baseOffset: 6 });
    rebuilt.close();
  });
});
