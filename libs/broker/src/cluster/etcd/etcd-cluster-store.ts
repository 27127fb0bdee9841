import { ExponentialBackoff } from "cockatiel";
import { Etcd3, type IKeyValue, type Lease, type Watcher } from "etcd3";
import { TopicAlreadyExistsError } from "../../errors.js";
import {
  StaleMetadataError,
  type BrokerRegistration,
  type BrokerSession,
  type ClusterChange,
  type ClusterMetadataStore,
  type ClusterSnapshot,
  type ControllerFence,
  type ControllerRegistration,
  type PartitionRegistration,
  type VersionedPartition,
} from "../cluster-metadata-store.js";
import type { ClusterMetadata, TopicMetadata } from "../metadata-store.js";
import { applyChange } from "../cluster-snapshot.js";
import { etcdKeys, parseEtcdKey, type EtcdKeys } from "./etcd-keys.js";

export interface EtcdClusterStoreOptions {
  /** etcd's client URLs, e.g. `http://127.0.0.1:2379`. */
  endpoints: string[];
  /** The key prefix that holds this cluster's metadata; `/skein/` by default. */
  prefix?: string;
  /** Per-call deadline for etcd requests, so a partitioned broker's calls fail instead of hanging. */
  requestTimeoutMs?: number;
}

/**
 * The cluster's metadata in etcd. Every broker registers under its own lease; the controller is elected by a
 * transaction that creates the `controller` key (under the winner's lease) and raises `controller_epoch` at once, and
 * every controller write compares both, so a controller whose lease expired — paused, partitioned — cannot write,
 * whatever it believes (etcd's lock alone would not fence it). Leader/ISR changes compare the partition key's
 * revision, Kafka's partition epoch. Brokers follow the keys with a watch from their last applied revision and
 * re-list when etcd has compacted past it.
 */
export class EtcdClusterStore implements ClusterMetadataStore {
  private readonly client: Etcd3;
  private readonly keys: EtcdKeys;
  private readonly leases = new Set<Lease>();
  /** Each session's lease id, for the writes made under it. */
  private readonly sessionLeases = new WeakMap<BrokerSession, string>();
  private readonly watchers = new Set<() => Promise<void>>();

  constructor(options: EtcdClusterStoreOptions) {
    const timeoutMs = options.requestTimeoutMs ?? 5000;
    this.client = new Etcd3({
      hosts: options.endpoints,
      dialTimeout: timeoutMs,
      // Unary calls get a deadline (a partitioned broker's writes fail instead of hanging); watches and keepalives are streams.
      defaultCallOptions: (context) => (context.isStream ? {} : { deadline: Date.now() + timeoutMs }),
      // A watch whose stream broke (an etcd member died) reconnects within a second or two, not Cockatiel's 30 s.
      faultHandling: { watchBackoff: new ExponentialBackoff({ initialDelay: 100, maxDelay: 2000 }).next() },
    });
    this.keys = etcdKeys(options.prefix ?? "/skein/");
  }

  // ---- MetadataStore (topic admin) ----

  async load(): Promise<ClusterMetadata> {
    const snapshot = await this.snapshot();
    return { clusterId: snapshot.clusterId, topics: [...snapshot.topics.values()], brokerConfigs: snapshot.brokerConfigs };
  }

  /** Records the cluster id once: the first broker's id wins, and a different one is refused. */
  async saveClusterId(clusterId: string): Promise<void> {
    const key = this.keys.clusterId;
    const result = await this.client.if(key, "Version", "==", 0).then(this.client.put(key).value(clusterId)).else(this.client.get(key)).commit();
    if (result.succeeded) return;
    const stored = result.responses[0]?.response_range?.kvs[0]?.value.toString();
    if (stored !== clusterId) throw new StaleMetadataError(`The cluster id in etcd is ${stored}, not ${clusterId}.`);
  }

  async saveTopic(topic: TopicMetadata): Promise<void> {
    await this.client.put(this.keys.topic(topic.name)).value(JSON.stringify(topic)).exec();
  }

  async deleteTopic(name: string): Promise<void> {
    await this.client.delete().key(this.keys.topic(name)).exec();
    await this.client.delete().prefix(this.keys.partitionsOf(name)).exec();
  }

  async saveBrokerConfigs(configs: Record<string, string>): Promise<void> {
    await this.client.put(this.keys.brokerConfigs).value(JSON.stringify(configs)).exec();
  }

  // ---- the cluster ----

