import type { Logger } from "../broker-types.js";
import type { Clock } from "../clock.js";
import { StaleMetadataError, type ClusterMetadataStore, type PartitionRegistration } from "../cluster/cluster-metadata-store.js";
import type { BrokerEndpoint } from "../server/cluster-view.js";
import type { Partition } from "../cluster/partition.js";
import { FencedLeaderEpochError, KafkaStorageError, NotLeaderOrFollowerError } from "../errors.js";
import { DelayedProducePurgatory } from "./delayed-produce.js";
import { becomeFollower, becomeLeader, caughtUpReplicas, maybeIncrementHighWatermark, outOfSyncReplicas, updateFollowerFetch } from "./leadership.js";
import { ReplicaFetcher, type ReplicaFetcherSettings } from "./replica-fetcher.js";

/** What replication works with in a cluster. */
export interface ReplicationOptions {
  localBrokerId: number;
  store: ClusterMetadataStore;
  clock: Clock;
  logger: Logger;
  /** Where another broker's Kafka listener is, or undefined while it is not registered. */
  endpointOf(brokerId: number): BrokerEndpoint | undefined;
  /** `min.insync.replicas` of a topic. */
  minInSyncReplicas(topic: string): number;
  /** Whether this broker's cluster membership is current: a leader unsure of it accepts no writes. */
  sessionIsCurrent(): boolean;
  /** Whether a broker may join an ISR: registered and not in controlled shutdown (Kafka's fenced brokers may not). */
  mayJoinIsr(brokerId: number): boolean;
  replicaLagTimeMaxMs: number;
  fetcher: Omit<ReplicaFetcherSettings, "localBrokerId" | "clock" | "logger" | "onFetched">;
  /** Told when a partition's high watermark moved (records became readable). */
  onHighWatermark(partition: Partition): void;
  /** Told when this broker starts or stops leading a partition (coordinators move with their partitions). */
  onLeadershipChange(partition: Partition, leader: boolean): void;
}

/** Counters for metrics. */
export interface ReplicationStats {
  isrShrinks: number;
  isrExpands: number;
}

/**
 * The replication half of Kafka's ReplicaManager: makes this broker leader or follower of each partition as the
 * cluster metadata says, runs one fetcher per leader broker, tracks followers' fetches on the partitions it leads
 * (high watermark, delayed acks=all produces) and shrinks or expands their ISR with AlterPartition — a
 * compare-and-swap on the partition's registration, so a leader that was replaced meanwhile changes nothing.
 */
export class Replication {
  readonly purgatory = new DelayedProducePurgatory();
  readonly stats: ReplicationStats = { isrShrinks: 0, isrExpands: 0 };
  private readonly fetchers = new Map<number, ReplicaFetcher>();
  private readonly led = new Set<Partition>();
  private readonly alterInFlight = new Set<Partition>();
  private readonly isrTimer: NodeJS.Timeout;
  private closed = false;

  constructor(private readonly options: ReplicationOptions) {
    // Kafka checks for lagging followers every replica.lag.time.max.ms / 2.
    this.isrTimer = setInterval(() => this.maybeShrinkIsrs(), Math.max(100, options.replicaLagTimeMaxMs / 2));
    this.isrTimer.unref();
  }

