import { EventEmitter } from "node:events";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type {
  AppendEvent,
  ConfigChange,
  ConsumerRecord,
  CreateTopicRequest,
  FetchEvent,
  FetchOptions,
  FetchResult,
  Logger,
  PartitionOffsets,
  ProduceOptions,
  ProduceRecord,
  ProduceResult,
  TopicDescription,
} from "./broker-types.js";
import { systemClock, type Clock } from "./clock.js";
import { AdminLock } from "./cluster/admin-lock.js";
import { BrokerConfig } from "./cluster/config/broker-config.js";
import { describeBrokerConfigs, describeTopicConfigs, type ConfigEntry } from "./cluster/config/describe-configs.js";
import { resolveLogConfig, validateTopicConfigs, type LogConfig } from "./cluster/config/log-config.js";
import { FileMetadataStore } from "./cluster/file-metadata-store.js";
import type { MetadataStore, TopicMetadata } from "./cluster/metadata-store.js";
import { Partition } from "./cluster/partition.js";
import { Partitioner } from "./cluster/partitioner.js";
import { newKafkaUuid } from "./cluster/topic-id.js";
import { isInternalTopic, validateNoTopicCollision, validateTopicName } from "./cluster/topic-name.js";
import {
  InvalidConfigError,
  InvalidPartitionsError,
  InvalidReplicationFactorError,
  InvalidRequestError,
  InvalidRequiredAcksError,
  InvalidTopicError,
  KafkaStorageError,
  NotEnoughReplicasError,
  TopicAlreadyExistsError,
  TopicDeletionDisabledError,
  UnknownTopicOrPartitionError,
} from "./errors.js";
import type { Acks, PreparedAppend, SegmentDeletion, SegmentDeletionReason } from "./storage/log.js";
import { LogCleaner } from "./cleaner/log-cleaner.js";
import type { LogCleanerState } from "./cleaner/log-cleaner-manager.js";
import { LogRetention } from "./cleaner/log-retention.js";
import { LogManager } from "./storage/log-manager.js";
import type { SegmentInfo } from "./storage/segment.js";

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
}

interface TopicState {
  metadata: TopicMetadata;
  config: LogConfig;
  partitions: Partition[];
}

const META_PROPERTIES = "meta.properties";
const MAX_PARTITIONS = 100_000;

/**
 * A single Kafka-style broker embedded in the process: topics and partitions over durable logs, producing and
 * fetching records, configs with Kafka's names, and the metadata that must agree with the files on disk.
 * Emits `append` (an `AppendEvent`) after every append and `fetch` (a `FetchEvent`) after every fetch that returned
 * records.
 */
export class Broker extends EventEmitter<{ append: [AppendEvent]; fetch: [FetchEvent] }> {
  private readonly topics = new Map<string, TopicState>();
  private readonly adminLock = new AdminLock();
  private readonly partitioner: Partitioner;
  private closed = false;
  private readonly retention: LogRetention;
  private readonly cleaner: LogCleaner;
  /** What start-up found and repaired: recovered logs, reconciled metadata. */
  readonly startupReport: string[] = [];

  private constructor(
    readonly clusterId: string,
    private brokerConfig: BrokerConfig,
    private readonly store: MetadataStore,
    private readonly logs: LogManager,
    private readonly clock: Clock,
    logger: Logger,
    random: () => number,
  ) {
    super();
    this.partitioner = new Partitioner(random);
    this.retention = new LogRetention(() => logs.allLogs(), clock, brokerConfig.get("log.retention.check.interval.ms"), logger);
    this.cleaner = new LogCleaner({ logs: () => logs.allLogs(), dataDir: logs.dataDir, clock, logger, backoffMs: brokerConfig.get("log.cleaner.backoff.ms") });
  }

