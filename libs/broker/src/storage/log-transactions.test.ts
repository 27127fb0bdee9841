import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { InvalidProducerEpochError, InvalidTxnStateError, TransactionCoordinatorFencedError } from "../errors.js";
import { logSettings } from "../test-support/log-settings.js";
import { ManualClock, useTempDirs } from "../test-support/temp-dir.js";
import { plainBatch, txnBatch } from "../test-support/txn-batches.js";
import { readEndTransactionMarker } from "./control-records.js";
import { Log, type IsolationLevel } from "./log.js";
import type { LogSettings } from "./log-settings.js";
import { isControlBatch, isTransactionalBatch, readBatchHeader } from "./record-batch.js";
import { offsetFileStem } from "./segment-files.js";
import { ABORTED_TXN_SIZE } from "./transaction-index.js";

const tempDir = useTempDirs();

function openLog(dir: string, settings: Partial<LogSettings> = {}, recoveryPoint?: number) {
  return Log.open({ dir, name: "t-0", config: logSettings(settings), clock: new ManualClock(), recoveryPoint }).log;
}

function values(log: Log, isolation: IsolationLevel): string[] {
  const out: string[] = [];
  let next = log.logStartOffset;
  const end = isolation === "read_committed" ? log.lastStableOffset : log.logEndOffset;
  while (next < end) {
    const { records, nextOffset } = log.readRecords(next, 1 << 20, Number.MAX_SAFE_INTEGER, isolation);
    out.push(...records.map((r) => r.value!.toString()));
    if (nextOffset <= next) break;
    next = nextOffset;
  }
  return out;
}

const commit = { type: "COMMIT", coordinatorEpoch: 0 } as const;
const abort = { type: "ABORT", coordinatorEpoch: 0 } as const;

