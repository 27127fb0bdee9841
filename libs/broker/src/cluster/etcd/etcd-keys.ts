/** Where each piece of cluster metadata lives in etcd, under one prefix. */
export interface EtcdKeys {
  root: string;
  clusterId: string;
  brokerConfigs: string;
  controller: string;
  controllerEpoch: string;
  broker(id: number): string;
  topic(name: string): string;
  partitionsOf(topic: string): string;
  partition(topic: string, partition: number): string;
}

/** What a key under the prefix names. */
export type ParsedEtcdKey =
  | { kind: "broker"; brokerId: number }
  | { kind: "controller" }
  | { kind: "topic"; name: string }
  | { kind: "partition"; topic: string; partition: number }
  | { kind: "brokerConfigs" };

/** The key layout under `prefix` (which ends with `/`). Topic names never contain `/`, so they end a key safely. */
export function etcdKeys(prefix: string): EtcdKeys {
  const root = prefix.endsWith("/") ? prefix : `${prefix}/`;
  return {
    root,
    clusterId: `${root}cluster_id`,
    brokerConfigs: `${root}broker_configs`,
    controller: `${root}controller`,
    controllerEpoch: `${root}controller_epoch`,
    broker: (id) => `${root}brokers/${id}`,
    topic: (name) => `${root}topics/${name}`,
    partitionsOf: (topic) => `${root}partitions/${topic}/`,
    partition: (topic, partition) => `${root}partitions/${topic}/${partition}`,
  };
}

/** Parses a key of the layout; null for keys that are not a change of their own (the cluster id, the epoch counter). */
export function parseEtcdKey(keys: EtcdKeys, key: string): ParsedEtcdKey | null {
  if (!key.startsWith(keys.root)) return null;
  const rest = key.slice(keys.root.length);
  if (rest === "controller") return { kind: "controller" };
  if (rest === "broker_configs") return { kind: "brokerConfigs" };
  const [kind, ...parts] = rest.split("/");
  if (kind === "brokers" && parts.length === 1) return { kind: "broker", brokerId: Number(parts[0]) };
  if (kind === "topics" && parts.length === 1) return { kind: "topic", name: parts[0]! };
  if (kind === "partitions" && parts.length === 2) return { kind: "partition", topic: parts[0]!, partition: Number(parts[1]) };
  return null;
}
