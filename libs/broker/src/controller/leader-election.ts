import type { PartitionRegistration } from "../cluster/cluster-metadata-store.js";

/**
 * Kafka's PartitionLeaderElectionAlgorithms and the controller's handling of dead brokers, as pure functions:
 * each returns the registration that should replace `current`, or null when nothing changes.
 */

/**
 * After brokers died (or came back): a leader that is gone is replaced by the first live ISR member in replica
 * order (never a replica outside the ISR unless `unclean` allows it, at the risk of losing acknowledged records);
 * dead followers leave the ISR; a leaderless partition gets a leader as soon as an ISR member is alive again. With no
 * candidate the partition is offline (leader -1) and keeps the last ISR, so that member can lead when it returns.
 */
export function electForLiveBrokers(current: PartitionRegistration, live: ReadonlySet<number>, unclean: boolean): PartitionRegistration | null {
  const leaderAlive = current.leader >= 0 && live.has(current.leader);
  if (leaderAlive) {
    const isr = current.isr.filter((id) => live.has(id));
    if (isr.length === current.isr.length) return null;
    return { ...current, isr, partitionEpoch: current.partitionEpoch + 1 };
  }
  const clean = current.replicas.find((id) => current.isr.includes(id) && live.has(id));
  if (clean !== undefined) {
    const isr = current.isr.filter((id) => live.has(id));
    return { ...current, leader: clean, isr, leaderEpoch: current.leaderEpoch + 1, partitionEpoch: current.partitionEpoch + 1 };
  }
  const uncleanLeader = unclean ? current.replicas.find((id) => live.has(id)) : undefined;
  if (uncleanLeader !== undefined) {
    return { ...current, leader: uncleanLeader, isr: [uncleanLeader], leaderEpoch: current.leaderEpoch + 1, partitionEpoch: current.partitionEpoch + 1 };
  }
  if (current.leader === -1) return null;
  const lastIsr = current.isr.length > 0 ? current.isr : [current.leader];
  return { ...current, leader: -1, isr: lastIsr, leaderEpoch: current.leaderEpoch + 1, partitionEpoch: current.partitionEpoch + 1 };
}

/** Preferred-leader election: the first replica leads again when it is alive and in the ISR. */
export function electPreferred(current: PartitionRegistration, live: ReadonlySet<number>): PartitionRegistration | null {
  const preferred = current.replicas[0];
  if (preferred === undefined || preferred === current.leader || !live.has(preferred) || !current.isr.includes(preferred)) return null;
  return { ...current, leader: preferred, leaderEpoch: current.leaderEpoch + 1, partitionEpoch: current.partitionEpoch + 1 };
}

/** Controlled shutdown: leadership moves off `brokerId` to the next live ISR member, and it leaves the ISR. */
export function electAwayFrom(current: PartitionRegistration, brokerId: number, live: ReadonlySet<number>): PartitionRegistration | null {
  if (!current.replicas.includes(brokerId)) return null;
  const others = new Set([...live].filter((id) => id !== brokerId));
  if (current.leader !== brokerId) {
    if (!current.isr.includes(brokerId) || current.isr.length === 1) return null;
    return { ...current, isr: current.isr.filter((id) => id !== brokerId), partitionEpoch: current.partitionEpoch + 1 };
  }
  const next = current.replicas.find((id) => id !== brokerId && current.isr.includes(id) && others.has(id));
  if (next === undefined) return null;
  return { ...current, leader: next, isr: current.isr.filter((id) => id !== brokerId), leaderEpoch: current.leaderEpoch + 1, partitionEpoch: current.partitionEpoch + 1 };
}
