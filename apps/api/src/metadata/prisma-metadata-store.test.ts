import { Broker, type TopicMetadata } from "@skein/broker";
import { afterEach, beforeEach, expect, it } from "vitest";
import { createTestDatabase, describeEachProvider, type TestDatabase } from "../../test/support/databases.js";
import { openMetadataStore } from "./open-metadata-store.js";
import type { PrismaMetadataStore } from "./prisma-metadata-store.js";

const orders: TopicMetadata = {
  name: "orders",
  topicId: "AAAAAAAAAAAAAAAAAAAAAA",
  partitions: 3,
  replicationFactor: 1,
  configs: { "cleanup.policy": "compact", "retention.ms": "60000" },
  internal: false,
  createdAt: 1_700_000_000_123,
};

describeEachProvider("PrismaMetadataStore", (provider) => {
  let db: TestDatabase;
  const stores: PrismaMetadataStore[] = [];
  let now = 1_800_000_000_000;

  beforeEach(async () => {
    db = await createTestDatabase(provider);
  });

  afterEach(async () => {
    await Promise.all(stores.splice(0).map((store) => store.close()));
    await db?.drop();
  });

  /** A store on the test database; a second call is a restart (a new connection to the same data). */
  async function open(): Promise<PrismaMetadataStore> {
    const { store } = await openMetadataStore(db.target, { clock: { now: () => now } });
    stores.push(store);
    return store;
  }

  it("starts empty", async () => {
    expect(await (await open()).load()).toEqual({ clusterId: null, topics: [], brokerConfigs: {} });
  });

  it("keeps one cluster id", async () => {
    const store = await open();
    await store.saveClusterId("first-cluster-id");
    await store.saveClusterId("first-cluster-id");
    expect((await (await open()).load()).clusterId).toBe("first-cluster-id");
    await store.saveClusterId("other-cluster-id");
    expect((await (await open()).load()).clusterId).toBe("other-cluster-id");
  });

  it("round-trips a topic with its config overrides", async () => {
    await (await open()).saveTopic(orders);
    expect((await (await open()).load()).topics).toEqual([orders]);
  });

  it("replaces a topic's partitions and configs, dropping removed overrides", async () => {
    const store = await open();
    await store.saveTopic(orders);
    const grown = { ...orders, partitions: 6, configs: { "retention.ms": "120000" } };
    await store.saveTopic(grown);
    expect((await (await open()).load()).topics).toEqual([grown]);
  });

  it("replaces an earlier incarnation of a name with the re-created topic", async () => {
    const store = await open();
    await store.saveTopic(orders);
    const recreated = { ...orders, topicId: "BBBBBBBBBBBBBBBBBBBBBB", partitions: 1, configs: { "segment.bytes": "1048576" } };
    await store.saveTopic(recreated);
    expect((await store.load()).topics).toEqual([recreated]);
  });

  it("deletes a topic with its configs, leaving the others", async () => {
    const store = await open();
    const payments = { ...orders, name: "payments", topicId: "CCCCCCCCCCCCCCCCCCCCCC", configs: {} };
    await store.saveTopic(orders);
    await store.saveTopic(payments);
    await store.deleteTopic("orders");
    await store.deleteTopic("never-existed");
    expect((await (await open()).load()).topics).toEqual([payments]);
  });

  it("replaces the dynamic broker configs as a whole", async () => {
    const store = await open();
    await store.saveBrokerConfigs({ "log.retention.ms": "1000", "num.partitions": "3" });
    await store.saveBrokerConfigs({ "num.partitions": "4" });
    expect((await (await open()).load()).brokerConfigs).toEqual({ "num.partitions": "4" });
  });

  it("registers a broker, keeping its first registration time", async () => {
    const store = await open();
    await store.registerBroker({ brokerId: 1, host: "localhost", port: 8080, rack: null });
    now += 5_000;
    await store.registerBroker({ brokerId: 1, host: "skein-0", port: 9090, rack: "r1" });
    expect(await (await open()).listBrokers()).toEqual([
      { brokerId: 1, host: "skein-0", port: 9090, rack: "r1", registeredAt: 1_800_000_000_000, lastSeenAt: 1_800_000_005_000 },
    ]);
  });

  it("is what the engine remembers its topics and configs in across restarts", async () => {
    const first = await Broker.open({ dataDir: db.dataDir, metadataStore: await open() });
    await first.createTopic({ name: "orders", partitions: 2, configs: { "retention.ms": "60000" } });
    await first.alterBrokerConfigs([{ name: "log.retention.ms", value: "3600000" }]);
    await first.produce("orders", [{ key: Buffer.from("k"), value: Buffer.from("v") }]);
    const { clusterId } = first;
    await first.close();

    const second = await Broker.open({ dataDir: db.dataDir, metadataStore: await open() });
    try {
      expect(second.clusterId).toBe(clusterId);
      const topic = second.describeTopic("orders");
      expect(topic.partitions).toHaveLength(2);
      expect(topic.configs).toEqual({ "retention.ms": "60000" });
      expect(topic.partitions.reduce((sum, p) => sum + p.logEndOffset, 0)).toBe(1);
      expect(second.describeBrokerConfigs().find((entry) => entry.name === "log.retention.ms")?.value).toBe("3600000");
      expect(second.startupReport).toEqual([]);
    } finally {
      await second.close();
    }
  });
});
