import { ApiKey } from "@skein/protocol";
import { describe, expect, it } from "vitest";
import { useKafkaListener } from "../../../test-support/listener-fixture.js";
import { WireClient } from "../../../test-support/wire-client.js";

const TOPIC = 2;
const BROKER = 4;

describe("the admin APIs over the wire", () => {
  const start = useKafkaListener();

  it("creates topics with Kafka's per-topic errors, validate_only and the created topic's configs", async () => {
    const { port, broker } = await start({ brokerConfig: { "num.partitions": "2" } });
    const client = await WireClient.connect(port);
    const create = (topics: object[], validateOnly = false, version = 7) => client.request(ApiKey.CreateTopics, version, { topics, timeoutMs: 1000, validateOnly });
    const topic = (name: string, numPartitions = -1, extra: object = {}) => ({ name, numPartitions, replicationFactor: -1, assignments: [], configs: [], ...extra });

    const created = (await create([topic("defaults"), topic("three", 3, { configs: [{ name: "cleanup.policy", value: "compact" }] })])).topics;
    expect(created[0]).toMatchObject({ name: "defaults", errorCode: 0, numPartitions: 2, replicationFactor: 1 });
    expect(created[1]).toMatchObject({ name: "three", errorCode: 0, numPartitions: 3 });
    expect(created[1].topicId).toBe(broker.describeTopic("three").topicId);
    expect(created[1].configs.find((c: { name: string }) => c.name === "cleanup.policy")).toMatchObject({ value: "compact", configSource: 1 });

    const refused = (await create([topic("three", 3), topic("bad/name"), topic("rf", 1, { replicationFactor: 3 }), topic("nul", 1, { configs: [{ name: "retention.ms", value: null }] }), topic("dup"), topic("dup")])).topics;
    expect(refused.map((t: { name: string; errorCode: number }) => [t.name, t.errorCode])).toEqual([
      ["three", 36],
      ["bad/name", 17],
      ["rf", 38],
      ["nul", 40],
      ["dup", 42],
      ["dup", 42],
    ]);
    expect(refused[0].errorMessage).toMatch(/already exists/);

    const dry = (await create([topic("dry", 5)], true)).topics[0];
    expect(dry).toMatchObject({ errorCode: 0, numPartitions: 5 });
    expect(broker.findTopic("dry")).toBeUndefined();

    const manual = (await create([topic("manual", -1, { assignments: [{ partitionIndex: 0, brokerIds: [0] }, { partitionIndex: 1, brokerIds: [0] }] })])).topics[0];
    expect(manual).toMatchObject({ errorCode: 0, numPartitions: 2 });
    const unknownBroker = (await create([topic("elsewhere", -1, { assignments: [{ partitionIndex: 0, brokerIds: [7] }] })])).topics[0];
    expect(unknownBroker.errorCode).toBe(39);
    expect((await create([topic("older")], false, 2)).topics[0]).toMatchObject({ name: "older", errorCode: 0 });
    client.close();
  });

  it("deletes topics by name and by id, and raises partition counts", async () => {
    const { port, broker } = await start();
    const client = await WireClient.connect(port);
    await broker.createTopic({ name: "by_name", partitions: 1 });
    const byId = await broker.createTopic({ name: "by_id", partitions: 1 });
    const byNameResult = await client.request(ApiKey.DeleteTopics, 5, { topicNames: ["by_name", "nope"], timeoutMs: 1000 });
    expect(byNameResult.responses.map((r: { name: string; errorCode: number }) => [r.name, r.errorCode])).toEqual([["by_name", 0], ["nope", 3]]);
    const byIdResult = await client.request(ApiKey.DeleteTopics, 6, { topics: [{ name: null, topicId: byId.topicId }], timeoutMs: 1000 });
    expect(byIdResult.responses[0]).toMatchObject({ name: "by_id", errorCode: 0 });
    expect(broker.listTopics().map((t) => t.name)).toEqual([]);

    await broker.createTopic({ name: "grow", partitions: 1 });
    const grow = (count: number, validateOnly = false, assignments: object[] | null = null) =>
      client.request(ApiKey.CreatePartitions, 3, { topics: [{ name: "grow", count, assignments }], timeoutMs: 1000, validateOnly }).then((r) => r.results[0]);
    expect(await grow(3, true)).toMatchObject({ errorCode: 0 });
    expect(broker.describeTopic("grow").partitions).toHaveLength(1);
    expect(await grow(3)).toMatchObject({ errorCode: 0 });
    expect(await grow(2)).toMatchObject({ errorCode: 37 });
    expect(await grow(5, false, [{ brokerIds: [0] }])).toMatchObject({ errorCode: 39 });
    expect(broker.describeTopic("grow").partitions).toHaveLength(3);
    client.close();
  });

  it("describes and alters topic and broker configs, incrementally and as a whole", async () => {
    const { port, broker } = await start();
    const client = await WireClient.connect(port);
    await broker.createTopic({ name: "config-test", partitions: 1, configs: { "segment.bytes": "1048576" } });
    const describe = async (resourceType: number, resourceName: string, keys: string[] | null) =>
      (await client.request(ApiKey.DescribeConfigs, 4, { resources: [{ resourceType, resourceName, configurationKeys: keys }], includeSynonyms: true, includeDocumentation: true })).results[0];
    const incremental = (configs: object[], resourceType = TOPIC, resourceName = "config-test") =>
      client.request(ApiKey.IncrementalAlterConfigs, 1, { resources: [{ resourceType, resourceName, configs }], validateOnly: false }).then((r) => r.responses[0]);

    expect(await incremental([{ name: "retention.ms", configOperation: 0, value: "10000" }])).toMatchObject({ errorCode: 0 });
    const retention = (await describe(TOPIC, "config-test", ["retention.ms"])).configs[0];
    expect(retention).toMatchObject({ name: "retention.ms", value: "10000", configSource: 1, readOnly: false, configType: 5 });
    expect(retention.documentation).toMatch(/\S/);
    // As Kafka lists them: only the topic's own override (Kafka drops the differently named broker synonyms).
    expect(retention.synonyms).toEqual([{ name: "retention.ms", value: "10000", source: 1 }]);
    expect(await incremental([{ name: "retention.ms", configOperation: 1, value: null }])).toMatchObject({ errorCode: 0 });
    expect((await describe(TOPIC, "config-test", ["retention.ms"])).configs[0]).toMatchObject({ value: "604800000", configSource: 5 });
    expect(await incremental([{ name: "retention.ms", configOperation: 0, value: "soon" }])).toMatchObject({ errorCode: 40 });
    expect(await incremental([{ name: "cleanup.policy", configOperation: 2, value: "compact" }])).toMatchObject({ errorCode: 0 });
    expect(broker.describeTopic("config-test").configs["cleanup.policy"]).toBe("delete,compact");
    expect(await incremental([{ name: "retention.ms", configOperation: 2, value: "5" }])).toMatchObject({ errorCode: 40 });

    const legacy = await client.request(ApiKey.AlterConfigs, 2, { resources: [{ resourceType: TOPIC, resourceName: "config-test", configs: [{ name: "retention.bytes", value: "1000" }] }], validateOnly: false });
    expect(legacy.responses[0]).toMatchObject({ errorCode: 0 });
    expect(broker.describeTopic("config-test").configs).toEqual({ "retention.bytes": "1000" });

    expect(await describe(TOPIC, "missing", null)).toMatchObject({ errorCode: 3 });
    const brokerConfigs = await describe(BROKER, "0", ["num.partitions"]);
    expect(brokerConfigs.configs[0]).toMatchObject({ name: "num.partitions", value: "1", configSource: 5 });
    expect(await incremental([{ name: "log.retention.ms", configOperation: 0, value: "3600000" }], BROKER, "")).toMatchObject({ errorCode: 0 });
    expect((await describe(BROKER, "", ["log.retention.ms"])).configs[0]).toMatchObject({ value: "3600000", configSource: 3 });
    expect(await describe(BROKER, "7", null)).toMatchObject({ errorCode: 42 });
    client.close();
  });

  it("deletes records and describes the cluster", async () => {
    const { port, broker } = await start();
    const client = await WireClient.connect(port);
    await broker.createTopic({ name: "trim", partitions: 1 });
    await broker.produce("trim", [0, 1, 2, 3, 4].map((i) => ({ value: Buffer.from(String(i)) })));
    const deleted = await client.request(ApiKey.DeleteRecords, 2, { topics: [{ name: "trim", partitions: [{ partitionIndex: 0, offset: 3 }, { partitionIndex: 4, offset: 1 }] }], timeoutMs: 1000 });
    expect(deleted.topics[0].partitions).toEqual([
      expect.objectContaining({ partitionIndex: 0, lowWatermark: 3, errorCode: 0 }),
      expect.objectContaining({ partitionIndex: 4, lowWatermark: -1, errorCode: 3 }),
    ]);
    const tooFar = await client.request(ApiKey.DeleteRecords, 2, { topics: [{ name: "trim", partitions: [{ partitionIndex: 0, offset: 99 }] }], timeoutMs: 1000 });
    expect(tooFar.topics[0].partitions[0].errorCode).toBe(1);

    const cluster = await client.request(ApiKey.DescribeCluster, 1, { includeClusterAuthorizedOperations: false, endpointType: 1 });
    expect(cluster).toMatchObject({ errorCode: 0, clusterId: broker.clusterId, controllerId: 0, brokers: [expect.objectContaining({ brokerId: 0, host: "127.0.0.1", port })] });
    client.close();
  });
});