  /**
   * Applies a partition's registration: leads it (new epoch: followers reset, epoch recorded) or follows the leader
   * (truncating first), or neither when this broker is not a replica or the partition has no leader.
   */
  apply(partition: Partition, registration: PartitionRegistration, version: number): void {
    if (version < partition.version) return;
    const self = this.options.localBrokerId;
    if (!partition.isOnline) {
      partition.setRegistration(registration, version);
      return;
    }
    if (registration.leader === self) {
      const wasLeader = partition.isLeaderHere && partition.leaderEpoch === registration.leaderEpoch;
      this.stopFetching(partition);
      becomeLeader(partition, self, registration, version, this.options.clock.now());
      this.led.add(partition);
      this.maybeIncrementHighWatermark(partition);
      if (!wasLeader) {
        this.options.logger.info(`${partition.topic}-${partition.partition}: leader in epoch ${registration.leaderEpoch}, ISR [${registration.isr.join(",")}]`);
        this.options.onLeadershipChange(partition, true);
      }
      return;
    }
    const wasLeader = partition.isLeaderHere;
    this.led.delete(partition);
    if (wasLeader) this.purgatory.failAll(partition, new NotLeaderOrFollowerError(`This broker stopped leading ${partition.topic}-${partition.partition}: broker ${registration.leader} leads it in epoch ${registration.leaderEpoch}.`));
    const epochChanged = partition.leaderEpoch !== registration.leaderEpoch || wasLeader;
    becomeFollower(partition, registration, version);
    if (wasLeader) this.options.onLeadershipChange(partition, false);
    if (registration.leader < 0 || !registration.replicas.includes(self)) {
      this.stopFetching(partition);
      return;
    }
    if (!epochChanged && this.fetchers.get(registration.leader)?.follows(partition)) return;
    this.stopFetching(partition);
    // Without the leader's address (not registered yet) the partition waits for the next sync.
    this.fetcherFor(registration.leader)?.addPartition(partition);
  }

  /** Stops following or leading a partition (deleted, or moved off this broker). */
  remove(partition: Partition): void {
    this.stopFetching(partition);
    if (this.led.delete(partition)) this.options.onLeadershipChange(partition, false);
    partition.isLeaderHere = false;
    this.purgatory.failAll(partition, new NotLeaderOrFollowerError(`${partition.topic}-${partition.partition} is no longer hosted by this broker.`));
  }

  /** A broker's address changed or it re-registered: its fetcher reconnects there. */
  brokerChanged(brokerId: number): void {
    const fetcher = this.fetchers.get(brokerId);
    if (!fetcher) return;
    const endpoint = this.options.endpointOf(brokerId);
    if (endpoint && endpoint.host === fetcher.host && endpoint.port === fetcher.port) return;
    const partitions = fetcher.followed();
    this.fetchers.delete(brokerId);
    void fetcher.stop();
    const replacement = this.fetcherFor(brokerId);
    for (const p of partitions) replacement?.addPartition(p);
  }

  /** Refuses a write or a consumer read unless this broker currently leads the partition (and knows it does). */
  checkLeader(partition: Partition, currentLeaderEpoch = -1): void {
    if (!partition.isLeaderHere) {
      throw new NotLeaderOrFollowerError(`This broker (${this.options.localBrokerId}) is not the leader of ${partition.topic}-${partition.partition}; broker ${partition.leader} is.`);
    }
    if (currentLeaderEpoch >= 0 && currentLeaderEpoch < partition.leaderEpoch) {
      throw new FencedLeaderEpochError(`The leader epoch ${currentLeaderEpoch} of ${partition.topic}-${partition.partition} in the request is older than the current epoch ${partition.leaderEpoch}.`);
    }
    if (!this.options.sessionIsCurrent()) {
      throw new NotLeaderOrFollowerError(`This broker (${this.options.localBrokerId}) cannot confirm its cluster membership, so it cannot act as leader of ${partition.topic}-${partition.partition}.`);
    }
  }

  /** After a leader append: with a lone ISR member the high watermark moves at once. */
  afterLeaderAppend(partition: Partition): void {
    this.maybeIncrementHighWatermark(partition);
  }

  /** Waits until every ISR member has the records below `requiredOffset` (acks=all). */
  awaitReplication(partition: Partition, requiredOffset: number, timeoutMs: number): Promise<void> {
    return this.purgatory.watch(partition, requiredOffset, timeoutMs);
  }

  /** A follower fetched at `fetchOffset`: its progress moves the high watermark and may bring it back into the ISR. */
  recordFollowerFetch(partition: Partition, brokerId: number, fetchOffset: number): void {
    if (!partition.isLeaderHere) return;
    const now = this.options.clock.now();
    updateFollowerFetch(partition, brokerId, fetchOffset, now);
    this.maybeIncrementHighWatermark(partition);
    const joining = caughtUpReplicas(partition, now, this.options.replicaLagTimeMaxMs).filter((id) => this.options.mayJoinIsr(id));
    if (joining.length > 0) void this.alterIsr(partition, [...partition.isr, ...joining], "expand");
  }

