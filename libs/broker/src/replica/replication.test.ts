import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ApiKey } from "@skein/protocol";
import { NotEnoughReplicasError, NotLeaderOrFollowerError } from "../errors.js";
import { encodeRecordBatch } from "../storage/record-batch.js";
import { startClusterBroker, type ClusterBroker } from "../test-support/cluster-fixture.js";
import { startEtcd, type EtcdTestCluster } from "../test-support/etcd-members.js";
import { useTempDirs } from "../test-support/temp-dir.js";
import { WireClient } from "../test-support/wire-client.js";

const tempDir = useTempDirs();
let etcd: EtcdTestCluster;
let prefixCounter = 0;
const running: ClusterBroker[] = [];

beforeAll(async () => {
  etcd = await startEtcd(1);
}, 60_000);
afterAll(async () => {
  await etcd?.stop();
});
afterEach(async () => {
  await Promise.all(running.splice(0).map((b) => b.stop().catch(() => undefined)));
}, 60_000);

async function startCluster(size: number, config: Record<string, string> = {}): Promise<ClusterBroker[]> {
  const prefix = `/skein-replication-${process.pid}-${++prefixCounter}/`;
  const brokers: ClusterBroker[] = [];
  for (let id = 0; id < size; id++) {
    const b = await startClusterBroker({ id, dataDir: tempDir(), endpoints: etcd.endpoints, prefix, config });
    brokers.push(b);
    running.push(b);
  }
  await until("every broker to see the others", () => brokers.every((b) => b.broker.clusterView!.liveBrokers().length === size) || undefined);
  return brokers;
}