describe("DescribeLogDirs", () => {
  const start = useKafkaListener();

  it("describes the data directory with partition sizes and the filesystem's space", async () => {
    const { port, broker } = await start();
    await broker.createTopic({ name: "sized", partitions: 2 });
    await broker.produce("sized", [{ value: Buffer.alloc(500), partition: 1 }]);
    const client = await WireClient.connect(port);
    const all = await client.request(ApiKey.DescribeLogDirs, 4, { topics: null });
    expect(all.errorCode).toBe(0);
    const dir = all.results[0];
    expect(dir).toMatchObject({ errorCode: 0, logDir: broker.dataDir });
    expect(dir.totalBytes).toBeGreaterThan(0);
    expect(dir.usableBytes).toBeGreaterThan(0);
    const sized = dir.topics.find((t: { name: string }) => t.name === "sized");
    expect(sized.partitions.map((p: { partitionIndex: number; partitionSize: number }) => [p.partitionIndex, p.partitionSize > 500])).toEqual([[0, false], [1, true]]);
    const one = await client.request(ApiKey.DescribeLogDirs, 1, { topics: [{ topic: "sized", partitions: [1] }] });
    expect(one.results[0].topics).toEqual([{ name: "sized", partitions: [expect.objectContaining({ partitionIndex: 1 })] }]);
    client.close();
  });
});
