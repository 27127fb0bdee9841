import { EventEmitter } from "node:events";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type {
  ConsumerRecord,
  AppendEvent,
  AppendRecordBatchesOptions,
  AppendRecordBatchesResult,
  ConfigChange,
  CorruptRange,
  CreateTopicRequest,
  FetchEvent,
  FetchBatchesResult,
  FetchOptions,
  FetchResult,
  Logger,
  LogDirStatus,
  OfflinePartition,
  ReplicationStatus,
  PartitionOffsets,
  PartitionProducer,
  ProduceOptions,
  ProduceRecord,
  ProduceResult,
  ReadRecordBatchesResult,
  ScrubberState,
  TopicDeletion,
  TopicDescription,
} from "./broker-types.js";
import { systemClock, type Clock } from "./clock.js";
import { AdminLock } from "./cluster/admin-lock.js";
import { BrokerConfig } from "./cluster/config/broker-config.js";
import { describeBrokerConfigs, describeTopicConfigs, type ConfigEntry } from "./cluster/config/describe-configs.js";
import { resolveLogConfig, validateTopicConfigs, type LogConfig } from "./cluster/config/log-config.js";
import { FileMetadataStore } from "./cluster/file-metadata-store.js";
import { TimedMetadataStore } from "./cluster/timed-metadata-store.js";
import type { MetadataStore, TopicMetadata } from "./cluster/metadata-store.js";
import { Partition } from "./cluster/partition.js";
import { newKafkaUuid } from "./cluster/topic-id.js";
import { isInternalTopic } from "./cluster/topic-name.js";
import type { PendingDeletion } from "./cluster/pending-deletions.js";
import { TopicAdmin, type TopicState } from "./cluster/topic-admin.js";
import { reconcileDataDir } from "./cluster/startup-reconciliation.js";
import {
  CorruptRangeError,
  InvalidConfigError,
  ElectionNotNeededError,
  InvalidRequestError,
  NotControllerError,
  TopicAlreadyExistsError,
  KafkaStorageError,
  TopicDeletionDisabledError,
  UnknownTopicOrPartitionError,
} from "./errors.js";
import type { IsolationLevel, Log, LogReadResult, SegmentDeletion, SegmentDeletionReason } from "./storage/log.js";
import type { EndTransactionMarker } from "./storage/control-records.js";
import type { TxnMetadata } from "./storage/producer/producer-append-info.js";
import type { RecordInput } from "./storage/record.js";
import { LogCleaner } from "./cleaner/log-cleaner.js";
import type { LogCleanerState } from "./cleaner/log-cleaner-manager.js";
import { LogRetention } from "./cleaner/log-retention.js";
import { LogDirHealth } from "./storage/log-dir-health.js";
import { LogManager } from "./storage/log-manager.js";
import { LogScrubber, type ScrubPass } from "./storage/log-scrubber.js";
import { ProducerExpiration } from "./storage/producer/producer-expiration.js";
import type { SegmentInfo } from "./storage/segment.js";
import { ProducerIdManager } from "./txn/producer-id-manager.js";
import { ClusterMember } from "./cluster/cluster-member.js";
import type { ClusterMetadataStore, PartitionRegistration } from "./cluster/cluster-metadata-store.js";
import { syncWithImage } from "./cluster/cluster-sync.js";
import type { ElectionResult, ElectionType } from "./controller/cluster-controller.js";
import { assignReplicas } from "./controller/replica-placement.js";
import type { ClusterView } from "./server/cluster-view.js";
import { ReplicaManager } from "./replica/replica-manager.js";
import { countRecords } from "./storage/record-batch.js";
import { CorruptBatchError } from "./storage/segment.js";
import { readVerified } from "./storage/verified-read.js";

export interface BrokerOptions {
  /** Where partition directories and checkpoints live (Kafka's `log.dirs`). */
  dataDir: string;
  /** Static broker settings, as in `server.properties`. */
  brokerConfig?: Record<string, string>;
  /** Where topics and configs are remembered; a JSON file in the data directory by default. */
  metadataStore?: MetadataStore;
  clock?: Clock;
  logger?: Logger;
  /** For the keyless partitioner's starting point; `Math.random` by default. */
  random?: () => number;
  /**
   * Makes the broker a member of a cluster whose metadata lives in `store` (etcd): topics and partitions follow the
   * cluster's metadata, partitions are replicated, and `joinCluster` registers the broker once its listener is up.
   */
  cluster?: { store: ClusterMetadataStore };
}

/** Where this broker is reached, for its cluster registration. */
export interface BrokerAddresses {
  host: string;
  port: number;
  httpUrl?: string | null;
}

const META_PROPERTIES = "meta.properties";
/** How long a cluster member waits for `offsets.topic.replication.factor` brokers before creating `__consumer_offsets`. */
const INTERNAL_TOPIC_BROKER_WAIT_MS = 30_000;

/**
 * A single Kafka-style broker embedded in the process: topics and partitions over durable logs, producing and
 * fetching records, configs with Kafka's names, and the metadata that must agree with the files on disk.
 * Emits `append` (an `AppendEvent`) after every append, `fetch` (a `FetchEvent`) after every fetch that returned
 * records, and `logDirState` (a `LogDirStatus`) on every transition of the data directory's state.
 */
