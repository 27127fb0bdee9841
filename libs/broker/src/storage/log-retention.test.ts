import { readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { OffsetOutOfRangeError } from "../errors.js";
import { logSettings } from "../test-support/log-settings.js";
import { ManualClock, useTempDirs } from "../test-support/temp-dir.js";
import { Log } from "./log.js";
import type { LogSettings } from "./log-settings.js";
import { decodeBatchRecords, encodeRecordBatch } from "./record-batch.js";

const tempDir = useTempDirs();

function openLog(dir: string, clock: ManualClock, settings: Partial<LogSettings> = {}, logStartOffset?: number) {
  return Log.open({ dir, name: "r-0", config: logSettings({ segmentBytes: 1000, ...settings }), clock, ...(logStartOffset === undefined ? {} : { logStartOffset }) }).log;
}

async function fill(log: Log, clock: ManualClock, batches: number, stepMs = 1000) {
  for (let i = 0; i < batches; i++) {
    await log.append([{ key: Buffer.from(`k${i % 5}`), value: Buffer.alloc(200, i), timestamp: clock.now() }]);
    clock.advance(stepMs);
  }
}

describe("Log retention", () => {
  it("deletes closed segments whose newest record is older than retention.ms, never the active one", async () => {
    const clock = new ManualClock();
    const log = openLog(tempDir(), clock, { retentionMs: 10_000 });
    await fill(log, clock, 20);
    const before = log.segmentInfos();
    expect(before.length).toBeGreaterThan(4);
    const plan = log.planRetention();
    expect(plan.every((p) => p.reason === "retention.ms")).toBe(true);
    const deleted = log.deleteOldSegments();
    expect(deleted.map((d) => d.baseOffset)).toEqual(plan.map((p) => p.segment.baseOffset));
    const now = clock.now();
    for (const d of deleted) expect(now - d.maxTimestamp!).toBeGreaterThan(10_000);
    for (const s of log.segmentInfos().slice(0, -1)) expect(now - s.maxTimestamp!).toBeLessThanOrEqual(10_000);
    expect(log.logStartOffset).toBe(log.segmentInfos()[0]!.baseOffset);
    expect(() => log.read(0, 100)).toThrow(OffsetOutOfRangeError);
    expect(log.deletionHistory).toHaveLength(deleted.length);

    clock.advance(1_000_000);
    log.deleteOldSegments();
    expect(log.segmentInfos()).toHaveLength(1);
    expect(log.segmentInfos()[0]!.active).toBe(true);
    expect(log.logStartOffset).toBe(log.segmentInfos()[0]!.baseOffset);
    log.close();
  });

  it("keeps everything with retention.ms=-1 or cleanup.policy=compact", async () => {
    const clock = new ManualClock();
    const log = openLog(tempDir(), clock, { retentionMs: -1 });
    await fill(log, clock, 20);
    clock.advance(10 ** 12);
    expect(log.deleteOldSegments()).toEqual([]);
    log.updateConfig(logSettings({ segmentBytes: 1000, retentionMs: 1, delete: false, compact: true }));
    expect(log.deleteOldSegments()).toEqual([]);
    expect(log.logStartOffset).toBe(0);
    log.close();
  });

  it("caps the partition at retention.bytes to within one segment", async () => {
    const clock = new ManualClock();
    const log = openLog(tempDir(), clock, { retentionBytes: 2500 });
    await fill(log, clock, 40);
    const deleted = log.deleteOldSegments();
    expect(deleted.length).toBeGreaterThan(0);
    expect(deleted.every((d) => d.reason === "retention.bytes")).toBe(true);
    expect(log.size).toBeLessThanOrEqual(2500 + 1000);
    expect(log.size).toBeGreaterThan(2500 - 1000);
    log.close();
  });

  it("moves the log start offset with DeleteRecords and keeps it across a restart", async () => {
    const clock = new ManualClock();
    const dir = tempDir();
    const log = openLog(dir, clock);
    await fill(log, clock, 20);
    expect(() => log.deleteRecordsBefore(21)).toThrow(OffsetOutOfRangeError);
    expect(log.deleteRecordsBefore(7)).toBe(7);
    expect(log.segmentInfos()[0]!.baseOffset).toBeLessThanOrEqual(7);
    expect(log.segmentInfos()[0]!.baseOffset).toBeGreaterThan(0);
    expect(() => log.read(6, 100)).toThrow(OffsetOutOfRangeError);
    expect(log.readRecords(7, 1 << 20).records[0]!.offset).toBe(7);
    expect(log.offsetForTimestamp(0)!.offset).toBe(7);
    log.close();
    const reopened = openLog(dir, clock, {}, 7);
    expect(reopened.logStartOffset).toBe(7);
    expect(reopened.deleteRecordsBefore(-1)).toBe(20);
    reopened.close();
  });
});

describe("Log segment replacement", () => {
  async function compactFirstSegments(log: Log, count: number) {
    const old = log.closedSegments().slice(0, count);
    const cleaned = log.createCleanedSegment(old[0]!.baseOffset);
    const latest = new Map<string, number>();
    for (const segment of log.closedSegments()) {
      for (const batch of segment.batches()) {
        for (const r of decodeBatchRecords(segment.readBatch(batch), 0)) latest.set(r.key!.toString(), r.offset);
      }
    }
    for (const segment of old) {
      const batches = [...segment.batches()];
      for (const batch of batches) {
        const bytes = segment.readBatch(batch);
        const kept = decodeBatchRecords(bytes, 0).filter((r) => latest.get(r.key!.toString()) === r.offset);
        const endsGroup = segment === old.at(-1) && batch === batches.at(-1);
        if (kept.length === 0 && !endsGroup) continue;
        const base = batch.header.baseOffset;
        const data = encodeRecordBatch(kept, { baseOffset: base, timestampType: "CreateTime", now: 0, offsetDeltas: kept.map((r) => r.offset - base), lastOffsetDelta: batch.header.lastOffsetDelta });
        const last = base + batch.header.lastOffsetDelta;
        cleaned.append(data, { lastOffset: last, maxTimestamp: batch.header.maxTimestamp, offsetOfMaxTimestamp: last });
      }
    }
    return { cleaned, old };
  }

  it("swaps cleaned segments in, keeping offsets and order", async () => {
    const clock = new ManualClock();
    const dir = tempDir();
    const log = openLog(dir, clock);
    await fill(log, clock, 30);
    const { cleaned, old } = await compactFirstSegments(log, 3);
    log.replaceSegments(cleaned, old);
    const offsets = log.readRecords(0, 1 << 20).records.map((r) => r.offset);
    expect(offsets.length).toBeLessThan(old.reduce((n, s) => n + s.nextOffset - s.baseOffset, 0));
    expect([...offsets].sort((a, b) => a - b)).toEqual(offsets);
    expect(readdirSync(dir).filter((f) => f.includes(".cleaned") || f.includes(".swap"))).toEqual([]);
    log.close();
    const reopened = openLog(dir, clock);
    expect(reopened.readRecords(0, 1 << 20).records.map((r) => r.offset)).toEqual(offsets);
    reopened.close();
  });

  it("finishes a swap a crash interrupted after the commit point, and drops files of one interrupted before it", async () => {
    const clock = new ManualClock();
    const dir = tempDir();
    const log = openLog(dir, clock);
    await fill(log, clock, 30);
    const { cleaned, old } = await compactFirstSegments(log, 3);
    const expectedCompacted = [...cleaned.batches()].flatMap((b) => decodeBatchRecords(cleaned.readBatch(b), 0).map((r) => r.offset));
    cleaned.onBecomeInactive();
    cleaned.flush();
    cleaned.renameTo(dir, ".swap");
    old[0]!.delete();
    // The process dies here: the log is abandoned, not closed.
    writeFileSync(join(dir, "00000000000000000999.log.cleaned"), "partial");

    const reopened = openLog(dir, clock);
    const offsets: number[] = [];
    let next = reopened.logStartOffset;
    while (next < reopened.logEndOffset) {
      const read = reopened.readRecords(next, 1 << 20);
      offsets.push(...read.records.map((r) => r.offset));
      next = read.nextOffset;
    }
    const compactedEnd = old.at(-1)!.nextOffset;
    expect(offsets.filter((o) => o >= compactedEnd)).toEqual(Array.from({ length: 30 - compactedEnd }, (_, i) => compactedEnd + i));
    expect(offsets.filter((o) => o < compactedEnd)).toEqual(expectedCompacted);
    expect(readdirSync(dir).filter((f) => f.endsWith(".swap") || f.endsWith(".cleaned"))).toEqual([]);
    reopened.close();
  });
});
