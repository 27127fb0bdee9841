import { existsSync, mkdirSync, readdirSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { Broker } from "./broker.js";
import { partitionForKey } from "./cluster/partitioner.js";
import {
  InvalidConfigError,
  InvalidPartitionsError,
  InvalidReplicationFactorError,
  InvalidRequiredAcksError,
  InvalidTopicError,
  KafkaStorageError,
  MessageTooLargeError,
  NotEnoughReplicasError,
  TopicAlreadyExistsError,
  UnknownTopicOrPartitionError,
} from "./errors.js";
import { FileMetadataStore } from "./cluster/file-metadata-store.js";
import { ManualClock, useTempDirs } from "./test-support/temp-dir.js";

const tempDir = useTempDirs();

async function openBroker(dataDir = tempDir(), brokerConfig: Record<string, string> = {}) {
  return Broker.open({ dataDir, brokerConfig, random: () => 0 });
}

describe("Broker topics", () => {
  it("creates, lists, describes and deletes topics", async () => {
    const broker = await openBroker();
    const created = await broker.createTopic({ name: "orders", partitions: 3, configs: { "retention.ms": "1000" } });
    expect(created.partitions.map((p) => [p.partition, p.leader, p.replicas, p.isr])).toEqual([
      [0, 0, [0], [0]],
      [1, 0, [0], [0]],
      [2, 0, [0], [0]],
    ]);
    expect(created.topicId).toMatch(/^[A-Za-z0-9_-]{22}$/);
    await broker.createTopic({ name: "audit" });
    expect(broker.listTopics().map((t) => t.name)).toEqual(["audit", "orders"]);
    expect(broker.describeTopic("audit").partitions).toHaveLength(1);
    expect(broker.describeTopic("orders").configs).toEqual({ "retention.ms": "1000" });
    expect(existsSync(join(broker.dataDir, "orders-2"))).toBe(true);
    await broker.deleteTopic("orders");
    expect(broker.listTopics().map((t) => t.name)).toEqual(["audit"]);
    expect(readdirSync(broker.dataDir).filter((f) => /^orders-\d+$/.test(f))).toEqual([]);
    await vi.waitFor(() => expect(readdirSync(broker.dataDir).filter((f) => f.startsWith("orders"))).toEqual([]));
    expect(() => broker.describeTopic("orders")).toThrow(UnknownTopicOrPartitionError);
    await broker.close();
  });

  it("refuses bad names, duplicates, collisions, replication factors and partition counts with Kafka's errors", async () => {
    const broker = await openBroker();
    await broker.createTopic({ name: "a.b" });
    await expect(broker.createTopic({ name: "a.b" })).rejects.toThrow(TopicAlreadyExistsError);
    await expect(broker.createTopic({ name: "a_b" })).rejects.toThrow(/collides with existing topic: a\.b/);
    await expect(broker.createTopic({ name: "bad name" })).rejects.toThrow(InvalidTopicError);
    await expect(broker.createTopic({ name: ".." })).rejects.toThrow(InvalidTopicError);
    await expect(broker.createTopic({ name: "x".repeat(250) })).rejects.toThrow(InvalidTopicError);
    await expect(broker.createTopic({ name: "ok", replicationFactor: 3 })).rejects.toThrow(InvalidReplicationFactorError);
    await expect(broker.createTopic({ name: "ok", partitions: 0 })).rejects.toThrow(InvalidPartitionsError);
    await expect(broker.createTopic({ name: "ok", configs: { "retention.ms": "soon" } })).rejects.toThrow(/retention\.ms/);
    await expect(broker.createTopic({ name: "ok", configs: { "no.such.config": "1" } })).rejects.toThrow(InvalidConfigError);
    expect(broker.listTopics().map((t) => t.name)).toEqual(["a.b"]);
    await broker.close();
  });

  it("raises the partition count and refuses a decrease", async () => {
    const broker = await openBroker();
    await broker.createTopic({ name: "grow", partitions: 1 });
    const grown = await broker.createPartitions("grow", 3);
    expect(grown.partitions).toHaveLength(3);
    await expect(broker.createPartitions("grow", 2)).rejects.toThrow(InvalidPartitionsError);
    await expect(broker.createPartitions("grow", 2)).rejects.toThrow(/currently has 3 partition\(s\)/);
    await broker.produce("grow", [{ value: Buffer.from("x"), partition: 2 }]);
    expect(broker.partitionOffsets("grow", 2).logEndOffset).toBe(1);
    await broker.close();
  });

  it("auto-creates topics on first produce with num.partitions, unless disabled", async () => {
    const broker = await openBroker(tempDir(), { "num.partitions": "4" });
    await broker.produce("fresh", [{ value: Buffer.from("hi") }]);
    expect(broker.describeTopic("fresh").partitions).toHaveLength(4);
    await broker.close();
    const strict = await openBroker(tempDir(), { "auto.create.topics.enable": "false" });
    await expect(strict.produce("fresh", [{ value: Buffer.from("hi") }])).rejects.toThrow(UnknownTopicOrPartitionError);
    await strict.close();
  });
});

describe("Broker produce and fetch", () => {
  it("puts a keyed record on the partition Kafka's default partitioner picks", async () => {
    const broker = await openBroker();
    await broker.createTopic({ name: "keys", partitions: 6 });
    const keys = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel"];
    const results = await broker.produce("keys", keys.map((k) => ({ key: Buffer.from(k), value: Buffer.from(k) })));
    results.forEach((r, i) => expect(r.partition).toBe(partitionForKey(Buffer.from(keys[i]!), 6)));
    for (const r of results) {
      const fetched = await broker.fetch("keys", r.partition, r.offset, { maxRecords: 1 });
      expect(keys[results.indexOf(r)]).toBe(fetched.records[0]!.key!.toString());
    }
    await broker.close();
  });

  it("keeps order within a partition and spreads keyless batches over partitions", async () => {
    const broker = await openBroker();
    await broker.createTopic({ name: "spread", partitions: 4 });
    for (let i = 0; i < 8; i++) await broker.produce("spread", [{ value: Buffer.from(`a${i}`) }, { value: Buffer.from(`b${i}`) }]);
    const counts = broker.describeTopic("spread").partitions.map((p) => p.logEndOffset);
    expect(counts).toEqual([4, 4, 4, 4]);
    const values = (await broker.fetch("spread", 0, 0)).records.map((r) => r.value!.toString());
    expect(values).toEqual(["a0", "b0", "a4", "b4"]);
    await broker.close();
  });

  it("honours an explicit partition and refuses one out of range", async () => {
    const broker = await openBroker();
    await broker.createTopic({ name: "explicit", partitions: 2 });
    const [result] = await broker.produce("explicit", [{ key: Buffer.from("k"), value: Buffer.from("v"), partition: 1, timestamp: 1234 }]);
    expect(result).toEqual({ partition: 1, offset: 0, timestamp: 1234 });
    await expect(broker.produce("explicit", [{ value: Buffer.from("v"), partition: 2 }])).rejects.toThrow(UnknownTopicOrPartitionError);
    await expect(broker.produce("explicit", [{ value: Buffer.from("v") }], { acks: 2 as never })).rejects.toThrow(InvalidRequiredAcksError);
    await expect(broker.fetch("explicit", 5, 0)).rejects.toThrow(UnknownTopicOrPartitionError);
    await broker.close();
  });

  it("refuses acks=all when the ISR is smaller than min.insync.replicas, but accepts acks=1", async () => {
    const broker = await openBroker();
    await broker.createTopic({ name: "isr", configs: { "min.insync.replicas": "2" } });
    await expect(broker.produce("isr", [{ value: Buffer.from("v") }], { acks: -1 })).rejects.toThrow(NotEnoughReplicasError);
    expect((await broker.produce("isr", [{ value: Buffer.from("v") }], { acks: 1 }))[0]!.offset).toBe(0);
    await broker.close();
  });

  it("writes nothing when one record of a request is over max.message.bytes", async () => {
    const broker = await openBroker();
    await broker.createTopic({ name: "big", partitions: 2, configs: { "max.message.bytes": "1000" } });
    await expect(
      broker.produce("big", [
        { value: Buffer.alloc(10), partition: 0 },
        { value: Buffer.alloc(5000), partition: 1 },
      ]),
    ).rejects.toThrow(MessageTooLargeError);
    expect(broker.describeTopic("big").partitions.map((p) => p.logEndOffset)).toEqual([0, 0]);
    await broker.close();
  });

  it("uses LogAppendTime when message.timestamp.type says so, changed at runtime", async () => {
    const clock = new ManualClock(50_000);
    const broker = await Broker.open({ dataDir: tempDir(), clock });
    await broker.createTopic({ name: "times" });
    const [create] = await broker.produce("times", [{ value: Buffer.from("a"), timestamp: 7 }]);
    expect(create!.timestamp).toBe(7);
    await broker.alterTopicConfigs("times", [{ name: "message.timestamp.type", value: "LogAppendTime" }]);
    const [append] = await broker.produce("times", [{ value: Buffer.from("b"), timestamp: 7 }]);
    expect(append!.timestamp).toBe(50_000);
    const records = (await broker.fetch("times", 0, 0)).records;
    expect(records.map((r) => [r.timestamp, r.timestampType])).toEqual([
      [7, "CreateTime"],
      [50_000, "LogAppendTime"],
    ]);
    await broker.close();
  });

  it("finds offsets by timestamp, earliest and latest", async () => {
    const broker = await openBroker();
    await broker.createTopic({ name: "ts" });
    await broker.produce("ts", [100, 200, 300].map((t) => ({ value: Buffer.from(String(t)), timestamp: t })));
    expect(await broker.offsetForTimestamp("ts", 0, 150)).toEqual({ offset: 1, timestamp: 200 });
    expect(await broker.offsetForTimestamp("ts", 0, 301)).toBeNull();
    expect((await broker.offsetForTimestamp("ts", 0, -1))!.offset).toBe(3);
    expect((await broker.offsetForTimestamp("ts", 0, -2))!.offset).toBe(0);
    await broker.close();
  });

  it("emits an append event for every partition written", async () => {
    const broker = await openBroker();
    await broker.createTopic({ name: "events", partitions: 2 });
    const events: unknown[] = [];
    broker.on("append", (e) => events.push(e));
    await broker.produce("events", [{ value: Buffer.from("x"), partition: 1 }, { value: Buffer.from("y"), partition: 1 }]);
    expect(events).toEqual([{ topic: "events", partition: 1, baseOffset: 0, lastOffset: 1, recordCount: 2, sizeBytes: expect.any(Number) }]);
    await broker.close();
  });
});

describe("Broker configs", () => {
  it("describes each config with its value and source", async () => {
    const broker = await openBroker(tempDir(), { "log.retention.hours": "24" });
    await broker.createTopic({ name: "cfg", configs: { "cleanup.policy": "compact" } });
    const entries = new Map(broker.describeTopicConfigs("cfg").map((e) => [e.name, e]));
    expect(entries.get("cleanup.policy")).toMatchObject({ value: "compact", source: "DYNAMIC_TOPIC_CONFIG", isDefault: false });
    expect(entries.get("retention.ms")).toMatchObject({ value: "86400000", source: "STATIC_BROKER_CONFIG" });
    expect(entries.get("segment.bytes")).toMatchObject({ value: "1073741824", source: "DEFAULT_CONFIG", isDefault: true });
    for (const name of ["min.cleanable.dirty.ratio", "delete.retention.ms", "min.compaction.lag.ms", "max.message.bytes", "message.timestamp.type", "min.insync.replicas", "flush.messages", "flush.ms", "index.interval.bytes", "segment.ms", "retention.bytes"]) {
      expect(entries.has(name), name).toBe(true);
    }
    await broker.close();
  });

  it("refuses invalid values with INVALID_CONFIG naming the key, and changes nothing", async () => {
    const broker = await openBroker();
    await broker.createTopic({ name: "cfg" });
    await expect(broker.alterTopicConfigs("cfg", [{ name: "segment.bytes", value: "-5" }])).rejects.toThrow(/segment\.bytes/);
    await expect(broker.alterTopicConfigs("cfg", [{ name: "cleanup.policy", value: "shred" }])).rejects.toThrow(InvalidConfigError);
    expect(broker.describeTopic("cfg").configs).toEqual({});
    await broker.alterTopicConfigs("cfg", [{ name: "retention.ms", value: "5000" }]);
    await broker.alterTopicConfigs("cfg", [{ name: "retention.ms", value: null }]);
    expect(broker.describeTopic("cfg").configs).toEqual({});
    await broker.close();
  });

  it("lets topics inherit dynamic broker configs", async () => {
    const broker = await openBroker();
    await broker.createTopic({ name: "inherit" });
    await broker.alterBrokerConfigs([{ name: "message.max.bytes", value: "500" }]);
    const entry = broker.describeTopicConfigs("inherit").find((e) => e.name === "max.message.bytes")!;
    expect(entry).toMatchObject({ value: "500", source: "DYNAMIC_DEFAULT_BROKER_CONFIG" });
    await expect(broker.produce("inherit", [{ value: Buffer.alloc(1000) }])).rejects.toThrow(MessageTooLargeError);
    await broker.close();
  });
});

describe("Broker restart and reconciliation", () => {
  it("resumes with every topic, config and record after a restart", async () => {
    const dataDir = tempDir();
    const broker = await openBroker(dataDir);
    await broker.createTopic({ name: "keep", partitions: 2, configs: { "retention.ms": "60000" } });
    await broker.produce("keep", [{ value: Buffer.from("one"), partition: 0 }, { value: Buffer.from("two"), partition: 1 }]);
    const clusterId = broker.clusterId;
    await broker.close();
    const again = await openBroker(dataDir);
    expect(again.clusterId).toBe(clusterId);
    expect(again.startupReport).toEqual([]);
    expect(again.describeTopic("keep").configs).toEqual({ "retention.ms": "60000" });
    expect((await again.fetch("keep", 1, 0)).records[0]!.value!.toString()).toBe("two");
    const [next] = await again.produce("keep", [{ value: Buffer.from("three"), partition: 0 }]);
    expect(next!.offset).toBe(1);
    await again.close();
  });

  it("repairs metadata and directories that disagree, and says what it repaired", async () => {
    const dataDir = tempDir();
    const broker = await openBroker(dataDir);
    await broker.createTopic({ name: "lost", partitions: 2 });
    await broker.produce("lost", [{ value: Buffer.from("keep me"), partition: 1 }]);
    await broker.createTopic({ name: "gone", partitions: 1 });
    await broker.createTopic({ name: "half", partitions: 2 });
    const halfId = broker.describeTopic("half").topicId;
    await broker.close();

    const store = new FileMetadataStore(join(dataDir, "metadata.json"));
    await store.load();
    await store.deleteTopic("lost");
    await store.saveTopic({ name: "planned", topicId: "AAAAAAAAAAAAAAAAAAAAAA", partitions: 2, replicationFactor: 1, configs: {}, internal: false, createdAt: 0 });
    renameSync(join(dataDir, "half-0"), join(dataDir, `half-0.${halfId}-delete`));
    mkdirSync(join(dataDir, "gone-0.someotherid-delete"));
    writeFileSync(join(dataDir, "gone-0.someotherid-delete", "00000000000000000000.log"), "");

    const again = await openBroker(dataDir);
    const report = again.startupReport.join("\n");
    expect(report).toMatch(/recovered topic lost \(2 partition\(s\)\)/);
    expect(report).toMatch(/completed the deletion of topic half/);
    expect(report).toMatch(/created the missing log directory planned-0/);
    expect(again.listTopics().map((t) => t.name)).toEqual(["gone", "lost", "planned"]);
    expect((await again.fetch("lost", 1, 0)).records[0]!.value!.toString()).toBe("keep me");
    expect(readdirSync(dataDir).filter((f) => f.endsWith("-delete"))).toEqual([]);
    await again.close();
  });

  it("refuses a data directory that belongs to another cluster", async () => {
    const dataDir = tempDir();
    const broker = await openBroker(dataDir);
    await broker.close();
    await expect(Broker.open({ dataDir, metadataStore: new FileMetadataStore(join(tempDir(), "other.json")) })).rejects.toThrow(KafkaStorageError);
  });
});
