import { appendFileSync, openSync, closeSync, readFileSync, readdirSync, statSync, truncateSync, writeSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CorruptRangeError, InvalidRecordError, InvalidTimestampError, MessageTooLargeError, OffsetOutOfRangeError } from "../errors.js";
import { logSettings } from "../test-support/log-settings.js";
import { ManualClock, useTempDirs } from "../test-support/temp-dir.js";
import { Log, type LogOpenOptions } from "./log.js";
import type { LogSettings } from "./log-settings.js";
import type { RecordInput } from "./record.js";
import { decodeBatches } from "./record-batch.js";

const require = createRequire(import.meta.url);
const KafkajsDecoder = require("kafkajs/src/protocol/decoder");
const kafkajsDecodeBatch = require("kafkajs/src/protocol/recordBatch/v0/decoder");

const tempDir = useTempDirs();

function openLog(dir: string, settings: Partial<LogSettings> = {}, extra: Partial<LogOpenOptions> = {}, clock = new ManualClock()) {
  return Log.open({ dir, name: "t-0", config: logSettings(settings), clock, ...extra });
}

function values(n: number, prefix = "v", size = 0): RecordInput[] {
  return Array.from({ length: n }, (_, i) => ({ key: Buffer.from(`k${i}`), value: Buffer.from(`${prefix}${i}`.padEnd(size, "x")) }));
}

/** Every record from `from` on, fetching as a consumer does (a read stops at a segment's end). */
function readAll(log: Log, from = log.logStartOffset) {
  const out = [];
  let next = from;
  while (next < log.logEndOffset) {
    const { records } = log.readRecords(next, 64 * 1024 * 1024);
    out.push(...records);
    next = records.at(-1)!.offset + 1;
  }
  return out;
}

