import type { Logger } from "../broker-types.js";
import { ClusterController } from "../controller/cluster-controller.js";
import type { BrokerEndpoint, ClusterView } from "../server/cluster-view.js";
import { StaleMetadataError, type BrokerRegistration, type BrokerSession, type ClusterChange, type ClusterMetadataStore, type ClusterSnapshot, type PartitionRegistration } from "./cluster-metadata-store.js";
import { applyChange, partitionKey } from "./cluster-snapshot.js";
import type { TopicMetadata } from "./metadata-store.js";

/** What a cluster member asks of the broker it belongs to. */
export interface ClusterMemberHost {
  readonly brokerId: number;
  /** Makes the broker's topics and partitions agree with the metadata (run after every batch of changes). */
  sync(image: ClusterSnapshot): Promise<void>;
  /** `unclean.leader.election.enable` of a topic. */
  uncleanLeaderElection(topic: string): boolean;
  /** Whether the controller restores preferred leaders periodically, and how often. */
  autoLeaderRebalance: { enabled: boolean; intervalMs: number };
}

export interface ClusterMemberOptions {
  store: ClusterMetadataStore;
  sessionTimeoutMs: number;
  rack: string | null;
  logger: Logger;
}

/**
 * This broker as a member of a cluster whose metadata lives in a ClusterMetadataStore (etcd): it registers under a
 * lease, follows the metadata with a watch from the revision it last applied, keeps an image of it (Kafka's
 * MetadataImage) and hands each batch of changes to the broker; it campaigns for controller whenever the office is
 * vacant and runs the ClusterController while it holds it. It is also the cluster view the Kafka listener answers
 * Metadata, DescribeCluster and FindCoordinator with.
 */
export class ClusterMember implements ClusterView {
  private image: ClusterSnapshot;
  private session: BrokerSession | null = null;
  private registration: BrokerRegistration | null = null;
  private stopWatch: (() => Promise<void>) | null = null;
  private controller: ClusterController | null = null;
  private campaigning = false;
  private syncScheduled = false;
  private syncing: Promise<void> = Promise.resolve();
  private rebalanceTimer: NodeJS.Timeout | null = null;
  private host: ClusterMemberHost | null = null;
  private closed = false;

  private constructor(
    private readonly options: ClusterMemberOptions,
    snapshot: ClusterSnapshot,
    readonly localBrokerId: number,
  ) {
    this.image = snapshot;
  }

  /** Reads the metadata once, before the broker opens its logs (so each partition opens with its registration). */
  static async load(options: ClusterMemberOptions, brokerId: number): Promise<ClusterMember> {
    return new ClusterMember(options, await options.store.snapshot(), brokerId);
  }

  get clusterId(): string {
    return this.image.clusterId ?? "";
  }

  /** The metadata as last applied. */
  get snapshot(): ClusterSnapshot {
    return this.image;
  }

  /** A partition's registration and version, from the metadata as last applied. */
  registrationOf(topic: string, partition: number): { registration: PartitionRegistration; version: number } | undefined {
    const registration = this.image.partitions.get(topic)?.get(partition);
    if (!registration) return undefined;
    return { registration, version: this.image.partitionVersions.get(partitionKey(topic, partition)) ?? -1 };
  }

  /**
   * Records a topic and registrations this broker just wrote, unless the watch already brought them back: what the
   * watch applied carries the registrations' versions (and may be newer), which the leader's compare-and-swap needs.
   */
  noteTopic(metadata: TopicMetadata, registrations: Map<number, PartitionRegistration>): void {
    const topic = metadata.name;
    if (this.image.topics.get(topic)?.topicId !== metadata.topicId || this.image.topics.get(topic)!.partitions < metadata.partitions) this.image.topics.set(topic, metadata);
    let partitions = this.image.partitions.get(topic);
    if (!partitions) this.image.partitions.set(topic, (partitions = new Map()));
    for (const [index, registration] of registrations) {
      if (this.image.partitionVersions.has(partitionKey(topic, index))) continue;
      partitions.set(index, registration);
      this.image.partitionVersions.set(partitionKey(topic, index), -1);
    }
  }

  liveBrokers(): BrokerEndpoint[] {
    return [...this.image.brokers.values()]
      .sort((a, b) => a.brokerId - b.brokerId)
      .map((b) => ({ nodeId: b.brokerId, host: b.host, port: b.port, rack: b.rack }));
  }

  /** A live broker's registration (its addresses), or undefined. */
  broker(brokerId: number): BrokerRegistration | undefined {
    return this.image.brokers.get(brokerId);
  }

  controllerId(): number {
    // Just elected, this broker knows before the watch brings its own election back.
    return this.controller ? this.localBrokerId : (this.image.controller?.brokerId ?? -1);
  }

  /** Whether this broker's membership is current (its lease renewed within its time to live). */
  isCurrent(): boolean {
    return this.session?.isCurrent() ?? false;
  }

  /** The controller this broker runs, while it is the controller. */
  get activeController(): ClusterController | null {
    return this.controller;
  }

