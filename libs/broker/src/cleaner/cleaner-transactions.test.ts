import { readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Log } from "../storage/log.js";
import { isControlBatch, readBatchHeader, type RecordBatchHeader } from "../storage/record-batch.js";
import { logSettings } from "../test-support/log-settings.js";
import { ManualClock, useTempDirs } from "../test-support/temp-dir.js";
import { plainBatch, txnBatch } from "../test-support/txn-batches.js";
import { LogCleaner } from "./log-cleaner.js";

const tempDir = useTempDirs();
const silent = { info: () => undefined, warn: () => undefined };
const DELETE_RETENTION_MS = 60_000;
const settings = logSettings({ compact: true, delete: false, minCleanableDirtyRatio: 0.001, deleteRetentionMs: DELETE_RETENTION_MS });
const commit = { type: "COMMIT", coordinatorEpoch: 0 } as const;
const abort = { type: "ABORT", coordinatorEpoch: 0 } as const;

function setup() {
  const clock = new ManualClock();
  const dataDir = tempDir();
  const dir = join(dataDir, "state-0");
  const log = Log.open({ dir, name: "state-0", config: settings, clock }).log;
  const cleaner = new LogCleaner({ logs: () => [log], dataDir, clock, logger: silent, backoffMs: 50 });
  return { clock, dir, log, cleaner };
}

function batches(log: Log): RecordBatchHeader[] {
  const headers: RecordBatchHeader[] = [];
  let next = log.logStartOffset;
  while (next < log.logEndOffset) {
    const { data } = log.read(next, 1 << 20);
    if (data.length === 0) break;
    for (let pos = 0; pos < data.length; pos += 12 + data.readInt32BE(pos + 8)) headers.push(readBatchHeader(data, pos));
    next = headers.at(-1)!.baseOffset + headers.at(-1)!.lastOffsetDelta + 1;
  }
  return headers;
}

function committed(log: Log): string[] {
  const out: string[] = [];
  let next = log.logStartOffset;
  while (next < log.lastStableOffset) {
    const read = log.readRecords(next, 1 << 20, Number.MAX_SAFE_INTEGER, "read_committed");
    out.push(...read.records.map((r) => `${r.key}=${r.value}`));
    if (read.nextOffset <= next) break;
    next = read.nextOffset;
  }
  return out;
}

