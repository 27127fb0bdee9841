import type {
  AppendEvent,
  AppendRecordBatchesOptions,
  AppendRecordBatchesResult,
  ConsumerRecord,
  FetchEvent,
  FetchOptions,
  FetchResult,
  Logger,
  OfflinePartition,
  PartitionOffsets,
  ProduceOptions,
  ProduceRecord,
  ProduceResult,
  ReadRecordBatchesResult,
} from "../broker-types.js";
import type { LogConfig } from "../cluster/config/log-config.js";
import { resolveLogConfig } from "../cluster/config/log-config.js";
import type { BrokerConfig } from "../cluster/config/broker-config.js";
import type { TopicMetadata } from "../cluster/metadata-store.js";
import { Partition } from "../cluster/partition.js";
import { Partitioner } from "../cluster/partitioner.js";
import type { TopicState } from "../cluster/topic-admin.js";
import {
  CorruptRangeError,
  InvalidRequestError,
  InvalidRequiredAcksError,
  InvalidTopicError,
  NotEnoughReplicasError,
  UnknownTopicOrPartitionError,
} from "../errors.js";
import type { Acks, LogReadResult, PreparedAppend } from "../storage/log.js";
import type { LogManager } from "../storage/log-manager.js";
import { countRecords } from "../storage/record-batch.js";
import { CorruptBatchError } from "../storage/segment.js";
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
}

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

  constructor(private readonly ctx: ReplicaManagerContext) {
    this.partitioner = new Partitioner(ctx.random);
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
    try {
      const { log, repairs } = this.ctx.logs.openLog({ topic: metadata.name, partition }, metadata.topicId, config);
      for (const line of repairs) this.ctx.report(line);
      return Partition.online(metadata.name, partition, log, brokerId, [brokerId]);
    } catch (err) {
      return this.offlinePartition(metadata.name, partition, (err as Error).message);
    }
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
      for (const p of state.partitions) if (!p.isOnline) offline.push({ topic: p.topic, partition: p.partition, reason: p.offlineReason! });
    }
    return offline.sort((a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition);
  }

  /** Applies a topic's resolved config to its state and every log. */
  applyLogConfig(state: TopicState, config: LogConfig): void {
    state.config = config;
    for (const partition of state.partitions) partition.log.updateConfig(config);
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
      if (acks === -1) this.checkMinIsr(state, target);
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
    if (acks === -1) this.checkMinIsr(state, target);
    const log = target.log;
    const info = await log.appendRecordBatches(records, acks);
    if (!info.duplicate) {
      this.ctx.onAppend({ topic, partition, baseOffset: info.baseOffset, lastOffset: info.lastOffset, recordCount: info.recordCount, sizeBytes: info.sizeBytes });
    }
    return { baseOffset: info.baseOffset, logAppendTime: info.logAppendTime, logStartOffset: log.logStartOffset, recordErrors: [] };
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

  /** Decoded records of one partition from `offset` on; see `Broker.fetch`. */
  async fetch(topic: string, partition: number, offset: number, options: FetchOptions = {}): Promise<FetchResult> {
    const target = this.partitionOf(topic, partition);
    const read = await readVerified(target.log, offset, (log) => log.readRecords(offset, options.maxBytes ?? 1024 * 1024, options.maxRecords));
    const records = new Array<ConsumerRecord>(read.records.length);
    let sizeBytes = 0;
    for (let i = 0; i < records.length; i++) {
      const r = read.records[i]!;
      records[i] = { topic, partition, offset: r.offset, timestamp: r.timestamp, timestampType: r.timestampType, key: r.key, value: r.value, headers: r.headers };
      sizeBytes += (r.key?.length ?? 0) + (r.value?.length ?? 0);
      for (const header of r.headers) sizeBytes += header.value?.length ?? 0;
    }
    if (records.length > 0) this.ctx.onFetch({ topic, partition, recordCount: records.length, sizeBytes });
    return { records, nextOffset: read.nextOffset, highWatermark: read.highWatermark, logStartOffset: read.logStartOffset, logEndOffset: read.logEndOffset };
  }

  /** Whole stored batches from the one holding `offset`, waiting for a corrupt range's check; see `Broker.fetchBatches`. */
  fetchBatches(topic: string, partition: number, offset: number, maxBytes: number): Promise<LogReadResult> {
    const { log } = this.partitionOf(topic, partition);
    return readVerified(log, offset, (l) => l.read(offset, maxBytes));
  }

  /** Whole stored batches, synchronously (Kafka's Fetch); see `Broker.readRecordBatches`. */
  readRecordBatches(topic: string, partition: number, offset: number, maxBytes: number): ReadRecordBatchesResult {
    const { log } = this.partitionOf(topic, partition);
    try {
      const read = log.read(offset, maxBytes);
      if (read.data.length > 0) this.ctx.onFetch({ topic, partition, recordCount: countRecords(read.data, offset), sizeBytes: read.data.length });
      return { ...read, lastStableOffset: read.highWatermark };
    } catch (err) {
      if (!(err instanceof CorruptBatchError)) throw err;
      log.checkSegment(err.segment, "read").catch(() => undefined);
      throw new CorruptRangeError(
        `${log.name}: a record batch at position ${err.at.position} of segment ${err.segment.baseOffset} failed its check (${err.at.reason}); it is being quarantined, after which reads skip it.`,
        null,
      );
    }
  }

  /** Kafka's ListOffsets for one partition; see `Broker.offsetForTimestamp`. */
  async offsetForTimestamp(topic: string, partition: number, timestamp: number): Promise<{ offset: number; timestamp: number } | null> {
    const { log } = this.partitionOf(topic, partition);
    if (timestamp === -1) return { offset: log.highWatermark, timestamp: -1 };
    if (timestamp === -2) return { offset: log.logStartOffset, timestamp: -1 };
    if (timestamp === -3) return log.offsetOfMaxTimestamp();
    if (!Number.isSafeInteger(timestamp) || timestamp < 0) throw new InvalidRequestError(`Invalid timestamp ${timestamp}: use epoch milliseconds, -1 (latest) or -2 (earliest).`);
    return readVerified(log, -1, (l) => l.offsetForTimestamp(timestamp));
  }

  /** The partition's offsets and leader epoch. */
  partitionOffsets(topic: string, partition: number): PartitionOffsets {
    const { log } = this.partitionOf(topic, partition);
    return { logStartOffset: log.logStartOffset, logEndOffset: log.logEndOffset, highWatermark: log.highWatermark, lastStableOffset: log.highWatermark, leaderEpoch: 0, sizeBytes: log.size };
  }
}
