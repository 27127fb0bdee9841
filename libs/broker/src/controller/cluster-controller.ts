import type { Logger } from "../broker-types.js";
import {
  ElectionNotNeededError,
  EligibleLeadersNotAvailableError,
  NotControllerError,
  PreferredLeaderNotAvailableError,
  UnknownTopicOrPartitionError,
  type KafkaError,
} from "../errors.js";
import { StaleMetadataError, type ClusterMetadataStore, type ClusterSnapshot, type ControllerFence, type PartitionRegistration } from "../cluster/cluster-metadata-store.js";
import { electAwayFrom, electForLiveBrokers, electPreferred } from "./leader-election.js";

/** What the controller works with. */
export interface ClusterControllerOptions {
  store: ClusterMetadataStore;
  fence: ControllerFence;
  /** The metadata as this broker last applied it. */
  image(): ClusterSnapshot;
  /** `unclean.leader.election.enable` of a topic. */
  uncleanLeaderElection(topic: string): boolean;
  logger: Logger;
}

/** A partition's result of an election on demand (ElectLeaders): null when a leader was elected. */
export interface ElectionResult {
  topic: string;
  partition: number;
  error: KafkaError | null;
}

/** Kafka's election types: the preferred replica, or any live replica for a leaderless partition (unclean). */
export type ElectionType = "preferred" | "unclean";

/**
 * The elected controller's work (Kafka's ReplicationControlManager, reduced to what etcd does not do for it): when
 * brokers die or return, every partition gets a leader from its live ISR (in replica order) and loses its dead
 * followers from the ISR; a broker that announced a controlled shutdown has its leaderships moved first; preferred
 * leaders are restored on demand and periodically. Every write is fenced by the controller's epoch and compares the
 * partition's version, so a deposed controller (or a race with a leader's ISR change) changes nothing.
 */
export class ClusterController {
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;

  constructor(private readonly options: ClusterControllerOptions) {}

  get epoch(): number {
    return this.options.fence.epoch;
  }

  /** Re-examines every partition against the live brokers (after any metadata change); runs are serialized. */
  reconcile(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        await this.reconcileOnce();
      } while (this.again && !this.stopped);
    })().finally(() => (this.running = null));
    return this.running;
  }

  /**
   * Kafka's ElectLeaders on the controller: for the given partitions (every partition when null, reporting only
   * those that needed an election), the preferred replica when it is alive and in the ISR, or — unclean — any live
   * replica of a partition without a leader.
   */
  async electLeaders(type: ElectionType, partitions: { topic: string; partition: number }[] | null): Promise<ElectionResult[]> {
    const image = this.options.image();
    const live = eligibleBrokers(image);
    const targets = partitions ?? [...image.partitions].flatMap(([topic, map]) => [...map.keys()].sort((a, b) => a - b).map((partition) => ({ topic, partition })));
    const results: ElectionResult[] = [];
    for (const { topic, partition } of targets) {
      const error = await this.electLeader(type, topic, partition, live);
      if (partitions === null && error instanceof ElectionNotNeededError) continue;
      results.push({ topic, partition, error });
    }
    return results;
  }

  private async electLeader(type: ElectionType, topic: string, partition: number, live: ReadonlySet<number>): Promise<KafkaError | null> {
    if (this.stopped) return new NotControllerError(`Broker ${this.options.fence.brokerId} is no longer the controller.`);
    const current = await this.options.store.partition(topic, partition);
    if (!current) return new UnknownTopicOrPartitionError(`No such partition as ${topic}-${partition}.`);
    const { registration } = current;
    if (type === "preferred" ? registration.leader === registration.replicas[0] : registration.leader >= 0) {
      return new ElectionNotNeededError(`Leader election not needed for ${topic}-${partition}: broker ${registration.leader} leads it.`);
    }
    const next = type === "preferred" ? electPreferred(registration, live) : electForLiveBrokers(registration, live, true);
    if (!next || next.leader < 0) {
      return type === "preferred"
        ? new PreferredLeaderNotAvailableError(`The preferred leader ${registration.replicas[0]} of ${topic}-${partition} is not alive and in the ISR [${registration.isr.join(",")}].`)
        : new EligibleLeadersNotAvailableError(`No replica of ${topic}-${partition} is alive.`);
    }
    const written = await this.write(topic, partition, current.version, registration, next, `${type} leader election`);
    return written ? null : new NotControllerError(`${topic}-${partition} changed meanwhile or this broker is no longer the controller; retry.`);
  }

  stop(): void {
    this.stopped = true;
  }

  private async reconcileOnce(): Promise<void> {
    const image = this.options.image();
    const registered = new Set(image.brokers.keys());
    const eligible = eligibleBrokers(image);
    const leaving = [...registered].filter((id) => !eligible.has(id));
    for (const [topic, partitions] of image.partitions) {
      for (const [partition, registration] of partitions) {
        if (this.stopped) return;
        let next: PartitionRegistration | null = electForLiveBrokers(registration, registered, this.options.uncleanLeaderElection(topic));
        for (const id of leaving) next = electAwayFrom(next ?? registration, id, eligible) ?? next;
        if (next === null) continue;
        const current = await this.options.store.partition(topic, partition);
        // The image is behind the store: the change on its way by the watch triggers the next run.
        if (!current || !sameRegistration(current.registration, registration)) continue;
        await this.write(topic, partition, current.version, registration, next, leaving.length > 0 ? "controlled shutdown or broker change" : "broker change");
      }
    }
  }

  private async write(topic: string, partition: number, version: number, before: PartitionRegistration, next: PartitionRegistration, why: string): Promise<boolean> {
    try {
      await this.options.store.alterPartition(topic, partition, version, next, this.options.fence);
      this.options.logger.info(
        `Controller (epoch ${this.options.fence.epoch}): ${topic}-${partition} leader ${before.leader} -> ${next.leader} (leader epoch ${next.leaderEpoch}), ISR [${before.isr.join(",")}] -> [${next.isr.join(",")}] (${why})`,
      );
      return true;
    } catch (err) {
      // Someone changed the partition meanwhile (its change arrives by the watch), or this controller was deposed.
      if (err instanceof StaleMetadataError) return false;
      throw err;
    }
  }
}

/** Brokers that may lead: registered and not shutting down. */
function eligibleBrokers(image: ClusterSnapshot): Set<number> {
  return new Set([...image.brokers.values()].filter((b) => !b.shuttingDown).map((b) => b.brokerId));
}

function sameRegistration(a: PartitionRegistration, b: PartitionRegistration): boolean {
  return a.leader === b.leader && a.leaderEpoch === b.leaderEpoch && a.partitionEpoch === b.partitionEpoch;
}
