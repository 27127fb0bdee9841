import { randomBytes } from "node:crypto";
import { ApiKey } from "@skein/protocol";
import { describe, expect, it } from "vitest";
import { saltedPassword } from "../security/scram.js";
import { encodeRecordBatch } from "../storage/record-batch.js";
import { useKafkaListener } from "../test-support/listener-fixture.js";
import { WireClient } from "../test-support/wire-client.js";

const SECURED = {
  listeners: "SASL_PLAINTEXT://127.0.0.1:0",
  "sasl.enabled.mechanisms": "PLAIN,SCRAM-SHA-256,SCRAM-SHA-512",
  "authorizer.class.name": "org.apache.kafka.metadata.authorizer.StandardAuthorizer",
  "super.users": "User:admin",
  "connection.failed.authentication.delay.ms": "0",
};

const ANY_FILTER = { resourceTypeFilter: 1, resourceNameFilter: null, patternTypeFilter: 1, principalFilter: null, hostFilter: null, operation: 1, permissionType: 1 };

describe("ACL, SCRAM credential and client quota APIs", () => {
  const start = useKafkaListener();
  const securedBroker = async () => {
    const r = await start({ brokerConfig: SECURED, security: true, useListenerConfigs: true });
    await r.addUser("admin", "admin-pw");
    const admin = await WireClient.connect(r.portOf("SASL_PLAINTEXT"));
    expect(await admin.saslScram("SCRAM-SHA-512", "admin", "admin-pw")).toMatchObject({ errorCode: 0 });
    return { r, admin };
  };

  it("CreateAcls, DescribeAcls and DeleteAcls as kafka-acls uses them", async () => {
    const { admin } = await securedBroker();
    const created = await admin.request(ApiKey.CreateAcls, 3, {
      creations: [
        { resourceType: 2, resourceName: "orders", resourcePatternType: 3, principal: "User:alice", host: "*", operation: 3, permissionType: 3 },
        { resourceType: 3, resourceName: "order", resourcePatternType: 4, principal: "User:alice", host: "*", operation: 3, permissionType: 3 },
        { resourceType: 4, resourceName: "my-cluster", resourcePatternType: 3, principal: "User:alice", host: "*", operation: 5, permissionType: 3 },
        { resourceType: 1, resourceName: "x", resourcePatternType: 3, principal: "User:alice", host: "*", operation: 3, permissionType: 3 },
        { resourceType: 2, resourceName: "x", resourcePatternType: 2, principal: "User:alice", host: "*", operation: 3, permissionType: 3 },
      ],
    });
    expect(created.results).toEqual([
      { errorCode: 0, errorMessage: null },
      { errorCode: 0, errorMessage: null },
      { errorCode: 42, errorMessage: "The only valid name for the CLUSTER resource is kafka-cluster" },
      { errorCode: 42, errorMessage: "Invalid resourceType ANY" },
      { errorCode: 42, errorMessage: "Invalid patternType MATCH" },
    ]);
    const all = await admin.request(ApiKey.DescribeAcls, 3, ANY_FILTER);
    expect(all).toMatchObject({ errorCode: 0 });
    expect(all.resources).toEqual([
      { resourceType: 2, resourceName: "orders", patternType: 3, acls: [{ principal: "User:alice", host: "*", operation: 3, permissionType: 3 }] },
      { resourceType: 3, resourceName: "order", patternType: 4, acls: [{ principal: "User:alice", host: "*", operation: 3, permissionType: 3 }] },
    ]);
    // MATCH: every pattern that applies to group "orders-app" (the prefix "order").
    const matching = await admin.request(ApiKey.DescribeAcls, 3, { ...ANY_FILTER, resourceTypeFilter: 3, resourceNameFilter: "orders-app", patternTypeFilter: 2 });
    expect(matching.resources.map((res: { resourceName: string }) => res.resourceName)).toEqual(["order"]);
    const deleted = await admin.request(ApiKey.DeleteAcls, 3, { filters: [{ ...ANY_FILTER, resourceTypeFilter: 2 }, { ...ANY_FILTER, patternTypeFilter: 0 }] });
    expect(deleted.filterResults[0]).toMatchObject({ errorCode: 0, matchingAcls: [{ resourceName: "orders", principal: "User:alice", errorCode: 0 }] });
    expect(deleted.filterResults[1]).toMatchObject({ errorCode: 42, errorMessage: "Unknown patternFilter." });
    expect((await admin.request(ApiKey.DescribeAcls, 3, ANY_FILTER)).resources).toHaveLength(1);
  });

  it("answers SECURITY_DISABLED without an authorizer, as Kafka", async () => {
    const { port } = await start({ security: true });
    const client = await WireClient.connect(port);
    expect(await client.request(ApiKey.DescribeAcls, 3, ANY_FILTER)).toMatchObject({ errorCode: 54, errorMessage: "No Authorizer is configured on the broker" });
    expect((await client.request(ApiKey.CreateAcls, 3, { creations: [{ resourceType: 2, resourceName: "t", resourcePatternType: 3, principal: "User:a", host: "*", operation: 3, permissionType: 3 }] })).results[0]).toMatchObject({ errorCode: 54 });
  });

  it("AlterUserScramCredentials takes a salted password (never the password), and the user can then authenticate", async () => {
    const { r, admin } = await securedBroker();
    const salt = randomBytes(16);
    const salted = await saltedPassword("SCRAM-SHA-256", "carol-pw", salt, 8192);
    const altered = await admin.request(ApiKey.AlterUserScramCredentials, 0, {
      deletions: [{ name: "nobody", mechanism: 1 }],
      upsertions: [
        { name: "carol", mechanism: 1, iterations: 8192, salt, saltedPassword: salted },
        { name: "dave", mechanism: 2, iterations: 1024, salt, saltedPassword: Buffer.alloc(64) },
        { name: "erin", mechanism: 2, iterations: 20000, salt, saltedPassword: Buffer.alloc(64) },
        { name: "frank", mechanism: 0, iterations: 4096, salt, saltedPassword: Buffer.alloc(64) },
        { name: "", mechanism: 1, iterations: 4096, salt, saltedPassword: Buffer.alloc(32) },
      ],
    });
    const byUser = Object.fromEntries(altered.results.map((res: { user: string; errorCode: number; errorMessage: string | null }) => [res.user, [res.errorCode, res.errorMessage]]));
    expect(byUser).toEqual({
      carol: [0, null],
      nobody: [91, "Attempt to delete a user credential that does not exist"],
      dave: [93, "Too few iterations"],
      erin: [93, "Too many iterations"],
      frank: [33, "Unknown SCRAM mechanism"],
      "": [93, "Username must not be empty"],
    });
    const twice = await admin.request(ApiKey.AlterUserScramCredentials, 0, {
      deletions: [{ name: "carol", mechanism: 1 }],
      upsertions: [{ name: "carol", mechanism: 2, iterations: 4096, salt, saltedPassword: Buffer.alloc(64) }],
    });
    expect(twice.results).toEqual([{ user: "carol", errorCode: 92, errorMessage: "A user credential cannot be altered twice in the same request" }]);

    const described = await admin.request(ApiKey.DescribeUserScramCredentials, 0, { users: [{ name: "carol" }, { name: "zed" }, { name: "admin" }, { name: "admin" }] });
    expect(described.results).toEqual([
      { user: "carol", errorCode: 0, errorMessage: null, credentialInfos: [{ mechanism: 1, iterations: 8192 }] },
      { user: "zed", errorCode: 91, errorMessage: "Attempt to describe a user credential that does not exist: zed", credentialInfos: [] },
      { user: "admin", errorCode: 92, errorMessage: "Cannot describe SCRAM credentials for the same user twice in a single request: admin", credentialInfos: [] },
    ]);
    const carol = await WireClient.connect(r.portOf("SASL_PLAINTEXT"));
    expect(await carol.saslScram("SCRAM-SHA-256", "carol", "carol-pw")).toMatchObject({ errorCode: 0 });
    const carolPlain = await WireClient.connect(r.portOf("SASL_PLAINTEXT"));
    expect(await carolPlain.saslPlain("carol", "carol-pw")).toMatchObject({ errorCode: 0 });
    const deleted = await admin.request(ApiKey.AlterUserScramCredentials, 0, { deletions: [{ name: "carol", mechanism: 1 }], upsertions: [] });
    expect(deleted.results).toEqual([{ user: "carol", errorCode: 0, errorMessage: null }]);
    const gone = await WireClient.connect(r.portOf("SASL_PLAINTEXT"));
    expect(await gone.saslScram("SCRAM-SHA-256", "carol", "carol-pw")).toMatchObject({ errorCode: 58 });
  });

  it("AlterClientQuotas and DescribeClientQuotas as kafka-configs --entity-type users|clients uses them", async () => {
    const { admin } = await securedBroker();
    const altered = await admin.request(ApiKey.AlterClientQuotas, 1, {
      entries: [
        { entity: [{ entityType: "user", entityName: "alice" }], ops: [{ key: "producer_byte_rate", value: 1024, remove: false }, { key: "request_percentage", value: 50, remove: false }] },
        { entity: [{ entityType: "user", entityName: null }, { entityType: "client-id", entityName: null }], ops: [{ key: "consumer_byte_rate", value: 2048, remove: false }] },
        { entity: [{ entityType: "client-id", entityName: "app" }], ops: [{ key: "producer_byte_rate", value: 1.5, remove: false }] },
        { entity: [{ entityType: "ip", entityName: "10.0.0.1" }], ops: [{ key: "connection_creation_rate", value: 5, remove: false }] },
      ],
      validateOnly: false,
    });
    expect(altered.entries.map((e: { errorCode: number; errorMessage: string | null }) => [e.errorCode, e.errorMessage])).toEqual([
      [0, null],
      [0, null],
      [42, "producer_byte_rate cannot be a fractional value."],
      [42, "Skein does not support ip quotas (connection_creation_rate)"],
    ]);
    const described = await admin.request(ApiKey.DescribeClientQuotas, 1, { components: [{ entityType: "user", matchType: 0, match: "alice" }], strict: false });
    expect(described).toMatchObject({ errorCode: 0, entries: [{ entity: [{ entityType: "user", entityName: "alice" }], values: [{ key: "producer_byte_rate", value: 1024 }, { key: "request_percentage", value: 50 }] }] });
    const defaults = await admin.request(ApiKey.DescribeClientQuotas, 1, { components: [{ entityType: "user", matchType: 1, match: null }], strict: true });
    expect(defaults.entries).toEqual([]);
    const bad = await admin.request(ApiKey.DescribeClientQuotas, 1, { components: [{ entityType: "user", matchType: 0, match: null }], strict: false });
    expect(bad).toMatchObject({ errorCode: 42, errorMessage: "Request specified MATCH_TYPE_EXACT, but set match string to null." });
  });
});