async function until<T>(what: string, check: () => T | undefined | Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const batch = (values: string[], producer?: { id: number; seq: number }) =>
  encodeRecordBatch(
    values.map((v) => ({ key: null, value: Buffer.from(v) })),
    { baseOffset: 0, timestampType: "CreateTime", now: Date.now(), ...(producer ? { producerId: producer.id, producerEpoch: 0, baseSequence: producer.seq } : {}) },
  );

function leaderOf(brokers: ClusterBroker[], topic: string, partition: number): ClusterBroker {
  const leader = brokers[0]!.broker.describeTopic(topic).partitions[partition]!.leader;
  return brokers.find((b) => b.id === leader)!;
}

/** A replica's log on disk: its segment files' bytes, in order (what must be identical on every replica). */
function logBytes(b: ClusterBroker, topic: string, partition: number): Buffer {
  const dir = join(b.dataDir, `${topic}-${partition}`);
  const segments = readdirSync(dir).filter((f) => f.endsWith(".log")).sort();
  return Buffer.concat(segments.map((f) => readFileSync(join(dir, f))));
}

describe("replication", () => {
  it("places replicas as Kafka does and every broker answers for the whole cluster", async () => {
    const brokers = await startCluster(3);
    await brokers[1]!.broker.createTopic({ name: "f9Topic", partitions: 9, replicationFactor: 3 });
    await until("the topic on every broker", () => brokers.every((b) => b.broker.findTopic("f9Topic")?.partitions.length === 9) || undefined);
    const described = brokers[2]!.broker.describeTopic("f9Topic").partitions.map((p) => [p.leader, p.replicas, p.isr]);
    expect(described).toEqual([
      [0, [0, 1, 2], [0, 1, 2]],
      [1, [1, 2, 0], [1, 2, 0]],
      [2, [2, 0, 1], [2, 0, 1]],
      [0, [0, 2, 1], [0, 2, 1]],
      [1, [1, 0, 2], [1, 0, 2]],
      [2, [2, 1, 0], [2, 1, 0]],
      [0, [0, 1, 2], [0, 1, 2]],
      [1, [1, 2, 0], [1, 2, 0]],
      [2, [2, 0, 1], [2, 0, 1]],
    ]);
    const client = await WireClient.connect(brokers[1]!.port);
    try {
      const metadata = await client.request(ApiKey.Metadata, 12, { topics: [{ name: "f9Topic", topicId: "AAAAAAAAAAAAAAAAAAAAAA" }], allowAutoTopicCreation: false, includeTopicAuthorizedOperations: false });
      expect(metadata.brokers.map((b: { nodeId: number; port: number }) => [b.nodeId, b.port])).toEqual(brokers.map((b) => [b.id, b.port]));
      expect(metadata.controllerId).toBe(0);
      expect(metadata.topics[0].partitions.map((p: { leaderId: number }) => p.leaderId)).toEqual([0, 1, 2, 0, 1, 2, 0, 1, 2]);
    } finally {
      client.close();
    }
  });

  it("spreads topic admin over the cluster: a config change, new partitions and a deletion made on one broker reach the others, and their logs follow", async () => {
    const brokers = await startCluster(3);
    await brokers[0]!.broker.createTopic({ name: "admin", partitions: 3, replicationFactor: 2 });
    await until("the topic on every broker", () => brokers.every((b) => b.broker.findTopic("admin")) || undefined);
    await brokers[1]!.broker.alterTopicConfigs("admin", [{ name: "retention.ms", value: "12345" }]);
    await until("the config on every broker", () =>
      brokers.every((b) => b.broker.describeTopicConfigs("admin").find((c) => c.name === "retention.ms")?.value === "12345") || undefined,
    );
    const hosted = (b: ClusterBroker) => readdirSync(b.dataDir).filter((d) => d.startsWith("admin-"));
    // Replication factor 2 over 3 brokers: six replicas, two per broker.
    expect(brokers.map((b) => hosted(b).length)).toEqual([2, 2, 2]);
    // Three more partitions, placed on the brokers the same way and opened where they are hosted.
    await brokers[2]!.broker.createPartitions("admin", 6);
    await until("six partitions on every broker", () => brokers.every((b) => b.broker.findTopic("admin")?.partitions.length === 6 && hosted(b).length === 4) || undefined);
    for (const p of brokers[0]!.broker.describeTopic("admin").partitions) expect(p.replicas).toHaveLength(2);
    await brokers[2]!.broker.deleteTopic("admin");
    await until("the topic gone everywhere", () => brokers.every((b) => !b.broker.findTopic("admin") && hosted(b).length === 0) || undefined);
  });

  it("acknowledges acks=all once every ISR member has the records, byte-identical, and serves consumers below the high watermark", async () => {
    const brokers = await startCluster(3);
    await brokers[0]!.broker.createTopic({ name: "orders", partitions: 1, replicationFactor: 3, configs: { "min.insync.replicas": "2" } });
    const leader = leaderOf(brokers, "orders", 0);
    const follower = brokers.find((b) => b !== leader)!;
    await until("the partition on every broker", () => brokers.every((b) => b.broker.findTopic("orders")) || undefined);
    await expect(follower.broker.appendRecordBatches("orders", 0, batch(["x"]), { acks: -1 })).rejects.toThrow(NotLeaderOrFollowerError);
    for (let i = 0; i < 20; i++) {
      const result = await leader.broker.appendRecordBatches("orders", 0, batch([`a${i}`, `b${i}`]), { acks: -1 });
      expect(result.baseOffset).toBe(i * 2);
      // Acknowledged means replicated: the high watermark passed it, and so every ISR member has it.
      for (const b of brokers) expect(b.broker.partitionOffsets("orders", 0).logEndOffset).toBeGreaterThanOrEqual(i * 2 + 2);
    }
    expect(leader.broker.partitionOffsets("orders", 0).highWatermark).toBe(40);
    const reference = logBytes(leader, "orders", 0);
    for (const b of brokers) expect((logBytes(b, "orders", 0)).equals(reference)).toBe(true);
    const fetched = await leader.broker.fetch("orders", 0, 0, { maxRecords: 1000 });
    expect(fetched.records.map((r) => r.value!.toString()).slice(0, 4)).toEqual(["a0", "b0", "a1", "b1"]);
    // Followers learn the high watermark with their next fetch.
    await until("the followers' high watermarks", () => brokers.every((b) => b.broker.partitionOffsets("orders", 0).highWatermark === 40) || undefined);
  });

  it("moves leadership to the next ISR replica on a controlled shutdown, refuses acks=all below min.insync.replicas, and the returning broker catches up", async () => {
    const brokers = await startCluster(3);
    await brokers[0]!.broker.createTopic({ name: "t", partitions: 1, replicationFactor: 3, configs: { "min.insync.replicas": "2" } });
    await until("the partition on every broker", () => brokers.every((b) => b.broker.findTopic("t")) || undefined);
    const first = leaderOf(brokers, "t", 0);
    const replicas = first.broker.describeTopic("t").partitions[0]!.replicas;
    await first.broker.appendRecordBatches("t", 0, batch(["one"]), { acks: -1 });
    await first.stop();
    const rest = brokers.filter((b) => b !== first);
    const next = replicas.find((id) => id !== first.id)!;
    await until("the next ISR replica to lead", () => rest.every((b) => b.broker.describeTopic("t").partitions[0]!.leader === next) || undefined);
    const second = rest.find((b) => b.id === next)!;
    expect(second.broker.describeTopic("t").partitions[0]!.leaderEpoch).toBe(1);
    const acked = await second.broker.appendRecordBatches("t", 0, batch(["two"]), { acks: -1 });
    expect(acked.baseOffset).toBe(1);
    // With the third broker gone too, the ISR shrinks to the leader alone: acks=all is refused, acks=1 is not.
    const third = rest.find((b) => b !== second)!;
    await third.stop();
    await until("the ISR to shrink to the leader", () => second.broker.describeTopic("t").partitions[0]!.isr.length === 1 || undefined);
    await expect(second.broker.appendRecordBatches("t", 0, batch(["three"]), { acks: -1 })).rejects.toThrow(NotEnoughReplicasError);
    await second.broker.appendRecordBatches("t", 0, batch(["three"]), { acks: 1 });
    // The high watermark does not move below min.insync.replicas either.
    expect(second.broker.partitionOffsets("t", 0).highWatermark).toBe(2);

    // The first broker comes back on its data, truncates to the new leader's epoch boundary, catches up and rejoins the ISR.
    const back = await startClusterBroker({ id: first.id, dataDir: first.dataDir, endpoints: etcd.endpoints, prefix: currentPrefix(), config: {} });
    running.push(back);
    await until("the returning broker in the ISR", () => second.broker.describeTopic("t").partitions[0]!.isr.includes(first.id) || undefined);
    expect(second.broker.partitionOffsets("t", 0).highWatermark).toBe(3);
    expect((logBytes(back, "t", 0)).equals(logBytes(second, "t", 0))).toBe(true);
  });

  it("truncates a returning replica's divergent records to where its leader epoch ends on the new leader (KIP-101/279)", async () => {
    const [zero, one] = await startCluster(2);
    await zero!.broker.createTopic({ name: "epochs", partitions: 1, replicationFactor: 2, configs: { "min.insync.replicas": "1", "unclean.leader.election.enable": "true" } });
    await until("the partition on both brokers", () => [zero!, one!].every((b) => b.broker.findTopic("epochs")) || undefined);
    const leader = leaderOf([zero!, one!], "epochs", 0);
    const follower = leader === zero ? one! : zero!;
    await leader.broker.appendRecordBatches("epochs", 0, batch(["a"]), { acks: -1 });
    // The follower leaves; the leader alone takes records the follower never sees (acks=1, leader epoch 0).
    await follower.stop();
    await until("the ISR to shrink to the leader", () => leader.broker.describeTopic("epochs").partitions[0]!.isr.length === 1 || undefined);
    await leader.broker.appendRecordBatches("epochs", 0, batch(["b", "c"]), { acks: 1 });
    expect(leader.broker.partitionOffsets("epochs", 0).logEndOffset).toBe(3);
    await leader.stop();

    // The former follower comes back alone: an unclean election makes it leader of a newer epoch, and it takes "d" at offset 1.
    const newLeader = await startClusterBroker({ id: follower.id, dataDir: follower.dataDir, endpoints: etcd.endpoints, prefix: currentPrefix(), config: {} });
    running.push(newLeader);
    await until("the unclean election", () => newLeader.broker.leadsPartition("epochs", 0) || undefined);
    const newEpoch = newLeader.broker.describeTopic("epochs").partitions[0]!.leaderEpoch;
    expect(newEpoch).toBeGreaterThan(0);
    expect((await newLeader.broker.appendRecordBatches("epochs", 0, batch(["d"]), { acks: 1 })).baseOffset).toBe(1);

    // The old leader returns: epoch 0 ends at offset 1 on the new leader, so "b" and "c" go, and "d" replaces them.
    const back = await startClusterBroker({ id: leader.id, dataDir: leader.dataDir, endpoints: etcd.endpoints, prefix: currentPrefix(), config: {} });
    running.push(back);
    await until("the returning broker in the ISR", () => newLeader.broker.describeTopic("epochs").partitions[0]!.isr.includes(leader.id) || undefined);
    expect(back.broker.partitionOffsets("epochs", 0).logEndOffset).toBe(2);
    expect(logBytes(back, "epochs", 0).equals(logBytes(newLeader, "epochs", 0))).toBe(true);
    const values = (await newLeader.broker.fetch("epochs", 0, 0, { maxRecords: 10 })).records.map((r) => r.value!.toString());
    expect(values).toEqual(["a", "d"]);
    // Both replicas record the same epochs: 0 from offset 0, the new leader's from offset 1.
    const checkpoint = (b: ClusterBroker) => readFileSync(join(b.dataDir, "epochs-0", "leader-epoch-checkpoint"), "utf8");
    expect(checkpoint(back)).toBe(checkpoint(newLeader));
    expect(checkpoint(back).trim().split("\n").slice(2)).toEqual(["0 0", `${newEpoch} 1`]);
  });

  it("gives leaderships back to the preferred replica: automatically, and with ElectLeaders on the controller only", async () => {
    const brokers = await startCluster(2, { "leader.imbalance.check.interval.seconds": "1" });
    await brokers[0]!.broker.createTopic({ name: "pref", partitions: 2, replicationFactor: 2 });
    await until("the partitions on both brokers", () => brokers.every((b) => b.broker.findTopic("pref")) || undefined);
    const [zero, one] = brokers as [ClusterBroker, ClusterBroker];
    expect(zero.broker.describeTopic("pref").partitions.map((p) => p.leader)).toEqual([0, 1]);
    await one.stop();
    await until("broker 0 to lead both", () => zero.broker.describeTopic("pref").partitions.every((p) => p.leader === 0) || undefined);
    const back = await startClusterBroker({ id: 1, dataDir: one.dataDir, endpoints: etcd.endpoints, prefix: currentPrefix(), config: { "leader.imbalance.check.interval.seconds": "1" } });
    running.push(back);
    await until("the preferred leaders again", () => zero.broker.describeTopic("pref").partitions.map((p) => p.leader).join() === "0,1" || undefined);

    // ElectLeaders: broker 0 is the controller; broker 1 answers NOT_CONTROLLER.
    expect(zero.broker.clusterView!.controllerId()).toBe(0);
    const notController = await WireClient.connect(back.port);
    const toController = await WireClient.connect(zero.port);
    try {
      const refused = await notController.request(ApiKey.ElectLeaders, 2, { electionType: 0, topicPartitions: [{ topic: "pref", partitions: [0] }], timeoutMs: 5000 });
      expect(refused.errorCode).toBe(41);
      const answered = await toController.request(ApiKey.ElectLeaders, 2, { electionType: 0, topicPartitions: [{ topic: "pref", partitions: [0, 1, 7] }], timeoutMs: 5000 });
      expect(answered.errorCode).toBe(0);
      expect(answered.replicaElectionResults[0].partitionResult.map((p: { partitionId: number; errorCode: number }) => [p.partitionId, p.errorCode])).toEqual([
        [0, 84],
        [1, 84],
        [7, 3],
      ]);
    } finally {
      notController.close();
      toController.close();
    }
  });
});

function currentPrefix(): string {
  return `/skein-replication-${process.pid}-${prefixCounter}/`;
}
