import { Etcd3 } from "etcd3";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { TopicAlreadyExistsError } from "../../errors.js";
import { runNodeChild } from "../../test-support/child-process.js";
import { startEtcd, type EtcdTestCluster } from "../../test-support/etcd-members.js";
import { StaleMetadataError, type ClusterChange, type PartitionRegistration } from "../cluster-metadata-store.js";
import { applyChange } from "../cluster-snapshot.js";
import type { TopicMetadata } from "../metadata-store.js";
import { EtcdClusterStore } from "./etcd-cluster-store.js";

const here = join(dirname(fileURLToPath(import.meta.url)), "../..");

let etcd: EtcdTestCluster;
const stores: EtcdClusterStore[] = [];
let prefixCounter = 0;
let prefix = "";

beforeAll(async () => {
  etcd = await startEtcd(1);
}, 60_000);
afterAll(async () => {
  await etcd?.stop();
});
afterEach(async () => {
  await Promise.all(stores.splice(0).map((s) => s.close()));
});

/** A store on a prefix of its own, so every test starts from an empty cluster. */
function newStore(samePrefix = false): EtcdClusterStore {
  if (!samePrefix) prefix = `/skein-test-${process.pid}-${++prefixCounter}/`;
  const store = new EtcdClusterStore({ endpoints: etcd.endpoints, prefix });
  stores.push(store);
  return store;
}

const registration = (brokerId: number) => ({ brokerId, host: "127.0.0.1", port: 9092 + brokerId, rack: null, httpUrl: null });
const topic = (name: string, partitions: number): TopicMetadata => ({ name, topicId: `id-${name}`, partitions, replicationFactor: 3, configs: {}, internal: false, createdAt: 1 });
const assignment = (replicas: number[]): PartitionRegistration => ({ replicas, isr: replicas, leader: replicas[0]!, leaderEpoch: 0, partitionEpoch: 0, addingReplicas: [], removingReplicas: [] });

