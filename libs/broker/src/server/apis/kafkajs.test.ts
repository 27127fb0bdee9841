import kafkajs from "kafkajs";
import { describe, expect, it } from "vitest";
import { partitionForKey } from "../../cluster/partitioner.js";
import { useKafkaListener } from "../../test-support/listener-fixture.js";

const { Kafka, logLevel, ConfigResourceTypes } = kafkajs;

/** kafkajs 2.2.4, a third-party client, against the listener: admin, keyed produce, group consumption. */
describe("kafkajs against the Kafka listener", () => {
  const start = useKafkaListener();
  const client = (bootstrap: string) => new Kafka({ clientId: "kafkajs-test", brokers: [bootstrap], logLevel: logLevel.NOTHING, retry: { retries: 3 } });

  it("creates, describes, alters and deletes topics, configs and records with the admin client", async () => {
    const { bootstrap, broker } = await start();
    const admin = client(bootstrap).admin();
    await admin.connect();
    try {
      expect(await admin.createTopics({ topics: [{ topic: "first_topic", numPartitions: 3 }] })).toBe(true);
      expect(await admin.createTopics({ topics: [{ topic: "first_topic", numPartitions: 3 }] })).toBe(false);
      await expect(admin.createTopics({ topics: [{ topic: "bad topic", numPartitions: 1 }] })).rejects.toThrow();
      expect((await admin.listTopics()).sort()).toEqual(["__consumer_offsets", "first_topic"]);

      const metadata = await admin.fetchTopicMetadata({ topics: ["first_topic"] });
      expect(metadata.topics[0]!.partitions.map((p) => [p.partitionId, p.leader, p.replicas, p.isr])).toEqual([
        [0, 0, [0], [0]],
        [1, 0, [0], [0]],
        [2, 0, [0], [0]],
      ]);

      await admin.createPartitions({ topicPartitions: [{ topic: "first_topic", count: 4 }] });
      expect(broker.describeTopic("first_topic").partitions).toHaveLength(4);
      await expect(admin.createPartitions({ topicPartitions: [{ topic: "first_topic", count: 2 }] })).rejects.toThrow(/partition/i);

      await admin.alterConfigs({ validateOnly: false, resources: [{ type: ConfigResourceTypes.TOPIC, name: "first_topic", configEntries: [{ name: "retention.ms", value: "10000" }] }] });
      const described = await admin.describeConfigs({ includeSynonyms: false, resources: [{ type: ConfigResourceTypes.TOPIC, name: "first_topic", configNames: ["retention.ms"] }] });
      expect(described.resources[0]!.configEntries[0]).toMatchObject({ configName: "retention.ms", configValue: "10000", isDefault: false });
      await expect(
        admin.alterConfigs({ validateOnly: false, resources: [{ type: ConfigResourceTypes.TOPIC, name: "first_topic", configEntries: [{ name: "retention.ms", value: "soon" }] }] }),
      ).rejects.toMatchObject({ type: "INVALID_CONFIG" });

      const producer = client(bootstrap).producer();
      await producer.connect();
      await producer.send({ topic: "first_topic", messages: [0, 1, 2, 3].map((i) => ({ value: `v${i}`, partition: 0 })) });
      await producer.disconnect();
      await admin.deleteTopicRecords({ topic: "first_topic", partitions: [{ partition: 0, offset: "2" }] });
      expect(broker.partitionOffsets("first_topic", 0).logStartOffset).toBe(2);
      expect(await admin.fetchTopicOffsets("first_topic")).toContainEqual({ partition: 0, offset: "4", high: "4", low: "2" });

      await admin.deleteTopics({ topics: ["first_topic"] });
      expect(broker.findTopic("first_topic")).toBeUndefined();
    } finally {
      await admin.disconnect();
    }
  });

  it("puts keyed records on murmur2's partition and consumes them in a group that the engine sees", async () => {
    const { bootstrap, broker, groups } = await start();
    const kafka = client(bootstrap);
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: "orders", numPartitions: 3 }] });
    const producer = kafka.producer();
    await producer.connect();
    const keys = ["alice", "bob", "carol", "dave", "erin", "frank"];
    const sent = await producer.send({ topic: "orders", acks: -1, messages: keys.map((key) => ({ key, value: `order of ${key}` })) });
    expect(sent.every((r) => r.errorCode === 0)).toBe(true);
    for (const key of keys) {
      const partition = partitionForKey(Buffer.from(key), 3);
      const read = await broker.fetch("orders", partition, 0);
      expect(read.records.map((r) => r.key!.toString())).toContain(key);
    }

    const seen = new Map<string, number>();
    const consumer = kafka.consumer({ groupId: "order", sessionTimeout: 10_000, heartbeatInterval: 500 });
    await consumer.connect();
    await consumer.subscribe({ topic: "orders", fromBeginning: true });
    await new Promise<void>((resolve) => {
      void consumer.run({
        eachMessage: async ({ partition, message }) => {
          seen.set(message.key!.toString(), partition);
          if (seen.size === keys.length) resolve();
        },
      });
    });
    for (const key of keys) expect(seen.get(key)).toBe(partitionForKey(Buffer.from(key), 3));

    const description = groups.describeGroup("order");
    expect(description.state).toBe("Stable");
    expect(description.members).toHaveLength(1);
    expect(description.members[0]!.clientId).toBe("kafkajs-test");
    await consumer.disconnect();
    const committed = groups.fetchOffsets("order").reduce((sum, o) => sum + o.offset, 0);
    expect(committed).toBe(keys.length);
    const listed = await admin.listGroups();
    expect(listed.groups).toContainEqual({ groupId: "order", protocolType: "consumer" });
    const offsets = await admin.fetchOffsets({ groupId: "order", topics: ["orders"] });
    expect(offsets[0]!.partitions.reduce((sum, p) => sum + Number(p.offset), 0)).toBe(keys.length);
    await admin.deleteGroups(["order"]);
    expect(groups.groupState("order")).toBe("Dead");
    await producer.disconnect();
    await admin.disconnect();
  });

  it("splits partitions between two consumers of one group and rebalances when one leaves", async () => {
    const { bootstrap } = await start();
    const kafka = client(bootstrap);
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: "split", numPartitions: 3 }] });
    const assigned = new Map<string, number[]>();
    const consumers = ["one", "two"].map((name) => {
      const consumer = kafka.consumer({ groupId: "splitters", sessionTimeout: 10_000, heartbeatInterval: 300, rebalanceTimeout: 10_000 });
      consumer.on(consumer.events.GROUP_JOIN, (e) => assigned.set(name, e.payload.memberAssignment["split"] ?? []));
      return consumer;
    });
    for (const c of consumers) {
      await c.connect();
      await c.subscribe({ topic: "split", fromBeginning: true });
      await c.run({ eachMessage: async () => undefined });
    }
    await expect.poll(() => [...(assigned.get("one") ?? []), ...(assigned.get("two") ?? [])].sort(), { timeout: 30_000 }).toEqual([0, 1, 2]);
    expect(assigned.get("one")!.length).toBeGreaterThan(0);
    expect(assigned.get("two")!.length).toBeGreaterThan(0);
    await consumers[1]!.disconnect();
    await expect.poll(() => assigned.get("one")!.slice().sort(), { timeout: 30_000 }).toEqual([0, 1, 2]);
    await consumers[0]!.disconnect();
    await admin.disconnect();
  }, 90_000);
});
