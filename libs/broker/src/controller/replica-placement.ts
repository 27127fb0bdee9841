import { InvalidReplicationFactorError } from "../errors.js";

/** A broker as placement sees it. */
export interface PlacementBroker {
  brokerId: number;
  rack: string | null;
}

/**
 * Kafka's replica assignment for new partitions (`AdminUtils.assignReplicasToBrokers`): the first replica of each
 * partition goes round-robin over the brokers from `startIndex`, and the followers are shifted by a step that grows
 * every time the partitions wrap around the brokers, so leaders and followers spread evenly. When every broker has a
 * rack, the brokers are first ordered alternating between racks and each partition's replicas land on distinct racks
 * while racks remain (Kafka's rack-aware variant). `startIndex` and `shift` are random in Kafka; callers pass them
 * (0 gives the course's tables: partition 0 on brokers [0, 1, 2]). Returns one replica list per partition,
 * starting at `firstPartition`.
 */
export function assignReplicas(brokers: readonly PlacementBroker[], partitions: number, replicationFactor: number, options: { firstPartition?: number; startIndex?: number; shift?: number } = {}): number[][] {
  if (replicationFactor > brokers.length) {
    throw new InvalidReplicationFactorError(
      `Unable to replicate the partition ${replicationFactor} time(s): The target replication factor of ${replicationFactor} cannot be reached because only ${brokers.length} broker(s) are registered.`,
    );
  }
  const sorted = [...brokers].sort((a, b) => a.brokerId - b.brokerId);
  const rackAware = sorted.length > 0 && sorted.every((b) => b.rack !== null);
  const ordered = rackAware ? alternateRacks(sorted) : sorted.map((b) => b.brokerId);
  const rackOf = new Map(sorted.map((b) => [b.brokerId, b.rack]));
  const n = ordered.length;
  const startIndex = options.startIndex ?? 0;
  let shift = options.shift ?? 0;
  let partitionId = options.firstPartition ?? 0;
  const result: number[][] = [];
  for (let i = 0; i < partitions; i++, partitionId++) {
    if (partitionId > 0 && partitionId % n === 0) shift++;
    const first = (partitionId + startIndex) % n;
    const replicas = [ordered[first]!];
    if (!rackAware) {
      for (let j = 0; j < replicationFactor - 1; j++) replicas.push(ordered[replicaIndex(first, shift, j, n)]!);
    } else {
      const racks = new Set([rackOf.get(ordered[first]!)]);
      const rackCount = new Set(sorted.map((b) => b.rack)).size;
      for (let k = 0; replicas.length < replicationFactor && k < n * 2; k++) {
        const candidate = ordered[replicaIndex(first, shift * rackCount, k, n)]!;
        if (replicas.includes(candidate)) continue;
        // Prefer a rack not used yet; once every rack holds a replica, any broker not yet chosen will do.
        if (racks.size < rackCount && racks.has(rackOf.get(candidate)!)) continue;
        replicas.push(candidate);
        racks.add(rackOf.get(candidate)!);
      }
    }
    result.push(replicas);
  }
  return result;
}

function replicaIndex(first: number, shift: number, j: number, n: number): number {
  if (n === 1) return first;
  return (first + 1 + ((shift + j) % (n - 1))) % n;
}

/** Kafka's `getRackAlternatedBrokerList`: one broker of each rack in turn (racks and brokers in order). */
function alternateRacks(brokers: readonly PlacementBroker[]): number[] {
  const byRack = new Map<string, number[]>();
  for (const b of brokers) {
    const list = byRack.get(b.rack!) ?? [];
    list.push(b.brokerId);
    byRack.set(b.rack!, list);
  }
  const racks = [...byRack.keys()].sort();
  const result: number[] = [];
  for (let round = 0; result.length < brokers.length; round++) {
    for (const rack of racks) {
      const id = byRack.get(rack)![round];
      if (id !== undefined) result.push(id);
    }
  }
  return result;
}
