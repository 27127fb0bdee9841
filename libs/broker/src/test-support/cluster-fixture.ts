import { Broker } from "../broker.js";
import { EtcdClusterStore } from "../cluster/etcd/etcd-cluster-store.js";
import { GroupCoordinator } from "../group/group-coordinator.js";
import { KafkaListener } from "../server/kafka-listener.js";
import { freePort } from "./etcd-members.js";

/** One broker of an in-process test cluster: the engine, its group coordinator and its Kafka listener. */
export interface ClusterBroker {
  id: number;
  dataDir: string;
  port: number;
  broker: Broker;
  groups: GroupCoordinator;
  listener: KafkaListener;
  /** Stops the broker with a controlled shutdown (its leaderships move first). */
  stop(): Promise<void>;
}

/** Broker settings that make failures show within seconds in tests. */
export const FAST_CLUSTER_CONFIG: Record<string, string> = {
  "broker.session.timeout.ms": "2000",
  "replica.lag.time.max.ms": "3000",
  "replica.fetch.wait.max.ms": "200",
  "replica.fetch.backoff.ms": "200",
  "replica.socket.timeout.ms": "3000",
  "group.initial.rebalance.delay.ms": "0",
  "offsets.topic.num.partitions": "3",
  // The in-process tests start brokers one after the other: the first one creates __consumer_offsets at once.
  "offsets.topic.replication.factor": "1",
};

/**
 * Starts broker `id` of a cluster whose metadata lives under `prefix` in etcd at `endpoints`, on `dataDir`, with its
 * Kafka listener on a free loopback port (or `port`), and joins it to the cluster.
 */
export async function startClusterBroker(options: { id: number; dataDir: string; endpoints: string[]; prefix: string; port?: number; config?: Record<string, string> }): Promise<ClusterBroker> {
  const port = options.port ?? (await freePort());
  const store = new EtcdClusterStore({ endpoints: options.endpoints, prefix: options.prefix, requestTimeoutMs: 3000 });
  const broker = await Broker.open({
    dataDir: options.dataDir,
    brokerConfig: { ...FAST_CLUSTER_CONFIG, "broker.id": String(options.id), ...options.config },
    cluster: { store },
  });
  await broker.joinCluster({ host: "127.0.0.1", port });
  const groups = await GroupCoordinator.start(broker);
  const listener = await KafkaListener.start(broker, groups, { host: "127.0.0.1", port, advertisedHost: "127.0.0.1" });
  let stopped = false;
  return {
    id: options.id,
    dataDir: options.dataDir,
    port,
    broker,
    groups,
    listener,
    async stop() {
      if (stopped) return;
      stopped = true;
      // The broker first hands its leaderships over (its listener still serves its followers meanwhile).
      await broker.close();
      await listener.stop(500);
      groups.close();
    },
  };
}
