import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { Broker } from "./broker.js";
import { FileMetadataStore } from "./cluster/file-metadata-store.js";
import type { TopicMetadata } from "./cluster/metadata-store.js";
import { InvalidPartitionsError, KafkaStorageError, PolicyViolationError, RequestTimedOutError } from "./errors.js";
import { runNodeChild } from "./test-support/child-process.js";
import { segmentPath } from "./test-support/corrupt.js";
import { useTempDirs } from "./test-support/temp-dir.js";

const here = dirname(fileURLToPath(import.meta.url));
const tempDir = useTempDirs();
const QUIET = { "log.scrubber.enable": "false" };

/** Runs the admin child until it SIGKILLs itself at `point` (or finishes). */
async function crashAt(dataDir: string, action: "create" | "delete", topic: string, partitions: number, point: string): Promise<void> {
  const exit = await runNodeChild(join(here, "test-support/topic-admin-crash.mjs"), [dataDir, action, topic, String(partitions), point], () => undefined);
  if (exit.signal !== "SIGKILL") throw new Error(`the child was to crash at ${point} but exited with ${exit.code}: ${exit.stderr}`);
}

/** The data directory's entries that belong to `topic` (partition, staging and deletion directories). */
function dirsOf(dataDir: string, topic: string): string[] {
  return readdirSync(dataDir)
    .filter((name) => name.startsWith(`${topic}-`))
    .sort();
}

function storedTopics(dataDir: string): TopicMetadata[] {
  return (JSON.parse(readFileSync(join(dataDir, "metadata.json"), "utf8")) as { topics: TopicMetadata[] }).topics;
}