  async snapshot(): Promise<ClusterSnapshot> {
    const response = await this.client.getAll().prefix(this.keys.root).exec();
    const snapshot: ClusterSnapshot = {
      revision: Number(response.header.revision),
      clusterId: null,
      brokers: new Map(),
      controller: null,
      topics: new Map(),
      partitions: new Map(),
      partitionVersions: new Map(),
      brokerConfigs: {},
    };
    for (const kv of response.kvs) {
      const change = this.changeOf(kv, false, Number(kv.mod_revision));
      if (change !== null) applyChange(snapshot, change);
      else if (kv.key.toString() === this.keys.clusterId) snapshot.clusterId = kv.value.toString();
    }
    return snapshot;
  }

  watch(fromRevision: number, listener: (change: ClusterChange) => void): () => Promise<void> {
    let stopped = false;
    let current: Watcher | null = null;
    const start = async (revision: number): Promise<void> => {
      if (stopped) return;
      const watcher = await this.client.watch().prefix(this.keys.root).startRevision(String(revision + 1)).create();
      if (stopped) {
        await watcher.cancel();
        return;
      }
      current = watcher;
      watcher.on("data", (response) => {
        const at = Number(response.header.revision);
        for (const event of response.events) {
          const change = this.changeOf(event.kv, event.type === "Delete", Number(event.kv.mod_revision) || at);
          if (change !== null) listener(change);
        }
      });
      // A watch that etcd cancels (it compacted past our revision) is gone already; it starts again from a fresh list.
      watcher.on("error", () => {
        if (current === watcher) current = null;
        void relist();
      });
    };
    const relist = async (): Promise<void> => {
      for (;;) {
        if (stopped) return;
        try {
          const snapshot = await this.snapshot();
          listener({ kind: "reset", revision: snapshot.revision, snapshot });
          await start(snapshot.revision);
          return;
        } catch {
          await sleep(500);
        }
      }
    };
    const first = start(fromRevision).catch(() => relist());
    const stop = async () => {
      stopped = true;
      this.watchers.delete(stop);
      await first;
      await (current as Watcher | null)?.cancel().catch(() => undefined);
    };
    this.watchers.add(stop);
    return stop;
  }

  async registerBroker(registration: BrokerRegistration, ttlMs: number): Promise<BrokerSession> {
    const ttlSeconds = Math.max(1, Math.ceil(ttlMs / 1000));
    const lease = this.client.lease(ttlSeconds);
    let lastRenewal = Date.now();
    const leaseId = await lease.grant();
    const key = this.keys.broker(registration.brokerId);
    const result = await this.client.if(key, "Version", "==", 0).then(this.client.put(key).value(JSON.stringify(registration)).lease(leaseId)).commit();
    if (!result.succeeded) {
      await lease.revoke().catch(() => undefined);
      throw new StaleMetadataError(`Broker ${registration.brokerId} is already registered by a live process (or its previous session has not expired yet).`);
    }
    this.leases.add(lease);
    lease.on("keepaliveSucceeded", () => (lastRenewal = Date.now()));
    const lost = new Promise<Error>((resolve) => lease.on("lost", (err) => resolve(err)));
    const session: BrokerSession = {
      brokerId: registration.brokerId,
      lost,
      isCurrent: () => !lease.revoked() && Date.now() - lastRenewal < ttlSeconds * 1000,
      update: async (next) => {
        await this.client.put(key).value(JSON.stringify(next)).lease(leaseId).exec();
      },
      close: async () => {
        this.leases.delete(lease);
        await lease.revoke().catch(() => undefined);
      },
    };
    this.sessionLeases.set(session, leaseId);
    return session;
  }

  async campaign(session: BrokerSession): Promise<ControllerFence | null> {
    const leaseId = this.sessionLeases.get(session);
    if (leaseId === undefined) throw new Error("campaign needs a session from this store's registerBroker");
    const epochKv = (await this.client.get(this.keys.controllerEpoch).exec()).kvs[0];
    const previous = epochKv ? Number(epochKv.value.toString()) : 0;
    const epoch = previous + 1;
    const controller: ControllerRegistration = { brokerId: session.brokerId, epoch };
    const result = await this.client
      .if(this.keys.controller, "Version", "==", 0)
      .and(this.keys.controllerEpoch, "Mod", "==", epochKv ? Number(epochKv.mod_revision) : 0)
      .then(this.client.put(this.keys.controller).value(JSON.stringify(controller)).lease(leaseId), this.client.put(this.keys.controllerEpoch).value(String(epoch)))
      .commit();
    return result.succeeded ? { brokerId: session.brokerId, epoch } : null;
  }

