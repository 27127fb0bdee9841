import { readFileSync, statSync, truncateSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { logSettings } from "../test-support/log-settings.js";
import { ManualClock, useTempDirs } from "../test-support/temp-dir.js";
import { LEADER_EPOCH_CHECKPOINT, LeaderEpochFileCache } from "./leader-epoch-cache.js";
import { Log } from "./log.js";
import type { LogSettings } from "./log-settings.js";
import type { RecordInput } from "./record.js";
import { encodeRecordBatch, readBatchHeader } from "./record-batch.js";

const tempDir = useTempDirs();

function openLog(dir: string, settings: Partial<LogSettings> = {}) {
  return Log.open({ dir, name: "t-0", config: logSettings(settings), clock: new ManualClock() }).log;
}

function values(n: number, prefix: string): RecordInput[] {
  return Array.from({ length: n }, (_, i) => ({ key: null, value: Buffer.from(`${prefix}${i}`) }));
}

/** Every byte of the log's batches from offset 0 to the end, as a follower would fetch them. */
function allBatches(log: Log): Buffer {
  return log.read(log.logStartOffset, 1 << 30).data;
}

/** The leader epoch stamped on every batch of `data`, with its base offset. */
function epochsOf(data: Buffer): [number, number][] {
  const out: [number, number][] = [];
  for (let pos = 0; pos < data.length; ) {
    const header = readBatchHeader(data, pos);
    out.push([header.baseOffset, header.partitionLeaderEpoch]);
    pos += 12 + header.batchLength;
  }
  return out;
}

describe("replicated logs", () => {
  it("stamps leader appends with the latest leader epoch; a follower's copy is byte-identical, epochs included", async () => {
    const leader = openLog(tempDir());
    await leader.append(values(3, "unstamped"));
    leader.leaderEpochs.assign(4, leader.logEndOffset);
    await leader.append(values(2, "a"));
    leader.leaderEpochs.assign(6, leader.logEndOffset);
    await leader.append(values(4, "b"));
    expect(epochsOf(allBatches(leader))).toEqual([
      [0, -1],
      [3, 4],
      [5, 6],
    ]);

    const follower = openLog(tempDir());
    const fetched = allBatches(leader);
    expect(follower.appendAsFollower(fetched)).toEqual({ baseOffset: 0, lastOffset: 8, sizeBytes: fetched.length });
    expect(allBatches(follower).equals(fetched)).toBe(true);
    expect(follower.leaderEpochs.epochEntries).toEqual([
      { epoch: 4, startOffset: 3 },
      { epoch: 6, startOffset: 5 },
    ]);
    // A repeated fetch writes nothing twice.
    expect(follower.appendAsFollower(fetched).sizeBytes).toBe(0);
    expect(follower.logEndOffset).toBe(9);
  });

  it("answers OffsetForLeaderEpoch as Kafka's LeaderEpochFileCache does", () => {
    const cache = new LeaderEpochFileCache(tempDir());
    expect(cache.endOffsetFor(0, 10)).toEqual({ epoch: -1, endOffset: -1 });
    cache.assign(2, 0);
    cache.assign(3, 10);
    cache.assign(5, 20);
    expect(cache.endOffsetFor(5, 30)).toEqual({ epoch: 5, endOffset: 30 });
    expect(cache.endOffsetFor(3, 30)).toEqual({ epoch: 3, endOffset: 20 });
    // An epoch this leader never had: the largest one below it, ending where the next begins.
    expect(cache.endOffsetFor(4, 30)).toEqual({ epoch: 3, endOffset: 20 });
    // Older than the oldest: the requested epoch, ending where the oldest begins.
    expect(cache.endOffsetFor(1, 30)).toEqual({ epoch: 1, endOffset: 0 });
    expect(cache.endOffsetFor(6, 30)).toEqual({ epoch: -1, endOffset: -1 });
    expect(cache.endOffsetFor(-1, 30)).toEqual({ epoch: -1, endOffset: -1 });
  });

  it("truncates whole batches: a follower whose log end is mid-batch drops that batch and refetches it whole", async () => {
    const leader = openLog(tempDir());
    leader.leaderEpochs.assign(1, 0);
    await leader.append(values(5, "x"));
    await leader.append(values(5, "y"));
    const follower = openLog(tempDir());
    follower.appendAsFollower(allBatches(leader));
    // Truncating to an offset inside the second batch (5..9) removes all of it.
    expect(follower.truncateTo(7)).toBe(true);
    expect(follower.logEndOffset).toBe(5);
    follower.appendAsFollower(leader.read(5, 1 << 20).data);
    expect(allBatches(follower).equals(allBatches(leader))).toBe(true);
  });

  it("a fetch that starts inside a batch the follower only partly has replaces that batch", async () => {
    const leader = openLog(tempDir());
    leader.leaderEpochs.assign(1, 0);
    await leader.append(values(4, "x"));
    const follower = openLog(tempDir());
    follower.appendAsFollower(allBatches(leader));
    await leader.append(values(4, "y"));
    // The leader answers a fetch at 6 with the batch holding 6, which starts at 4: the follower has none of it yet.
    follower.appendAsFollower(leader.read(4, 1 << 20).data);
    expect(allBatches(follower).equals(allBatches(leader))).toBe(true);
  });

  it("two fast leader changes: the follower truncates to where its last epoch ends on the new leader, then converges", async () => {
    // Epoch 1 on broker A writes 0..3; B copies it. A writes 4..5 in epoch 1 that B never gets.
    const a = openLog(tempDir());
    a.leaderEpochs.assign(1, 0);
    await a.append(values(4, "e1-"));
    const b = openLog(tempDir());
    b.appendAsFollower(allBatches(a));
    await a.append(values(2, "lost-"));
    // B becomes leader in epoch 2 and writes 4..6, then C... (a second change) makes B lead again in epoch 3.
    b.leaderEpochs.assign(2, b.logEndOffset);
    await b.append(values(3, "e2-"));
    b.leaderEpochs.assign(3, b.logEndOffset);
    await b.append(values(1, "e3-"));
    // A rejoins as follower: it asks B where its latest epoch (1) ends and truncates there (KIP-101).
    const { epoch, endOffset } = b.leaderEpochs.endOffsetFor(a.leaderEpochs.latestEpoch!, b.logEndOffset);
    expect({ epoch, endOffset }).toEqual({ epoch: 1, endOffset: 4 });
    a.truncateTo(endOffset);
    a.appendAsFollower(b.read(a.logEndOffset, 1 << 20).data);
    expect(allBatches(a).equals(allBatches(b))).toBe(true);
    expect(a.leaderEpochs.epochEntries).toEqual(b.leaderEpochs.epochEntries);
  });

  it("a leader whose unsynced tail was lost forgets the epochs of that tail when it reopens", async () => {
    const dir = tempDir();
    const log = openLog(dir);
    log.leaderEpochs.assign(1, 0);
    await log.append(values(3, "kept"));
    await log.flush();
    const keptBytes = statSync(join(dir, "00000000000000000000.log")).size;
    log.leaderEpochs.assign(2, log.logEndOffset);
    await log.append(values(3, "lost"));
    log.close();
    // The crash took the tail (written, never fsynced) but the epoch checkpoint (fsynced on change) survived.
    truncateSync(join(dir, "00000000000000000000.log"), keptBytes);
    expect(readFileSync(join(dir, LEADER_EPOCH_CHECKPOINT), "utf8")).toBe("0\n2\n1 0\n2 3\n");
    const reopened = Log.open({ dir, name: "t-0", config: logSettings(), clock: new ManualClock() }).log;
    expect(reopened.logEndOffset).toBe(3);
    expect(reopened.leaderEpochs.epochEntries).toEqual([{ epoch: 1, startOffset: 0 }]);
    // So a follower asking about epoch 2 learns it is unknown here, and one asking about epoch 1 truncates to 3.
    expect(reopened.leaderEpochs.endOffsetFor(1, reopened.logEndOffset)).toEqual({ epoch: 1, endOffset: 3 });
  });

  it("serves consumers below the high watermark only, followers up to the log end", async () => {
    const log = openLog(tempDir());
    log.leaderEpochs.assign(1, 0);
    await log.append(values(2, "a"));
    await log.append(values(2, "b"));
    expect(log.highWatermark).toBe(4);
    log.setHighWatermark(2);
    expect(log.highWatermark).toBe(2);
    expect(log.readRecords(0, 1 << 20, undefined, "read_uncommitted", log.highWatermark).records.map((r) => r.offset)).toEqual([0, 1]);
    expect(log.readRecords(2, 1 << 20, undefined, "read_uncommitted", log.highWatermark).records).toEqual([]);
    expect(log.read(0, 1 << 20).data.length).toBeGreaterThan(log.read(0, 1 << 20, "read_uncommitted", log.highWatermark).data.length);
    log.setHighWatermark(99);
    expect(log.highWatermark).toBe(4);
    log.truncateTo(2);
    expect(log.highWatermark).toBe(2);
  });

  it("keeps idempotent producers' state through replication and truncation", async () => {
    const leader = openLog(tempDir());
    leader.leaderEpochs.assign(1, 0);
    const batch = (seq: number) => encodeRecordBatch([{ key: null, value: Buffer.from(`p${seq}`) }], { baseOffset: 0, timestampType: "CreateTime", now: 1, producerId: 42, producerEpoch: 0, baseSequence: seq });
    await leader.appendRecordBatches(batch(0));
    await leader.appendRecordBatches(batch(1));
    const follower = openLog(tempDir());
    follower.appendAsFollower(allBatches(leader));
    expect(follower.activeProducers().get(42)).toMatchObject({ producerEpoch: 0, lastSeq: 1, lastDataOffset: 1 });
    follower.truncateTo(1);
    expect(follower.activeProducers().get(42)).toMatchObject({ lastSeq: 0, lastDataOffset: 0 });
    // Led by the follower now, a producer's retry of sequence 0 is a duplicate, sequence 1 is next.
    follower.leaderEpochs.assign(2, follower.logEndOffset);
    expect((await follower.appendRecordBatches(batch(0))).duplicate).toBe(true);
    expect((await follower.appendRecordBatches(batch(1))).baseOffset).toBe(1);
  });
});
