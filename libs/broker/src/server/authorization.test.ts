import { ApiKey } from "@skein/protocol";
import { beforeEach, describe, expect, it } from "vitest";
import type { AclBinding, AclOperation, ResourceType } from "../security/acl.js";
import { AuditLog, type AuditEvent } from "../security/audit-log.js";
import { encodeRecordBatch } from "../storage/record-batch.js";
import { useKafkaListener, type RunningListener } from "../test-support/listener-fixture.js";
import { WireClient } from "../test-support/wire-client.js";

const BROKER = {
  listeners: "SASL_PLAINTEXT://127.0.0.1:0",
  "sasl.enabled.mechanisms": "PLAIN",
  "authorizer.class.name": "org.apache.kafka.metadata.authorizer.StandardAuthorizer",
  "super.users": "User:admin",
  "connection.failed.authentication.delay.ms": "0",
};

const acl = (resourceType: ResourceType, name: string, operation: AclOperation, principal = "User:alice"): AclBinding => ({
  pattern: { resourceType, name, patternType: "LITERAL" },
  entry: { principal, host: "*", operation, permissionType: "ALLOW" },
});

const records = () => encodeRecordBatch([{ key: null, value: Buffer.from("v") }], { timestampType: "CreateTime", now: Date.now() });
const TOPIC = 2;
const BROKER_RESOURCE = 4;

/**
 * Each API as Kafka's KafkaApis authorizes it: the ACL that allows it, the request, and where the answer's error
 * code is; alice has the ACL, bob has none. Kafka's error codes: 29 TOPIC, 30 GROUP, 31 CLUSTER authorization failed.
 */