  /**
   * Registers this broker (retrying while a previous session of the same id has not expired yet), then follows the
   * metadata and takes part in controller elections.
   */
  async join(host: ClusterMemberHost, registration: BrokerRegistration): Promise<void> {
    this.host = host;
    this.registration = registration;
    const deadline = Date.now() + this.options.sessionTimeoutMs * 3 + 5000;
    for (;;) {
      try {
        this.session = await this.options.store.registerBroker(registration, this.options.sessionTimeoutMs);
        break;
      } catch (err) {
        if (!(err instanceof StaleMetadataError) || Date.now() > deadline) throw err;
        this.options.logger.info(`Broker ${registration.brokerId} is still registered by a previous session; waiting for its lease to expire`);
        await sleep(500);
      }
    }
    const session = this.session;
    // Known at once (the watch brings it back): topics created right after joining may place replicas here.
    this.image.brokers.set(registration.brokerId, registration);
    void session.lost.then((err) => {
      if (!this.closed) this.options.logger.warn(`Broker ${registration.brokerId} lost its cluster membership: ${err.message}. It stops leading until it rejoins.`);
      if (!this.closed) void this.rejoin();
    });
    this.stopWatch = this.options.store.watch(this.image.revision, (change) => this.onChange(change));
    this.scheduleSync();
    await this.campaign();
  }

  /**
   * Kafka's controlled shutdown: announces it, so the controller moves this broker's leaderships to other ISR
   * members, and waits (up to `timeoutMs`) until this broker leads no partition that another could lead.
   */
  async shutDownControlled(timeoutMs: number): Promise<void> {
    if (!this.session || !this.registration) return;
    await this.session.update({ ...this.registration, shuttingDown: true }).catch(() => undefined);
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline && this.leadsMovablePartitions()) await sleep(100);
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.rebalanceTimer) clearInterval(this.rebalanceTimer);
    this.controller?.stop();
    this.controller = null;
    await this.stopWatch?.();
    await this.syncing.catch(() => undefined);
    await this.session?.close();
  }

  private leadsMovablePartitions(): boolean {
    for (const partitions of this.image.partitions.values()) {
      for (const p of partitions.values()) {
        if (p.leader === this.localBrokerId && p.isr.some((id) => id !== this.localBrokerId && this.image.brokers.has(id) && !this.image.brokers.get(id)!.shuttingDown)) return true;
      }
    }
    return false;
  }

  private onChange(change: ClusterChange): void {
    const previousController = this.image.controller;
    applyChange(this.image, change);
    if (change.kind === "controller" || change.kind === "reset") {
      const now = this.image.controller;
      if (this.controller && (now === null || now.epoch !== this.controller.epoch)) {
        this.options.logger.info(`Broker ${this.localBrokerId} is no longer the controller (epoch ${this.controller.epoch}).`);
        this.controller.stop();
        this.controller = null;
      }
      if (now === null && previousController !== null) void this.campaign();
    }
    this.scheduleSync();
  }

  /** Applies changes in batches: one etcd transaction (a topic with its partitions) arrives as several changes. */
  private scheduleSync(): void {
    if (this.syncScheduled || this.closed) return;
    this.syncScheduled = true;
    setImmediate(() => {
      this.syncScheduled = false;
      this.syncing = this.syncing
        .then(() => this.host?.sync(this.image))
        .then(() => this.controller?.reconcile())
        .catch((err: unknown) => this.options.logger.warn(`Applying cluster metadata failed: ${(err as Error).stack ?? String(err)}`));
    });
  }

  private async campaign(): Promise<void> {
    if (this.campaigning || this.closed || !this.session || this.controller) return;
    this.campaigning = true;
    try {
      const fence = await this.options.store.campaign(this.session);
      if (!fence || this.closed) return;
      this.options.logger.info(`Broker ${this.localBrokerId} is the controller (epoch ${fence.epoch}).`);
      const host = this.host!;
      this.controller = new ClusterController({
        store: this.options.store,
        fence,
        image: () => this.image,
        uncleanLeaderElection: (topic) => host.uncleanLeaderElection(topic),
        logger: this.options.logger,
      });
      if (host.autoLeaderRebalance.enabled && !this.rebalanceTimer) {
        this.rebalanceTimer = setInterval(() => void this.controller?.electLeaders("preferred", null).catch(() => undefined), host.autoLeaderRebalance.intervalMs);
        this.rebalanceTimer.unref();
      }
      this.scheduleSync();
    } catch (err) {
      this.options.logger.warn(`Controller campaign failed: ${(err as Error).message}`);
    } finally {
      this.campaigning = false;
    }
  }

  /** After the lease was lost (a long pause, a partition): register again and resume. */
  private async rejoin(): Promise<void> {
    this.controller?.stop();
    this.controller = null;
    await this.stopWatch?.();
    this.stopWatch = null;
    for (;;) {
      if (this.closed) return;
      try {
        this.image = await this.options.store.snapshot();
        await this.join(this.host!, this.registration!);
        return;
      } catch (err) {
        this.options.logger.warn(`Rejoining the cluster failed: ${(err as Error).message}`);
        await sleep(1000);
      }
    }
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
