import { existsSync, readFileSync, readdirSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Broker } from "../broker.js";
import type { LogDirStatus } from "../broker-types.js";
import { FileMetadataStore } from "../cluster/file-metadata-store.js";
import { KafkaStorageError, LogDirFullError } from "../errors.js";
import { fillUp, useTmpfs } from "../test-support/tmpfs.js";

const tmpfs = useTmpfs();

/** Broker settings for the edge of a full disk: no free-space margin, and no background measure unless asked. */
const AT_THE_EDGE = { "log.dir.min.free.bytes": "0", "log.dir.space.check.interval.ms": "3600000", "log.scrubber.enable": "false" };

function lines() {
  const logged: string[] = [];
  const logger = { info: (m: string) => logged.push(`INFO ${m}`), warn: (m: string) => logged.push(`WARN ${m}`), error: (m: string) => logged.push(`ERROR ${m}`) };
  return { logged, logger };
}

async function readValues(broker: Broker, topic: string, partition = 0): Promise<string[]> {
  const values: string[] = [];
  let next = broker.partitionOffsets(topic, partition).logStartOffset;
  while (next < broker.partitionOffsets(topic, partition).logEndOffset) {
    const fetched = await broker.fetch(topic, partition, next);
    values.push(...fetched.records.map((r) => r.value!.toString()));
    next = fetched.nextOffset;
  }
  return values;
}

function segmentLogSizes(dir: string): number {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".log"))
    .reduce((sum, f) => sum + statSync(join(dir, f)).size, 0);
}

function waitForState(broker: Broker, state: LogDirStatus["state"]): Promise<LogDirStatus> {
  return new Promise((resolve) => {
    if (broker.logDirStatus().state === state) return resolve(broker.logDirStatus());
    const listener = (status: LogDirStatus) => {
      if (status.state !== state) return;
      broker.off("logDirState", listener);
      resolve(status);
    };
    broker.on("logDirState", listener);
  });
}

