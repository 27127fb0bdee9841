import type {
  AppendEvent,
  AppendRecordBatchesOptions,
  AppendRecordBatchesResult,
  FetchEvent,
  Logger,
  OfflinePartition,
  ProduceOptions,
  ProduceRecord,
  ProduceResult,
} from "../broker-types.js";
import type { LogConfig } from "../cluster/config/log-config.js";
import { resolveLogConfig } from "../cluster/config/log-config.js";
import type { BrokerConfig } from "../cluster/config/broker-config.js";
import type { PartitionRegistration } from "../cluster/cluster-metadata-store.js";
import type { TopicMetadata } from "../cluster/metadata-store.js";
import { Partition } from "../cluster/partition.js";
import { Partitioner } from "../cluster/partitioner.js";
import type { TopicState } from "../cluster/topic-admin.js";
import {
  InvalidRequestError,
  InvalidRequiredAcksError,
  InvalidTopicError,
  NotEnoughReplicasError,
  NotLeaderOrFollowerError,
  UnknownTopicOrPartitionError,
} from "../errors.js";
import { UNDEFINED_EPOCH, UNDEFINED_EPOCH_OFFSET } from "../storage/leader-epoch-cache.js";
import { Replication, type ReplicationOptions } from "./replication.js";
import type { Acks, LogReadResult, PreparedAppend } from "../storage/log.js";
import type { LogManager } from "../storage/log-manager.js";
import { readVerified } from "../storage/verified-read.js";

/** What the replica manager works with, given by the broker that owns it. */
export interface ReplicaManagerContext {
  readonly logs: LogManager;
  readonly logger: Logger;
  readonly random: () => number;
  brokerId(): number;
  brokerConfig(): BrokerConfig;
  isClosed(): boolean;
  /** Creates a topic with the broker's defaults (auto-creation); the caller has checked it is allowed. */
  autoCreate(topic: string): Promise<void>;
  /** Adds a line to the broker's start-up report. */
  report(line: string): void;
  onAppend(event: AppendEvent): void;
  onFetch(event: FetchEvent): void;
  /**
   * In a cluster, a partition's registration (replicas, leader, ISR) and its version; undefined on a single broker,
   * whose partitions all have this broker as their only replica and leader.
   */
  registrationOf?(topic: string, partition: number): { registration: PartitionRegistration; version: number } | undefined;
}

/** The default wait of an acks=all append for its in-sync replicas (Kafka's producer `request.timeout.ms`). */
const DEFAULT_ACKS_ALL_TIMEOUT_MS = 30_000;

/**
 * Kafka's ReplicaManager: the partitions this broker hosts and the appends and reads on them. It owns each
 * partition's leadership and replica set (this broker alone, for now), checks `acks` and `min.insync.replicas`
 * before writing, and serves reads. Topic administration (TopicAdmin) registers and removes topics through
 * `topics`; the logs themselves belong to the LogManager.
 */
export class ReplicaManager {
  /** The topics hosted, by name, each with its partitions (online or offline). */
  readonly topics = new Map<string, TopicState>();
  private readonly partitioner: Partitioner;
  /** Replication in a cluster; null on a single broker. */
  private replicationState: Replication | null = null;

  constructor(private readonly ctx: ReplicaManagerContext) {
    this.partitioner = new Partitioner(ctx.random);
  }

  /** Turns on replication (a cluster member): partitions follow their registrations from now on. */
  enableReplication(options: ReplicationOptions): Replication {
    this.replicationState = new Replication(options);
    return this.replicationState;
  }

  get replication(): Replication | null {
    return this.replicationState;
  }

  // ---- partitions ----

  /** Opens a topic's partitions; one that cannot be opened is kept offline (and reported), the others serve. */
  openTopic(metadata: TopicMetadata): TopicState {
    let config: LogConfig;
    try {
      config = resolveLogConfig(this.ctx.brokerConfig(), metadata.configs);
    } catch (err) {
      // Configs stored by an earlier version may no longer validate: the topic is kept, offline, until they are fixed.
      config = resolveLogConfig(this.ctx.brokerConfig(), {});
      const reason = `its configs are invalid: ${(err as Error).message}`;
      const state: TopicState = { metadata, config, partitions: [] };
      for (let p = 0; p < metadata.partitions; p++) state.partitions.push(this.offlinePartition(metadata.name, p, reason));
      this.topics.set(metadata.name, state);
      return state;
    }
    const state: TopicState = { metadata, config, partitions: [] };
    for (let p = 0; p < metadata.partitions; p++) state.partitions.push(this.openPartition(metadata, config, p));
    this.topics.set(metadata.name, state);
    return state;
  }