const CASES: {
  api: string;
  acls: AclBinding[];
  request: [apiKey: number, version: number, body: object];
  code: (response: any) => number;
  allowed: number;
  denied: number;
}[] = [
  {
    api: "Produce: WRITE on the topic",
    acls: [acl("TOPIC", "orders", "WRITE")],
    request: [ApiKey.Produce, 9, { transactionalId: null, acks: 1, timeoutMs: 5000, topicData: [{ name: "orders", partitionData: [{ index: 0, records: records() }] }] }],
    code: (r) => r.responses[0].partitionResponses[0].errorCode,
    allowed: 0,
    denied: 29,
  },
  {
    api: "Fetch: READ on the topic",
    acls: [acl("TOPIC", "orders", "READ")],
    request: [ApiKey.Fetch, 12, { replicaId: -1, maxWaitMs: 0, minBytes: 0, maxBytes: 1 << 20, isolationLevel: 0, sessionId: 0, sessionEpoch: -1, topics: [{ topic: "orders", partitions: [{ partition: 0, fetchOffset: 0, partitionMaxBytes: 1 << 20 }] }] }],
    code: (r) => r.responses[0].partitions[0].errorCode,
    allowed: 0,
    denied: 29,
  },
  {
    api: "ListOffsets: DESCRIBE on the topic (implied by READ)",
    acls: [acl("TOPIC", "orders", "READ")],
    request: [ApiKey.ListOffsets, 7, { replicaId: -1, isolationLevel: 0, topics: [{ name: "orders", partitions: [{ partitionIndex: 0, currentLeaderEpoch: -1, timestamp: -1 }] }] }],
    code: (r) => r.topics[0].partitions[0].errorCode,
    allowed: 0,
    denied: 29,
  },
  {
    api: "Metadata for a named topic: DESCRIBE on it",
    acls: [acl("TOPIC", "orders", "DESCRIBE")],
    request: [ApiKey.Metadata, 12, { topics: [{ topicId: "AAAAAAAAAAAAAAAAAAAAAA", name: "orders" }], allowAutoTopicCreation: false, includeTopicAuthorizedOperations: false }],
    code: (r) => r.topics[0].errorCode,
    allowed: 0,
    denied: 29,
  },
  {
    api: "Metadata auto-creating a topic: CREATE on it (DESCRIBE alone is not enough)",
    acls: [acl("TOPIC", "fresh", "DESCRIBE"), acl("TOPIC", "fresh", "CREATE")],
    request: [ApiKey.Metadata, 12, { topics: [{ topicId: "AAAAAAAAAAAAAAAAAAAAAA", name: "fresh" }], allowAutoTopicCreation: true, includeTopicAuthorizedOperations: false }],
    code: (r) => r.topics[0].errorCode,
    allowed: 0,
    denied: 29,
  },
  {
    api: "JoinGroup: READ on the group",
    acls: [acl("GROUP", "order", "READ")],
    request: [ApiKey.JoinGroup, 9, { groupId: "order", sessionTimeoutMs: 10000, rebalanceTimeoutMs: 10000, memberId: "", groupInstanceId: null, protocolType: "consumer", protocols: [{ name: "range", metadata: Buffer.alloc(0) }], reason: null }],
    code: (r) => r.errorCode,
    allowed: 79,
    denied: 30,
  },
  {
    api: "OffsetCommit: READ on the group and the topic",
    acls: [acl("GROUP", "order", "READ"), acl("TOPIC", "orders", "READ")],
    request: [ApiKey.OffsetCommit, 8, { groupId: "order", generationIdOrMemberEpoch: -1, memberId: "", groupInstanceId: null, topics: [{ name: "orders", partitions: [{ partitionIndex: 0, committedOffset: 0, committedLeaderEpoch: -1, committedMetadata: null }] }] }],
    code: (r) => r.topics[0].partitions[0].errorCode,
    allowed: 0,
    denied: 30,
  },
  {
    api: "OffsetFetch: DESCRIBE on the group",
    acls: [acl("GROUP", "order", "DESCRIBE")],
    request: [ApiKey.OffsetFetch, 7, { groupId: "order", topics: null, requireStable: false }],
    code: (r) => r.errorCode,
    allowed: 0,
    denied: 30,
  },
  {
    api: "FindCoordinator: DESCRIBE on the group",
    acls: [acl("GROUP", "order", "DESCRIBE")],
    request: [ApiKey.FindCoordinator, 4, { keyType: 0, coordinatorKeys: ["order"] }],
    code: (r) => r.coordinators[0].errorCode,
    allowed: 0,
    denied: 30,
  },
  {
    api: "DescribeGroups: DESCRIBE on the group",
    acls: [acl("GROUP", "order", "DESCRIBE")],
    request: [ApiKey.DescribeGroups, 5, { groups: ["order"], includeAuthorizedOperations: true }],
    code: (r) => r.groups[0].errorCode,
    allowed: 0,
    denied: 30,
  },
  {
    api: "DeleteGroups: DELETE on the group",
    acls: [acl("GROUP", "order", "DELETE")],
    request: [ApiKey.DeleteGroups, 2, { groupsNames: ["order"] }],
    code: (r) => r.results[0].errorCode,
    allowed: 69,
    denied: 30,
  },
  {
    api: "CreateTopics: CREATE on the topic",
    acls: [acl("TOPIC", "new-topic", "CREATE")],
    request: [ApiKey.CreateTopics, 7, { topics: [{ name: "new-topic", numPartitions: 1, replicationFactor: -1, assignments: [], configs: [] }], timeoutMs: 5000, validateOnly: false }],
    code: (r) => r.topics[0].errorCode,
    allowed: 0,
    denied: 29,
  },
  {
    api: "CreateTopics: CREATE on the cluster",
    acls: [acl("CLUSTER", "kafka-cluster", "CREATE")],
    request: [ApiKey.CreateTopics, 7, { topics: [{ name: "any-topic", numPartitions: 1, replicationFactor: -1, assignments: [], configs: [] }], timeoutMs: 5000, validateOnly: false }],
    code: (r) => r.topics[0].errorCode,
    allowed: 0,
    denied: 29,
  },
  {
    api: "CreatePartitions: ALTER on the topic",
    acls: [acl("TOPIC", "orders", "ALTER")],
    request: [ApiKey.CreatePartitions, 3, { topics: [{ name: "orders", count: 2, assignments: null }], timeoutMs: 5000, validateOnly: false }],
    code: (r) => r.results[0].errorCode,
    allowed: 0,
    denied: 29,
  },
  {
    api: "DeleteTopics: DELETE on the topic",
    acls: [acl("TOPIC", "orders", "DELETE")],
    request: [ApiKey.DeleteTopics, 6, { topics: [{ name: "orders", topicId: "AAAAAAAAAAAAAAAAAAAAAA" }], timeoutMs: 5000 }],
    code: (r) => r.responses[0].errorCode,
    allowed: 0,
    denied: 29,
  },
  {
    api: "DeleteRecords: DELETE on the topic",
    acls: [acl("TOPIC", "orders", "DELETE")],
    request: [ApiKey.DeleteRecords, 2, { topics: [{ name: "orders", partitions: [{ partitionIndex: 0, offset: 0 }] }], timeoutMs: 5000 }],
    code: (r) => r.topics[0].partitions[0].errorCode,
    allowed: 0,
    denied: 29,
  },
  {
    api: "DescribeConfigs of a topic: DESCRIBE_CONFIGS on it (implied by ALTER_CONFIGS)",
    acls: [acl("TOPIC", "orders", "ALTER_CONFIGS")],
    request: [ApiKey.DescribeConfigs, 4, { resources: [{ resourceType: TOPIC, resourceName: "orders", configurationKeys: null }], includeSynonyms: false, includeDocumentation: false }],
    code: (r) => r.results[0].errorCode,
    allowed: 0,
    denied: 29,
  },
  {
    api: "DescribeConfigs of the broker: DESCRIBE_CONFIGS on the cluster",
    acls: [acl("CLUSTER", "kafka-cluster", "DESCRIBE_CONFIGS")],
    request: [ApiKey.DescribeConfigs, 4, { resources: [{ resourceType: BROKER_RESOURCE, resourceName: "0", configurationKeys: null }], includeSynonyms: false, includeDocumentation: false }],
    code: (r) => r.results[0].errorCode,
    allowed: 0,
    denied: 31,
  },
  {
    api: "IncrementalAlterConfigs of a topic: ALTER_CONFIGS on it",
    acls: [acl("TOPIC", "orders", "ALTER_CONFIGS")],
    request: [ApiKey.IncrementalAlterConfigs, 1, { resources: [{ resourceType: TOPIC, resourceName: "orders", configs: [{ name: "retention.ms", configOperation: 0, value: "60000" }] }], validateOnly: false }],
    code: (r) => r.responses[0].errorCode,
    allowed: 0,
    denied: 29,
  },
  {
    api: "InitProducerId: IDEMPOTENT_WRITE on the cluster",
    acls: [acl("CLUSTER", "kafka-cluster", "IDEMPOTENT_WRITE")],
    request: [ApiKey.InitProducerId, 4, { transactionalId: null, transactionTimeoutMs: 60000, producerId: -1, producerEpoch: -1 }],
    code: (r) => r.errorCode,
    allowed: 0,
    denied: 31,
  },
  {
    api: "InitProducerId: or WRITE on any topic",
    acls: [acl("TOPIC", "orders", "WRITE")],
    request: [ApiKey.InitProducerId, 4, { transactionalId: null, transactionTimeoutMs: 60000, producerId: -1, producerEpoch: -1 }],
    code: (r) => r.errorCode,
    allowed: 0,
    denied: 31,
  },
  {
    api: "InitProducerId with a transactional id: WRITE on the transactional id",
    acls: [acl("TRANSACTIONAL_ID", "tx", "WRITE")],
    request: [ApiKey.InitProducerId, 4, { transactionalId: "tx", transactionTimeoutMs: 60000, producerId: -1, producerEpoch: -1 }],
    code: (r) => r.errorCode,
    allowed: 0,
    denied: 53,
  },
  {
    api: "FindCoordinator for a transactional id: DESCRIBE on the transactional id",
    acls: [acl("TRANSACTIONAL_ID", "tx", "DESCRIBE")],
    request: [ApiKey.FindCoordinator, 4, { keyType: 1, coordinatorKeys: ["tx"] }],
    code: (r) => r.coordinators[0].errorCode,
    allowed: 0,
    denied: 53,
  },
  {
    api: "AddPartitionsToTxn: WRITE on the transactional id and the topic",
    acls: [acl("TRANSACTIONAL_ID", "tx", "WRITE"), acl("TOPIC", "orders", "WRITE")],
    request: [ApiKey.AddPartitionsToTxn, 3, { v3AndBelowTransactionalId: "tx", v3AndBelowProducerId: 1000, v3AndBelowProducerEpoch: 0, v3AndBelowTopics: [{ name: "orders", partitions: [0] }], transactions: [] }],
    code: (r) => r.resultsByTopicV3AndBelow[0].resultsByPartition[0].partitionErrorCode,
    allowed: 49,
    denied: 53,
  },
  {
    api: "AddOffsetsToTxn: WRITE on the transactional id, READ on the group",
    acls: [acl("TRANSACTIONAL_ID", "tx", "WRITE"), acl("GROUP", "order", "READ")],
    request: [ApiKey.AddOffsetsToTxn, 3, { transactionalId: "tx", producerId: 1000, producerEpoch: 0, groupId: "order" }],
    code: (r) => r.errorCode,
    allowed: 49,
    denied: 53,
  },
  {
    api: "EndTxn: WRITE on the transactional id",
    acls: [acl("TRANSACTIONAL_ID", "tx", "WRITE")],
    request: [ApiKey.EndTxn, 3, { transactionalId: "tx", producerId: 1000, producerEpoch: 0, committed: true }],
    code: (r) => r.errorCode,
    allowed: 49,
    denied: 53,
  },
  {
    api: "WriteTxnMarkers: CLUSTER_ACTION on the cluster",
    acls: [acl("CLUSTER", "kafka-cluster", "CLUSTER_ACTION")],
    request: [ApiKey.WriteTxnMarkers, 1, { markers: [{ producerId: 1000, producerEpoch: 0, transactionResult: false, coordinatorEpoch: 0, topics: [{ name: "orders", partitionIndexes: [0] }] }] }],
    code: (r) => r.markers[0].topics[0].partitions[0].errorCode,
    allowed: 0,
    denied: 31,
  },
  {
    api: "DescribeProducers: READ on the topic",
    acls: [acl("TOPIC", "orders", "READ")],
    request: [ApiKey.DescribeProducers, 0, { topics: [{ name: "orders", partitionIndexes: [0] }] }],
    code: (r) => r.topics[0].partitions[0].errorCode,
    allowed: 0,
    denied: 29,
  },
  {
    api: "DescribeTransactions: DESCRIBE on the transactional id",
    acls: [acl("TRANSACTIONAL_ID", "tx", "DESCRIBE")],
    request: [ApiKey.DescribeTransactions, 0, { transactionalIds: ["tx"] }],
    code: (r) => r.transactionStates[0].errorCode,
    allowed: 105,
    denied: 53,
  },
  {
    api: "DescribeLogDirs: DESCRIBE on the cluster",
    acls: [acl("CLUSTER", "kafka-cluster", "DESCRIBE")],
    request: [ApiKey.DescribeLogDirs, 4, { topics: null }],
    code: (r) => r.errorCode,
    allowed: 0,
    denied: 31,
  },
  {
    api: "DescribeAcls: DESCRIBE on the cluster",
    acls: [acl("CLUSTER", "kafka-cluster", "DESCRIBE")],
    request: [ApiKey.DescribeAcls, 3, { resourceTypeFilter: 1, resourceNameFilter: null, patternTypeFilter: 1, principalFilter: null, hostFilter: null, operation: 1, permissionType: 1 }],
    code: (r) => r.errorCode,
    allowed: 0,
    denied: 31,
  },
  {
    api: "CreateAcls: ALTER on the cluster",
    acls: [acl("CLUSTER", "kafka-cluster", "ALTER")],
    request: [ApiKey.CreateAcls, 3, { creations: [{ resourceType: 2, resourceName: "x", resourcePatternType: 3, principal: "User:carol", host: "*", operation: 3, permissionType: 3 }] }],
    code: (r) => r.results[0].errorCode,
    allowed: 0,
    denied: 31,
  },
  {
    api: "DescribeClientQuotas: DESCRIBE_CONFIGS on the cluster",
    acls: [acl("CLUSTER", "kafka-cluster", "DESCRIBE_CONFIGS")],
    request: [ApiKey.DescribeClientQuotas, 1, { components: [], strict: false }],
    code: (r) => r.errorCode,
    allowed: 0,
    denied: 31,
  },
  {
    api: "AlterUserScramCredentials: ALTER on the cluster",
    acls: [acl("CLUSTER", "kafka-cluster", "ALTER")],
    request: [ApiKey.AlterUserScramCredentials, 0, { deletions: [], upsertions: [{ name: "carol", mechanism: 1, iterations: 4096, salt: Buffer.from("salt"), saltedPassword: Buffer.alloc(32, 7) }] }],
    code: (r) => r.results[0].errorCode,
    allowed: 0,
    denied: 31,
  },
];