describe("transactions in the log", () => {
  it("holds the last stable offset at an open transaction's first offset until its commit marker", async () => {
    const log = openLog(tempDir());
    await log.appendRecordBatches(plainBatch(["a"]));
    await log.appendRecordBatches(txnBatch(7, ["t1", "t2"]));
    await log.appendRecordBatches(plainBatch(["b"]));
    expect(log.lastStableOffset).toBe(1);
    expect(log.highWatermark).toBe(4);
    expect(values(log, "read_committed")).toEqual(["a"]);
    expect(values(log, "read_uncommitted")).toEqual(["a", "t1", "t2", "b"]);
    expect(log.read(1, 1 << 20, "read_committed").data).toHaveLength(0);
    expect(log.openTransactions()).toEqual([{ producerId: 7, firstOffset: 1, lastOffset: null }]);

    const { offset, completed } = await log.appendEndTxnMarker(7, 0, commit);
    expect(offset).toBe(4);
    expect(completed).toEqual({ producerId: 7, firstOffset: 1, lastOffset: 4, isAborted: false });
    expect(log.lastStableOffset).toBe(5);
    expect(values(log, "read_committed")).toEqual(["a", "t1", "t2", "b"]);
    expect(log.openTransactions()).toEqual([]);
    // The marker is a control batch at offset 4, transactional, of producer 7, holding a COMMIT for coordinator epoch 0.
    const marker = log.read(4, 1 << 20).data;
    const header = readBatchHeader(marker);
    expect(header).toMatchObject({ baseOffset: 4, producerId: 7, producerEpoch: 0, baseSequence: -1, recordCount: 1 });
    expect(isControlBatch(header.attributes) && isTransactionalBatch(header.attributes)).toBe(true);
    expect(readEndTransactionMarker(marker)).toEqual(commit);
  });

  it("skips an aborted transaction's records for read_committed readers and indexes it in Kafka's .txnindex format", async () => {
    const dir = tempDir();
    const log = openLog(dir);
    await log.appendRecordBatches(txnBatch(7, ["gone1"]));
    await log.appendRecordBatches(plainBatch(["kept"]));
    await log.appendRecordBatches(txnBatch(7, ["gone2"], { baseSequence: 1 }));
    await log.appendEndTxnMarker(7, 0, abort);
    expect(log.lastStableOffset).toBe(4);
    const read = log.read(0, 1 << 20, "read_committed");
    expect(read.abortedTransactions).toEqual([{ producerId: 7, firstOffset: 0, lastOffset: 3, lastStableOffset: 4 }]);
    expect(values(log, "read_committed")).toEqual(["kept"]);
    expect(values(log, "read_uncommitted")).toEqual(["gone1", "kept", "gone2"]);
    expect(log.read(0, 1 << 20).abortedTransactions).toBeUndefined();

    const index = readFileSync(join(dir, `${offsetFileStem(0)}.txnindex`));
    expect(index.toString("hex")).toBe(
      "0000" + "0000000000000007" + "0000000000000000" + "0000000000000003" + "0000000000000004",
    );
  });

  it("records the LSO of an abort as the first offset of another producer's transaction still open", async () => {
    const log = openLog(tempDir());
    await log.appendRecordBatches(txnBatch(1, ["p1-a"]));
    await log.appendRecordBatches(txnBatch(2, ["p2-a"]));
    await log.appendRecordBatches(txnBatch(1, ["p1-b"], { baseSequence: 1 }));
    await log.appendEndTxnMarker(2, 0, abort);
    expect(log.lastStableOffset).toBe(0);
    expect(log.collectAbortedTransactions(0, 10)).toEqual([{ producerId: 2, firstOffset: 1, lastOffset: 3, lastStableOffset: 0 }]);
    await log.appendEndTxnMarker(1, 0, commit);
    expect(log.lastStableOffset).toBe(5);
    expect(values(log, "read_committed")).toEqual(["p1-a", "p1-b"]);
  });

  it("refuses a producer's plain batch while its transaction is open, and markers of older epochs", async () => {
    const log = openLog(tempDir());
    await log.appendRecordBatches(txnBatch(7, ["t"], { producerEpoch: 3 }));
    const plain = Buffer.from(txnBatch(7, ["p"], { producerEpoch: 3, baseSequence: 1 }));
    plain.writeInt16BE(0, 21); // clears the transactional flag (the CRC no longer matches: recompute it)
    const { computeBatchCrc } = await import("./record-batch.js");
    plain.writeUInt32BE(computeBatchCrc(plain, 0, plain.length), 17);
    await expect(log.appendRecordBatches(plain)).rejects.toBeInstanceOf(InvalidTxnStateError);
    await expect(log.appendEndTxnMarker(7, 2, abort)).rejects.toBeInstanceOf(InvalidProducerEpochError);
    // A bumped epoch (the coordinator fencing the producer) aborts, and the old epoch can write no more.
    await log.appendEndTxnMarker(7, 4, { type: "ABORT", coordinatorEpoch: 2 });
    await expect(log.appendRecordBatches(txnBatch(7, ["zombie"], { producerEpoch: 3, baseSequence: 1 }))).rejects.toBeInstanceOf(InvalidProducerEpochError);
    await expect(log.appendEndTxnMarker(7, 4, { type: "COMMIT", coordinatorEpoch: 1 })).rejects.toBeInstanceOf(TransactionCoordinatorFencedError);
    expect(log.logEndOffset).toBe(2);
    expect(log.lastStableOffset).toBe(2);
  });

  it("finds aborted transactions across segments: the index entry lives with the marker's segment", async () => {
    const log = openLog(tempDir());
    await log.appendRecordBatches(txnBatch(9, ["x1"]));
    log.roll();
    await log.appendRecordBatches(txnBatch(9, ["x2"], { baseSequence: 1 }));
    log.roll();
    await log.appendEndTxnMarker(9, 0, abort);
    await log.appendRecordBatches(plainBatch(["after"]));
    expect(log.allSegments().map((s) => s.abortedTxns().length)).toEqual([0, 0, 1]);
    expect(log.read(0, 1 << 20, "read_committed").abortedTransactions).toEqual([{ producerId: 9, firstOffset: 0, lastOffset: 2, lastStableOffset: 3 }]);
    expect(values(log, "read_committed")).toEqual(["after"]);
  });

  it("keeps open transactions and the transaction index across a clean restart", async () => {
    const dir = tempDir();
    const log = openLog(dir);
    await log.appendRecordBatches(txnBatch(1, ["aborted"]));
    await log.appendEndTxnMarker(1, 0, abort);
    await log.appendRecordBatches(plainBatch(["plain"]));
    await log.appendRecordBatches(txnBatch(2, ["open"]));
    log.close();
    const reopened = openLog(dir, {}, Number.MAX_SAFE_INTEGER);
    expect(reopened.lastStableOffset).toBe(3);
    expect(reopened.openTransactions()).toEqual([{ producerId: 2, firstOffset: 3, lastOffset: null }]);
    expect(values(reopened, "read_committed")).toEqual(["plain"]);
    await reopened.appendEndTxnMarker(2, 0, commit);
    expect(values(reopened, "read_committed")).toEqual(["plain", "open"]);
  });

  it("rebuilds the transaction index and the open transactions after a crash, and a corrupt .txnindex", async () => {
    const dir = tempDir();
    const log = openLog(dir);
    await log.appendRecordBatches(txnBatch(1, ["a1"]));
    await log.appendRecordBatches(txnBatch(2, ["b1"]));
    log.roll();
    await log.appendEndTxnMarker(1, 0, abort);
    await log.appendRecordBatches(txnBatch(3, ["c1"]));
    await log.appendEndTxnMarker(3, 0, abort);
    await log.appendRecordBatches(plainBatch(["p"]));
    const indexes = log.allSegments().map((s) => [...s.abortedTxns()]);
    const file = join(dir, `${offsetFileStem(2)}.txnindex`);
    expect(statSync(file).size).toBe(2 * ABORTED_TXN_SIZE);
    // A crash: no clean shutdown, the files as they are, nothing flushed beyond the writes. Snapshots and the
    // index are lost too; recovery replays the whole log.
    for (const name of readdirSync(dir)) if (name.endsWith(".snapshot") || name.endsWith(".txnindex")) rmSync(join(dir, name));
    const recovered = openLog(dir, {}, undefined);
    expect(recovered.allSegments().map((s) => [...s.abortedTxns()])).toEqual(indexes);
    expect(statSync(file).size).toBe(2 * ABORTED_TXN_SIZE);
    expect(recovered.lastStableOffset).toBe(1);
    expect(recovered.openTransactions()).toEqual([{ producerId: 2, firstOffset: 1, lastOffset: null }]);
    recovered.close();

    writeFileSync(file, Buffer.alloc(ABORTED_TXN_SIZE + 3));
    const repaired = openLog(dir, {}, Number.MAX_SAFE_INTEGER);
    expect(repaired.allSegments().map((s) => [...s.abortedTxns()])).toEqual(indexes);
    expect(statSync(file).size).toBe(2 * ABORTED_TXN_SIZE);
    await repaired.appendEndTxnMarker(2, 0, commit);
    expect(values(repaired, "read_committed")).toEqual(["b1", "p"]);
  });

  it("appends a coordinator's transactional records without sequence checks, in the producer's transaction", async () => {
    const log = openLog(tempDir());
    await log.appendTransactionalRecords([{ key: Buffer.from("k"), value: Buffer.from("offset 5") }], 11, 2);
    await log.appendTransactionalRecords([{ key: Buffer.from("k"), value: Buffer.from("offset 9") }], 11, 2);
    expect(log.lastStableOffset).toBe(0);
    expect(log.activeProducers().get(11)).toMatchObject({ producerEpoch: 2, currentTxnFirstOffset: 0 });
    await log.appendEndTxnMarker(11, 2, commit);
    expect(values(log, "read_committed")).toEqual(["offset 5", "offset 9"]);
  });
});