  /** Opens one partition's log; a log that cannot be opened leaves the partition offline. */
  openPartition(metadata: TopicMetadata, config: LogConfig, partition: number): Partition {
    const brokerId = this.ctx.brokerId();
    const registered = this.ctx.registrationOf?.(metadata.name, partition);
    if (registered) return this.openReplica(metadata, config, partition, registered.registration, registered.version);
    try {
      const { log, repairs } = this.ctx.logs.openLog({ topic: metadata.name, partition }, metadata.topicId, config);
      for (const line of repairs) this.ctx.report(line);
      return Partition.online(metadata.name, partition, log, brokerId, [brokerId]);
    } catch (err) {
      return this.offlinePartition(metadata.name, partition, (err as Error).message);
    }
  }

  /** A cluster's partition: its log when this broker is one of its replicas, its registration either way. */
  private openReplica(metadata: TopicMetadata, config: LogConfig, index: number, registration: PartitionRegistration, version: number): Partition {
    if (!registration.replicas.includes(this.ctx.brokerId())) return Partition.remote(metadata.name, index, registration, version);
    let partition: Partition;
    try {
      const { log, repairs } = this.ctx.logs.openLog({ topic: metadata.name, partition: index }, metadata.topicId, config);
      for (const line of repairs) this.ctx.report(line);
      partition = Partition.replica(metadata.name, index, log, registration, -1);
    } catch (err) {
      return this.offlinePartition(metadata.name, index, (err as Error).message);
    }
    this.replicationState?.apply(partition, registration, version);
    return partition;
  }

  /**
   * Applies a newer registration of a hosted topic's partition: leadership and ISR changes go to replication; a
   * partition this broker starts or stops hosting a replica of has its log opened, or closed and deleted.
   */
  applyRegistration(topic: string, index: number, registration: PartitionRegistration, version: number): void {
    const state = this.topics.get(topic);
    const current = state?.partitions[index];
    if (!state || !current) return;
    if (version < current.version) return;
    const hostsNow = registration.replicas.includes(this.ctx.brokerId());
    if (hostsNow === current.hosted) {
      if (current.hosted && current.isOnline) this.replicationState?.apply(current, registration, version);
      else current.setRegistration(registration, version);
      return;
    }
    if (current.logIfOnline) {
      this.replicationState?.remove(current);
      this.ctx.logs.deleteLogs([{ topic, partition: index }], state.metadata.topicId).catch((err: unknown) => this.ctx.logger.warn(`Deleting the replica ${topic}-${index} moved off this broker failed: ${(err as Error).message}`));
    }
    state.partitions[index] = this.openReplica(state.metadata, state.config, index, registration, version);
  }

  private offlinePartition(topic: string, partition: number, reason: string): Partition {
    const line = `partition ${topic}-${partition} is offline: ${reason}`;
    this.ctx.report(line);
    (this.ctx.logger.error ?? this.ctx.logger.warn).call(this.ctx.logger, line);
    return Partition.offline(topic, partition, [this.ctx.brokerId()], reason);
  }

  /** The topic's state; UNKNOWN_TOPIC_OR_PARTITION when this broker does not host it. */
  topicState(name: string): TopicState {
    const state = this.topics.get(name);
    if (!state) throw new UnknownTopicOrPartitionError(`This server does not host this topic: ${name}.`);
    return state;
  }

  /** The hosted partition; UNKNOWN_TOPIC_OR_PARTITION for a topic or partition this broker does not host. */
  partitionOf(topic: string, partition: number): Partition {
    const state = this.topicState(topic);
    const found = Number.isInteger(partition) ? state.partitions[partition] : undefined;
    if (!found) {
      throw new UnknownTopicOrPartitionError(
        `This server does not host this topic-partition: ${topic}-${partition} (the topic has partitions 0 to ${state.partitions.length - 1}).`,
      );
    }
    return found;
  }