  /** Opens the broker on its data directory: loads metadata, recovers logs and reconciles the two. */
  static async open(options: BrokerOptions): Promise<Broker> {
    const dataDir = resolve(options.dataDir);
    const clock = options.clock ?? systemClock;
    const logger = options.logger ?? { info: () => undefined, warn: () => undefined };
    const store = options.metadataStore ?? new FileMetadataStore(join(dataDir, "metadata.json"));
    const metadata = await store.load();
    const brokerConfig = new BrokerConfig(options.brokerConfig ?? {}, { clusterDefault: metadata.brokerConfigs });

    const clusterId = metadata.clusterId ?? newKafkaUuid();
    if (metadata.clusterId === null) await store.saveClusterId(clusterId);
    const logs = new LogManager(dataDir, clock);
    logs.start(brokerConfig.get("log.flush.offset.checkpoint.interval.ms"));
    checkMetaProperties(dataDir, clusterId, brokerConfig.get("broker.id"));

    const broker = new Broker(clusterId, brokerConfig, store, logs, clock, logger, options.random ?? Math.random);
    broker.startupReport.push(...logs.repairs);
    await broker.reconcile(metadata.topics);
    for (const line of broker.startupReport) logger.warn(line);
    broker.retention.start();
    if (brokerConfig.get("log.cleaner.enable")) broker.cleaner.start();
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

  /**
   * Makes the metadata and the partition directories agree after any crash: finishes interrupted deletions,
   * creates missing logs, drops directories of deleted incarnations of a topic, and adopts logs the metadata lost.
   */
  private async reconcile(topics: TopicMetadata[]): Promise<void> {
    const report = (line: string) => this.startupReport.push(line);
    const disk = this.logs.scan();
    const known = new Map(topics.map((t) => [t.name, t]));

    for (const deleted of disk.pendingDeletes) {
      const topic = known.get(deleted.topic);
      if (topic && topic.topicId === deleted.topicId) {
        known.delete(deleted.topic);
        await this.store.deleteTopic(deleted.topic);
        for (const sibling of disk.partitions.filter((p) => p.topic === deleted.topic && p.topicId === deleted.topicId)) {
          this.logs.removeDir(sibling.name);
        }
        disk.partitions = disk.partitions.filter((p) => !(p.topic === deleted.topic && p.topicId === deleted.topicId));
        report(`completed the deletion of topic ${deleted.topic}, interrupted by a crash`);
      }
      this.logs.removeDir(deleted.name);
    }
    for (const topic of known.values()) {
      if (!disk.partitions.some((p) => p.topic === topic.name)) continue;
      for (const dir of disk.partitions.filter((p) => p.topic === topic.name)) {
        if (dir.topicId !== undefined && dir.topicId !== topic.topicId) {
          this.logs.removeDir(dir.name);
          report(`removed ${dir.name}: it belonged to an earlier topic ${topic.name} (id ${dir.topicId}) that was deleted`);
        } else if (dir.partition >= topic.partitions) {
          report(`topic ${topic.name}: metadata said ${topic.partitions} partition(s) but ${dir.name} exists on disk; raised the count to keep its data`);
          topic.partitions = dir.partition + 1;
          await this.store.saveTopic(topic);
        }
      }
    }
    const orphans = new Map<string, number>();
    for (const dir of disk.partitions) {
      if (known.has(dir.topic)) continue;
      orphans.set(dir.topic, Math.max(orphans.get(dir.topic) ?? 0, dir.partition + 1));
    }
    for (const [name, partitions] of orphans) {
      const topicId = disk.partitions.find((p) => p.topic === name && p.topicId !== undefined)?.topicId ?? newKafkaUuid();
      const topic: TopicMetadata = { name, topicId, partitions, replicationFactor: 1, configs: {}, internal: isInternalTopic(name), createdAt: this.clock.now() };
      await this.store.saveTopic(topic);
      known.set(name, topic);
      report(`recovered topic ${name} (${partitions} partition(s)) from its log directories: the metadata had lost it, its configs are back to defaults`);
    }

    for (const topic of known.values()) {
      const state = this.openTopic(topic);
      for (const partition of state.partitions) {
        if (!disk.partitions.some((p) => p.topic === topic.name && p.partition === partition.partition)) {
          report(`created the missing log directory ${topic.name}-${partition.partition}`);
        }
      }
    }
  }

  private openTopic(metadata: TopicMetadata): TopicState {
    const config = resolveLogConfig(this.brokerConfig, metadata.configs);
    const state: TopicState = { metadata, config, partitions: [] };
    for (let p = 0; p < metadata.partitions; p++) state.partitions.push(this.openPartition(metadata, config, p));
    this.topics.set(metadata.name, state);
    return state;
  }

  private openPartition(metadata: TopicMetadata, config: LogConfig, partition: number): Partition {
    const { log, repairs } = this.logs.openLog({ topic: metadata.name, partition }, metadata.topicId, config);
    this.startupReport.push(...repairs);
    const replicas = [this.brokerId];
    return new Partition(metadata.name, partition, log, this.brokerId, replicas, replicas);
  }

  // ---- topics ----

  listTopics(options: { includeInternal?: boolean } = {}): TopicDescription[] {
    return [...this.topics.values()]
      .filter((t) => options.includeInternal || !t.metadata.internal)
      .map((t) => this.describe(t))
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  describeTopic(name: string): TopicDescription {
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
    const state = this.topics.get(name);
    if (!state) throw new UnknownTopicOrPartitionError(`This server does not host this topic: ${name}.`);
    return state;
  }

  private partitionOf(topic: string, partition: number): Partition {
    const state = this.topicState(topic);
    const found = Number.isInteger(partition) ? state.partitions[partition] : undefined;
    if (!found) {
      throw new UnknownTopicOrPartitionError(
        `This server does not host this topic-partition: ${topic}-${partition} (the topic has partitions 0 to ${state.partitions.length - 1}).`,
      );
    }
    return found;
  }

  /** Creates a topic (Kafka's CreateTopics), refusing bad names, counts and configs with Kafka's errors. */
  createTopic(request: CreateTopicRequest): Promise<TopicDescription> {
    return this.adminLock.run(() => this.createTopicNow(request));
  }

  private async createTopicNow(request: CreateTopicRequest, internal = false): Promise<TopicDescription> {
    this.ensureOpen();
    const { name } = request;
    validateTopicName(name);
    if (isInternalTopic(name) && !internal) throw new InvalidRequestError(`Creation of internal topic ${name} is prohibited.`);
    if (this.topics.has(name)) throw new TopicAlreadyExistsError(`Topic '${name}' already exists.`);
    validateNoTopicCollision(name, this.topics.keys());
    const partitions = request.partitions ?? this.brokerConfig.get("num.partitions");
    const replicationFactor = request.replicationFactor ?? this.brokerConfig.get("default.replication.factor");
    if (!Number.isInteger(partitions) || partitions < 1) throw new InvalidPartitionsError(`Number of partitions was set to an invalid non-positive value.`);
    if (partitions > MAX_PARTITIONS) throw new InvalidPartitionsError(`Number of partitions ${partitions} is above the maximum of ${MAX_PARTITIONS}.`);
    if (!Number.isInteger(replicationFactor) || replicationFactor < 1) {
      throw new InvalidReplicationFactorError(`Replication factor must be larger than 0, or -1 to use the default value.`);
    }
    if (replicationFactor > this.brokerCount) {
      throw new InvalidReplicationFactorError(`Unable to replicate the partition ${replicationFactor} time(s): The target replication factor of ${replicationFactor} cannot be reached because only ${this.brokerCount} broker(s) are registered.`);
    }
    const configs = { ...(request.configs ?? {}) };
    validateTopicConfigs(configs, this.brokerConfig);
    const metadata: TopicMetadata = { name, topicId: newKafkaUuid(), partitions, replicationFactor, configs, internal: isInternalTopic(name), createdAt: this.clock.now() };
    if (request.validateOnly) return { name, topicId: metadata.topicId, internal: metadata.internal, replicationFactor, partitions: [], configs };
    await this.store.saveTopic(metadata);
    return this.describe(this.openTopic(metadata));
  }

  /**
   * Creates an internal topic (such as `__consumer_offsets`) when it does not exist yet, for the engine's own
   * coordinators; returns its description either way.
   */
  ensureInternalTopic(name: string, partitions: number, configs: Record<string, string>): Promise<TopicDescription> {
    return this.adminLock.run(async () => {
      const existing = this.topics.get(name);
      if (existing) return this.describe(existing);
      return this.createTopicNow({ name, partitions, replicationFactor: Math.min(this.brokerCount, 1), configs }, true);
    });
  }

  /** The number of live brokers: one, until replication arrives. */
  get brokerCount(): number {
    return 1;
  }

  /** Deletes a topic and its logs (Kafka's DeleteTopics). */
  deleteTopic(name: string): Promise<void> {
    return this.adminLock.run(async () => {
      this.ensureOpen();
      if (!this.brokerConfig.get("delete.topic.enable")) throw new TopicDeletionDisabledError(`Topic deletion is disabled (delete.topic.enable=false).`);
      const state = this.topicState(name);
      if (state.metadata.internal) throw new InvalidTopicError(`Topic ${name} is internal and cannot be deleted.`);
      this.topics.delete(name);
      for (const partition of state.partitions) this.cleaner.forget(partition.log);
      try {
        this.logs.deleteLogs(state.partitions.map((p) => ({ topic: name, partition: p.partition })), state.metadata.topicId);
      } catch (err) {
        throw new KafkaStorageError(`Deleting the logs of topic ${name} failed: ${(err as Error).message}. Restarting the broker completes the deletion.`);
      }
      await this.store.deleteTopic(name);
    });
  }

  /** Raises a topic's partition count (Kafka's CreatePartitions); a decrease is refused. */
  createPartitions(name: string, totalCount: number, options: { validateOnly?: boolean } = {}): Promise<TopicDescription> {
    return this.adminLock.run(async () => {
      this.ensureOpen();
      const state = this.topicState(name);
      const current = state.partitions.length;
      if (!Number.isInteger(totalCount) || totalCount < 1) throw new InvalidPartitionsError(`The partition count must be a positive integer, got ${totalCount}.`);
      if (totalCount < current) {
        throw new InvalidPartitionsError(`The topic ${name} currently has ${current} partition(s); ${totalCount} would not be an increase.`);
      }
      if (totalCount === current) throw new InvalidPartitionsError(`Topic already has ${current} partition(s).`);
      if (totalCount > MAX_PARTITIONS) throw new InvalidPartitionsError(`Number of partitions ${totalCount} is above the maximum of ${MAX_PARTITIONS}.`);
      if (options.validateOnly) return this.describe(state);
      const metadata = { ...state.metadata, partitions: totalCount };
      await this.store.saveTopic(metadata);
      state.metadata = metadata;
      for (let p = current; p < totalCount; p++) state.partitions.push(this.openPartition(metadata, state.config, p));
      return this.describe(state);
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
      const resolved = [...this.topics.values()].map((state) => [state, resolveLogConfig(next, state.metadata.configs)] as const);
      if (options.validateOnly) return;
      await this.store.saveBrokerConfigs(dynamic);
      this.brokerConfig = next;
      this.cleaner.setBackoffMs(next.get("log.cleaner.backoff.ms"));
      for (const [state, config] of resolved) this.applyLogConfig(state, config);
    });
  }

  private applyLogConfig(state: TopicState, config: LogConfig): void {
    state.config = config;
    for (const partition of state.partitions) partition.log.updateConfig(config);
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
    const acks = options.acks ?? 1;
    if (acks !== 0 && acks !== 1 && acks !== -1) throw new InvalidRequiredAcksError(`Invalid required acks ${String(acks)}: use 0, 1 or -1 (all).`);
    if (records.length === 0) throw new InvalidRequestError(`A produce request must carry at least one record.`);
    const state = this.topics.get(topic) ?? (await this.autoCreate(topic));
    if (state.metadata.internal && !options.allowInternal) throw new InvalidTopicError(`Cannot append to internal topic ${topic}.`);

    const groups = new Map<number, { indexes: number[]; records: ProduceRecord[] }>();
    this.partitioner.newBatch(topic);
    records.forEach((record, index) => {
      const partition = this.choosePartition(state, record);
      let group = groups.get(partition);
      if (!group) groups.set(partition, (group = { indexes: [], records: [] }));
      group.indexes.push(index);
      group.records.push(record);
    });

    const prepared: [Partition, PreparedAppend, number[], ProduceRecord[]][] = [];
    for (const [partition, group] of groups) {
      const target = state.partitions[partition]!;
      if (acks === -1 && target.isr.length < state.config.minInSyncReplicas) {
        throw new NotEnoughReplicasError(
          `The size of the current ISR [${target.isr.join(", ")}] is insufficient to satisfy the min.isr requirement of ${state.config.minInSyncReplicas} for partition ${topic}-${partition}.`,
        );
      }
      prepared.push([target, target.log.prepareAppend(group.records), group.indexes, group.records]);
    }
    const results = new Array<ProduceResult>(records.length);
    await Promise.all(
      prepared.map(async ([target, append, indexes, group]) => {
        const info = await target.log.commitAppend(append, acks as Acks);
        indexes.forEach((recordIndex, i) => {
          results[recordIndex] = {
            partition: target.partition,
            offset: info.baseOffset + i,
            timestamp: info.logAppendTime >= 0 ? info.logAppendTime : (group[i]!.timestamp ?? info.now),
          };
        });
        this.emit("append", {
          topic,
          partition: target.partition,
          baseOffset: info.baseOffset,
          lastOffset: info.lastOffset,
          recordCount: info.recordCount,
          sizeBytes: info.sizeBytes,
        });
      }),
    );
    return results;
  }

  private async autoCreate(topic: string): Promise<TopicState> {
    if (!this.brokerConfig.get("auto.create.topics.enable") || isInternalTopic(topic)) {
      throw new UnknownTopicOrPartitionError(`This server does not host this topic: ${topic}.`);
    }
    await this.adminLock.run(async () => {
      if (!this.topics.has(topic)) await this.createTopicNow({ name: topic });
    });
    return this.topicState(topic);
  }

  private choosePartition(state: TopicState, record: ProduceRecord): number {
    const count = state.partitions.length;
    if (record.partition !== undefined && record.partition !== null) {
      if (!Number.isInteger(record.partition) || record.partition < 0 || record.partition >= count) {
        throw new UnknownTopicOrPartitionError(
          `Partition ${record.partition} of topic ${state.metadata.name} does not exist: the topic has partitions 0 to ${count - 1}.`,
        );
      }
      return record.partition;
    }
    return this.partitioner.partition(state.metadata.name, record.key ?? null, count);
  }

  /** Reads records of one partition from `offset` on (whole batches up to `maxBytes`, then at most `maxRecords`). */
  async fetch(topic: string, partition: number, offset: number, options: FetchOptions = {}): Promise<FetchResult> {
    this.ensureOpen();
    const target = this.partitionOf(topic, partition);
    const read = target.log.readRecords(offset, options.maxBytes ?? 1024 * 1024, options.maxRecords);
    const records = new Array<ConsumerRecord>(read.records.length);
    let sizeBytes = 0;
    for (let i = 0; i < records.length; i++) {
      const r = read.records[i]!;
      records[i] = { topic, partition, offset: r.offset, timestamp: r.timestamp, timestampType: r.timestampType, key: r.key, value: r.value, headers: r.headers };
      sizeBytes += (r.key?.length ?? 0) + (r.value?.length ?? 0);
      for (const header of r.headers) sizeBytes += header.value?.length ?? 0;
    }
    if (records.length > 0) this.emit("fetch", { topic, partition, recordCount: records.length, sizeBytes });
    return { records, nextOffset: read.nextOffset, highWatermark: read.highWatermark, logStartOffset: read.logStartOffset, logEndOffset: read.logEndOffset };
  }

  /**
   * Kafka's ListOffsets: the first offset whose record has a timestamp at or after `timestamp`; -1 asks for the
   * latest offset and -2 for the earliest. Null when every record is older.
   */
  async offsetForTimestamp(topic: string, partition: number, timestamp: number): Promise<{ offset: number; timestamp: number } | null> {
    this.ensureOpen();
    const { log } = this.partitionOf(topic, partition);
    if (timestamp === -1) return { offset: log.highWatermark, timestamp: -1 };
    if (timestamp === -2) return { offset: log.logStartOffset, timestamp: -1 };
    if (!Number.isSafeInteger(timestamp) || timestamp < 0) throw new InvalidRequestError(`Invalid timestamp ${timestamp}: use epoch milliseconds, -1 (latest) or -2 (earliest).`);
    return log.offsetForTimestamp(timestamp);
  }

  partitionOffsets(topic: string, partition: number): PartitionOffsets {
    const { log } = this.partitionOf(topic, partition);
    return { logStartOffset: log.logStartOffset, logEndOffset: log.logEndOffset, highWatermark: log.highWatermark, sizeBytes: log.size };
  }

  listSegments(topic: string, partition: number): SegmentInfo[] {
    return this.partitionOf(topic, partition).log.segmentInfos();
  }

  /**
   * Kafka's DeleteRecords: records before `offset` (-1: the high watermark) stop being readable and whole
   * segments below it are deleted. Returns the partition's new log start offset.
   */
  async deleteRecords(topic: string, partition: number, offset: number): Promise<number> {
    this.ensureOpen();
    const { log } = this.partitionOf(topic, partition);
    const logStartOffset = log.deleteRecordsBefore(offset);
    this.logs.checkpoint();
    return logStartOffset;
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
    await Promise.all([...this.topics.values()].flatMap((t) => t.partitions.map((p) => p.log.flush())));
  }

  /** Flushes and closes every log, leaving the clean-shutdown marker so the next start skips recovery. */
  async close(): Promise<void> {
    if (this.closed) return;
    await this.adminLock.run(async () => {
      this.closed = true;
      this.retention.stop();
      await this.cleaner.stop();
      this.logs.close();
      await this.store.close();
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

/** Kafka's `meta.properties`: ties a data directory to one cluster and broker, so a wrong database is noticed. */
function checkMetaProperties(dataDir: string, clusterId: string, brokerId: number): void {
  const path = join(dataDir, META_PROPERTIES);
  if (existsSync(path)) {
    const stored = /^cluster\.id=(.*)$/m.exec(readFileSync(path, "utf8"))?.[1];
    if (stored && stored !== clusterId) {
      throw new KafkaStorageError(
        `The cluster id ${clusterId} from the metadata store does not match the cluster id ${stored} in ${path}: this data directory belongs to another cluster.`,
      );
    }
    return;
  }
  writeFileSync(path, `version=1\ncluster.id=${clusterId}\nnode.id=${brokerId}\n`);
}