  /** Shrinks the ISR of every led partition whose followers lag past `replica.lag.time.max.ms`. */
  maybeShrinkIsrs(): void {
    const now = this.options.clock.now();
    for (const partition of this.led) {
      if (!partition.isLeaderHere) continue;
      const lagging = outOfSyncReplicas(partition, this.options.localBrokerId, now, this.options.replicaLagTimeMaxMs);
      if (lagging.length > 0) void this.alterIsr(partition, partition.isr.filter((id) => !lagging.includes(id)), "shrink");
    }
  }

  /** The partitions this broker leads. */
  ledPartitions(): ReadonlySet<Partition> {
    return this.led;
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.isrTimer);
    this.purgatory.close(new KafkaStorageError("The broker is shut down."));
    await Promise.all([...this.fetchers.values()].map((f) => f.stop()));
    this.fetchers.clear();
  }

  private maybeIncrementHighWatermark(partition: Partition): void {
    if (maybeIncrementHighWatermark(partition, this.options.localBrokerId, this.options.minInSyncReplicas(partition.topic))) {
      this.purgatory.checkAndComplete(partition);
      this.options.onHighWatermark(partition);
    }
  }

  /** Kafka's AlterPartition: one change in flight per partition, compared against the registration's version. */
  private async alterIsr(partition: Partition, isr: number[], kind: "shrink" | "expand"): Promise<void> {
    if (this.alterInFlight.has(partition) || this.closed) return;
    this.alterInFlight.add(partition);
    const before = partition.state;
    const next: PartitionRegistration = { ...before, isr: [...new Set(isr)], partitionEpoch: before.partitionEpoch + 1 };
    try {
      const version = await this.options.store.alterPartition(partition.topic, partition.partition, partition.version, next);
      if (partition.state !== before) return;
      partition.setRegistration(next, version);
      if (kind === "shrink") this.stats.isrShrinks++;
      else this.stats.isrExpands++;
      this.options.logger.info(`${partition.topic}-${partition.partition}: ISR ${kind === "shrink" ? "shrunk" : "expanded"} from [${before.isr.join(",")}] to [${next.isr.join(",")}]`);
      this.maybeIncrementHighWatermark(partition);
    } catch (err) {
      // A stale version means the controller (or another leader) changed the partition: its registration arrives by the watch.
      if (err instanceof StaleMetadataError) {
        this.options.logger.info(`${partition.topic}-${partition.partition}: ISR ${kind} to [${next.isr.join(",")}] not made: the partition changed since version ${before === partition.state ? partition.version : "?"}; waiting for its new registration`);
      } else {
        this.options.logger.warn(`${partition.topic}-${partition.partition}: AlterPartition failed: ${(err as Error).message}`);
      }
    } finally {
      this.alterInFlight.delete(partition);
    }
  }

  private fetcherFor(leaderId: number): ReplicaFetcher | null {
    const existing = this.fetchers.get(leaderId);
    if (existing) return existing;
    const endpoint = this.options.endpointOf(leaderId);
    if (!endpoint || this.closed) return null;
    const fetcher = new ReplicaFetcher(leaderId, endpoint.host, endpoint.port, {
      ...this.options.fetcher,
      localBrokerId: this.options.localBrokerId,
      clock: this.options.clock,
      logger: this.options.logger,
      onFetched: () => undefined,
    });
    this.fetchers.set(leaderId, fetcher);
    return fetcher;
  }

  private stopFetching(partition: Partition): void {
    for (const [id, fetcher] of this.fetchers) {
      fetcher.removePartition(partition);
      if (fetcher.partitionCount === 0) {
        this.fetchers.delete(id);
        void fetcher.stop();
      }
    }
  }
}