describe("a full data directory", () => {
  it("rolls back an append that hits ENOSPC, refuses appends while full, keeps serving reads, and resumes when space is freed outside Skein", async () => {
    const dataDir = tmpfs.mount("8m");
    const { logged, logger } = lines();
    const broker = await Broker.open({ dataDir, logger, brokerConfig: { ...AT_THE_EDGE, "log.dir.space.check.interval.ms": "100" } });
    await broker.createTopic({ name: "orders" });
    const acked: string[] = [];
    for (let i = 0; i < 50; i++) {
      await broker.produce("orders", [{ value: Buffer.from(`before-${i}`.padEnd(100, ".")) }], { acks: i % 2 === 0 ? 1 : -1 });
      acked.push(`before-${i}`.padEnd(100, "."));
    }
    const partitionDir = join(dataDir, "orders-0");
    const sizeBefore = segmentLogSizes(partitionDir);
    const endBefore = broker.partitionOffsets("orders", 0).logEndOffset;

    // Filled by someone else between two measures: the append meets ENOSPC part-way through its write.
    const filler = fillUp(dataDir);
    const big = Array.from({ length: 64 }, (_, i) => ({ value: Buffer.alloc(1024, 65 + (i % 26)) }));
    const refused = await broker.produce("orders", big, { acks: 1 }).catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(LogDirFullError);
    expect(refused).toMatchObject({ code: 56, errorName: "KAFKA_STORAGE_ERROR" });
    expect((refused as Error).message).toContain(`the data directory ${dataDir} is full`);
    expect((refused as Error).message).toMatch(/\d+ bytes free/);
    expect(segmentLogSizes(partitionDir)).toBe(sizeBefore);
    expect(broker.partitionOffsets("orders", 0).logEndOffset).toBe(endBefore);
    expect(broker.logDirStatus()).toMatchObject({ path: dataDir, state: "full" });
    expect(logged.some((l) => l.startsWith(`ERROR Log directory ${dataDir} is full`))).toBe(true);

    // While full every append is refused before a file is touched; reads go on.
    for (const acks of [0, 1, -1] as const) {
      await expect(broker.produce("orders", [{ value: Buffer.from("x") }], { acks })).rejects.toBeInstanceOf(LogDirFullError);
    }
    await expect(broker.createTopic({ name: "more" })).rejects.toBeInstanceOf(LogDirFullError);
    expect(existsSync(join(dataDir, "more-0"))).toBe(false);
    expect(readdirSync(dataDir).filter((f) => f.includes("creating"))).toEqual([]);
    expect(segmentLogSizes(partitionDir)).toBe(sizeBefore);
    expect(await readValues(broker, "orders")).toEqual(acked);

    // Space freed by any means: the background measure notices and appends resume, with no gap or duplicate.
    const back = waitForState(broker, "ok");
    rmSync(filler);
    expect((await back).usableBytes).toBeGreaterThan(1024 * 1024);
    expect(logged.some((l) => l.startsWith(`INFO Log directory ${dataDir} has room again`) && l.includes("Appends resume"))).toBe(true);
    const [after] = await broker.produce("orders", [{ value: Buffer.from("after") }], { acks: -1 });
    expect(after!.offset).toBe(endBefore);
    await broker.close();

    const reopened = await Broker.open({ dataDir, brokerConfig: AT_THE_EDGE });
    expect(reopened.startupReport).toEqual([]);
    expect(await readValues(reopened, "orders")).toEqual([...acked, "after"]);
    await reopened.close();
  });

  it("refuses appends before the disk is full once free space drops below log.dir.min.free.bytes, and says nearly-full first", async () => {
    const dataDir = tmpfs.mount("8m");
    const { logged, logger } = lines();
    const broker = await Broker.open({
      dataDir,
      logger,
      brokerConfig: { "log.dir.min.free.bytes": String(2 * 1024 * 1024), "log.dir.nearly.full.ratio": "0.5", "log.dir.space.check.interval.ms": "3600000", "log.scrubber.enable": "false" },
    });
    const states: string[] = [];
    broker.on("logDirState", (status) => states.push(status.state));
    await broker.createTopic({ name: "fill", configs: { "segment.bytes": String(512 * 1024) } });
    let refused: unknown;
    for (let i = 0; i < 1000 && refused === undefined; i++) {
      refused = await broker.produce("fill", Array.from({ length: 16 }, () => ({ value: Buffer.alloc(1000, 66) })), { acks: 1 }).then(
        () => undefined,
        (err: unknown) => err,
      );
    }
    expect(refused).toBeInstanceOf(LogDirFullError);
    expect(states).toEqual(["nearly-full", "full"]);
    const status = broker.logDirStatus();
    // Refused with room to spare: the margin kept every write away from ENOSPC.
    expect(status.usableBytes).toBeGreaterThan(0);
    expect(status.usableBytes).toBeLessThan(2 * 1024 * 1024);
    expect(status.error).toBeNull();
    expect(logged.find((l) => l.startsWith("WARN") && l.includes("is nearly full"))).toContain("log.dir.nearly.full.ratio=0.5");

    // Deleting records frees the space of whole segments at once and appends resume without a restart.
    const end = broker.partitionOffsets("fill", 0).logEndOffset;
    expect(await broker.deleteRecords("fill", 0, end)).toBe(end);
    expect(broker.checkpointPending()).toBeNull();
    expect(broker.logDirStatus().state).toBe("ok");
    await broker.produce("fill", [{ value: Buffer.from("again") }]);
    expect(states).toEqual(["nearly-full", "full", "ok"]);
    await broker.close();
  });

  it("acknowledges small records that fit the last allocated page only when they are really stored, through a SIGKILL and a restart on the full disk", async () => {
    const dataDir = tmpfs.mount("8m");
    const { runNodeChild } = await import("../test-support/child-process.js");
    const { fileURLToPath } = await import("node:url");
    const { execFileSync } = await import("node:child_process");
    const here = fileURLToPath(new URL(".", import.meta.url));
    execFileSync("npx", ["tsc", "-b", join(here, "../..")], { stdio: "inherit" });
    const acked = new Map<number, string>();
    let refusal = "";
    const exit = await runNodeChild(join(here, "../test-support/full-disk-producer.mjs"), [dataDir], (line, child) => {
      if (line.startsWith("acked ")) {
        const [, offset, value] = line.split(" ");
        acked.set(Number(offset), value!);
      } else if (line.startsWith("refused ")) {
        refusal = line;
        child.kill("SIGKILL");
      }
    });
    expect(exit.signal, exit.stderr).toBe("SIGKILL");
    expect(refusal).toMatch(/^refused LogDirFullError 56 /);
    // Some single records fit the page the segment already had: they were acknowledged, with acks=1 and acks=all.
    const whileFull = [...acked.values()].filter((v) => v.startsWith("full-"));
    expect(whileFull.length).toBeGreaterThan(0);
    expect(whileFull.some((v) => v.endsWith("-all"))).toBe(true);
    console.log(`full disk: ${whileFull.length} single records fitted the segment's last page and were acknowledged (${whileFull.filter((v) => v.endsWith("-all")).length} with acks=all) before the first refusal`);

    // The restart happens on the still-full disk: it succeeds, every acknowledged record is there, appends are refused.
    expect(statSync(join(dataDir, "filler.bin")).size).toBeGreaterThan(0);
    const broker = await Broker.open({ dataDir, brokerConfig: { "log.scrubber.enable": "false" } });
    const values = await readValues(broker, "edge");
    for (const [offset, value] of acked) expect(values[offset], `offset ${offset}`).toBe(value);
    expect(broker.logDirStatus().state).toBe("full");
    await expect(broker.produce("edge", [{ value: Buffer.from("x") }])).rejects.toBeInstanceOf(LogDirFullError);
    rmSync(join(dataDir, "filler.bin"));
    expect((await broker.checkLogDir()).state).toBe("ok");
    await broker.produce("edge", [{ value: Buffer.from("x") }], { acks: -1 });
    await broker.close();
  });

  it("deletes a topic on a full disk, frees its space, and completes the metadata store's write when that fails too", async () => {
    const dataDir = tmpfs.mount("8m");
    const metaDir = tmpfs.mount("64k");
    const store = () => new FileMetadataStore(join(metaDir, "metadata.json"));
    const { logged, logger } = lines();
    const config = { ...AT_THE_EDGE, "log.dir.min.free.bytes": String(256 * 1024) };
    const broker = await Broker.open({ dataDir, logger, metadataStore: store(), brokerConfig: config });
    await broker.createTopic({ name: "keep" });
    await broker.createTopic({ name: "doomed", partitions: 2, configs: { "segment.bytes": String(256 * 1024) } });
    await broker.produce("keep", [{ value: Buffer.from("kept") }], { acks: -1 });
    while (broker.logDirStatus().state !== "full") {
      await broker.produce("doomed", Array.from({ length: 32 }, () => ({ value: Buffer.alloc(1000, 67) }))).catch(() => undefined);
    }
    const metaFiller = fillUp(metaDir);

    // The logs go (their space comes back at once); the store cannot record it: the deletion stands anyway.
    const deletion = await broker.deleteTopic("doomed");
    expect(deletion.metadataPending).toMatch(/ENOSPC/);
    expect(broker.listTopics().map((t) => t.name)).toEqual(["keep"]);
    expect(broker.logDirStatus(), logged.join("\n")).toMatchObject({ state: "ok" });
    expect(readdirSync(dataDir).filter((f) => f.startsWith("doomed"))).toEqual([expect.stringMatching(/^doomed-0\..*-delete$/), expect.stringMatching(/^doomed-1\..*-delete$/)]);
    for (const marker of readdirSync(dataDir).filter((f) => f.startsWith("doomed"))) expect(readdirSync(join(dataDir, marker))).toEqual([]);
    expect(logged.some((l) => l.includes("Topic doomed was deleted from disk, but the metadata store could not record it"))).toBe(true);
    // Nothing hangs behind the failed write: creating and producing go on.
    await broker.produce("keep", [{ value: Buffer.from("still") }], { acks: -1 });
    await expect(broker.createTopic({ name: "fresh" })).rejects.toThrow(/ENOSPC/);
    expect(readdirSync(dataDir).filter((f) => f.startsWith("fresh"))).toEqual([]);
    await broker.close();

    // A restart while the store is still full: the deletion is completed on disk and still pending in the store.
    const restarted = await Broker.open({ dataDir, logger, metadataStore: store(), brokerConfig: config });
    expect(restarted.listTopics().map((t) => t.name)).toEqual(["keep"]);
    expect(restarted.startupReport.join("\n")).toMatch(/deleted the logs of topic doomed; the metadata store could not record the deletion yet/);
    expect(JSON.parse(await import("node:fs").then((fs) => fs.readFileSync(join(metaDir, "metadata.json"), "utf8"))).topics.map((t: { name: string }) => t.name).sort()).toEqual(["doomed", "keep"]);

    // Space back in the store: the background retry records the deletion and removes the markers.
    rmSync(metaFiller);
    const deadline = Date.now() + 30_000;
    while (existsSync(join(metaDir, "metadata.json")) && Date.now() < deadline) {
      const names = (JSON.parse((await import("node:fs")).readFileSync(join(metaDir, "metadata.json"), "utf8")) as { topics: { name: string }[] }).topics.map((t) => t.name);
      if (!names.includes("doomed")) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect((JSON.parse((await import("node:fs")).readFileSync(join(metaDir, "metadata.json"), "utf8")) as { topics: { name: string }[] }).topics.map((t) => t.name)).toEqual(["keep"]);
    expect(readdirSync(dataDir).filter((f) => f.startsWith("doomed"))).toEqual([]);
    expect(await readValues(restarted, "keep")).toEqual(["kept", "still"]);
    await restarted.close();
  });

  it("says when DeleteRecords could not be checkpointed on a full disk, and checkpoints it as soon as there is room", async () => {
    const dataDir = tmpfs.mount("8m");
    const broker = await Broker.open({ dataDir, brokerConfig: AT_THE_EDGE });
    await broker.createTopic({ name: "trim" });
    for (let i = 0; i < 10; i++) await broker.produce("trim", [{ value: Buffer.from(`r${i}`) }]);
    const filler = fillUp(dataDir);
    expect(await broker.deleteRecords("trim", 0, 4)).toBe(4);
    expect(broker.checkpointPending()).toMatch(/ENOSPC|is full/);
    expect((await broker.fetch("trim", 0, 4)).records[0]!.offset).toBe(4);
    rmSync(filler);
    expect((await broker.checkLogDir()).state).toBe("ok");
    expect(broker.checkpointPending()).toBeNull();
    expect(readFileSync(join(dataDir, "log-start-offset-checkpoint"), "utf8")).toContain("trim 0 4");
    await broker.close();
    const reopened = await Broker.open({ dataDir, brokerConfig: AT_THE_EDGE });
    expect(reopened.partitionOffsets("trim", 0).logStartOffset).toBe(4);
    await reopened.close();
  });

  it("abandons an index file it cannot write, acknowledges the record it did store, and rebuilds the index at the next open", async () => {
    const dataDir = tmpfs.mount("8m");
    const broker = await Broker.open({ dataDir, brokerConfig: AT_THE_EDGE });
    await broker.createTopic({ name: "idx", configs: { "index.interval.bytes": "1500" } });
    const filler = join(dataDir, "filler.bin");
    // Two batches fill part of the log's first page and no index entry is written yet...
    for (let i = 0; i < 2; i++) await broker.produce("idx", [{ value: Buffer.alloc(900, 68) }]);
    expect(statSync(join(dataDir, "idx-0", "00000000000000000000.index")).size).toBe(0);
    fillUp(dataDir, filler);
    // ...the third fits that page too, but its index entry needs a page of its own.
    const [stored] = await broker.produce("idx", [{ value: Buffer.from("third") }], { acks: -1 });
    expect(stored!.offset).toBe(2);
    expect(existsSync(join(dataDir, "idx-0", "00000000000000000000.index"))).toBe(false);
    expect(broker.logDirStatus().state).toBe("full");
    expect((await broker.fetch("idx", 0, 2)).records[0]!.value!.toString()).toBe("third");
    await broker.close();

    // The restart is on the still-full disk; the index is rebuilt in memory and written once there is room.
    const reopened = await Broker.open({ dataDir, brokerConfig: AT_THE_EDGE });
    expect((await readValues(reopened, "idx")).at(-1)).toBe("third");
    await reopened.close();
    rmSync(join(dataDir, "filler.bin"));
    const withRoom = await Broker.open({ dataDir, brokerConfig: AT_THE_EDGE });
    expect(existsSync(join(dataDir, "idx-0", "00000000000000000000.index"))).toBe(true);
    expect((await readValues(withRoom, "idx")).at(-1)).toBe("third");
    await withRoom.close();
  });

  it("opens on a read-only filesystem with the directory failed: reads served, writes refused until a restart on a writable one", async () => {
    const dataDir = tmpfs.mount("8m");
    const broker = await Broker.open({ dataDir, brokerConfig: AT_THE_EDGE });
    await broker.createTopic({ name: "ro" });
    await broker.produce("ro", [{ value: Buffer.from("one") }], { acks: -1 });
    await broker.close();
    tmpfs.remount(dataDir, "ro");

    const readOnly = await Broker.open({ dataDir, brokerConfig: AT_THE_EDGE });
    expect(readOnly.logDirStatus()).toMatchObject({ state: "failed", error: expect.stringMatching(/EROFS/) });
    expect(await readValues(readOnly, "ro")).toEqual(["one"]);
    const refused = await readOnly.produce("ro", [{ value: Buffer.from("two") }]).catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(KafkaStorageError);
    expect(refused).not.toBeInstanceOf(LogDirFullError);
    expect((refused as Error).message).toMatch(/offline for writes after an I\/O error .*EROFS/);
    // "failed" is sticky: after an I/O error the kernel may have dropped pages readers still see; only a restart
    // (and its recovery) makes the directory trusted again.
    tmpfs.remount(dataDir, "rw");
    expect((await readOnly.checkLogDir()).state).toBe("failed");
    await expect(readOnly.produce("ro", [{ value: Buffer.from("three") }])).rejects.toThrow(/offline for writes/);
    await readOnly.close();

    const restarted = await Broker.open({ dataDir, brokerConfig: AT_THE_EDGE });
    expect(restarted.logDirStatus().state).toBe("ok");
    await restarted.produce("ro", [{ value: Buffer.from("four") }], { acks: -1 });
    expect(await readValues(restarted, "ro")).toEqual(["one", "four"]);
    await restarted.close();
  });
});
