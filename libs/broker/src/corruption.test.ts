import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { Broker } from "./broker.js";
import { CorruptRangeError, CorruptRecordError } from "./errors.js";
import { GroupCoordinator } from "./group/group-coordinator.js";
import { runNodeChild } from "./test-support/child-process.js";
import { batchesOf, flipByte, segmentPath } from "./test-support/corrupt.js";
import { useTempDirs } from "./test-support/temp-dir.js";
import { fillUp, useTmpfs } from "./test-support/tmpfs.js";

const here = dirname(fileURLToPath(import.meta.url));
const tempDir = useTempDirs();
const tmpfs = useTmpfs();
const QUIET = { "log.scrubber.enable": "false", "log.cleaner.enable": "false" };

/**
 * Every record of a partition as "offset:value", reading as a consumer does: told of a corrupt range (CorruptRangeError
 * when its position enters one), it goes on from the offset after it. Returns the records and the ranges it was told of.
 */
async function readAll(broker: Broker, topic: string, partition = 0): Promise<string[]> {
  return (await consume(broker, topic, partition)).records;
}

async function consume(broker: Broker, topic: string, partition = 0): Promise<{ records: string[]; told: string[] }> {
  const records: string[] = [];
  const told: string[] = [];
  let next = broker.partitionOffsets(topic, partition).logStartOffset;
  while (next < broker.partitionOffsets(topic, partition).logEndOffset) {
    try {
      const fetched = await broker.fetch(topic, partition, next, { maxBytes: 4096 });
      records.push(...fetched.records.map((r) => `${r.offset}:${r.value!.toString()}`));
      next = fetched.nextOffset;
    } catch (err) {
      if (!(err instanceof CorruptRangeError) || err.range === null) throw err;
      told.push(`${err.range.baseOffset}..${err.range.lastOffset}`);
      next = err.range.lastOffset + 1;
    }
  }
  return { records, told };
}

async function filledTopic(dataDir: string, config: Record<string, string> = {}) {
  const broker = await Broker.open({ dataDir, brokerConfig: { ...QUIET, ...config } });
  await broker.createTopic({ name: "bits", configs: { "segment.bytes": "4096", "index.interval.bytes": "256" } });
  const written: string[] = [];
  for (let i = 0; i < 120; i++) {
    const [result] = await broker.produce("bits", [{ value: Buffer.from(`value-${i}`.padEnd(80, ".")) }]);
    written.push(`${result!.offset}:${`value-${i}`.padEnd(80, ".")}`);
  }
  return { broker, written, partitionDir: join(dataDir, "bits-0") };
}

/** Flips a byte inside the payload of the batch holding `offset` in the closed segment at `segmentBase`. */
function rotBatch(partitionDir: string, segmentBase: number, offset: number) {
  const path = segmentPath(partitionDir, segmentBase);
  const batch = batchesOf(path).find((b) => b.baseOffset <= offset && offset <= b.lastOffset)!;
  flipByte(path, batch.position + batch.size - 5);
  return batch;
}