async function auditEvents(r: RunningListener): Promise<AuditEvent[]> {
  await r.security!.audit!.flush();
  const events: AuditEvent[] = [];
  for (let offset = 0; offset < r.broker.partitionOffsets(AuditLog.TOPIC, 0).logEndOffset; ) {
    const { records: batch, nextOffset } = await r.broker.fetch(AuditLog.TOPIC, 0, offset);
    events.push(...batch.map((rec) => JSON.parse(rec.value!.toString()) as AuditEvent));
    offset = nextOffset;
  }
  return events;
}

describe("every API authorizes as Kafka's KafkaApis does", () => {
  const start = useKafkaListener();
  let r: RunningListener;
  const connectAs = async (user: string) => {
    const client = await WireClient.connect(r.portOf("SASL_PLAINTEXT"));
    expect(await client.saslPlain(user, `${user}-pw`)).toMatchObject({ errorCode: 0 });
    return client;
  };

  beforeEach(async () => {
    r = await start({ brokerConfig: BROKER, security: true, useListenerConfigs: true });
    for (const user of ["admin", "alice", "bob"]) await r.addUser(user, `${user}-pw`);
    await r.broker.createTopic({ name: "orders", partitions: 1 });
  });

  for (const c of CASES) {
    it(c.api, async () => {
      expect(await r.security!.authorizer!.createAcls(c.acls)).toEqual(c.acls.map(() => null));
      const bob = await connectAs("bob");
      expect(c.code(await bob.request(...c.request))).toBe(c.denied);
      const alice = await connectAs("alice");
      expect(c.code(await alice.request(...c.request))).toBe(c.allowed);
      const denials = (await auditEvents(r)).filter((e) => e.outcome === "denied");
      expect(denials.length).toBeGreaterThan(0);
      expect(denials.every((e) => e.principal === "User:bob" && e.surface === "wire")).toBe(true);
    });
  }

  it("Metadata lists only the topics the principal may describe, and DescribeTopicPartitions too", async () => {
    await r.broker.createTopic({ name: "secret", partitions: 1 });
    await r.security!.authorizer!.createAcls([acl("TOPIC", "orders", "READ")]);
    const alice = await connectAs("alice");
    const listed = await alice.request(ApiKey.Metadata, 12, { topics: null, allowAutoTopicCreation: false, includeTopicAuthorizedOperations: true });
    expect(listed.topics.map((t: { name: string }) => t.name)).toEqual(["orders"]);
    // READ implies DESCRIBE: bits 3 (READ) and 8 (DESCRIBE).
    expect(listed.topics[0].topicAuthorizedOperations).toBe((1 << 3) | (1 << 8));
    const described = await alice.request(ApiKey.DescribeTopicPartitions, 0, { topics: [], responsePartitionLimit: 100, cursor: null });
    expect(described.topics.map((t: { name: string }) => t.name)).toEqual(["orders"]);
    const bob = await connectAs("bob");
    expect((await bob.request(ApiKey.Metadata, 12, { topics: null, allowAutoTopicCreation: false, includeTopicAuthorizedOperations: false })).topics).toEqual([]);
    const admin = await connectAs("admin");
    expect((await admin.request(ApiKey.Metadata, 12, { topics: null, allowAutoTopicCreation: false, includeTopicAuthorizedOperations: false })).topics.map((t: { name: string }) => t.name).sort()).toEqual(
      ["__consumer_offsets", "_skein_audit", "orders", "secret"],
    );
  });

  it("ListGroups shows every group to DESCRIBE on the cluster, otherwise the groups the principal may describe", async () => {
    for (const group of ["order", "billing"]) {
      await r.groups.commitOffsets({ groupId: group, generationId: -1, memberId: "", groupInstanceId: null, offsets: [{ topic: "orders", partition: 0, offset: 0, leaderEpoch: -1, metadata: null }] });
    }
    await r.security!.authorizer!.createAcls([acl("GROUP", "order", "DESCRIBE")]);
    const alice = await connectAs("alice");
    expect((await alice.request(ApiKey.ListGroups, 4, { statesFilter: [] })).groups.map((g: { groupId: string }) => g.groupId)).toEqual(["order"]);
    const admin = await connectAs("admin");
    expect((await admin.request(ApiKey.ListGroups, 4, { statesFilter: [] })).groups.map((g: { groupId: string }) => g.groupId).sort()).toEqual(["billing", "order"]);
  });

  it("a DENY wins: alice may read every topic except one", async () => {
    await r.broker.createTopic({ name: "payroll", partitions: 1 });
    await r.security!.authorizer!.createAcls([acl("TOPIC", "*", "READ"), { ...acl("TOPIC", "payroll", "READ"), entry: { ...acl("TOPIC", "payroll", "READ").entry, permissionType: "DENY" } }]);
    const alice = await connectAs("alice");
    const fetch = (topic: string) =>
      alice
        .request(ApiKey.Fetch, 12, { replicaId: -1, maxWaitMs: 0, minBytes: 0, maxBytes: 1 << 20, isolationLevel: 0, sessionId: 0, sessionEpoch: -1, topics: [{ topic, partitions: [{ partition: 0, fetchOffset: 0, partitionMaxBytes: 1 << 20 }] }] })
        .then((res) => res.responses[0].partitions[0].errorCode);
    expect(await fetch("orders")).toBe(0);
    expect(await fetch("payroll")).toBe(29);
  });

  it("changes over the wire are audited: topics created and deleted, configs altered", async () => {
    const admin = await connectAs("admin");
    await admin.request(ApiKey.CreateTopics, 7, { topics: [{ name: "audited", numPartitions: 2, replicationFactor: -1, assignments: [], configs: [] }], timeoutMs: 5000, validateOnly: false });
    await admin.request(ApiKey.IncrementalAlterConfigs, 1, { resources: [{ resourceType: TOPIC, resourceName: "audited", configs: [{ name: "retention.ms", configOperation: 0, value: "1000" }] }], validateOnly: false });
    await admin.request(ApiKey.DeleteTopics, 6, { topics: [{ name: "audited", topicId: "AAAAAAAAAAAAAAAAAAAAAA" }], timeoutMs: 5000 });
    const changes = (await auditEvents(r)).filter((e) => e.operation !== "AUTHENTICATE");
    expect(changes.map((e) => [e.principal, e.operation, e.resource?.name, e.outcome, e.request])).toEqual([
      ["User:admin", "CREATE", "audited", "success", "CreateTopics"],
      ["User:admin", "ALTER_CONFIGS", "audited", "success", "IncrementalAlterConfigs"],
      ["User:admin", "DELETE", "audited", "success", "DeleteTopics"],
    ]);
    expect(changes[1]!.detail).toBe("retention.ms=1000");
  });
});
