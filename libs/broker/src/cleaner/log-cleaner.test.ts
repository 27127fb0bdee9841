import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { logSettings } from "../test-support/log-settings.js";
import { ManualClock, useTempDirs } from "../test-support/temp-dir.js";
import { Log } from "../storage/log.js";
import type { LogSettings } from "../storage/log-settings.js";
import type { LogRecord } from "../storage/record.js";
import { LogCleaner } from "./log-cleaner.js";
import { CLEANER_HISTORY_FILE } from "./cleaner-history-file.js";
import { CLEANER_OFFSET_CHECKPOINT } from "./log-cleaner-manager.js";

const tempDir = useTempDirs();
const silent = { info: () => undefined, warn: () => undefined };

function compacted(overrides: Partial<LogSettings> = {}): LogSettings {
  return logSettings({ compact: true, delete: false, segmentBytes: 200, minCleanableDirtyRatio: 0.001, ...overrides });
}

function setup(overrides: Partial<LogSettings> = {}, name = "bank-account-0") {
  const clock = new ManualClock();
  const dataDir = tempDir();
  const log = Log.open({ dir: join(dataDir, name), name, config: compacted(overrides), clock }).log;
  const cleaner = new LogCleaner({ logs: () => [log], dataDir, clock, logger: silent, backoffMs: 50 });
  return { clock, dataDir, log, cleaner };
}

async function put(log: Log, clock: ManualClock, key: string, value: string | null): Promise<number> {
  const info = await log.append([{ key: Buffer.from(key), value: value === null ? null : Buffer.from(value), timestamp: clock.now() }]);
  return info.baseOffset;
}

/** Every record from the log start, following `nextOffset` over compaction gaps. */
function readAll(log: Log): LogRecord[] {
  const records: LogRecord[] = [];
  let next = log.logStartOffset;
  while (next < log.logEndOffset) {
    const read = log.readRecords(next, 1 << 20);
    records.push(...read.records);
    next = read.nextOffset;
  }
  return records;
}

const entries = (log: Log) => readAll(log).map((r) => [r.offset, r.key?.toString() ?? null, r.value?.toString() ?? null]);

function expectStrictlyIncreasing(records: LogRecord[]): void {
  records.forEach((r, i) => i > 0 && expect(r.offset).toBeGreaterThan(records[i - 1]!.offset));
}