describe("corruption on disk", () => {
  beforeAll(() => {
    execFileSync("npx", ["tsc", "-b", join(here, "..")], { stdio: "inherit" });
  }, 120_000);

  it("a flipped byte in a closed segment: a crash-restart that recovers it quarantines only that batch, and a clean restart still shows it", async () => {
    const dataDir = tempDir();
    const acked = new Map<string, string>();
    let timer: NodeJS.Timeout | undefined;
    const exit = await runNodeChild(join(here, "test-support/crash-producer.mjs"), [dataDir, "0"], (line, child) => {
      if (line === "ready") timer = setTimeout(() => child.kill("SIGKILL"), 600);
      else {
        const [seq, partition, offset] = line.split(" ");
        acked.set(`${partition}:${offset}`, `0:${seq}`);
      }
    });
    clearTimeout(timer);
    expect(exit.signal).toBe("SIGKILL");

    // The crash came before a checkpoint covered the closed segments (the checkpoint is lost): recovery scans them.
    rmSync(join(dataDir, "recovery-point-offset-checkpoint"), { force: true });
    const partitionDir = join(dataDir, "crash-0");
    const closed = batchesOf(segmentPath(partitionDir, 0));
    expect(closed.at(-1)!.lastOffset, "the first segment must be closed").toBeLessThan(Math.max(...[...acked.keys()].filter((k) => k.startsWith("0:")).map((k) => Number(k.slice(2)))));
    const victim = closed[Math.floor(closed.length / 2)]!;
    flipByte(segmentPath(partitionDir, 0), victim.position + victim.size - 3);

    const broker = await Broker.open({ dataDir, brokerConfig: QUIET });
    expect(broker.startupReport.join("\n")).toMatch(new RegExp(`crash-0: quarantined offsets ${victim.baseOffset}\\.\\.${victim.lastOffset} .*CRC mismatch.*every intact batch after it was kept`));
    const [range] = broker.corruptRanges("crash", 0);
    expect(range).toMatchObject({ topic: "crash", partition: 0, baseOffset: victim.baseOffset, lastOffset: victim.lastOffset, segmentBaseOffset: 0, sizeBytes: victim.size, detectedBy: "recovery" });
    expect(readFileSync(join(dataDir, range!.quarantinedAs!)).length).toBe(victim.size);
    const found = new Set((await readAll(broker, "crash", 0)).map((r) => `0:${r.split(":")[0]}`));
    let lost = 0;
    for (const position of acked.keys()) {
      if (!position.startsWith("0:")) continue;
      const offset = Number(position.slice(2));
      if (offset >= victim.baseOffset && offset <= victim.lastOffset) lost++;
      else expect(found.has(position), `acknowledged record at ${position}`).toBe(true);
    }
    expect(lost).toBe(victim.lastOffset - victim.baseOffset + 1);
    await broker.close();

    const clean = await Broker.open({ dataDir, brokerConfig: QUIET });
    expect(clean.startupReport, clean.startupReport.join("\n")).toEqual([]);
    expect(clean.corruptRanges()).toEqual([range]);
    await clean.close();
  });

  it("checkpoints the recovery point when a segment rolls, so a crash-restart does not rescan closed segments; the first read over rot there fails once, then skips it", async () => {
    const dataDir = tempDir();
    const { broker, written, partitionDir } = await filledTopic(dataDir);
    const segments = broker.listSegments("bits", 0);
    expect(segments.length).toBeGreaterThan(3);
    // The checkpoint file is written once the rolled segments are flushed, long before the 60 s timer.
    const recoveryPoint = () => Number(/^bits 0 (\d+)$/m.exec(readFileSync(join(dataDir, "recovery-point-offset-checkpoint"), "utf8"))?.[1] ?? -1);
    const deadline = Date.now() + 20_000;
    while (recoveryPoint() < segments.at(-1)!.baseOffset && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(recoveryPoint()).toBeGreaterThanOrEqual(segments.at(-1)!.baseOffset);

    // A crash image: the broker is still open (no clean shutdown); bit rot in a closed segment.
    const image = tempDir();
    execFileSync("cp", ["-a", `${dataDir}/.`, image]);
    await broker.close();
    const victim = rotBatch(join(image, "bits-0"), segments[1]!.baseOffset, segments[1]!.baseOffset + 2);
    const restarted = await Broker.open({ dataDir: image, brokerConfig: QUIET });
    expect(restarted.startupReport).toEqual([]);
    expect(restarted.corruptRanges()).toEqual([]);

    const failure = await restarted.fetch("bits", 0, victim.baseOffset).catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(CorruptRangeError);
    expect(failure).toBeInstanceOf(CorruptRecordError);
    expect(failure).toMatchObject({ code: 2, errorName: "CORRUPT_MESSAGE" });
    expect((failure as Error).message).toContain(`Records of bits-0 at offsets ${victim.baseOffset} to ${victim.lastOffset} are corrupt on disk`);
    expect((failure as CorruptRangeError).range).toMatchObject({ detectedBy: "read", quarantinedAs: expect.stringMatching(/^bits-0\/quarantine\//) });
    const survivors = written.filter((w) => {
      const offset = Number(w.split(":")[0]);
      return offset < victim.baseOffset || offset > victim.lastOffset;
    });
    expect(await readAll(restarted, "bits")).toEqual(survivors);
    const raw = await restarted.fetchBatches("bits", 0, victim.baseOffset);
    expect(batchesOfBuffer(raw.data)[0]!.baseOffset).toBe(victim.lastOffset + 1);
    await restarted.close();
    void partitionDir;
  });

  it("never serves a corrupt batch of the active segment: the read stops before it, then the segment is rolled and quarantined", async () => {
    const dataDir = tempDir();
    const broker = await Broker.open({ dataDir, brokerConfig: QUIET });
    await broker.createTopic({ name: "live" });
    for (let i = 0; i < 10; i++) await broker.produce("live", [{ value: Buffer.from(`v${i}`), timestamp: 1000 + i }]);
    const path = segmentPath(join(dataDir, "live-0"), 0);
    const victim = batchesOf(path)[6]!;
    flipByte(path, victim.position + victim.size - 2);

    const before = await broker.fetch("live", 0, 0);
    expect(before.records.map((r) => r.value!.toString())).toEqual(["v0", "v1", "v2", "v3", "v4", "v5"]);
    expect(before.nextOffset).toBe(6);
    await expect(broker.fetch("live", 0, 6)).rejects.toThrow(/^Records of live-0 at offsets 6 to 6 are corrupt on disk \(CRC mismatch .*\): they were quarantined \(moved to live-0\/quarantine\/.*\); read from offset 7 to continue after them\.$/);
    expect(broker.listSegments("live", 0).map((s) => s.baseOffset)).toEqual([0, 10]);
    // Every reader whose position enters the range is told; reading on from the offset after it works.
    await expect(broker.fetch("live", 0, 6)).rejects.toBeInstanceOf(CorruptRangeError);
    expect((await broker.fetch("live", 0, 7)).records.map((r) => r.offset)).toEqual([7, 8, 9]);
    expect((await broker.fetch("live", 0, 0)).records.map((r) => r.offset)).toEqual([0, 1, 2, 3, 4, 5]);
    expect((await broker.fetchBatches("live", 0, 6)).data.readBigInt64BE(0)).toBe(7n);
    expect(await broker.offsetForTimestamp("live", 0, 1006)).toEqual({ offset: 7, timestamp: 1007 });
    const [result] = await broker.produce("live", [{ value: Buffer.from("v10") }]);
    expect(result!.offset).toBe(10);
    await broker.close();
  });

  it("tells a reader that crosses newly found rot, however its reads fall: it stops at the range, then gets CORRUPT_MESSAGE for it", async () => {
    const dataDir = tempDir();
    const { broker, written, partitionDir } = await filledTopic(dataDir);
    const segments = broker.listSegments("bits", 0);
    const victim = rotBatch(partitionDir, segments[1]!.baseOffset, segments[1]!.baseOffset + 3);
    for (const maxBytes of [1, 4096, 1 << 20]) {
      const records: string[] = [];
      const told: string[] = [];
      let next = 0;
      while (next < broker.partitionOffsets("bits", 0).logEndOffset) {
        try {
          const fetched = await broker.fetch("bits", 0, next, { maxBytes });
          records.push(...fetched.records.map((r) => `${r.offset}:${r.value!.toString()}`));
          next = fetched.nextOffset;
        } catch (err) {
          if (!(err instanceof CorruptRangeError)) throw err;
          told.push(`${err.range!.baseOffset}..${err.range!.lastOffset}`);
          next = err.range!.lastOffset + 1;
        }
      }
      expect(told, `maxBytes ${maxBytes}`).toEqual([`${victim.baseOffset}..${victim.lastOffset}`]);
      expect(records, `maxBytes ${maxBytes}`).toEqual(written.filter((w) => Number(w.split(":")[0]) !== victim.baseOffset));
    }
    await broker.close();
  });

  it("rebuilds an index whose entry points inside a batch instead of failing the read or serving wrong data", async () => {
    const dataDir = tempDir();
    const { broker, written, partitionDir } = await filledTopic(dataDir);
    const segment = broker.listSegments("bits", 0)[1]!;
    await broker.close();
    const indexPath = segmentPath(partitionDir, segment.baseOffset).replace(/\.log$/, ".index");
    const index = readFileSync(indexPath);
    expect(index.length).toBeGreaterThanOrEqual(16);
    const relative = index.readUInt32BE(8);
    index.writeUInt32BE(index.readUInt32BE(12) + 7, 12);
    writeFileSync(indexPath, index);

    const reopened = await Broker.open({ dataDir, brokerConfig: QUIET });
    const offset = segment.baseOffset + relative;
    const fetched = await reopened.fetch("bits", 0, offset, { maxBytes: 1 });
    expect(fetched.records.map((r) => `${r.offset}:${r.value!.toString()}`)).toEqual(written.filter((w) => Number(w.split(":")[0]) === offset));
    expect(reopened.corruptRanges()).toEqual([]);
    expect(await readAll(reopened, "bits")).toEqual(written);
    await reopened.close();
  });

  it("resynchronises after a damaged length field: every batch after it is kept", async () => {
    const dataDir = tempDir();
    const { broker, written, partitionDir } = await filledTopic(dataDir);
    const segments = broker.listSegments("bits", 0);
    await broker.close();
    const path = segmentPath(partitionDir, segments[0]!.baseOffset);
    const victim = batchesOf(path)[3]!;
    flipByte(path, victim.position + 9);
    rmSync(join(dataDir, ".kafka_cleanshutdown"));
    rmSync(join(dataDir, "recovery-point-offset-checkpoint"));
    const reopened = await Broker.open({ dataDir, brokerConfig: QUIET });
    expect(reopened.corruptRanges()).toEqual([expect.objectContaining({ baseOffset: victim.baseOffset, lastOffset: victim.lastOffset, sizeBytes: victim.size })]);
    expect(await readAll(reopened, "bits")).toEqual(written.filter((w) => Number(w.split(":")[0]) !== victim.baseOffset));
    await reopened.close();
  });

  it("finds rot in closed segments with the background scrubber, at its rate, while appends go on", async () => {
    const dataDir = tempDir();
    const { broker, written, partitionDir } = await filledTopic(dataDir);
    const segments = broker.listSegments("bits", 0);
    const victim = rotBatch(partitionDir, segments[2]!.baseOffset, segments[2]!.baseOffset + 1);
    const closedBytes = segments.slice(0, -1).reduce((sum, s) => sum + s.sizeBytes, 0);

    // A slow pass (about a second over these segments) while a producer appends: both go on together.
    const pass = broker.runScrubber(Math.ceil(closedBytes / 1.0));
    let appended = 0;
    let done = false;
    void pass.then(() => (done = true));
    while (!done) {
      await broker.produce("other", [{ value: Buffer.from(`during-${appended++}`) }]);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const result = await pass;
    expect(appended).toBeGreaterThan(10);
    expect(result).toMatchObject({ completed: true, segmentsVerified: segments.length - 1 });
    expect(result.corruptRanges).toEqual([expect.objectContaining({ baseOffset: victim.baseOffset, lastOffset: victim.lastOffset, detectedBy: "scrubber" })]);
    expect(broker.scrubberState()).toMatchObject({ enabled: false, corruptionsFound: 1, bytesVerified: closedBytes, lastPassCompletedAt: expect.any(Number) });
    expect(await readAll(broker, "bits")).toEqual(written.filter((w) => Number(w.split(":")[0]) !== victim.baseOffset));
    // The next pass finds nothing more: the range is out of the log.
    expect((await broker.runScrubber(1 << 30)).corruptRanges).toEqual([]);
    await broker.close();
  });

  it("stops a scrubber pass at a crawling rate as soon as the broker closes", async () => {
    const dataDir = tempDir();
    const { broker } = await filledTopic(dataDir);
    // At 10 bytes a second this pass would take about half an hour: close must not wait for it.
    const pass = broker.runScrubber(10);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await broker.close();
    expect(await pass).toMatchObject({ completed: false });
  });

  it("records rot it cannot quarantine on a full disk, keeps refusing to serve it, and quarantines it once space is back", async () => {
    const dataDir = tmpfs.mount("8m");
    const { broker, written, partitionDir } = await filledTopic(dataDir, { "log.dir.min.free.bytes": "0", "log.dir.space.check.interval.ms": "3600000" });
    const segments = broker.listSegments("bits", 0);
    const victim = rotBatch(partitionDir, segments[1]!.baseOffset, segments[1]!.baseOffset);
    const filler = fillUp(dataDir);

    const failure = (await broker.fetch("bits", 0, victim.baseOffset).catch((err: unknown) => err)) as CorruptRangeError;
    expect(failure).toBeInstanceOf(CorruptRangeError);
    expect(failure.range).toMatchObject({ baseOffset: victim.baseOffset, quarantinedAs: null, reason: expect.stringMatching(/not quarantined yet: .*full/) });
    expect(failure.message).toMatch(/could not be moved aside yet; read from offset \d+ to continue after them/);
    await expect(broker.fetch("bits", 0, victim.baseOffset)).rejects.toBeInstanceOf(CorruptRangeError);
    expect(broker.corruptRanges()).toEqual([expect.objectContaining({ quarantinedAs: null })]);

    rmSync(filler);
    await broker.checkLogDir();
    const pass = await broker.runScrubber(1 << 30);
    expect(pass.corruptRanges).toEqual([expect.objectContaining({ baseOffset: victim.baseOffset, quarantinedAs: expect.stringMatching(/quarantine/) })]);
    expect(broker.corruptRanges()).toEqual([expect.objectContaining({ quarantinedAs: expect.stringMatching(/quarantine/) })]);
    expect(await readAll(broker, "bits")).toEqual(written.filter((w) => Number(w.split(":")[0]) !== victim.baseOffset));
    await broker.close();
  });

  it("keeps the log cleaner from compacting rot into a fresh segment: the pass fails and the segment is quarantined", async () => {
    const dataDir = tempDir();
    const broker = await Broker.open({ dataDir, brokerConfig: QUIET });
    await broker.createTopic({ name: "accounts", configs: { "cleanup.policy": "compact", "segment.bytes": "2048", "min.cleanable.dirty.ratio": "0.01" } });
    for (let i = 0; i < 60; i++) await broker.produce("accounts", [{ key: Buffer.from(`k${i % 5}`), value: Buffer.from(`balance-${i}`.padEnd(40, ".")) }]);
    const segments = broker.listSegments("accounts", 0);
    const victim = rotBatch(join(dataDir, "accounts-0"), segments[1]!.baseOffset, segments[1]!.baseOffset + 1);
    const run = await broker.runCleaner();
    expect(run).toMatchObject({ outcome: "failed", error: expect.stringMatching(/corrupt batch/) });
    const deadline = Date.now() + 10_000;
    while (broker.corruptRanges().length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(broker.corruptRanges()).toEqual([expect.objectContaining({ baseOffset: victim.baseOffset, detectedBy: "read" })]);
    expect(broker.cleanerState("accounts", 0).notCleanedReason).toMatchObject({ code: "cleaning-failed", message: expect.stringMatching(/corrupt batch/) });
    const keys = (await broker.fetch("accounts", 0, 0, { maxBytes: 1 << 20 })).records.map((r) => r.offset);
    expect(keys).not.toContain(victim.baseOffset);
    await broker.close();
  });

  it("starts the group coordinator over a corrupt __consumer_offsets batch: the other commits load", async () => {
    const dataDir = tempDir();
    const config = { ...QUIET, "offsets.topic.num.partitions": "1", "group.initial.rebalance.delay.ms": "0" };
    let broker = await Broker.open({ dataDir, brokerConfig: config });
    await broker.createTopic({ name: "t", partitions: 1 });
    let coordinator = await GroupCoordinator.start(broker, { tickIntervalMs: 0 });
    for (const [group, offset] of [["a", 1], ["b", 2], ["c", 3]] as const) {
      await coordinator.commitOffsets({ groupId: group, offsets: [{ topic: "t", partition: 0, offset }] });
    }
    coordinator.close();
    await broker.close();
    const path = segmentPath(join(dataDir, "__consumer_offsets-0"), 0);
    const batches = batchesOf(path);
    flipByte(path, batches[1]!.position + batches[1]!.size - 2);

    broker = await Broker.open({ dataDir, brokerConfig: config });
    coordinator = await GroupCoordinator.start(broker, { tickIntervalMs: 0 });
    expect(coordinator.fetchOffsets("a")[0]?.offset).toBe(1);
    expect(coordinator.fetchOffsets("b")).toEqual([]);
    expect(coordinator.fetchOffsets("c")[0]?.offset).toBe(3);
    expect(broker.corruptRanges()).toHaveLength(1);
    coordinator.close();
    await broker.close();
    expect(existsSync(join(dataDir, "__consumer_offsets-0", "quarantine"))).toBe(true);
  });
});

function batchesOfBuffer(data: Buffer): { baseOffset: number }[] {
  const out: { baseOffset: number }[] = [];
  for (let position = 0; position + 12 <= data.length; position += 12 + data.readInt32BE(position + 8)) out.push({ baseOffset: Number(data.readBigInt64BE(position)) });
  return out;
}
