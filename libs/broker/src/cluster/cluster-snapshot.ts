import type { ClusterChange, ClusterSnapshot } from "./cluster-metadata-store.js";

/** Applies one change to a snapshot (what a watcher of the store keeps up to date). */
export function applyChange(snapshot: ClusterSnapshot, change: ClusterChange): void {
  snapshot.revision = Math.max(snapshot.revision, change.revision);
  switch (change.kind) {
    case "broker":
      if (change.registration) snapshot.brokers.set(change.brokerId, change.registration);
      else snapshot.brokers.delete(change.brokerId);
      break;
    case "controller":
      snapshot.controller = change.controller;
      break;
    case "topic":
      if (change.topic) snapshot.topics.set(change.name, change.topic);
      else snapshot.topics.delete(change.name);
      break;
    case "partition": {
      let partitions = snapshot.partitions.get(change.topic);
      if (!partitions) snapshot.partitions.set(change.topic, (partitions = new Map()));
      if (change.registration) {
        partitions.set(change.partition, change.registration);
        snapshot.partitionVersions.set(partitionKey(change.topic, change.partition), change.revision);
      } else {
        partitions.delete(change.partition);
        snapshot.partitionVersions.delete(partitionKey(change.topic, change.partition));
        if (partitions.size === 0) snapshot.partitions.delete(change.topic);
      }
      break;
    }
    case "brokerConfigs":
      snapshot.brokerConfigs = change.configs;
      break;
    case "reset":
      Object.assign(snapshot, change.snapshot);
      break;
  }
}

/** An empty snapshot at revision 0. */
export function emptySnapshot(): ClusterSnapshot {
  return { revision: 0, clusterId: null, brokers: new Map(), controller: null, topics: new Map(), partitions: new Map(), partitionVersions: new Map(), brokerConfigs: {} };
}

/** The key of a partition in `partitionVersions` (topic names never contain `:`). */
export function partitionKey(topic: string, partition: number): string {
  return `${topic}:${partition}`;
}