describe("LogCleaner", () => {
  it("the classic walk-through: keeps kim once with 30000 won and every other key once, offsets unchanged", async () => {
    const { clock, dataDir, log, cleaner } = setup();
    const produced: [string, string][] = [
      ["kim", "50000 won"],
      ["lee", "30300 won"],
      ["park", "20000 won"],
      ["seo", "100000 won"],
      ["kim", "30000 won"],
      ["sin", "200000 won"],
    ];
    for (const [key, value] of produced) await put(log, clock, key, value);
    expect(cleaner.stateOf(log).dirtyRatio).toBe(1);
    log.roll();
    expect(log.closedSegments().length).toBeGreaterThan(1);

    const run = await cleaner.runOnce();
    expect(run).toMatchObject({ outcome: "completed", trigger: "dirty-ratio", firstDirtyOffset: 0, endOffset: 6 });
    expect(run!.stats.recordsRemoved).toBe(1);
    expect(run!.stats.bytesReclaimed).toBeGreaterThan(0);
    expect(entries(log)).toEqual([
      [1, "lee", "30300 won"],
      [2, "park", "20000 won"],
      [3, "seo", "100000 won"],
      [4, "kim", "30000 won"],
      [5, "sin", "200000 won"],
    ]);
    expect(log.logEndOffset).toBe(6);

    const state = cleaner.stateOf(log);
    expect(state).toMatchObject({ compacted: true, firstDirtyOffset: 6, dirtyRatio: 0, status: "idle" });
    expect(state.totals).toMatchObject({ runs: 1, recordsRemoved: 1 });
    expect(state.totals.bytesReclaimed).toBe(run!.stats.bytesReclaimed);
    expect(state.lastRun?.durationMs).toBeGreaterThanOrEqual(0);
    expect(state.notCleanedReason?.code).toBe("nothing-dirty");
    expect(readFileSync(join(dataDir, CLEANER_OFFSET_CHECKPOINT), "utf8")).toBe("0\n1\nbank-account 0 6\n");

    // A restart reads the first dirty offset back, and the cleaned log reopens with the same records.
    log.close();
    const reopened = Log.open({ dir: log.dir, name: log.name, config: compacted(), clock }).log;
    const restarted = new LogCleaner({ logs: () => [reopened], dataDir, clock, logger: silent });
    expect(restarted.stateOf(reopened).firstDirtyOffset).toBe(6);
    // What the pass did survives the restart: why the log was compacted, and what it removed.
    expect(restarted.stateOf(reopened).lastRun).toEqual(state.lastRun);
    expect(restarted.stateOf(reopened).totals).toEqual(state.totals);
    expect(await restarted.runOnce()).toBeNull();
    expect(entries(reopened).map((e) => e[1])).toEqual(["lee", "park", "seo", "kim", "sin"]);
    reopened.close();
  });

  it("deletes keys with tombstones, and drops a tombstone only after delete.retention.ms", async () => {
    const { clock, log, cleaner } = setup({ deleteRetentionMs: 10_000 });
    await put(log, clock, "a", "1");
    await put(log, clock, "b", "1");
    await put(log, clock, "a", null);
    log.roll();
    const first = await cleaner.runOnce();
    expect(first?.outcome).toBe("completed");
    expect(entries(log)).toEqual([
      [1, "b", "1"],
      [2, "a", null],
    ]);
    expect(cleaner.stateOf(log).nextTombstoneExpiryAt).toBe(first!.startedAt + 10_000);

    clock.advance(9_000);
    expect(await cleaner.runOnce()).toBeNull();
    await put(log, clock, "c", "1");
    log.roll();
    expect((await cleaner.runOnce())?.stats.tombstonesRemoved).toBe(0);
    expect(entries(log).map((e) => e[1])).toEqual(["b", "a", "c"]);

    clock.advance(2_000);
    const last = await cleaner.runOnce();
    expect(last).toMatchObject({ outcome: "completed", trigger: "expired-tombstones" });
    expect(last!.stats.tombstonesRemoved).toBe(1);
    expect(entries(log)).toEqual([
      [1, "b", "1"],
      [3, "c", "1"],
    ]);
    expect(log.logEndOffset).toBe(4);
    expect(cleaner.stateOf(log).totals.tombstonesRemoved).toBe(1);
    expect(await cleaner.runOnce()).toBeNull();
    log.close();
  });

  it("leaves records younger than min.compaction.lag.ms uncleaned, and says so", async () => {
    const { clock, log, cleaner } = setup({ minCompactionLagMs: 60_000 });
    for (let i = 0; i < 6; i++) await put(log, clock, "k", String(i));
    log.roll();
    expect(await cleaner.runOnce()).toBeNull();
    const reason = cleaner.stateOf(log).notCleanedReason!;
    expect(reason.code).toBe("min-compaction-lag");
    expect(reason.message).toContain("min.compaction.lag.ms=60000");
    expect(entries(log)).toHaveLength(6);

    clock.advance(30_000);
    for (let i = 6; i < 10; i++) await put(log, clock, "k", String(i));
    log.roll();
    clock.advance(31_000);
    // The first six records are now old enough; the last four (30 s younger) are not.
    const run = await cleaner.runOnce();
    expect(run).toMatchObject({ outcome: "completed", endOffset: 6 });
    expect(entries(log).map((e) => e[2])).toEqual(["5", "6", "7", "8", "9"]);
    expect(cleaner.stateOf(log).notCleanedReason?.code).toBe("min-compaction-lag");
    log.close();
  });

  it("respects min.cleanable.dirty.ratio and explains a log below it", async () => {
    const { clock, log, cleaner } = setup({ minCleanableDirtyRatio: 0.5 });
    for (let i = 0; i < 10; i++) await put(log, clock, `k${i}`, "v");
    log.roll();
    expect((await cleaner.runOnce())?.endOffset).toBe(10);
    await put(log, clock, "k0", "w");
    await put(log, clock, "k1", "w");
    log.roll();
    expect(await cleaner.runOnce()).toBeNull();
    const state = cleaner.stateOf(log);
    expect(state.dirtyRatio).toBeGreaterThan(0);
    expect(state.dirtyRatio).toBeLessThan(0.5);
    expect(state.notCleanedReason).toMatchObject({ code: "dirty-ratio-below-minimum" });
    expect(state.notCleanedReason!.message).toContain("below min.cleanable.dirty.ratio=0.5");

    for (let i = 2; i < 10; i++) await put(log, clock, `k${i}`, "w");
    log.roll();
    expect(cleaner.stateOf(log).dirtyRatio).toBeGreaterThanOrEqual(0.5);
    expect((await cleaner.runOnce())?.endOffset).toBe(20);
    expect(entries(log).map((e) => e[2])).toEqual(Array(10).fill("w"));
    log.close();
  });

  it("never touches the active segment; offsets keep increasing without duplicates over many passes", async () => {
    const { clock, log, cleaner } = setup({ segmentBytes: 600 });
    const latest = new Map<string, string>();
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let round = 0; round < 8; round++) {
      for (let i = 0; i < 40; i++) {
        const key = `key-${Math.floor(random() * 12)}`;
        const value = `${round}-${i}`;
        await put(log, clock, key, value);
        latest.set(key, value);
      }
      const activeBase = log.activeSegmentBaseOffset;
      const activeBefore = entries(log).filter((e) => (e[0] as number) >= activeBase);
      await cleaner.runOnce();
      expect(entries(log).filter((e) => (e[0] as number) >= activeBase)).toEqual(activeBefore);
      const records = readAll(log);
      expectStrictlyIncreasing(records);
      const seen = new Map<string, string>();
      for (const r of records) seen.set(r.key!.toString(), r.value!.toString());
      expect(seen).toEqual(latest);
      // Below the first dirty offset, each key appears once.
      const clean = records.filter((r) => r.offset < cleaner.stateOf(log).firstDirtyOffset).map((r) => r.key!.toString());
      expect(new Set(clean).size).toBe(clean.length);
    }
    expect(cleaner.stateOf(log).totals.runs).toBeGreaterThan(4);
    log.close();
  });

  it("drops records without a key, which a topic turned compacted may still hold", async () => {
    const { clock, log, cleaner } = setup({ compact: false, delete: true });
    await log.append([{ value: Buffer.from("no key"), timestamp: clock.now() }]);
    await put(log, clock, "k", "v");
    log.roll();
    expect(cleaner.stateOf(log).notCleanedReason?.code).toBe("not-compacted");
    expect(await cleaner.runOnce()).toBeNull();
    log.updateConfig(compacted({ delete: true }));
    const run = await cleaner.runOnce();
    expect(run!.stats.keylessRemoved).toBe(1);
    expect(entries(log)).toEqual([[1, "k", "v"]]);
    log.close();
  });

  it("picks the filthiest compacted log, __consumer_offsets like any other, and explains the rest", async () => {
    const clock = new ManualClock();
    const dataDir = tempDir();
    const open = (name: string, settings: LogSettings) => Log.open({ dir: join(dataDir, name), name, config: settings, clock }).log;
    const offsets = open("__consumer_offsets-0", compacted());
    const other = open("profiles-0", compacted());
    const plain = open("events-0", logSettings({ segmentBytes: 200 }));
    const cleaner = new LogCleaner({ logs: () => [plain, other, offsets], dataDir, clock, logger: silent });
    for (let i = 0; i < 8; i++) await put(other, clock, `user-${i}`, "x");
    other.roll();
    expect((await cleaner.runOnce())?.stats.recordsRemoved).toBe(0);
    for (let i = 0; i < 8; i++) await put(offsets, clock, "group-a", String(i));
    await put(other, clock, "user-0", "y");
    await put(plain, clock, "e", "1");
    for (const log of [offsets, other, plain]) log.roll();
    expect(cleaner.stateOf(other).dirtyRatio).toBeLessThan(cleaner.stateOf(offsets).dirtyRatio);
    expect((await cleaner.runOnce())?.stats.recordsRemoved).toBe(7);
    expect(entries(offsets)).toEqual([[7, "group-a", "7"]]);
    expect(cleaner.stateOf(offsets).totals.runs).toBe(1);
    expect(cleaner.stateOf(other).totals.runs).toBe(1);
    expect((await cleaner.runOnce())?.stats.recordsRemoved).toBe(1);
    expect(cleaner.stateOf(other).totals.runs).toBe(2);
    expect(await cleaner.runOnce()).toBeNull();
    expect(cleaner.stateOf(plain).notCleanedReason?.code).toBe("not-compacted");
    const fresh = open("fresh-0", compacted());
    await put(fresh, clock, "k", "v");
    expect(cleaner.stateOf(fresh).notCleanedReason).toMatchObject({ code: "no-closed-segments" });
    expect(cleaner.stateOf(fresh).notCleanedReason!.message).toContain("segment.bytes=200");
    for (const log of [offsets, other, plain, fresh]) log.close();
  });

  it("lets appends through while it cleans: it yields between slices and appends interleave", async () => {
    const { clock, log, cleaner } = setup({ segmentBytes: 64 * 1024, segmentIndexBytes: 1024 * 1024 });
    const value = Buffer.alloc(100, "v");
    for (let i = 0; i < 3000; i++) {
      await log.append(Array.from({ length: 10 }, (_, j) => ({ key: Buffer.from(`key-${(i * 10 + j) % 500}`), value, timestamp: clock.now() })));
    }
    log.roll();
    const sizeBefore = log.size;
    let done = false;
    const pass = cleaner.runOnce().finally(() => (done = true));
    let appended = 0;
    const firstAppended = log.logEndOffset;
    while (!done) {
      await log.append([{ key: Buffer.from(`live-${appended}`), value: Buffer.from(String(appended)), timestamp: clock.now() }]);
      await new Promise((resolve) => setImmediate(resolve));
      appended++;
    }
    const run = (await pass)!;
    expect(run.outcome).toBe("completed");
    expect(run.stats.yields).toBeGreaterThan(5);
    expect(appended).toBeGreaterThan(5);
    // The slice and wait lengths are printed, not asserted: on a shared machine they measure its load, not the cleaner.
    expect(log.size).toBeLessThan(sizeBefore);
    const live = readAll(log).filter((r) => r.offset >= firstAppended);
    expect(live.map((r) => r.value!.toString())).toEqual(Array.from({ length: appended }, (_, i) => String(i)));
    const keys = readAll(log).filter((r) => r.offset < firstAppended).map((r) => r.key!.toString());
    expect(new Set(keys).size).toBe(500);
    expect(keys).toHaveLength(500);
    log.close();
  });

  it("aborts cleanly when the log is closed or retention deletes a segment mid-pass", async () => {
    const { clock, log, cleaner } = setup({ segmentBytes: 4096, delete: true, retentionMs: 1_000_000 });
    for (let i = 0; i < 2000; i++) await put(log, clock, `k${i % 50}`, "x".repeat(50));
    log.roll();
    const before = entries(log);
    clock.advance(999_000);
    await put(log, clock, "k0", "late");
    log.roll();
    const pass = cleaner.runOnce();
    await new Promise((resolve) => setImmediate(resolve));
    clock.advance(2_000);
    expect(log.deleteOldSegments().length).toBeGreaterThan(0);
    const aborted = (await pass)!;
    expect(aborted.outcome).toBe("aborted");
    expect(aborted.error).toMatch(/deleted \(retention\)/);
    expect(readdirSync(log.dir).filter((f) => f.endsWith(".cleaned") || f.endsWith(".swap"))).toEqual([]);
    expect(cleaner.stateOf(log).firstDirtyOffset).toBe(log.logStartOffset);
    expect(before.length).toBeGreaterThan(0);

    const { log: other, cleaner: second, clock: clock2, dataDir } = setup({ segmentBytes: 4096 });
    for (let i = 0; i < 2000; i++) await put(other, clock2, `k${i % 50}`, "x".repeat(50));
    other.roll();
    const content = entries(other);
    const closing = second.runOnce();
    await new Promise((resolve) => setImmediate(resolve));
    other.close();
    expect((await closing)?.outcome).toBe("aborted");
    expect(readdirSync(other.dir).filter((f) => f.endsWith(".cleaned") || f.endsWith(".swap"))).toEqual([]);
    expect(existsSync(join(dataDir, CLEANER_OFFSET_CHECKPOINT))).toBe(false);
    const reopened = Log.open({ dir: other.dir, name: other.name, config: compacted(), clock: clock2 }).log;
    const latest = (rows: unknown[][]) => new Map(rows.map((r) => [r[1], r[2]]));
    expect(latest(entries(reopened))).toEqual(latest(content));
    reopened.close();
    log.close();
  });

  it("runs on its own every log.cleaner.backoff.ms and stops on request", async () => {
    const { clock, log, cleaner } = setup();
    await put(log, clock, "k", "1");
    await put(log, clock, "k", "2");
    log.roll();
    expect(cleaner.stateOf(log).notCleanedReason?.code).toBe("cleaner-not-running");
    cleaner.start();
    await expect.poll(() => cleaner.stateOf(log).totals.runs, { timeout: 2000 }).toBe(1);
    expect(entries(log)).toEqual([[1, "k", "2"]]);
    expect(cleaner.schedule.nextCheckAt).not.toBeNull();
    await cleaner.stop();
    expect(cleaner.schedule.running).toBe(false);
    expect(cleaner.stateOf(log).nextCheckAt).toBeNull();
    log.close();
  });

  it("writes the cleaner's history beside its checkpoint, forgets a deleted partition's, and starts again from an unreadable file", async () => {
    const { clock, dataDir, log, cleaner } = setup();
    for (const [key, value] of [["a", "1"], ["b", "1"], ["a", "2"], ["b", "2"], ["c", "1"]] as const) await put(log, clock, key, value);
    log.roll();
    const run = await cleaner.runOnce();
    expect(run?.outcome).toBe("completed");
    const historyFile = join(dataDir, CLEANER_HISTORY_FILE);
    const saved = JSON.parse(readFileSync(historyFile, "utf8"));
    expect(saved.partitions["bank-account-0"]).toMatchObject({ lastRun: { trigger: "dirty-ratio", endOffset: run!.endOffset }, totals: { runs: 1, recordsRemoved: 2 } });

    cleaner.forget(log);
    expect(JSON.parse(readFileSync(historyFile, "utf8")).partitions).toEqual({});

    writeFileSync(historyFile, "{ torn");
    const warnings: string[] = [];
    const logger = { info: () => undefined, warn: (m: string) => warnings.push(m) };
    const afterCorruption = new LogCleaner({ logs: () => [log], dataDir, clock, logger });
    expect(afterCorruption.stateOf(log).totals.runs).toBe(0);
    expect(warnings.join("\n")).toMatch(/ignored an unreadable skein-cleaner-history\.json/);
    log.close();
  });
});