describe("topic creation and deletion are atomic", () => {
  beforeAll(() => {
    execFileSync("npx", ["tsc", "-b", join(here, "..")], { stdio: "inherit" });
  }, 120_000);

  it("a crash before the metadata store records a creation leaves nothing behind", async () => {
    const dataDir = tempDir();
    await crashAt(dataDir, "create", "half", 4, "before-save");
    expect(dirsOf(dataDir, "half")).toEqual(["half-0", "half-1", "half-2", "half-3"].map((d) => expect.stringMatching(new RegExp(`^${d}\\..*-creating$`))));
    const broker = await Broker.open({ dataDir, brokerConfig: QUIET });
    expect(broker.listTopics().map((t) => t.name)).toEqual([]);
    expect(dirsOf(dataDir, "half")).toEqual([]);
    expect(broker.startupReport.filter((l) => l.includes("the metadata never recorded"))).toHaveLength(4);
    // The name is free again.
    expect((await broker.createTopic({ name: "half", partitions: 2 })).partitions).toHaveLength(2);
    await broker.close();
  });

  it("a crash after the metadata store recorded a creation is completed at start-up, even half-way through the renames", async () => {
    const dataDir = tempDir();
    await crashAt(dataDir, "create", "whole", 3, "after-save");
    const staged = dirsOf(dataDir, "whole");
    expect(staged).toHaveLength(3);
    // As if the crash came after the first rename.
    renameSync(join(dataDir, staged[0]!), join(dataDir, "whole-0"));
    const broker = await Broker.open({ dataDir, brokerConfig: QUIET });
    expect(broker.describeTopic("whole").partitions.map((p) => p.leader)).toEqual([0, 0, 0]);
    expect(dirsOf(dataDir, "whole")).toEqual(["whole-0", "whole-1", "whole-2"]);
    expect(broker.startupReport.filter((l) => l.startsWith("completed the creation of whole-"))).toHaveLength(2);
    for (let p = 0; p < 3; p++) expect((await broker.produce("whole", [{ value: Buffer.from("x"), partition: p }]))[0]!.offset).toBe(0);
    await broker.close();
  });

  it("a crash on either side of the store's write of a deletion, or between the renames, ends with the topic gone", async () => {
    for (const point of ["before-delete", "after-delete", "between-renames"]) {
      const dataDir = tempDir();
      const setup = await Broker.open({ dataDir, brokerConfig: QUIET });
      await setup.createTopic({ name: "gone", partitions: 3 });
      await setup.createTopic({ name: "stays" });
      for (let p = 0; p < 3; p++) await setup.produce("gone", [{ value: Buffer.alloc(500), partition: p }]);
      const topicId = setup.describeTopic("gone").topicId;
      await setup.close();
      if (point === "between-renames") {
        renameSync(join(dataDir, "gone-1"), join(dataDir, `gone-1.${topicId}-delete`));
      } else {
        await crashAt(dataDir, "delete", "gone", 3, point);
        expect(dirsOf(dataDir, "gone").every((d) => d.endsWith("-delete")), point).toBe(true);
      }
      const broker = await Broker.open({ dataDir, brokerConfig: QUIET });
      expect(broker.listTopics().map((t) => t.name), point).toEqual(["stays"]);
      expect(dirsOf(dataDir, "gone"), point).toEqual([]);
      expect(storedTopics(dataDir).map((t) => t.name), point).toEqual(["stays"]);
      await broker.close();
    }
  });

  it("a creation whose metadata write fails leaves neither directories nor metadata, and nothing waits behind it", async () => {
    const dataDir = tempDir();
    let failSaves = true;
    class FailingStore extends FileMetadataStore {
      override async saveTopic(topic: TopicMetadata): Promise<void> {
        if (failSaves && topic.name === "flaky") throw Object.assign(new Error("SQLITE_FULL: database or disk is full"), { code: "SQLITE_FULL" });
        await super.saveTopic(topic);
      }
    }
    const broker = await Broker.open({ dataDir, metadataStore: new FailingStore(join(dataDir, "metadata.json")), brokerConfig: QUIET });
    await expect(broker.createTopic({ name: "flaky", partitions: 5 })).rejects.toThrow(/SQLITE_FULL/);
    expect(dirsOf(dataDir, "flaky")).toEqual([]);
    expect(broker.listTopics()).toEqual([]);
    await broker.createTopic({ name: "next" });
    await broker.produce("auto-created", [{ value: Buffer.from("x") }]);
    failSaves = false;
    expect((await broker.createTopic({ name: "flaky", partitions: 5 })).partitions).toHaveLength(5);
    await broker.close();
  });

  it("does not let a metadata store that stops answering hold every later admin operation (as Prisma's SQLite client did after SQLITE_FULL)", async () => {
    const dataDir = tempDir();
    // Like the service's store after a failed rollback: the write fails, and every later write waits forever.
    class WedgingStore extends FileMetadataStore {
      wedged = false;
      override async saveTopic(topic: TopicMetadata): Promise<void> {
        if (this.wedged) return new Promise(() => undefined);
        await super.saveTopic(topic);
      }
      override async deleteTopic(name: string): Promise<void> {
        if (this.wedged) return new Promise(() => undefined);
        this.wedged = true;
        throw new Error(`cannot rollback - no transaction is active (deleting ${name})`);
      }
    }
    const config = { ...QUIET, "metadata.store.timeout.ms": "300" };
    const broker = await Broker.open({ dataDir, metadataStore: new WedgingStore(join(dataDir, "metadata.json")), brokerConfig: config });
    await broker.createTopic({ name: "victim" });
    await broker.createTopic({ name: "existing" });
    expect((await broker.deleteTopic("victim")).metadataPending).toMatch(/cannot rollback/);
    const refused = await broker.createTopic({ name: "after" }).catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(RequestTimedOutError);
    expect((refused as Error).message).toMatch(/did not finish recording topic after within 300 ms \(metadata\.store\.timeout\.ms\)/);
    await expect(broker.produce("auto", [{ value: Buffer.from("x") }])).rejects.toBeInstanceOf(RequestTimedOutError);
    expect((await broker.produce("existing", [{ value: Buffer.from("x") }], { acks: -1 }))[0]!.offset).toBe(0);
    expect(broker.listTopics().map((t) => t.name)).toEqual(["existing"]);
    await broker.close();

    // The next start, with a store that answers, agrees with the disk: no "after", no "victim".
    const restarted = await Broker.open({ dataDir, brokerConfig: QUIET });
    expect(restarted.listTopics().map((t) => t.name)).toEqual(["existing"]);
    expect(readdirSync(dataDir).filter((d) => d.startsWith("after") || d.startsWith("victim") || d.startsWith("auto"))).toEqual([]);
    await restarted.close();
  });

  it("bounds the partitions a broker hosts by max.broker.partitions (POLICY_VIOLATION) before anything is created", async () => {
    const dataDir = tempDir();
    const broker = await Broker.open({ dataDir, brokerConfig: QUIET });
    expect(broker.config("max.broker.partitions")).toBe(10000);
    const refused = await broker.createTopic({ name: "huge", partitions: 100_000 }).catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(PolicyViolationError);
    expect(refused).toMatchObject({ code: 44, errorName: "POLICY_VIOLATION" });
    expect((refused as Error).message).toMatch(/100000 partitions, above max\.broker\.partitions=10000/);
    expect(dirsOf(dataDir, "huge")).toEqual([]);
    expect(broker.listTopics()).toEqual([]);
    await broker.close();

    const small = await Broker.open({ dataDir, brokerConfig: { ...QUIET, "max.broker.partitions": "10" } });
    await small.createTopic({ name: "eight", partitions: 8 });
    await expect(small.createTopic({ name: "three", partitions: 3 })).rejects.toBeInstanceOf(PolicyViolationError);
    await expect(small.createPartitions("eight", 11)).rejects.toThrow(/Raising topic eight to 11 partitions would make this broker host 11 partitions/);
    expect((await small.createPartitions("eight", 10)).partitions).toHaveLength(10);
    expect(dirsOf(dataDir, "three")).toEqual([]);
    await small.close();

    const roomy = await Broker.open({ dataDir, brokerConfig: { ...QUIET, "max.broker.partitions": "1000000" } });
    await expect(roomy.createTopic({ name: "huge", partitions: 100_001 })).rejects.toBeInstanceOf(InvalidPartitionsError);
    await roomy.close();
  });

  it("creates partitions atomically: a crash before the store recorded the new count removes them, after it keeps them", async () => {
    const dataDir = tempDir();
    const broker = await Broker.open({ dataDir, brokerConfig: QUIET });
    const { topicId } = await broker.createTopic({ name: "grow", partitions: 2 });
    await broker.close();
    // What a crash before the store's write leaves: staged directories past the recorded count.
    for (const p of [2, 3]) {
      mkdirSync(join(dataDir, `grow-${p}.${topicId}-creating`));
      writeFileSync(join(dataDir, `grow-${p}.${topicId}-creating`, "partition.metadata"), `version: 0\ntopic_id: ${topicId}\n`);
    }
    const reopened = await Broker.open({ dataDir, brokerConfig: QUIET });
    expect(reopened.describeTopic("grow").partitions).toHaveLength(2);
    expect(dirsOf(dataDir, "grow")).toEqual(["grow-0", "grow-1"]);
    expect((await reopened.createPartitions("grow", 4)).partitions).toHaveLength(4);
    await reopened.close();
  });

  it("keeps one bad partition offline and serves everything else; a fixed one comes back at the next start", async () => {
    const dataDir = tempDir();
    const setup = await Broker.open({ dataDir, brokerConfig: QUIET });
    await setup.createTopic({ name: "good", partitions: 2 });
    await setup.createTopic({ name: "bad", partitions: 3 });
    await setup.createTopic({ name: "misconfigured" });
    for (let p = 0; p < 3; p++) await setup.produce("bad", [{ value: Buffer.from(`b${p}`), partition: p }]);
    await setup.produce("good", [{ value: Buffer.from("g"), partition: 0 }]);
    await setup.close();
    // Garbage where files should be: a directory for a segment, and for partition.metadata.
    rmSync(segmentPath(join(dataDir, "bad-0"), 0));
    mkdirSync(segmentPath(join(dataDir, "bad-0"), 0));
    rmSync(join(dataDir, "bad-1", "partition.metadata"));
    mkdirSync(join(dataDir, "bad-1", "partition.metadata"));
    const metadata = JSON.parse(readFileSync(join(dataDir, "metadata.json"), "utf8"));
    metadata.topics.find((t: TopicMetadata) => t.name === "misconfigured").configs = { "segment.bytes": "-5" };
    writeFileSync(join(dataDir, "metadata.json"), JSON.stringify(metadata));

    const broker = await Broker.open({ dataDir, brokerConfig: QUIET });
    expect(broker.offlinePartitions()).toEqual([
      { topic: "bad", partition: 0, reason: expect.stringMatching(/EISDIR/) },
      { topic: "bad", partition: 1, reason: expect.stringMatching(/EISDIR/) },
      { topic: "misconfigured", partition: 0, reason: expect.stringMatching(/its configs are invalid: .*segment\.bytes/) },
    ]);
    expect(broker.startupReport.filter((l) => l.includes("is offline"))).toHaveLength(3);
    expect(broker.describeTopic("bad").partitions.map((p) => [p.leader, p.isr, p.logEndOffset])).toEqual([[-1, [], -1], [-1, [], -1], [0, [0], 1]]);
    await expect(broker.fetch("bad", 0, 0)).rejects.toThrow(KafkaStorageError);
    await expect(broker.fetch("bad", 1, 0)).rejects.toThrow(/Partition bad-1 is offline/);
    await expect(broker.produce("bad", [{ value: Buffer.from("x"), partition: 0 }])).rejects.toBeInstanceOf(KafkaStorageError);
    // Keyless records go to the partition that is online.
    for (let i = 0; i < 5; i++) expect((await broker.produce("bad", [{ value: Buffer.from(`k${i}`) }]))[0]!.partition).toBe(2);
    expect((await broker.fetch("bad", 2, 0)).records.map((r) => r.value!.toString())).toEqual(["b2", "k0", "k1", "k2", "k3", "k4"]);
    expect((await broker.fetch("good", 0, 0)).records.map((r) => r.value!.toString())).toEqual(["g"]);
    await broker.produce("good", [{ value: Buffer.from("g2"), partition: 1 }]);
    await broker.close();

    rmSync(join(dataDir, "bad-1", "partition.metadata"), { recursive: true });
    const fixed = await Broker.open({ dataDir, brokerConfig: QUIET });
    expect(fixed.offlinePartitions().map((p) => `${p.topic}-${p.partition}`)).toEqual(["bad-0", "misconfigured-0"]);
    expect((await fixed.fetch("bad", 1, 0)).records.map((r) => r.value!.toString())).toEqual(["b1"]);
    await fixed.close();
  });
});