  /** The partitions this broker cannot serve, with the reason. */
  offlinePartitions(): OfflinePartition[] {
    const offline: OfflinePartition[] = [];
    for (const state of this.topics.values()) {
      for (const p of state.partitions) if (!p.isOnline && p.hosted) offline.push({ topic: p.topic, partition: p.partition, reason: p.offlineReason! });
    }
    return offline.sort((a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition);
  }

  /** Applies a topic's resolved config to its state and every log. */
  applyLogConfig(state: TopicState, config: LogConfig): void {
    state.config = config;
    for (const partition of state.partitions) partition.logIfOnline?.updateConfig(config);
  }

  /** Forces every log to disk. */
  async flush(): Promise<void> {
    await Promise.all([...this.topics.values()].flatMap((t) => t.partitions.map((p) => p.logIfOnline?.flush())));
  }

  // ---- appends ----

  /**
   * Appends records to a topic (auto-creating it when `auto.create.topics.enable` allows), each to its explicit
   * partition, its key's partition, or a sticky partition for keyless records. Every record is validated before
   * anything is written. Resolves with one result per record, in order, once `acks` is satisfied.
   */
  async produce(topic: string, records: readonly ProduceRecord[], options: ProduceOptions & { allowInternal?: boolean } = {}): Promise<ProduceResult[]> {
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
      this.replicationState?.checkLeader(target);
      if (acks === -1) this.checkMinIsr(state, target);
      prepared.push([target, target.log.prepareAppend(group.records), group.indexes, group.records]);
    }
    const results = new Array<ProduceResult>(records.length);
    await Promise.all(
      prepared.map(async ([target, append, indexes, group]) => {
        const committed = target.log.commitAppend(append, acks as Acks);
        this.replicationState?.afterLeaderAppend(target);
        const info = await committed;
        await this.awaitIsr(target, info.lastOffset + 1, acks as Acks, options.timeoutMs);
        indexes.forEach((recordIndex, i) => {
          results[recordIndex] = {
            partition: target.partition,
            offset: info.baseOffset + i,
            timestamp: info.logAppendTime >= 0 ? info.logAppendTime : (group[i]!.timestamp ?? info.now),
          };
        });
        this.ctx.onAppend({
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

  /**
   * Appends a client's raw `records` (one partition of Kafka's Produce) as Kafka's leader does; see
   * `Broker.appendRecordBatches`. Everything up to the write happens before the first await.
   */
  async appendRecordBatches(topic: string, partition: number, records: Buffer, options: AppendRecordBatchesOptions): Promise<AppendRecordBatchesResult> {
    const acks = options.acks;
    if (acks !== 0 && acks !== 1 && acks !== -1) throw new InvalidRequiredAcksError(`Invalid required acks ${String(acks)}: use 0, 1 or -1 (all).`);
    const state = this.topicState(topic);
    if (state.metadata.internal) throw new InvalidTopicError(`Cannot append to internal topic ${topic}`);
    const target = this.partitionOf(topic, partition);
    this.replicationState?.checkLeader(target);
    if (acks === -1) this.checkMinIsr(state, target);
    const log = target.log;
    const appended = log.appendRecordBatches(records, acks);
    // The write happened synchronously inside the call: the high watermark of a lone ISR moves before the wait.
    this.replicationState?.afterLeaderAppend(target);
    const info = await appended;
    if (!info.duplicate) {
      this.ctx.onAppend({ topic, partition, baseOffset: info.baseOffset, lastOffset: info.lastOffset, recordCount: info.recordCount, sizeBytes: info.sizeBytes });
    }
    await this.awaitIsr(target, info.lastOffset + 1, acks, options.timeoutMs);
    return { baseOffset: info.baseOffset, logAppendTime: info.logAppendTime, logStartOffset: log.logStartOffset, recordErrors: [] };
  }

  /** In a cluster, an acks=all append waits until every ISR member has it (the high watermark passed it). */
  private async awaitIsr(target: Partition, requiredOffset: number, acks: Acks, timeoutMs = DEFAULT_ACKS_ALL_TIMEOUT_MS): Promise<void> {
    if (acks === -1 && this.replicationState) await this.replicationState.awaitReplication(target, requiredOffset, timeoutMs);
  }

  /** acks=all is refused with NOT_ENOUGH_REPLICAS while the ISR is smaller than `min.insync.replicas`. */
  private checkMinIsr(state: TopicState, target: Partition): void {
    if (target.isr.length < state.config.minInSyncReplicas) {
      throw new NotEnoughReplicasError(
        `The size of the current ISR [${target.isr.join(", ")}] is insufficient to satisfy the min.isr requirement of ${state.config.minInSyncReplicas} for partition ${target.topic}-${target.partition}.`,
      );
    }
  }

  private async autoCreate(topic: string): Promise<TopicState> {
    await this.ctx.autoCreate(topic);
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
    const chosen = this.partitioner.partition(state.metadata.name, record.key ?? null, count);
    if (record.key !== undefined && record.key !== null) return chosen;
    // Keyless records avoid offline partitions, as Kafka's producer picks among available partitions.
    for (let i = 0; i < count; i++) {
      const candidate = (chosen + i) % count;
      if (state.partitions[candidate]!.isOnline) return candidate;
    }
    return chosen;
  }

  // ---- reads ----

  /** Whole stored batches from the one holding `offset`, waiting for a corrupt range's check; see `Broker.fetchBatches`. */
  fetchBatches(topic: string, partition: number, offset: number, maxBytes: number): Promise<LogReadResult> {
    const target = this.partitionOf(topic, partition);
    this.replicationState?.checkLeader(target);
    const upTo = this.consumerReadLimit(target);
    return readVerified(target.log, offset, (l) => l.read(offset, maxBytes, "read_uncommitted", upTo));
  }

  /** Consumers read below the high watermark of a replicated partition; a single broker's is its log end. */
  private consumerReadLimit(target: Partition): number {
    return this.replicationState ? target.log.highWatermark : Number.MAX_SAFE_INTEGER;
  }

  /**
   * What a read of `target` may return, after the checks of a replicated partition: only its leader serves reads (in
   * the requester's leader epoch, when given); a follower's fetch (replica id ≥ 0) records its progress and reads up
   * to the log end, a consumer's below the high watermark. A single broker reads to the log end.
   */
  readLimit(target: Partition, offset: number, replica: { replicaId: number; currentLeaderEpoch: number } = { replicaId: -1, currentLeaderEpoch: -1 }): number {
    const replication = this.replicationState;
    if (!replication) return Number.MAX_SAFE_INTEGER;
    replication.checkLeader(target, replica.currentLeaderEpoch);
    if (replica.replicaId < 0) return target.log.highWatermark;
    if (!target.replicas.includes(replica.replicaId)) throw new NotLeaderOrFollowerError(`Broker ${replica.replicaId} is not a replica of ${target.topic}-${target.partition}.`);
    // A follower's fetch offset is its log end offset: everything below it is on its disk (Kafka's fetch as a replica).
    if (offset <= target.log.logEndOffset) replication.recordFollowerFetch(target, replica.replicaId, offset);
    return Number.MAX_SAFE_INTEGER;
  }

  /**
   * Kafka's OffsetForLeaderEpoch on the leader: the largest epoch at or below `leaderEpoch` this replica knows and the
   * offset where it ends (KIP-101/279), after checking the requester's view of the current epoch (KIP-320).
   */
  offsetForLeaderEpoch(topic: string, partition: number, currentLeaderEpoch: number, leaderEpoch: number): { leaderEpoch: number; endOffset: number } {
    const target = this.partitionOf(topic, partition);
    if (this.replicationState) this.replicationState.checkLeader(target, currentLeaderEpoch);
    const log = target.log;
    const found = log.leaderEpochs.endOffsetFor(leaderEpoch, log.logEndOffset);
    if (found.epoch === UNDEFINED_EPOCH) return { leaderEpoch: UNDEFINED_EPOCH, endOffset: UNDEFINED_EPOCH_OFFSET };
    return { leaderEpoch: found.epoch, endOffset: found.endOffset };
  }
}