export class Broker extends EventEmitter<{
  append: [AppendEvent];
  fetch: [FetchEvent];
  logDirState: [LogDirStatus];
  /** A replicated partition's high watermark moved: records below it became readable. */
  highWatermark: [{ topic: string; partition: number; highWatermark: number }];
  /** In a cluster, this broker started or stopped leading a partition. */
  leadershipChange: [{ topic: string; partition: number; leader: boolean }];
}> {
  private readonly adminLock = new AdminLock();
  private readonly replicas: ReplicaManager;
  private closed = false;
  private readonly retention: LogRetention;
  private readonly cleaner: LogCleaner;
  private readonly scrubber: LogScrubber;
  private readonly producerIds: ProducerIdManager;
  private readonly producerExpiration: ProducerExpiration;
  private readonly admin: TopicAdmin;
  /** What start-up found and repaired: recovered logs, reconciled metadata, offline partitions. */
  readonly startupReport: string[] = [];

  private constructor(
    readonly clusterId: string,
    private brokerConfig: BrokerConfig,
    private readonly store: MetadataStore,
    private readonly logs: LogManager,
    private readonly clock: Clock,
    private readonly logger: Logger,
    random: () => number,
    /** This broker's membership of a cluster; null for a single broker. */
    private readonly member: ClusterMember | null = null,
  ) {
    super();
    this.replicas = new ReplicaManager({
      logs,
      logger,
      random,
      brokerId: () => this.brokerId,
      brokerConfig: () => this.brokerConfig,
      isClosed: () => this.closed,
      autoCreate: (topic) => this.autoCreate(topic),
      report: (line) => this.startupReport.push(line),
      onAppend: (event) => this.emit("append", event),
      onFetch: (event) => this.emit("fetch", event),
      ...(member ? { registrationOf: (topic: string, partition: number) => member.registrationOf(topic, partition) } : {}),
    });
    if (member) this.enableReplication(member);
    this.retention = new LogRetention(() => logs.allLogs(), clock, brokerConfig.get("log.retention.check.interval.ms"), logger, () => void this.afterDeletion());
    this.cleaner = new LogCleaner({ logs: () => logs.allLogs(), dataDir: logs.dataDir, clock, logger, backoffMs: brokerConfig.get("log.cleaner.backoff.ms") });
    this.scrubber = new LogScrubber({
      logs: () => logs.allLogs(),
      clock,
      logger,
      enabled: brokerConfig.get("log.scrubber.enable"),
      bytesPerSecond: brokerConfig.get("log.scrubber.bytes.per.second"),
      passIntervalMs: brokerConfig.get("log.scrubber.pass.interval.ms"),
    });
    this.producerIds = new ProducerIdManager(logs.dataDir, undefined, (err, what) => logs.health.writeFailed(err, what));
    this.producerExpiration = new ProducerExpiration(
      () => logs.allLogs(),
      clock,
      brokerConfig.get("producer.id.expiration.check.interval.ms"),
      () => this.brokerConfig.get("producer.id.expiration.ms"),
      logger,
    );
    this.admin = new TopicAdmin({
      topics: this.replicas.topics,
      store,
      logs,
      clock,
      logger,
      brokerCount: this.brokerCount,
      brokerConfig: () => this.brokerConfig,
      isClosed: () => this.closed,
      openTopic: (metadata) => this.replicas.openTopic(metadata),
      openPartition: (metadata, config, partition) => this.replicas.openPartition(metadata, config, partition),
      describe: (state) => this.describe(state),
      topicState: (name) => this.replicas.topicState(name),
      forgetLog: (log) => this.cleaner.forget(log),
      exclusive: (operation) => this.adminLock.run(operation),
      ...(member ? { cluster: this.topicPlacement(member) } : {}),
    });
    logs.health.on("state", (status) => this.emit("logDirState", status));
  }

  /**
   * Opens the broker on its data directory: loads metadata, recovers logs and reconciles the two. It opens on a full
   * disk (serving reads, refusing appends) and with broken partitions (each is reported in `startupReport` and kept
   * offline while the others serve); it refuses only a data directory of another cluster.
   */
  static async open(options: BrokerOptions): Promise<Broker> {
    const dataDir = resolve(options.dataDir);
    const clock = options.clock ?? systemClock;
    const logger = options.logger ?? { info: () => undefined, warn: () => undefined };
    const logError = (message: string) => (logger.error ?? logger.warn).call(logger, message);
    const givenStore = options.cluster?.store ?? options.metadataStore ?? new FileMetadataStore(join(dataDir, "metadata.json"));
    const metadata = await givenStore.load();
    const brokerConfig = new BrokerConfig(options.brokerConfig ?? {}, { clusterDefault: metadata.brokerConfigs });
    const member = options.cluster
      ? await ClusterMember.load(
          { store: options.cluster.store, sessionTimeoutMs: brokerConfig.get("broker.session.timeout.ms"), rack: brokerConfig.get("broker.rack"), logger },
          brokerConfig.get("broker.id"),
        )
      : null;
    const store = new TimedMetadataStore(givenStore, brokerConfig.get("metadata.store.timeout.ms"));

    mkdirSync(dataDir, { recursive: true });
    const health = new LogDirHealth(dataDir, {
      nearlyFullRatio: brokerConfig.get("log.dir.nearly.full.ratio"),
      minFreeBytes: brokerConfig.get("log.dir.min.free.bytes"),
      checkIntervalMs: brokerConfig.get("log.dir.space.check.interval.ms"),
      clock,
      logger,
    });
    health.start();
    let clusterId = metadata.clusterId ?? newKafkaUuid();
    if (metadata.clusterId === null) {
      try {
        await store.saveClusterId(clusterId);
      } catch (err) {
        // Another broker of the cluster recorded its id first: that one is the cluster's.
        const stored = member ? (await givenStore.load()).clusterId : null;
        if (stored === null) throw err;
        clusterId = stored;
      }
    }
    if (member && member.snapshot.clusterId === null) member.snapshot.clusterId = clusterId;
    const onCorruption = (range: CorruptRange) =>
      logError(
        `Corrupt data in ${range.topic}-${range.partition}, offsets ${range.baseOffset}..${range.lastOffset} (${range.sizeBytes} bytes in segment ${range.segmentBaseOffset}), found by ${range.detectedBy}: ${range.reason}. ` +
          (range.quarantinedAs ? `Moved to ${range.quarantinedAs}; readers skip it.` : `Not moved aside yet; reads of it fail with CORRUPT_MESSAGE.`),
      );
    const logs = new LogManager(dataDir, clock, { health, logger, onCorruption, producerIdExpirationMs: brokerConfig.get("producer.id.expiration.ms") });
    logs.start(brokerConfig.get("log.flush.offset.checkpoint.interval.ms"));
    const metaProblem = checkMetaProperties(dataDir, clusterId, brokerConfig.get("broker.id"));

    const broker = new Broker(clusterId, brokerConfig, store, logs, clock, logger, options.random ?? Math.random, member);
    broker.startupReport.push(...logs.repairs);
    if (metaProblem) broker.startupReport.push(metaProblem);
    try {
      await broker.adminLock.run(() => reconcileDataDir(broker.reconciliationContext(), metadata.topics));
    } catch (err) {
      await broker.close().catch(() => undefined);
      throw err;
    }
    logs.checkpoint();
    for (const line of broker.startupReport) logger.warn(line);
    broker.retention.start();
    broker.producerExpiration.start();
    if (brokerConfig.get("log.cleaner.enable")) broker.cleaner.start();
    broker.scrubber.start();
    return broker;
  }

  get brokerId(): number {
    return this.brokerConfig.get("broker.id");
  }

  get dataDir(): string {
    return this.logs.dataDir;
  }

  /** Whether the previous run ended with a clean shutdown, so start-up skipped log recovery. */
  get startedAfterCleanShutdown(): boolean {
    return this.logs.wasCleanShutdown;
  }

  /** Whether `close()` has begun: a closed broker refuses every request. */
  get isClosed(): boolean {
    return this.closed;
  }

  /** What start-up reconciliation works with: the broker's store, logs and topics, and its report. */
  private reconciliationContext() {
    return {
      store: this.store,
      logs: this.logs,
      clock: this.clock,
      report: (line: string) => this.startupReport.push(line),
      openTopic: (metadata: TopicMetadata) => this.replicas.openTopic(metadata),
      pendingDeletion: (deletion: PendingDeletion) => this.admin.pendingDeletions.add(deletion),
      hostsReplica: (topic: string, partition: number) => this.replicas.topics.get(topic)?.partitions[partition]?.hosted ?? true,
    };
  }

  // ---- storage health ----

  /** The data directory's space and state, as last measured (see `log.dir.*` configs). */
  logDirStatus(): LogDirStatus {
    return this.logs.health.status();
  }

  /** Measures the data directory's free space now and returns its status (emitting `logDirState` on a transition). */
  checkLogDir(): Promise<LogDirStatus> {
    return this.logs.health.refresh();
  }

  /** Corrupt ranges found in this broker's logs (quarantined, or not yet), optionally of one topic or partition. */
  corruptRanges(topic?: string, partition?: number): CorruptRange[] {
    const ranges: CorruptRange[] = [];
    for (const log of this.logs.allLogs()) {
      for (const range of log.corruptRanges()) {
        if (topic !== undefined && range.topic !== topic) continue;
        if (partition !== undefined && range.partition !== partition) continue;
        ranges.push({ ...range });
      }
    }
    return ranges.sort((a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition || a.baseOffset - b.baseOffset);
  }

  /** The background scrubber's settings and totals. */
  scrubberState(): ScrubberState {
    return this.scrubber.state();
  }

  /** Runs one scrubber pass over every closed segment now (at the configured rate unless given one), as the background task does. */
  runScrubber(bytesPerSecond?: number): Promise<ScrubPass> {
    this.ensureOpen();
    return this.scrubber.runPass(bytesPerSecond);
  }

  /** The partitions this broker cannot serve, with the reason. */
  offlinePartitions(): OfflinePartition[] {
    return this.replicas.offlinePartitions();
  }

  /** After segment files were deleted: once they are gone, measure the free space again (appends may resume). */
  private async afterDeletion(logs: Iterable<Log> = this.logs.allLogs()): Promise<void> {
    await Promise.all([...logs].map((log) => log.filesDeleted()));
    await this.logs.health.refresh();
  }

  // ---- topics ----

  listTopics(options: { includeInternal?: boolean } = {}): TopicDescription[] {
    return [...this.replicas.topics.values()]
      .filter((t) => options.includeInternal || !t.metadata.internal)
      .map((t) => this.describe(t))
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  describeTopic(name: string): TopicDescription {
    return this.describe(this.topicState(name));
  }

  /** The topic's description, or undefined when it does not exist. */
  findTopic(name: string): TopicDescription | undefined {
    const state = this.replicas.topics.get(name);
    return state ? this.describe(state) : undefined;
  }

  /** The topic with this id (Kafka's base64 Uuid), or undefined. */
  findTopicById(topicId: string): TopicDescription | undefined {
    for (const state of this.replicas.topics.values()) if (state.metadata.topicId === topicId) return this.describe(state);
    return undefined;
  }

  /**
   * Creates a topic with the broker's defaults because a client asked for it (Metadata with auto-creation allowed),
   * when `auto.create.topics.enable` allows it; an existing topic is returned as it is.
   */
  async autoCreateTopic(name: string): Promise<TopicDescription> {
    this.ensureOpen();
    if (!this.replicas.topics.has(name)) await this.autoCreate(name);
    return this.describe(this.topicState(name));
  }

  private describe(state: TopicState): TopicDescription {
    const { metadata } = state;
    return {
      name: metadata.name,
      topicId: metadata.topicId,
      internal: metadata.internal,
      replicationFactor: metadata.replicationFactor,
      partitions: state.partitions.map((p) => p.describe()),
      configs: { ...metadata.configs },
    };
  }

  private topicState(name: string): TopicState {
    return this.replicas.topicState(name);
  }

  private partitionOf(topic: string, partition: number): Partition {
    return this.replicas.partitionOf(topic, partition);
  }

  /**
   * Creates a topic (Kafka's CreateTopics), refusing bad names, counts and configs with Kafka's errors, and more
   * partitions than `max.broker.partitions` allows (POLICY_VIOLATION). All or nothing, across failures and crashes
   * (see TopicAdmin).
   */
  createTopic(request: CreateTopicRequest): Promise<TopicDescription> {
    return this.adminLock.run(() => {
      this.ensureOpen();
      return this.admin.create(request);
    });
  }

  /**
   * Creates an internal topic (such as `__consumer_offsets`) when it does not exist yet, for the engine's own
   * coordinators; returns its description either way.
   */
  async ensureInternalTopic(name: string, partitions: number, configs: Record<string, string>): Promise<TopicDescription> {
    if (this.member && !this.replicas.topics.has(name)) await this.awaitBrokersForInternalTopic(name);
    return this.adminLock.run(async () => {
      this.ensureOpen();
      const existing = this.replicas.topics.get(name);
      if (existing) return this.describe(existing);
      if (!this.member) return this.admin.create({ name, partitions, replicationFactor: Math.min(this.brokerCount, 1), configs }, true);
      // In a cluster: as many replicas as `offsets.topic.replication.factor` asks and live brokers allow.
      const replicationFactor = Math.min(Number(this.brokerConfig.get("offsets.topic.replication.factor")), this.brokerCount);
      try {
        return await this.admin.create({ name, partitions, replicationFactor, configs }, true);
      } catch (err) {
        if (!(err instanceof TopicAlreadyExistsError)) throw err;
      }
      return undefined;
    }).then(async (created) => created ?? this.describe(await this.awaitTopic(name)));
  }

  /**
   * In a cluster, waits (up to INTERNAL_TOPIC_BROKER_WAIT_MS) until `offsets.topic.replication.factor` brokers are
   * registered or another broker created the topic: brokers of a cluster start together, and the first one up must
   * not create `__consumer_offsets` on itself alone (its groups would die with it). Past the wait it goes ahead with
   * the brokers there are, and says so.
   */
  private async awaitBrokersForInternalTopic(name: string): Promise<void> {
    const wanted = Number(this.brokerConfig.get("offsets.topic.replication.factor"));
    const deadline = Date.now() + INTERNAL_TOPIC_BROKER_WAIT_MS;
    let announced = false;
    while (this.brokerCount < wanted && !this.replicas.topics.has(name) && !this.closed) {
      if (Date.now() > deadline) {
        this.logger.warn(`Creating ${name} with ${this.brokerCount} replica(s): offsets.topic.replication.factor is ${wanted} but only ${this.brokerCount} broker(s) registered within ${INTERNAL_TOPIC_BROKER_WAIT_MS / 1000} s.`);
        return;
      }
      if (!announced) this.logger.info(`Waiting for ${wanted} brokers (offsets.topic.replication.factor) to create ${name}; ${this.brokerCount} registered.`);
      announced = true;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** Waits until another broker's creation of `name` reached this broker (its metadata arrives by the watch). */
  private async awaitTopic(name: string, timeoutMs = 30_000): Promise<TopicState> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const state = this.replicas.topics.get(name);
      if (state) return state;
      if (Date.now() > deadline) throw new KafkaStorageError(`Topic ${name} was created by another broker but has not reached this one within ${timeoutMs} ms.`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** The number of live brokers: one for a single broker, the registered ones in a cluster. */
  get brokerCount(): number {
    return this.member ? Math.max(1, this.member.snapshot.brokers.size) : 1;
  }

  // ---- the cluster ----

  /** Whether this broker leads the partition: always on a single broker; in a cluster, as elected. */
  leadsPartition(topic: string, partition: number): boolean {
    if (!this.member) return true;
    return this.replicas.topics.get(topic)?.partitions[partition]?.isLeaderHere ?? false;
  }

  /** The cluster as the Kafka listener answers for it; null for a single broker (which knows only itself). */
  get clusterView(): ClusterView | null {
    return this.member;
  }

  /** This broker's cluster membership, while it is one. */
  get clusterMember(): ClusterMember | null {
    return this.member;
  }

  /**
   * Registers this broker in its cluster at its advertised addresses (once its listeners are up), then follows the
   * cluster's metadata and takes part in controller elections.
   */
  async joinCluster(addresses: BrokerAddresses): Promise<void> {
    const member = this.member;
    if (!member) throw new InvalidRequestError("This broker was not opened as a cluster member.");
    const config = this.brokerConfig;
    await member.join(
      {
        brokerId: this.brokerId,
        sync: (image) => this.adminLock.run(() => (this.closed ? Promise.resolve() : this.syncWithCluster(image))),
        uncleanLeaderElection: (topic) => this.replicas.topics.get(topic)?.config.uncleanLeaderElectionEnable ?? config.get("unclean.leader.election.enable"),
        autoLeaderRebalance: { enabled: config.get("auto.leader.rebalance.enable"), intervalMs: config.get("leader.imbalance.check.interval.seconds") * 1000 },
      },
      { brokerId: this.brokerId, host: addresses.host, port: addresses.port, rack: config.get("broker.rack"), httpUrl: addresses.httpUrl ?? null },
    );
  }

  private enableReplication(member: ClusterMember): void {
    const config = this.brokerConfig;
    this.replicas.enableReplication({
      localBrokerId: this.brokerId,
      store: this.clusterStore(),
      clock: this.clock,
      logger: this.logger,
      endpointOf: (id) => {
        const b = member.broker(id);
        return b ? { nodeId: b.brokerId, host: b.host, port: b.port, rack: b.rack } : undefined;
      },
      minInSyncReplicas: (topic) => this.replicas.topics.get(topic)?.config.minInSyncReplicas ?? config.get("min.insync.replicas"),
      sessionIsCurrent: () => member.isCurrent(),
      mayJoinIsr: (id) => {
        const registration = member.broker(id);
        return registration !== undefined && !registration.shuttingDown;
      },
      replicaLagTimeMaxMs: config.get("replica.lag.time.max.ms"),
      fetcher: {
        fetchMaxBytes: config.get("replica.fetch.response.max.bytes"),
        partitionMaxBytes: config.get("replica.fetch.max.bytes"),
        fetchWaitMaxMs: config.get("replica.fetch.wait.max.ms"),
        backoffMs: config.get("replica.fetch.backoff.ms"),
        requestTimeoutMs: config.get("replica.socket.timeout.ms"),
      },
      onHighWatermark: (p) => this.emit("highWatermark", { topic: p.topic, partition: p.partition, highWatermark: p.logIfOnline?.highWatermark ?? -1 }),
      onLeadershipChange: (p, leader) => this.emit("leadershipChange", { topic: p.topic, partition: p.partition, leader }),
    });
  }

  private clusterStore(): ClusterMetadataStore {
    return (this.store as TimedMetadataStore).inner as ClusterMetadataStore;
  }

  /** Where a cluster's new partitions go and how they are committed (see TopicAdmin). */
  private topicPlacement(member: ClusterMember) {
    const store = () => this.clusterStore();
    return {
      localBrokerId: this.brokerId,
      place: (_metadata: TopicMetadata, from: number, to: number, replicationFactor: number) => {
        const brokers = [...member.snapshot.brokers.values()].filter((b) => !b.shuttingDown);
        const replicas = assignReplicas(brokers, to - from, replicationFactor, { firstPartition: from });
        const registrations = new Map<number, PartitionRegistration>();
        replicas.forEach((list, i) =>
          registrations.set(from + i, { replicas: list, isr: list, leader: list[0]!, leaderEpoch: 0, partitionEpoch: 0, addingReplicas: [], removingReplicas: [] }),
        );
        return registrations;
      },
      createTopic: async (metadata: TopicMetadata, registrations: Map<number, PartitionRegistration>) => {
        await store().createTopic(metadata, [...registrations.values()]);
        member.noteTopic(metadata, registrations);
      },
      addPartitions: async (previous: TopicMetadata, metadata: TopicMetadata, registrations: Map<number, PartitionRegistration>) => {
        await store().addPartitions(previous, metadata, registrations);
        member.noteTopic(metadata, registrations);
      },
    };
  }

  private syncWithCluster(image: Parameters<typeof syncWithImage>[1]): Promise<void> {
    const replication = this.replicas.replication;
    return syncWithImage(
      {
        topics: this.replicas.topics,
        openTopic: (metadata) => this.replicas.openTopic(metadata),
        openPartition: (metadata, config, partition) => this.replicas.openPartition(metadata, config, partition),
        resolveConfig: (configs) => resolveLogConfig(this.brokerConfig, configs),
        applyLogConfig: (state, config) => this.replicas.applyLogConfig(state, config),
        applyRegistration: (topic, partition, registration, version) => this.replicas.applyRegistration(topic, partition, registration, version),
        deleteLocally: async (name) => {
          for (const p of this.replicas.topics.get(name)?.partitions ?? []) replication?.remove(p);
          await this.admin.deleteLocally(name);
        },
        brokerChanged: (id) => replication?.brokerChanged(id),
      },
      image,
    );
  }

  /**
   * Deletes a topic and its logs (Kafka's DeleteTopics). It needs no free space and frees the logs' space at once;
   * when the metadata store cannot record it, the deletion still stands and `metadataPending` says why (see TopicAdmin).
   */
  deleteTopic(name: string): Promise<TopicDeletion> {
    return this.adminLock.run(async () => {
      this.ensureOpen();
      if (!this.brokerConfig.get("delete.topic.enable")) throw new TopicDeletionDisabledError(`Topic deletion is disabled (delete.topic.enable=false).`);
      return this.admin.delete(name, { allowInternal: false });
    });
  }

  /** Raises a topic's partition count (Kafka's CreatePartitions); a decrease is refused, and so is one beyond `max.broker.partitions`. */
  createPartitions(name: string, totalCount: number, options: { validateOnly?: boolean } = {}): Promise<TopicDescription> {
    return this.adminLock.run(async () => {
      this.ensureOpen();
      return this.admin.createPartitions(name, totalCount, options);
    });
  }

  // ---- configs ----

  describeTopicConfigs(name: string): ConfigEntry[] {
    return describeTopicConfigs(this.brokerConfig, this.topicState(name).metadata.configs);
  }

  /** Sets or removes topic config overrides (Kafka's IncrementalAlterConfigs); the logs follow at once. */
  alterTopicConfigs(name: string, changes: ConfigChange[], options: { validateOnly?: boolean } = {}): Promise<void> {
    return this.adminLock.run(async () => {
      this.ensureOpen();
      const state = this.topicState(name);
      const configs = applyChanges(state.metadata.configs, changes);
      validateTopicConfigs(configs, this.brokerConfig);
      const config = resolveLogConfig(this.brokerConfig, configs);
      if (options.validateOnly) return;
      const metadata = { ...state.metadata, configs };
      await this.store.saveTopic(metadata);
      state.metadata = metadata;
      this.applyLogConfig(state, config);
    });
  }

  describeBrokerConfigs(): ConfigEntry[] {
    return describeBrokerConfigs(this.brokerConfig);
  }

  /** Sets or removes dynamic cluster-wide broker configs; topics that inherit them follow at once. */
  alterBrokerConfigs(changes: ConfigChange[], options: { validateOnly?: boolean } = {}): Promise<void> {
    return this.adminLock.run(async () => {
      this.ensureOpen();
      const dynamic = applyChanges(this.brokerConfig.dynamicConfigs.clusterDefault ?? {}, changes);
      const next = this.brokerConfig.withDynamicConfigs({ clusterDefault: dynamic });
      const resolved = [...this.replicas.topics.values()].map((state) => [state, resolveLogConfig(next, state.metadata.configs)] as const);
      if (options.validateOnly) return;
      await this.store.saveBrokerConfigs(dynamic);
      this.brokerConfig = next;
      this.cleaner.setBackoffMs(next.get("log.cleaner.backoff.ms"));
      for (const [state, config] of resolved) this.applyLogConfig(state, config);
    });
  }

  private applyLogConfig(state: TopicState, config: LogConfig): void {
    this.replicas.applyLogConfig(state, config);
  }

  /** The broker config value in force (static, then dynamic overrides). */
  config<K extends Parameters<BrokerConfig["get"]>[0]>(name: K): ReturnType<BrokerConfig["get"]> {
    return this.brokerConfig.get(name);
  }

  // ---- records ----

  /**
   * Appends records to a topic (auto-creating it when `auto.create.topics.enable` allows), each to its explicit
   * partition, its key's partition, or a sticky partition for keyless records. Every record is validated before
   * anything is written. Resolves with one result per record, in order, once `acks` is satisfied.
   */
  async produce(topic: string, records: readonly ProduceRecord[], options: ProduceOptions & { allowInternal?: boolean } = {}): Promise<ProduceResult[]> {
    this.ensureOpen();
    return this.replicas.produce(topic, records, options);
  }

  /** Auto-creation for a produce or metadata request, when `auto.create.topics.enable` allows it. */
  private async autoCreate(topic: string): Promise<void> {
    if (!this.brokerConfig.get("auto.create.topics.enable") || isInternalTopic(topic)) {
      throw new UnknownTopicOrPartitionError(`This server does not host this topic: ${topic}.`);
    }
    await this.adminLock.run(async () => {
      this.ensureOpen();
      if (!this.replicas.topics.has(topic)) await this.admin.create({ name: topic });
    });
  }


  /**
   * Reads records of one partition from `offset` on (whole batches up to `maxBytes`, then at most `maxRecords`),
   * committed ones only unless `isolationLevel` says `read_uncommitted` (see FetchOptions).
   * Every batch is CRC-checked before it is decoded: a corrupt one is never served. The first read that meets it
   * fails with CorruptRangeError (CORRUPT_MESSAGE, naming the partition and the offsets) once the engine has
   * quarantined the range; later reads skip the gap, as after compaction.
   */
  async fetch(topic: string, partition: number, offset: number, options: FetchOptions = {}): Promise<FetchResult> {
    this.ensureOpen();
    const target = this.partitionOf(topic, partition);
    const isolation = options.isolationLevel ?? "read_committed";
    const upTo = this.replicas.readLimit(target, offset);
    const read = await readVerified(target.log, offset, (log) => log.readRecords(offset, options.maxBytes ?? 1024 * 1024, options.maxRecords, isolation, upTo));
    const records = new Array<ConsumerRecord>(read.records.length);
    let sizeBytes = 0;
    for (let i = 0; i < records.length; i++) {
      const r = read.records[i]!;
      records[i] = { topic, partition, offset: r.offset, timestamp: r.timestamp, timestampType: r.timestampType, key: r.key, value: r.value, headers: r.headers };
      sizeBytes += (r.key?.length ?? 0) + (r.value?.length ?? 0);
      for (const header of r.headers) sizeBytes += header.value?.length ?? 0;
    }
    if (records.length > 0) this.emit("fetch", { topic, partition, recordCount: records.length, sizeBytes });
    return {
      records,
      nextOffset: read.nextOffset,
      highWatermark: read.highWatermark,
      lastStableOffset: read.lastStableOffset,
      logStartOffset: read.logStartOffset,
      logEndOffset: read.logEndOffset,
    };
  }

  /**
   * `fetch` without the decoding: the same batches, checks and corrupt-range behaviour, for readers that walk the
   * records in place with `visitRecords` (REST and WebSocket serialise them straight into their answers). Counts
   * the records at or after `offset` as fetched. Committed records only unless `isolationLevel` says
   * `read_uncommitted`, as `fetch`.
   */
  async fetchRecordBatches(topic: string, partition: number, offset: number, options: { maxBytes?: number; isolationLevel?: IsolationLevel } = {}): Promise<FetchBatchesResult> {
    this.ensureOpen();
    const target = this.partitionOf(topic, partition);
    const isolation = options.isolationLevel ?? "read_committed";
    const upTo = this.replicas.readLimit(target, offset);
    const read = await readVerified(target.log, offset, (log) => log.readConsumerBatches(offset, options.maxBytes ?? 1024 * 1024, isolation, upTo));
    if (read.data.length > 0) this.emit("fetch", { topic, partition, recordCount: countRecords(read.data, offset), sizeBytes: read.data.length });
    return {
      batches: read.data,
      nextOffset: read.nextOffset,
      highWatermark: read.highWatermark,
      lastStableOffset: read.lastStableOffset,
      logStartOffset: read.logStartOffset,
      logEndOffset: read.logEndOffset,
    };
  }

  /**
   * The raw read for Kafka's Fetch: whole record batches as stored, from the one holding `offset` up to `maxBytes`
   * (at least one batch). Every batch returned passed its CRC check; quarantined ranges are simply absent (a gap in
   * offsets, like compaction's), and a corrupt batch met first fails as in `fetch`.
   */
  async fetchBatches(topic: string, partition: number, offset: number, options: { maxBytes?: number } = {}): Promise<LogReadResult> {
    this.ensureOpen();
    return this.replicas.fetchBatches(topic, partition, offset, options.maxBytes ?? 1024 * 1024);
  }

  /**
   * Appends a client's raw `records` (one partition of Kafka's Produce, one or more RecordBatch v2 exactly as sent)
   * as Kafka's leader does: validated (framing, magic, CRC, `max.message.bytes`, counts, keys on compacted topics,
   * timestamps), given offsets in place, recompressed only when the topic's `compression.type` asks for another
   * codec, checked against each idempotent producer's epoch and sequence, and written. All of that happens
   * synchronously inside the call, before its first await, so calls made in request order append in that order;
   * only the acks=-1 durability wait is asynchronous. A retry of one of a producer's last five batches writes nothing
   * and answers the offset it got then. Emits `append` for what it wrote. Throws KafkaError subclasses: the
   * partition's error; InvalidRecordError and InvalidTimestampError carry `recordErrors` for Produce v8+.
   */
  async appendRecordBatches(topic: string, partition: number, records: Buffer, options: AppendRecordBatchesOptions): Promise<AppendRecordBatchesResult> {
    this.ensureOpen();
    return this.replicas.appendRecordBatches(topic, partition, records, options);
  }

  /**
   * Whole stored batches of a partition from the one holding `offset` (which may start before it) up to `maxBytes`
   * (at least one batch), exactly as stored, compressed ones too: Kafka's Fetch (with `read_committed`, only up to
   * the last stable offset, with the aborted transactions of the range). Synchronous; every batch returned
   * passed its CRC check. A corrupt batch met first starts its segment's check in the background and fails with
   * CORRUPT_MESSAGE; once it is quarantined, reads skip the gap (`fetchBatches` waits for that check instead).
   */
  readRecordBatches(
    topic: string,
    partition: number,
    offset: number,
    maxBytes: number,
    isolation: IsolationLevel = "read_uncommitted",
    replica?: { replicaId: number; currentLeaderEpoch: number },
  ): ReadRecordBatchesResult {
    this.ensureOpen();
    const target = this.partitionOf(topic, partition);
    const upTo = this.replicas.readLimit(target, offset, replica);
    const { log } = target;
    try {
      const { abortedTransactions, ...read } = log.read(offset, maxBytes, isolation, upTo);
      if (read.data.length > 0) this.emit("fetch", { topic, partition, recordCount: countRecords(read.data, offset), sizeBytes: read.data.length });
      if (abortedTransactions === undefined) return read;
      return { ...read, abortedTransactions: abortedTransactions.map((t) => ({ producerId: t.producerId, firstOffset: t.firstOffset })) };
    } catch (err) {
      if (!(err instanceof CorruptBatchError)) throw err;
      log.checkSegment(err.segment, "read").catch(() => undefined);
      throw new CorruptRangeError(
        `${log.name}: a record batch at position ${err.at.position} of segment ${err.segment.baseOffset} failed its check (${err.at.reason}); it is being quarantined, after which reads skip it.`,
        null,
      );
    }
  }

  /**
   * Kafka's ElectLeaders, run by the controller (NOT_CONTROLLER elsewhere): the preferred or an unclean leader for
   * the given partitions, or for every partition when null. A single broker already leads all of its partitions.
   */
  async electLeaders(type: ElectionType, partitions: { topic: string; partition: number }[] | null): Promise<ElectionResult[]> {
    this.ensureOpen();
    if (!this.member) {
      if (partitions === null) return [];
      return partitions.map(({ topic, partition }) => ({
        topic,
        partition,
        error: this.replicas.topics.get(topic)?.partitions[partition]
          ? new ElectionNotNeededError(`Leader election not needed for ${topic}-${partition}: broker ${this.brokerId} leads it.`)
          : new UnknownTopicOrPartitionError(`No such partition as ${topic}-${partition}.`),
      }));
    }
    const controller = this.member.activeController;
    if (!controller) throw new NotControllerError(`Broker ${this.brokerId} is not the controller; broker ${this.member.controllerId()} is.`);
    return controller.electLeaders(type, partitions);
  }

  /** Replication for metrics: ISR changes, the led partitions with their ISR and followers' lag, offline partitions. */
  replicationStatus(): ReplicationStatus {
    const replication = this.replicas.replication;
    const ledPartitions: ReplicationStatus["ledPartitions"] = [];
    let offlinePartitions = 0;
    for (const state of this.replicas.topics.values()) {
      for (const p of state.partitions) {
        if (this.member && p.leader < 0) offlinePartitions++;
        if (!p.isOnline || !this.leadsPartition(p.topic, p.partition)) continue;
        const end = p.log.logEndOffset;
        const followerLag = [...p.followers].map(([replica, f]) => ({ replica, lag: Math.max(0, end - Math.max(0, f.logEndOffset)) }));
        ledPartitions.push({ topic: p.topic, partition: p.partition, replicas: p.replicas, isr: p.isr, minInSyncReplicas: state.config.minInSyncReplicas, followerLag });
      }
    }
    return { isrShrinks: replication?.stats.isrShrinks ?? 0, isrExpands: replication?.stats.isrExpands ?? 0, ledPartitions, offlinePartitions };
  }

  /** Kafka's OffsetForLeaderEpoch: where `leaderEpoch` ends in this partition's log (KIP-101/279). */
  offsetForLeaderEpoch(topic: string, partition: number, currentLeaderEpoch: number, leaderEpoch: number): { leaderEpoch: number; endOffset: number } {
    this.ensureOpen();
    return this.replicas.offsetForLeaderEpoch(topic, partition, currentLeaderEpoch, leaderEpoch);
  }

  /** Kafka's InitProducerId without a transactional id: a producer id never handed out before, at epoch 0. */
  async initProducerId(): Promise<{ producerId: number; producerEpoch: number }> {
    this.ensureOpen();
    const local = this.producerIds.generateProducerId();
    // In a cluster each broker hands out its own range (broker id × 2^40 onwards), so no two brokers give out the same id.
    return { producerId: this.member ? this.brokerId * 2 ** 40 + local : local, producerEpoch: 0 };
  }

  /**
   * Kafka's ListOffsets: the first offset whose record has a timestamp at or after `timestamp`; -1 asks for the
   * latest offset, -2 for the earliest and -3 for the record with the largest timestamp. Null when every record is
   * older (or, for -3, the log is empty). With `read_committed` the latest offset is the last stable offset, and an
   * answer at or past it is null.
   */
  async offsetForTimestamp(topic: string, partition: number, timestamp: number, isolation: IsolationLevel = "read_uncommitted"): Promise<{ offset: number; timestamp: number } | null> {
    this.ensureOpen();
    const target = this.partitionOf(topic, partition);
    this.replicas.readLimit(target, -1);
    const { log } = target;
    // Kafka's `lastFetchableOffset`: read_committed readers see nothing at or past the last stable offset.
    const lastFetchable = isolation === "read_committed" ? log.lastStableOffset : log.highWatermark;
    const fetchable = (found: { offset: number; timestamp: number } | null) => (found !== null && found.offset < lastFetchable ? found : null);
    if (timestamp === -1) return { offset: lastFetchable, timestamp: -1 };
    if (timestamp === -2) return { offset: log.logStartOffset, timestamp: -1 };
    if (timestamp === -3) return fetchable(log.offsetOfMaxTimestamp());
    if (!Number.isSafeInteger(timestamp) || timestamp < 0) throw new InvalidRequestError(`Invalid timestamp ${timestamp}: use epoch milliseconds, -1 (latest) or -2 (earliest).`);
    return fetchable(await readVerified(log, -1, (l) => l.offsetForTimestamp(timestamp)));
  }

  partitionOffsets(topic: string, partition: number): PartitionOffsets {
    const { log } = this.partitionOf(topic, partition);
    const { leaderEpoch } = this.partitionOf(topic, partition);
    return { logStartOffset: log.logStartOffset, logEndOffset: log.logEndOffset, highWatermark: log.highWatermark, lastStableOffset: log.lastStableOffset, leaderEpoch, sizeBytes: log.size };
  }

  // ---- transactions ----

  /**
   * Writes a transaction marker to a partition (Kafka's WriteTxnMarkers for one partition), internal topics
   * included: it ends `producerId`'s transaction there with a commit or an abort, durably (acks=all). Emits `append`
   * with no records, so that read_committed readers waiting for the last stable offset to move wake up.
   * @throws InvalidProducerEpochError (an older epoch), TransactionCoordinatorFencedError, the storage errors of an append.
   */
  async writeTxnMarker(topic: string, partition: number, producerId: number, producerEpoch: number, marker: EndTransactionMarker): Promise<{ offset: number }> {
    this.ensureOpen();
    const { log } = this.partitionOf(topic, partition);
    const { offset } = await log.appendEndTxnMarker(producerId, producerEpoch, marker, -1);
    this.emit("append", { topic, partition, baseOffset: offset, lastOffset: offset, recordCount: 0, sizeBytes: 0 });
    return { offset };
  }

  /**
   * Appends records in one transactional batch of a producer on behalf of a coordinator (the group coordinator's
   * TxnOffsetCommit into `__consumer_offsets`), durably: the epoch is checked, sequences are not.
   */
  async appendTransactional(topic: string, partition: number, records: readonly RecordInput[], producerId: number, producerEpoch: number): Promise<{ baseOffset: number; lastOffset: number }> {
    this.ensureOpen();
    const { log } = this.partitionOf(topic, partition);
    const info = await log.appendTransactionalRecords(records, producerId, producerEpoch, -1);
    this.emit("append", { topic, partition, baseOffset: info.baseOffset, lastOffset: info.lastOffset, recordCount: info.recordCount, sizeBytes: info.sizeBytes });
    return { baseOffset: info.baseOffset, lastOffset: info.lastOffset };
  }

  /** The producers a partition remembers (Kafka's DescribeProducers), by producer id. */
  partitionProducers(topic: string, partition: number): PartitionProducer[] {
    const { log } = this.partitionOf(topic, partition);
    return [...log.activeProducers()]
      .map(([producerId, p]) => ({
        producerId,
        producerEpoch: p.producerEpoch,
        lastSequence: p.lastSeq,
        lastTimestamp: p.lastTimestamp,
        coordinatorEpoch: p.coordinatorEpoch,
        currentTxnStartOffset: p.currentTxnFirstOffset,
      }))
      .sort((a, b) => a.producerId - b.producerId);
  }

  /** The transactions open in a partition, oldest first: what holds its last stable offset back. */
  openTransactions(topic: string, partition: number): TxnMetadata[] {
    return this.partitionOf(topic, partition).log.openTransactions();
  }

  listSegments(topic: string, partition: number): SegmentInfo[] {
    return this.partitionOf(topic, partition).log.segmentInfos();
  }

  /**
   * Kafka's DeleteRecords: records before `offset` (-1: the high watermark) stop being readable and whole
   * segments below it are deleted. Returns the partition's new log start offset. It is checkpointed once the deleted
   * segments' space is free; when even that fails (no space), `checkpointPending()` says why until the checkpoint is
   * written — as soon as the directory has room — and a restart before that starts the log at the earlier offset.
   */
  async deleteRecords(topic: string, partition: number, offset: number): Promise<number> {
    this.ensureOpen();
    const { log } = this.partitionOf(topic, partition);
    const logStartOffset = log.deleteRecordsBefore(offset);
    await this.afterDeletion([log]);
    this.logs.checkpoint();
    return logStartOffset;
  }

  /**
   * Why the last checkpoint of recovery points and log start offsets could not be written (no space), or null when
   * they are on disk: what DeleteRecords moved is durable only once this is null.
   */
  checkpointPending(): string | null {
    return this.logs.checkpointPending;
  }

  /**
   * Why data is or will be gone from a partition: the segments the next retention check would delete (with the
   * limit each breaks), the recent deletions, and the check's schedule.
   */
  retentionState(topic: string, partition: number): {
    dueForDeletion: { segment: SegmentInfo; reason: SegmentDeletionReason }[];
    recentDeletions: readonly SegmentDeletion[];
    lastCheckAt: number | null;
    nextCheckAt: number | null;
    checkIntervalMs: number;
  } {
    const { log } = this.partitionOf(topic, partition);
    const schedule = this.retention.schedule;
    return {
      dueForDeletion: log.planRetention(),
      recentDeletions: log.deletionHistory,
      lastCheckAt: schedule.lastRunAt,
      nextCheckAt: schedule.nextRunAt,
      checkIntervalMs: schedule.intervalMs,
    };
  }

  /** The log cleaner's state for a partition: dirty ratio, last run, bytes reclaimed, and why it has not run. */
  cleanerState(topic: string, partition: number): LogCleanerState {
    return this.cleaner.stateOf(this.partitionOf(topic, partition).log);
  }

  /** Runs one log-cleaner pass now (on the filthiest eligible log), as the periodic check does. */
  runCleaner(): ReturnType<LogCleaner["runOnce"]> {
    return this.cleaner.runOnce();
  }

  /** Runs a retention check now, as the periodic task does. */
  runRetentionCheck(): void {
    this.retention.runOnce();
  }

  /** Forces every log to disk. */
  async flush(): Promise<void> {
    await this.replicas.flush();
  }

  /**
   * Flushes and closes every log, leaving the clean-shutdown marker (only when everything flushed) so the next start
   * skips recovery.
   */
  async close(): Promise<void> {
    if (this.closed) return;
    // Kafka's controlled shutdown: leaderships move to other ISR members before this broker stops serving.
    if (this.member) {
      await this.member.shutDownControlled(this.brokerConfig.get("broker.session.timeout.ms")).catch(() => undefined);
      // Outside the admin lock: leaving waits for a metadata sync in progress, which takes that lock.
      await this.member.close().catch((err: unknown) => this.logger.warn(`Leaving the cluster failed: ${(err as Error).message}`));
    }
    await this.adminLock.run(async () => {
      this.closed = true;
      await this.replicas.replication?.close();
      this.retention.stop();
      this.producerExpiration.stop();
      this.admin.pendingDeletions.stop();
      this.logs.health.stop();
      await Promise.all([this.cleaner.stop(), this.scrubber.stop()]);
      this.logs.close();
      try {
        await this.store.close();
      } catch (err) {
        // The logs are closed and flushed: a store that cannot close (or answer) must not make the shutdown fail.
        this.logger.warn(`Closing the metadata store failed: ${(err as Error).message}`);
      }
    });
  }

  private ensureOpen(): void {
    if (this.closed) throw new KafkaStorageError("The broker is shut down.");
  }
}

function applyChanges(current: Record<string, string>, changes: ConfigChange[]): Record<string, string> {
  const next = { ...current };
  for (const change of changes) {
    if (typeof change.name !== "string" || change.name.length === 0) throw new InvalidConfigError(`A config change must name a config.`);
    if (change.value === null) delete next[change.name];
    else next[change.name] = String(change.value);
  }
  return next;
}

/**
 * Kafka's `meta.properties`: ties a data directory to one cluster and broker, so a wrong database is noticed.
 * Returns a note when it could not be written (a full disk): the next start writes it.
 */
function checkMetaProperties(dataDir: string, clusterId: string, brokerId: number): string | undefined {
  const path = join(dataDir, META_PROPERTIES);
  if (existsSync(path)) {
    const stored = /^cluster\.id=(.*)$/m.exec(readFileSync(path, "utf8"))?.[1];
    if (stored && stored !== clusterId) {
      throw new KafkaStorageError(
        `The cluster id ${clusterId} from the metadata store does not match the cluster id ${stored} in ${path}: this data directory belongs to another cluster.`,
      );
    }
    return undefined;
  }
  try {
    writeFileSync(path, `version=1\ncluster.id=${clusterId}\nnode.id=${brokerId}\n`);
    return undefined;
  } catch (err) {
    rmSync(path, { force: true });
    return `could not write ${path} (${(err as Error).message}); the next start writes it`;
  }
}