describe("quotas enforced on the wire", () => {
  const start = useKafkaListener();
  const records = (bytes: number) => encodeRecordBatch([{ key: null, value: Buffer.alloc(bytes, 1) }], { timestampType: "CreateTime", now: Date.now() });
  const produce = (bytes: number) => ({ transactionalId: null, acks: 1, timeoutMs: 5000, topicData: [{ name: "orders", partitionData: [{ index: 0, records: records(bytes) }] }] });

  it("a producer over producer_byte_rate gets throttle_time_ms and its connection is muted that long; others are not", async () => {
    // Two one-second samples: rates are measured over at least one second, so a throttle lasts a second or two.
    const r = await start({ security: true, brokerConfig: { "quota.window.num": "2" } });
    await r.broker.createTopic({ name: "orders", partitions: 1 });
    await r.security!.quotas.alterClientQuotas([{ entity: { "client-id": "flooder" }, changes: [{ key: "producer_byte_rate", value: 10_000 }] }]);
    const flooder = await WireClient.connect(r.port);
    const first = await flooder.request(ApiKey.Produce, 9, produce(5_000), "flooder");
    expect(first.throttleTimeMs).toBe(0);
    const over = await flooder.request(ApiKey.Produce, 9, produce(20_000), "flooder");
    expect(over.responses[0].partitionResponses[0].errorCode).toBe(0);
    expect(over.throttleTimeMs).toBeGreaterThan(500);
    const sent = Date.now();
    await flooder.request(ApiKey.ApiVersions, 0, {}, "flooder");
    // The muted connection was not read before the throttle ended (a lower bound only: slower is fine).
    expect(Date.now() - sent).toBeGreaterThanOrEqual(over.throttleTimeMs - 50);
    const other = await WireClient.connect(r.port);
    expect((await other.request(ApiKey.Produce, 9, produce(20_000), "polite")).throttleTimeMs).toBe(0);
  });

  it("a consumer over consumer_byte_rate gets an empty fetch with throttle_time_ms", async () => {
    const r = await start({ security: true });
    await r.broker.createTopic({ name: "orders", partitions: 1 });
    await r.broker.appendRecordBatches("orders", 0, records(30_000), { acks: 1 });
    await r.security!.quotas.alterClientQuotas([{ entity: { user: null }, changes: [{ key: "consumer_byte_rate", value: 1000 }] }]);
    const consumer = await WireClient.connect(r.port);
    const fetched = await consumer.request(
      ApiKey.Fetch,
      12,
      { replicaId: -1, maxWaitMs: 0, minBytes: 0, maxBytes: 1 << 20, isolationLevel: 0, sessionId: 0, sessionEpoch: -1, topics: [{ topic: "orders", partitions: [{ partition: 0, fetchOffset: 0, partitionMaxBytes: 1 << 20 }] }] },
      "reader",
    );
    expect(fetched.throttleTimeMs).toBeGreaterThan(0);
    expect(fetched.responses).toEqual([]);
  });

  it("controller_mutation_rate: CreateTopics v6+ answers THROTTLING_QUOTA_EXCEEDED once the client is over it", async () => {
    const r = await start({ security: true });
    await r.security!.quotas.alterClientQuotas([{ entity: { user: null }, changes: [{ key: "controller_mutation_rate", value: 1 }] }]);
    const create = (client: WireClient, name: string) =>
      client.request(ApiKey.CreateTopics, 7, { topics: [{ name, numPartitions: 20, replicationFactor: -1, assignments: [], configs: [] }], timeoutMs: 5000, validateOnly: false }, "admin-tool");
    const first = await create(await WireClient.connect(r.port), "first");
    expect(first.topics[0].errorCode).toBe(0);
    expect(first.throttleTimeMs).toBeGreaterThan(0);
    // The quota belongs to the client, not the connection (the first one is muted for the throttle time).
    expect((await create(await WireClient.connect(r.port), "second")).topics[0]).toMatchObject({ errorCode: 89, errorMessage: "The throttling quota has been exceeded." });
    expect(r.broker.findTopic("second")).toBeUndefined();
  });

  it("request_percentage: a client using more than its share of the broker's time is throttled", async () => {
    const r = await start({ security: true });
    await r.security!.quotas.alterClientQuotas([{ entity: { "client-id": "busy" }, changes: [{ key: "request_percentage", value: 0.0001 }] }]);
    const client = await WireClient.connect(r.port);
    let throttle = 0;
    for (let i = 0; i < 50 && throttle === 0; i++) throttle = (await client.request(ApiKey.Metadata, 12, { topics: null }, "busy")).throttleTimeMs;
    expect(throttle).toBeGreaterThan(0);
    // Bounded by the quota window, as Kafka bounds request throttles.
    expect(throttle).toBeLessThanOrEqual(1000);
  });
});