async function until<T>(what: string, check: () => T | undefined | Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe("EtcdClusterStore", () => {
  it("keeps topics, partitions, the cluster id and broker configs, and lists them at one revision", async () => {
    const store = newStore();
    await store.saveClusterId("cluster-a");
    await expect(store.saveClusterId("cluster-b")).rejects.toThrow(StaleMetadataError);
    await store.saveClusterId("cluster-a");
    await store.createTopic(topic("orders", 2), [assignment([0, 1, 2]), assignment([1, 2, 0])]);
    await expect(store.createTopic(topic("orders", 1), [assignment([0])])).rejects.toThrow(TopicAlreadyExistsError);
    await store.saveBrokerConfigs({ "log.retention.ms": "1000" });

    const snapshot = await store.snapshot();
    expect(snapshot.clusterId).toBe("cluster-a");
    expect([...snapshot.topics.keys()]).toEqual(["orders"]);
    expect(snapshot.partitions.get("orders")!.get(1)!.replicas).toEqual([1, 2, 0]);
    expect(snapshot.brokerConfigs).toEqual({ "log.retention.ms": "1000" });
    expect(await store.load()).toEqual({ clusterId: "cluster-a", topics: [topic("orders", 2)], brokerConfigs: { "log.retention.ms": "1000" } });

    await store.deleteTopic("orders");
    const after = await store.snapshot();
    expect(after.topics.size).toBe(0);
    expect(after.partitions.size).toBe(0);
  });

  it("replaces a partition only when its version is unchanged (AlterPartition's compare-and-swap)", async () => {
    const store = newStore();
    await store.createTopic(topic("t", 1), [assignment([0, 1, 2])]);
    const current = (await store.partition("t", 0))!;
    const shrunk = { ...current.registration, isr: [0, 1], partitionEpoch: 1 };
    const version = await store.alterPartition("t", 0, current.version, shrunk);
    expect((await store.partition("t", 0))!).toEqual({ registration: shrunk, version });
    // A second writer that read the old version loses.
    await expect(store.alterPartition("t", 0, current.version, { ...current.registration, isr: [0] })).rejects.toThrow(StaleMetadataError);
    expect((await store.partition("t", 0))!.registration.isr).toEqual([0, 1]);
  });

  it("refuses a second live registration of the same broker id", async () => {
    const store = newStore();
    const session = await store.registerBroker(registration(0), 5000);
    await expect(store.registerBroker(registration(0), 5000)).rejects.toThrow(StaleMetadataError);
    await session.close();
    const again = await store.registerBroker(registration(0), 5000);
    expect(again.isCurrent()).toBe(true);
  });

  it("elects one controller at a time, each with a higher epoch", async () => {
    const a = newStore();
    const b = newStore(true);
    const sessionA = await a.registerBroker(registration(0), 5000);
    const sessionB = await b.registerBroker(registration(1), 5000);
    const [fenceA, fenceB] = await Promise.all([a.campaign(sessionA), b.campaign(sessionB)]);
    const winners = [fenceA, fenceB].filter((f) => f !== null);
    expect(winners).toHaveLength(1);
    expect(winners[0]!.epoch).toBe(1);
    expect((await a.snapshot()).controller).toEqual({ brokerId: winners[0]!.brokerId, epoch: 1 });

    const [winner, loserStore, loserSession] = fenceA ? [a, b, sessionB] : [b, a, sessionA];
    await winner.resign(winners[0]!);
    const next = await loserStore.campaign(loserSession);
    expect(next).toEqual({ brokerId: loserSession.brokerId, epoch: 2 });
  });

  it("fences a controller that lost office: its writes fail even though it still holds its fence", async () => {
    const a = newStore();
    const b = newStore(true);
    const sessionA = await a.registerBroker(registration(0), 5000);
    const stale = (await a.campaign(sessionA))!;
    await a.createTopic(topic("t", 1), [assignment([0, 1])], stale);
    const version = (await a.partition("t", 0))!.version;

    // A's session ends (as when its lease expires): the controller key goes with it.
    await sessionA.close();
    await expect(a.alterPartition("t", 0, version, { ...assignment([0, 1]), leader: 1, leaderEpoch: 1 }, stale)).rejects.toThrow(StaleMetadataError);

    const sessionB = await b.registerBroker(registration(1), 5000);
    const current = (await b.campaign(sessionB))!;
    expect(current.epoch).toBe(stale.epoch + 1);
    await expect(a.alterPartition("t", 0, version, { ...assignment([0, 1]), leader: 0, leaderEpoch: 1 }, stale)).rejects.toThrow(StaleMetadataError);
    await expect(a.createTopic(topic("u", 1), [assignment([0])], stale)).rejects.toThrow(StaleMetadataError);
    await expect(a.resign(stale)).resolves.toBeUndefined();
    expect((await b.snapshot()).controller).toEqual({ brokerId: 1, epoch: current.epoch });

    const newVersion = await b.alterPartition("t", 0, version, { ...assignment([1, 0]), leaderEpoch: 1 }, current);
    expect((await b.partition("t", 0))!.version).toBe(newVersion);
    expect((await b.snapshot()).topics.has("u")).toBe(false);
  });

  it("drops a killed broker's registration and controller role when its lease expires, and watchers see it", async () => {
    const store = newStore();
    const start = await store.snapshot();
    const seen: ClusterChange[] = [];
    const stop = store.watch(start.revision, (change) => seen.push(change));
    const exit = runNodeChild(join(here, "test-support/etcd-register.mjs"), [etcd.endpoints.join(","), prefix, "7", "campaign"], (line, child) => {
      if (line.startsWith("registered")) {
        expect(line).toBe("registered 1");
        child.kill("SIGKILL");
      }
    });
    const ended = await exit;
    expect(ended.signal).toBe("SIGKILL");
    // The registration and the controller appear, then vanish once the 1 s lease runs out without keepalives.
    await until("the broker's registration to expire", () => seen.some((c) => c.kind === "broker" && c.registration === null) || undefined);
    await until("the controller key to expire", () => seen.some((c) => c.kind === "controller" && c.controller === null) || undefined);
    expect(seen.find((c) => c.kind === "broker")).toMatchObject({ kind: "broker", brokerId: 7, registration: registration(7) });
    expect(seen.find((c) => c.kind === "controller")).toMatchObject({ controller: { brokerId: 7, epoch: 1 } });
    const snapshot = await store.snapshot();
    expect(snapshot.brokers.size).toBe(0);
    expect(snapshot.controller).toBeNull();
    // Office is open again, at the next epoch.
    const session = await store.registerBroker(registration(8), 5000);
    expect(await store.campaign(session)).toEqual({ brokerId: 8, epoch: 2 });
    await stop();
  });

  it("watches from a revision and replays every change after it, in order", async () => {
    const store = newStore();
    const writer = newStore(true);
    await writer.createTopic(topic("before", 1), [assignment([0])]);
    const from = (await store.snapshot()).revision;
    await writer.createTopic(topic("after", 1), [assignment([1, 0])]);
    const current = (await writer.partition("after", 0))!;
    await writer.alterPartition("after", 0, current.version, { ...current.registration, isr: [1] });
    await writer.deleteTopic("before");

    const seen: ClusterChange[] = [];
    const stop = store.watch(from, (change) => seen.push(change));
    await until("four changes", () => seen.length >= 5 || undefined);
    expect(seen.map((c) => [c.kind, c.kind === "topic" ? c.name : c.kind === "partition" ? `${c.topic}-${c.partition}` : ""])).toEqual([
      ["topic", "after"],
      ["partition", "after-0"],
      ["partition", "after-0"],
      ["topic", "before"],
      ["partition", "before-0"],
    ]);
    expect(seen.map((c) => c.revision)).toEqual([...seen.map((c) => c.revision)].sort((a, b) => a - b));
    await stop();
  });

  it("re-lists after etcd compacted past the watch's revision, and the snapshot it keeps stays right", async () => {
    const store = newStore();
    const writer = newStore(true);
    const start = await store.snapshot();
    await writer.createTopic(topic("gone", 1), [assignment([0])]);
    await writer.createTopic(topic("kept", 1), [assignment([0])]);
    await writer.deleteTopic("gone");
    const raw = new Etcd3({ hosts: etcd.endpoints });
    try {
      const latest = Number((await raw.get("anything").exec()).header.revision);
      await raw.kv.compact({ revision: String(latest), physical: true });
    } finally {
      raw.close();
    }
    const image = structuredClone(start);
    const seen: ClusterChange[] = [];
    const stop = store.watch(start.revision, (change) => {
      seen.push(change);
      applyChange(image, change);
    });
    await until("a reset", () => seen.some((c) => c.kind === "reset") || undefined);
    expect([...image.topics.keys()]).toEqual(["kept"]);
    // The watch goes on after the re-list.
    await writer.createTopic(topic("later", 1), [assignment([0])]);
    await until("the later topic", () => image.topics.has("later") || undefined);
    await stop();
  });
});
