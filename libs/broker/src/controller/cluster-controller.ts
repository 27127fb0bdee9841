import type { Logger } from "../broker-types.js";
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

/** A partition's election result on demand (ElectLeaders). */
export interface ElectionResult {
  topic: string;
  partition: number;
  /** null: elected (or already led by its preferred replica); otherwise why not. */
  error: "ELECTION_NOT_NEEDED" | "PREFERRED_LEADER_NOT_AVAILABLE" | "UNKNOWN_TOPIC_OR_PARTITION" | "STALE" | null;
}

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

  /** Kafka's preferred-leader election for the given partitions (all when null). */
  async electPreferredLeaders(partitions: { topic: string; partition: number }[] | null): Promise<ElectionResult[]> {
    const image = this.options.image();
    const live = eligibleBrokers(image);
    const targets = partitions ?? [...image.partitions].flatMap(([topic, map]) => [...map.keys()].map((partition) => ({ topic, partition })));
    const results: ElectionResult[] = [];
    for (const { topic, partition } of targets) {
      const current = await this.options.store.partition(topic, partition);
      if (!current) {
        results.push({ topic, partition, error: "UNKNOWN_TOPIC_OR_PARTITION" });
        continue;
      }
      if (current.registration.leader === current.registration.replicas[0]) {
        results.push({ topic, partition, error: "ELECTION_NOT_NEEDED" });
        continue;
      }
      const next = electPreferred(current.registration, live);
      if (!next) {
        results.push({ topic, partition, error: "PREFERRED_LEADER_NOT_AVAILABLE" });
        continue;
      }
      const written = await this.write(topic, partition, current.version, current.registration, next, "preferred leader election");
      results.push({ topic, partition, error: written ? null : "STALE" });
    }
    return results;
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