describe("the log cleaner and transactions", () => {
  it("never compacts past the last stable offset: an open transaction's records supersede nothing yet", async () => {
    const { log, cleaner } = setup();
    await log.appendRecordBatches(plainBatch(["v1"], ["k"]));
    log.roll();
    await log.appendRecordBatches(txnBatch(5, ["v2"], { keys: ["k"] }));
    log.roll();
    await log.appendRecordBatches(plainBatch(["other"], ["x"]));
    log.roll();
    expect(log.lastStableOffset).toBe(1);
    const state = cleaner.stateOf(log);
    expect(state.firstUncleanableOffset).toBe(1);
    const run = await cleaner.runOnce();
    // Only the first segment is cleanable, and within it nothing is superseded.
    if (run) expect(run.stats.recordsRemoved).toBe(0);
    await log.appendEndTxnMarker(5, 0, abort);
    expect(committed(log)).toEqual(["k=v1", "x=other"]);
    expect(cleaner.stateOf(log).notCleanedReason?.code).not.toBe("open-transaction");
  });

  it("says an open transaction holds the dirty segments back", async () => {
    const { log, cleaner } = setup();
    await log.appendRecordBatches(txnBatch(5, ["v1"], { keys: ["k"] }));
    log.roll();
    await log.appendRecordBatches(plainBatch(["v2"], ["k"]));
    log.roll();
    const state = cleaner.stateOf(log);
    expect(state.notCleanedReason).toMatchObject({ code: "open-transaction" });
    expect(state.notCleanedReason!.message).toContain("producer 5's transaction is still open");
  });

  it("removes aborted records (which supersede nothing) and keeps the abort marker, indexed, until delete.retention.ms after", async () => {
    const { clock, log, cleaner } = setup();
    await log.appendRecordBatches(plainBatch(["kept"], ["k"]));
    await log.appendRecordBatches(txnBatch(5, ["aborted"], { keys: ["k"] }));
    await log.appendEndTxnMarker(5, 0, abort);
    await log.appendRecordBatches(txnBatch(6, ["won"], { keys: ["j"] }));
    await log.appendEndTxnMarker(6, 0, commit);
    await log.appendRecordBatches(plainBatch(["tail"], ["t"]));
    log.roll();
    await log.appendRecordBatches(plainBatch(["active"], ["a"]));
    expect(committed(log)).toEqual(["k=kept", "j=won", "t=tail", "a=active"]);

    const first = (await cleaner.runOnce())!;
    expect(first.outcome).toBe("completed");
    expect(first.stats.abortedRecordsRemoved).toBe(1);
    // The aborted record did not supersede "kept"; the markers stay (their transactions had batches this pass).
    expect(committed(log)).toEqual(["k=kept", "j=won", "t=tail", "a=active"]);
    const afterFirst = batches(log);
    expect(afterFirst.filter((h) => isControlBatch(h.attributes)).map((h) => h.baseOffset)).toEqual([2, 4]);
    expect(log.allSegments()[0]!.abortedTxns()).toEqual([{ producerId: 5, firstOffset: 1, lastOffset: 2, lastStableOffset: 3 }]);

    // Later passes within delete.retention.ms keep the (now empty-transaction) markers.
    await log.appendRecordBatches(plainBatch(["newer"], ["j"]));
    log.roll();
    clock.advance(DELETE_RETENTION_MS / 2);
    await cleaner.runOnce();
    expect(batches(log).filter((h) => isControlBatch(h.attributes)).map((h) => h.baseOffset)).toEqual([2, 4]);

    // Past delete.retention.ms the markers still stay while their producers are remembered: each producer's last
    // batch (emptied) is kept for its sequence, and a marker stays while a batch of its transaction does (Kafka's rule).
    clock.advance(DELETE_RETENTION_MS);
    await log.appendRecordBatches(plainBatch(["newest"], ["a"]));
    log.roll();
    await cleaner.runOnce();
    expect(batches(log).filter((h) => isControlBatch(h.attributes)).map((h) => h.baseOffset)).toEqual([2, 4]);
    // Once the producers are forgotten (producer.id.expiration.ms), their empty batches go, then the markers.
    expect(log.removeExpiredProducers(clock.now(), 1)).toBe(2);
    await log.appendRecordBatches(plainBatch(["again"], ["t"]));
    log.roll();
    await cleaner.runOnce();
    await log.appendRecordBatches(plainBatch(["last"], ["t"]));
    log.roll();
    const last = (await cleaner.runOnce())!;
    expect(last.stats.markersRemoved).toBe(2);
    expect(batches(log).filter((h) => isControlBatch(h.attributes) && h.recordCount > 0)).toEqual([]);
    expect(committed(log)).toEqual(["k=kept", "j=newer", "a=newest", "t=last"]);
  });

  it("leaves a log whose transaction index and producer state rebuild to the same answers after a crash", async () => {
    const { dir, log, cleaner } = setup();
    await log.appendRecordBatches(txnBatch(5, ["a1", "a2"], { keys: ["k1", "k2"] }));
    await log.appendRecordBatches(plainBatch(["p"], ["k1"]));
    await log.appendEndTxnMarker(5, 0, abort);
    await log.appendRecordBatches(txnBatch(6, ["open"], { keys: ["k3"] }));
    log.roll();
    await cleaner.runOnce();
    const before = { committed: committed(log), lso: log.lastStableOffset, index: log.allSegments().map((s) => [...s.abortedTxns()]) };
    for (const name of readdirSync(dir)) if (name.endsWith(".snapshot")) rmSync(join(dir, name));
    const recovered = Log.open({ dir, name: "state-0", config: settings, clock: new ManualClock() }).log;
    expect({ committed: committed(recovered), lso: recovered.lastStableOffset, index: recovered.allSegments().map((s) => [...s.abortedTxns()]) }).toEqual(before);
    expect(before.committed).toEqual(["k1=p"]);
    expect(before.lso).toBe(4);
  });
});