  async resign(fence: ControllerFence): Promise<void> {
    await this.fenced(fence).then(this.client.delete().key(this.keys.controller)).commit();
  }

  async partition(topic: string, partition: number): Promise<VersionedPartition | null> {
    const kv = (await this.client.get(this.keys.partition(topic, partition)).exec()).kvs[0];
    return kv ? { registration: JSON.parse(kv.value.toString()) as PartitionRegistration, version: Number(kv.mod_revision) } : null;
  }

  async createTopic(topic: TopicMetadata, partitions: PartitionRegistration[], fence?: ControllerFence): Promise<void> {
    const key = this.keys.topic(topic.name);
    const txn = fence ? this.fenced(fence).and(key, "Version", "==", 0) : this.client.if(key, "Version", "==", 0);
    const result = await txn
      .then(this.client.put(key).value(JSON.stringify(topic)), ...partitions.map((p, i) => this.client.put(this.keys.partition(topic.name, i)).value(JSON.stringify(p))))
      .else(this.client.get(key))
      .commit();
    if (result.succeeded) return;
    if (result.responses[0]?.response_range?.kvs.length) throw new TopicAlreadyExistsError(`Topic '${topic.name}' already exists.`);
    throw new StaleMetadataError(`Controller epoch ${fence!.epoch} was superseded: topic ${topic.name} was not created.`);
  }

  async addPartitions(expected: TopicMetadata, topic: TopicMetadata, added: Map<number, PartitionRegistration>): Promise<void> {
    const key = this.keys.topic(topic.name);
    const puts = [...added].map(([p, registration]) => this.client.put(this.keys.partition(topic.name, p)).value(JSON.stringify(registration)));
    const result = await this.client.if(key, "Value", "==", JSON.stringify(expected)).then(this.client.put(key).value(JSON.stringify(topic)), ...puts).commit();
    if (!result.succeeded) throw new StaleMetadataError(`Topic ${topic.name} changed meanwhile: its partitions were not added.`);
  }

  async alterPartition(topic: string, partition: number, expectedVersion: number, next: PartitionRegistration, fence?: ControllerFence): Promise<number> {
    const key = this.keys.partition(topic, partition);
    const txn = fence ? this.fenced(fence).and(key, "Mod", "==", expectedVersion) : this.client.if(key, "Mod", "==", expectedVersion);
    const result = await txn.then(this.client.put(key).value(JSON.stringify(next))).commit();
    if (!result.succeeded) {
      throw new StaleMetadataError(
        fence
          ? `${topic}-${partition} changed since version ${expectedVersion}, or controller epoch ${fence.epoch} was superseded.`
          : `${topic}-${partition} changed since version ${expectedVersion}.`,
      );
    }
    return Number(result.header.revision);
  }

  async close(): Promise<void> {
    await Promise.all([...this.watchers].map((stop) => stop()));
    await Promise.all([...this.leases].map((lease) => lease.revoke().catch(() => undefined)));
    this.leases.clear();
    this.client.close();
  }

  /** A transaction that succeeds only while `fence`'s controller still holds office. */
  private fenced(fence: ControllerFence) {
    return this.client.if(this.keys.controller, "Version", ">", 0).and(this.keys.controllerEpoch, "Value", "==", String(fence.epoch));
  }

  /** The typed change a key's put or delete means, or null for keys that carry no change (the cluster id). */
  private changeOf(kv: IKeyValue, deleted: boolean, revision: number): ClusterChange | null {
    const parsed = parseEtcdKey(this.keys, kv.key.toString());
    if (parsed === null) return null;
    const value = () => JSON.parse(kv.value.toString()) as unknown;
    switch (parsed.kind) {
      case "broker":
        return { kind: "broker", revision, brokerId: parsed.brokerId, registration: deleted ? null : (value() as BrokerRegistration) };
      case "controller":
        return { kind: "controller", revision, controller: deleted ? null : (value() as ControllerRegistration) };
      case "topic":
        return { kind: "topic", revision, name: parsed.name, topic: deleted ? null : (value() as TopicMetadata) };
      case "partition":
        return { kind: "partition", revision, topic: parsed.topic, partition: parsed.partition, registration: deleted ? null : (value() as PartitionRegistration) };
      case "brokerConfigs":
        return { kind: "brokerConfigs", revision, configs: deleted ? {} : (value() as Record<string, string>) };
    }
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