describe("Log", () => {
  it("gives each record the next offset and reads them back in order", async () => {
    const { log } = openLog(tempDir());
    const first = await log.append(values(3, "a"));
    const second = await log.append(values(2, "b"));
    expect(first).toMatchObject({ baseOffset: 0, lastOffset: 2, recordCount: 3, logAppendTime: -1 });
    expect(second).toMatchObject({ baseOffset: 3, lastOffset: 4 });
    expect(log.logEndOffset).toBe(5);
    expect(log.highWatermark).toBe(5);
    expect(readAll(log).map((r) => [r.offset, r.value!.toString()])).toEqual([
      [0, "a0"], [1, "a1"], [2, "a2"], [3, "b0"], [4, "b1"],
    ]);
    expect(log.readRecords(3, 1 << 20).records.map((r) => r.offset)).toEqual([3, 4]);
    log.close();
  });

  it("names segments by their 20-digit base offset and rolls at segment.bytes", async () => {
    const dir = tempDir();
    const { log } = openLog(dir, { segmentBytes: 2000 });
    for (let i = 0; i < 20; i++) await log.append(values(5, `r${i}-`, 40));
    const segments = log.segmentInfos();
    expect(segments.length).toBeGreaterThan(3);
    expect(segments.filter((s) => s.active)).toHaveLength(1);
    expect(segments.at(-1)!.active).toBe(true);
    for (const s of segments) expect(s.sizeBytes).toBeLessThanOrEqual(2000);
    for (let i = 1; i < segments.length; i++) expect(segments[i]!.baseOffset).toBe(segments[i - 1]!.lastOffset! + 1);
    const files = readdirSync(dir).sort();
    expect(files).toContain("00000000000000000000.log");
    expect(files).toContain("00000000000000000000.index");
    expect(files).toContain("00000000000000000000.timeindex");
    expect(files).toContain(`${String(segments[1]!.baseOffset).padStart(20, "0")}.log`);
    expect(readAll(log)).toHaveLength(100);
    log.close();
  });

  it("rolls when segment.ms has passed since the segment's first record", async () => {
    const clock = new ManualClock();
    const { log } = openLog(tempDir(), { segmentMs: 1000 }, {}, clock);
    await log.append(values(1));
    clock.advance(500);
    await log.append(values(1));
    expect(log.segmentInfos()).toHaveLength(1);
    clock.advance(600);
    await log.append(values(1));
    expect(log.segmentInfos().map((s) => s.baseOffset)).toEqual([0, 2]);
    log.close();
  });

  it("rolls a compacted log by max.compaction.lag.ms when that is below segment.ms", async () => {
    const clock = new ManualClock();
    const { log } = openLog(tempDir(), { compact: true, maxCompactionLagMs: 300 }, {}, clock);
    await log.append(values(1));
    clock.advance(301);
    await log.append(values(1));
    expect(log.segmentInfos().map((s) => s.baseOffset)).toEqual([0, 1]);
    log.close();
  });

  it("rolls when an index is full", async () => {
    const { log } = openLog(tempDir(), { indexIntervalBytes: 1, segmentIndexBytes: 3 * 12 });
    for (let i = 0; i < 12; i++) await log.append(values(1));
    expect(log.segmentInfos().length).toBeGreaterThan(2);
    expect(readAll(log)).toHaveLength(12);
    log.close();
  });

  it("writes a sparse offset index entry every index.interval.bytes", async () => {
    const dir = tempDir();
    const { log } = openLog(dir, { indexIntervalBytes: 4096 });
    for (let i = 0; i < 100; i++) await log.append(values(10, `b${i}-`, 90));
    const logBytes = statSync(join(dir, "00000000000000000000.log")).size;
    const index = readFileSync(join(dir, "00000000000000000000.index"));
    expect(index.length % 8).toBe(0);
    const entries = index.length / 8;
    expect(entries).toBeGreaterThan(logBytes / 4096 / 2);
    expect(entries).toBeLessThanOrEqual(Math.ceil(logBytes / 4096));
    for (let i = 0; i < entries; i++) {
      const relative = index.readUInt32BE(i * 8);
      const position = index.readUInt32BE(i * 8 + 4);
      const records = log.readRecords(relative, 1).records;
      expect(records[0]!.offset).toBeLessThanOrEqual(relative);
      const batch = readFileSync(join(dir, "00000000000000000000.log")).subarray(position);
      expect(decodeBatches(batch.subarray(0, 12 + batch.readInt32BE(8))).at(-1)!.offset).toBe(relative);
    }
    log.close();
  });

  it("returns whole batches up to maxBytes, and at least one batch", async () => {
    const { log } = openLog(tempDir());
    for (let i = 0; i < 10; i++) await log.append(values(10, `b${i}-`, 100));
    const one = log.read(0, 1);
    expect(decodeBatches(one.data).map((r) => r.offset)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const some = log.read(25, 4000);
    const offsets = decodeBatches(some.data).map((r) => r.offset);
    expect(offsets[0]).toBe(20);
    expect(offsets.length % 10).toBe(0);
    expect(some.data.length).toBeLessThanOrEqual(4000);
    expect(log.read(100, 1000).data.length).toBe(0);
    log.close();
  });

  it("refuses reads outside the log with OFFSET_OUT_OF_RANGE", async () => {
    const { log } = openLog(tempDir());
    await log.append(values(3));
    expect(() => log.read(4, 100)).toThrow(OffsetOutOfRangeError);
    expect(() => log.read(-1, 100)).toThrow(OffsetOutOfRangeError);
    log.close();
  });

  it("finds the first offset at or after a timestamp through the time index", async () => {
    const { log } = openLog(tempDir(), { segmentBytes: 3000, indexIntervalBytes: 200 });
    const base = 1_000_000;
    for (let i = 0; i < 200; i++) await log.append([{ key: null, value: Buffer.alloc(30, i), timestamp: base + i * 10 }]);
    expect(log.segmentInfos().length).toBeGreaterThan(2);
    expect(log.offsetForTimestamp(base)).toEqual({ offset: 0, timestamp: base });
    expect(log.offsetForTimestamp(base + 555)).toEqual({ offset: 56, timestamp: base + 560 });
    expect(log.offsetForTimestamp(base + 1990)).toEqual({ offset: 199, timestamp: base + 1990 });
    expect(log.offsetForTimestamp(base + 1991)).toBeNull();
    expect(log.offsetForTimestamp(0)).toEqual({ offset: 0, timestamp: base });
    log.close();
  });

  it("describes each segment's offsets, size and time range", async () => {
    const { log } = openLog(tempDir(), { segmentBytes: 500 });
    for (let i = 0; i < 10; i++) await log.append([{ key: null, value: Buffer.alloc(100), timestamp: 5000 + i }]);
    const [first] = log.segmentInfos();
    expect(first).toMatchObject({ baseOffset: 0, firstTimestamp: 5000, active: false });
    expect(first!.maxTimestamp).toBe(5000 + first!.lastOffset!);
    log.close();
  });

  it("stamps LogAppendTime when the topic asks for it", async () => {
    const clock = new ManualClock(123_456);
    const { log } = openLog(tempDir(), { messageTimestampType: "LogAppendTime" }, {}, clock);
    const info = await log.append([{ value: Buffer.from("x"), timestamp: 5 }]);
    expect(info.logAppendTime).toBe(123_456);
    expect(readAll(log)[0]).toMatchObject({ timestamp: 123_456, timestampType: "LogAppendTime" });
    log.close();
  });

  it("refuses a record over max.message.bytes and writes nothing of the request", async () => {
    const { log } = openLog(tempDir(), { maxMessageBytes: 1000 });
    await expect(log.append([{ value: Buffer.alloc(10) }, { value: Buffer.alloc(2000) }])).rejects.toThrow(MessageTooLargeError);
    expect(log.logEndOffset).toBe(0);
    expect(log.size).toBe(0);
    const ok = await log.append(Array.from({ length: 40 }, () => ({ value: Buffer.alloc(100) })));
    expect(ok).toMatchObject({ baseOffset: 0, lastOffset: 39 });
    expect(readAll(log)).toHaveLength(40);
    log.close();
  });

  it("refuses negative timestamps and keyless records on compacted topics", async () => {
    const { log } = openLog(tempDir(), { compact: true });
    await expect(log.append([{ key: Buffer.from("k"), value: null, timestamp: -5 }])).rejects.toThrow(InvalidTimestampError);
    await expect(log.append([{ value: Buffer.from("v") }])).rejects.toThrow(InvalidRecordError);
    expect(log.logEndOffset).toBe(0);
    log.close();
  });

  it("advances the recovery point before acknowledging acks=all", async () => {
    const { log } = openLog(tempDir());
    await log.append(values(5), 1);
    expect(log.recoveryPoint).toBe(0);
    await Promise.all([log.append(values(5), -1), log.append(values(5), -1)]);
    expect(log.recoveryPoint).toBe(15);
    log.close();
  });

  it("flushes acks=1 appends once flush.messages are unflushed", async () => {
    const { log } = openLog(tempDir(), { flushMessages: 3 });
    await log.append(values(2), 1);
    expect(log.recoveryPoint).toBe(0);
    await log.append(values(1), 1);
    expect(log.recoveryPoint).toBe(3);
    log.close();
  });

  it("flushes acks=1 appends within flush.ms", async () => {
    const { log } = openLog(tempDir(), { flushMs: 20 });
    await log.append(values(2), 1);
    expect(log.recoveryPoint).toBe(0);
    await new Promise((r) => setTimeout(r, 100));
    expect(log.recoveryPoint).toBe(2);
    log.close();
  });

  it("stores bytes that kafkajs's record batch decoder reads back as the same records", async () => {
    const dir = tempDir();
    const { log } = openLog(dir);
    const input = [
      { key: Buffer.from("alpha"), value: Buffer.from("one"), timestamp: 1000, headers: [{ key: "h", value: Buffer.from("x") }] },
      { key: null, value: Buffer.from("two"), timestamp: 1001 },
    ];
    await log.append(input);
    await log.append([{ key: Buffer.from("gamma"), value: null, timestamp: 1002 }]);
    log.close();
    const bytes = readFileSync(join(dir, "00000000000000000000.log"));
    const decoder = new KafkajsDecoder(bytes);
    const decoded = [];
    while (decoder.canReadInt64()) decoded.push(...(await kafkajsDecodeBatch(decoder)).records);
    expect(decoded.map((r: { offset: string; key: Buffer | null; value: Buffer | null; timestamp: string }) => [r.offset, r.key?.toString() ?? null, r.value?.toString() ?? null, r.timestamp])).toEqual([
      ["0", "alpha", "one", "1000"],
      ["1", null, "two", "1001"],
      ["2", "gamma", null, "1002"],
    ]);
    expect(decoded[0].headers).toEqual({ h: Buffer.from("x") });
  });

  describe("reopening", () => {
    async function filledLog(dir: string, settings: Partial<LogSettings> = {}) {
      const { log } = openLog(dir, { segmentBytes: 1500, indexIntervalBytes: 100, ...settings });
      for (let i = 0; i < 30; i++) await log.append(values(2, `r${i}-`, 50));
      return log;
    }

    it("resumes after a clean close with every record and the same next offset", async () => {
      const dir = tempDir();
      const log = await filledLog(dir);
      const before = readAll(log).map((r) => r.value!.toString());
      const segments = log.segmentInfos();
      log.close();
      const { log: reopened, repairs } = openLog(dir, { segmentBytes: 1500, indexIntervalBytes: 100 }, { recoveryPoint: 60 });
      expect(repairs).toEqual([]);
      expect(reopened.logEndOffset).toBe(60);
      expect(reopened.segmentInfos()).toEqual(segments);
      expect(readAll(reopened).map((r) => r.value!.toString())).toEqual(before);
      expect((await reopened.append(values(1))).baseOffset).toBe(60);
      reopened.close();
    });

    it("truncates a torn batch at the end of the active segment", async () => {
      const dir = tempDir();
      const log = await filledLog(dir);
      const active = log.segmentInfos().at(-1)!;
      log.close();
      const path = join(dir, `${String(active.baseOffset).padStart(20, "0")}.log`);
      truncateSync(path, active.sizeBytes - 7);
      const { log: reopened, repairs } = openLog(dir, { segmentBytes: 1500, indexIntervalBytes: 100 }, { recoveryPoint: active.baseOffset });
      expect(repairs.join("\n")).toMatch(/truncated .* byte/);
      expect(reopened.logEndOffset).toBe(58);
      expect(readAll(reopened).map((r) => r.offset)).toEqual(Array.from({ length: 58 }, (_, i) => i));
      expect((await reopened.append(values(1))).baseOffset).toBe(58);
      reopened.close();
    });

    it("quarantines a batch whose CRC does not match in a closed segment and keeps every segment after it", async () => {
      const dir = tempDir();
      const log = await filledLog(dir);
      const segments = log.segmentInfos();
      log.close();
      const victim = segments[1]!;
      const path = join(dir, `${String(victim.baseOffset).padStart(20, "0")}.log`);
      const fd = openSync(path, "r+");
      writeSync(fd, Buffer.from([0xde, 0xad]), 0, 2, 100);
      closeSync(fd);
      const { log: reopened, repairs } = openLog(dir, { segmentBytes: 1500, indexIntervalBytes: 100 });
      expect(repairs.join("\n")).toMatch(/CRC mismatch/);
      expect(repairs.join("\n")).toMatch(/quarantined offsets/);
      const [range] = reopened.corruptRanges();
      expect(range).toMatchObject({ topic: "t", partition: 0, segmentBaseOffset: victim.baseOffset, detectedBy: "recovery" });
      const lost = Array.from({ length: range!.lastOffset - range!.baseOffset + 1 }, (_, i) => range!.baseOffset + i);
      // A reader is stopped at the range and told of it, then reads on after it.
      const offsets: number[] = [];
      for (let next = 0; next < reopened.logEndOffset; ) {
        if (next === range!.baseOffset) {
          expect(() => reopened.readRecords(next, 1 << 20)).toThrow(CorruptRangeError);
          next = range!.lastOffset + 1;
          continue;
        }
        const read = reopened.readRecords(next, 1 << 20);
        offsets.push(...read.records.map((r) => r.offset));
        next = read.nextOffset;
      }
      expect(lost.length).toBe(2);
      expect(offsets).toEqual(Array.from({ length: 60 }, (_, i) => i).filter((o) => !lost.includes(o)));
      expect(reopened.logEndOffset).toBe(60);
      expect(reopened.segmentInfos().map((s) => s.baseOffset)).toEqual(segments.map((s) => s.baseOffset));
      expect(readFileSync(join(dir, "..", range!.quarantinedAs!)).length).toBe(range!.sizeBytes);
      reopened.close();
    });

    it("rebuilds a corrupt index instead of trusting it", async () => {
      const dir = tempDir();
      const log = await filledLog(dir);
      log.close();
      appendFileSync(join(dir, "00000000000000000000.index"), Buffer.from([1, 2, 3]));
      writeFileSync(join(dir, "00000000000000000000.timeindex"), Buffer.alloc(12 * 3, 0xff));
      const { log: reopened, repairs } = openLog(dir, { segmentBytes: 1500, indexIntervalBytes: 100 }, { recoveryPoint: 60 });
      expect(repairs.join("\n")).toMatch(/index rebuilt/);
      expect(readAll(reopened)).toHaveLength(60);
      expect(reopened.offsetForTimestamp(0)).toMatchObject({ offset: 0 });
      reopened.close();
    });

    it("removes leftover temporary files and indexes without a log", async () => {
      const dir = tempDir();
      const log = await filledLog(dir);
      log.close();
      writeFileSync(join(dir, "00000000000000000999.index"), Buffer.alloc(8));
      writeFileSync(join(dir, "00000000000000000000.log.cleaned"), Buffer.alloc(8));
      const { log: reopened, repairs } = openLog(dir, { segmentBytes: 1500, indexIntervalBytes: 100 }, { recoveryPoint: 60 });
      expect(repairs).toHaveLength(2);
      expect(readdirSync(dir)).not.toContain("00000000000000000999.index");
      expect(readAll(reopened)).toHaveLength(60);
      reopened.close();
    });

    it("survives garbage appended to the active segment", async () => {
      const dir = tempDir();
      const log = await filledLog(dir);
      const active = log.segmentInfos().at(-1)!;
      log.close();
      appendFileSync(join(dir, `${String(active.baseOffset).padStart(20, "0")}.log`), Buffer.alloc(5000, 0x7f));
      const { log: reopened } = openLog(dir, { segmentBytes: 1500, indexIntervalBytes: 100 });
      expect(reopened.logEndOffset).toBe(60);
      expect(readAll(reopened)).toHaveLength(60);
      reopened.close();
    });
  });
});
