import type { CreateTopicRequest, Logger, TopicDeletion, TopicDescription } from "../broker-types.js";
import type { Clock } from "../clock.js";
import {
  InvalidPartitionsError,
  InvalidReplicationFactorError,
  InvalidRequestError,
  InvalidTopicError,
  KafkaStorageError,
  PolicyViolationError,
  RequestTimedOutError,
  TopicAlreadyExistsError,
} from "../errors.js";
import type { Log } from "../storage/log.js";
import type { LogManager } from "../storage/log-manager.js";
import type { TopicPartition } from "../storage/offset-checkpoint.js";
import type { BrokerConfig } from "./config/broker-config.js";
import { resolveLogConfig, validateTopicConfigs, type LogConfig } from "./config/log-config.js";
import type { PartitionRegistration } from "./cluster-metadata-store.js";
import type { MetadataStore, TopicMetadata } from "./metadata-store.js";
import type { Partition } from "./partition.js";
import { PendingDeletions, type PendingDeletion } from "./pending-deletions.js";
import { newKafkaUuid } from "./topic-id.js";
import { isInternalTopic, validateNoTopicCollision, validateTopicName } from "./topic-name.js";

/** A topic this broker hosts: its metadata, its resolved config, and its partitions (online or offline). */
export interface TopicState {
  metadata: TopicMetadata;
  config: LogConfig;
  partitions: Partition[];
}

/** A single topic's partition count is also bounded, whatever `max.broker.partitions` says. */
const MAX_PARTITIONS_PER_TOPIC = 100_000;

/**
 * Topic administration in a cluster: replicas are placed on the live brokers, and the topic with its partitions'
 * registrations is written to the cluster metadata at once (the commit point); this broker stages and opens only the
 * partitions it hosts a replica of.
 */
export interface ClusterTopicPlacement {
  readonly localBrokerId: number;
  /** Registrations for partitions `from` to `to` − 1 of a new topic or new partitions (INVALID_REPLICATION_FACTOR when impossible). */
  place(metadata: TopicMetadata, from: number, to: number, replicationFactor: number): Map<number, PartitionRegistration>;
  createTopic(metadata: TopicMetadata, registrations: Map<number, PartitionRegistration>): Promise<void>;
  addPartitions(previous: TopicMetadata, metadata: TopicMetadata, registrations: Map<number, PartitionRegistration>): Promise<void>;
}

/** What topic administration works with: the broker's topics, store and logs. */
export interface TopicAdminContext {
  readonly topics: Map<string, TopicState>;
  readonly store: MetadataStore;
  readonly logs: LogManager;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly brokerCount: number;
  brokerConfig(): BrokerConfig;
  isClosed(): boolean;
  /** Opens a topic's partitions (one that fails stays offline) and registers it. */
  openTopic(metadata: TopicMetadata): TopicState;
  openPartition(metadata: TopicMetadata, config: LogConfig, partition: number): Partition;
  describe(state: TopicState): TopicDescription;
  topicState(name: string): TopicState;
  /** Drops a deleted log from background work (the cleaner). */
  forgetLog(log: Log): void;
  /** Runs an operation under the broker's admin lock (for the background retries of deletions). */
  exclusive<T>(operation: () => Promise<T>): Promise<T>;
  /** In a cluster: where replicas go and how a topic is committed; undefined on a single broker. */
  readonly cluster?: ClusterTopicPlacement;
}

/**
 * Kafka's CreateTopics, DeleteTopics and CreatePartitions on one broker, made atomic across failures and crashes with
 * the metadata store's write as the commit point: partitions are staged (`-creating`) before it and deleted logs stay
 * as emptied `-delete` markers until the store has recorded the deletion; start-up reconciliation finishes or undoes
 * whatever a crash interrupted. Callers hold the broker's admin lock.
 */
export class TopicAdmin {
  readonly pendingDeletions: PendingDeletions;

  constructor(private readonly ctx: TopicAdminContext) {
    this.pendingDeletions = new PendingDeletions((deletion) => ctx.exclusive(() => this.recordDeletion(deletion)), ctx.logger);
  }

  /**
   * Creates a topic in three steps, each safe to interrupt: (1) every partition directory is staged under a
   * `-creating` name with its files (all or none: a failure removes them); (2) the metadata store records the topic —
   * the commit point; (3) the directories take their names and the logs open. A crash before (2) leaves staging
   * directories that start-up removes; after it, start-up completes (3). A failure after (2) deletes the topic again.
   * Refuses bad names, counts and configs with Kafka's errors, and more partitions than `max.broker.partitions`
   * allows (POLICY_VIOLATION), before anything is created.
   */
  async create(request: CreateTopicRequest, internal = false): Promise<TopicDescription> {
    const { topics, logs } = this.ctx;
    const brokerConfig = this.ctx.brokerConfig();
    const { name } = request;
    validateTopicName(name);
    if (isInternalTopic(name) && !internal) throw new InvalidRequestError(`Creation of internal topic ${name} is prohibited.`);
    if (topics.has(name)) throw new TopicAlreadyExistsError(`Topic '${name}' already exists.`);
    validateNoTopicCollision(name, topics.keys());
    const partitions = request.partitions ?? brokerConfig.get("num.partitions");
    const replicationFactor = request.replicationFactor ?? brokerConfig.get("default.replication.factor");
    if (!Number.isInteger(partitions) || partitions < 1) throw new InvalidPartitionsError(`Number of partitions was set to an invalid non-positive value.`);
    if (partitions > MAX_PARTITIONS_PER_TOPIC) throw new InvalidPartitionsError(`Number of partitions ${partitions} is above the maximum of ${MAX_PARTITIONS_PER_TOPIC} for a topic.`);
    this.checkPartitionBudget(partitions, `Creating topic ${name} with ${partitions} partition(s)`);
    if (!Number.isInteger(replicationFactor) || replicationFactor < 1) {
      throw new InvalidReplicationFactorError(`Replication factor must be larger than 0, or -1 to use the default value.`);
    }
    const brokers = this.ctx.brokerCount;
    if (!this.ctx.cluster && replicationFactor > brokers) {
      throw new InvalidReplicationFactorError(`Unable to replicate the partition ${replicationFactor} time(s): The target replication factor of ${replicationFactor} cannot be reached because only ${brokers} broker(s) are registered or some brokers have all their log directories cordoned.`);
    }
    const configs = { ...(request.configs ?? {}) };
    validateTopicConfigs(configs, brokerConfig);
    const metadata: TopicMetadata = { name, topicId: newKafkaUuid(), partitions, replicationFactor, configs, internal: isInternalTopic(name), createdAt: this.ctx.clock.now() };
    const registrations = this.ctx.cluster?.place(metadata, 0, partitions, replicationFactor);
    if (request.validateOnly) return { name, topicId: metadata.topicId, internal: metadata.internal, replicationFactor, partitions: [], configs };
    logs.health.assertWritable(`Creating topic ${name}`);

    const tps = this.hosted(partitionsOf(name, 0, partitions), registrations);
    logs.stageLogs(tps, metadata.topicId, resolveLogConfig(brokerConfig, configs));
    await this.commit(metadata, tps, registrations);
    this.settleDeletionOf(name);
    const state = this.promoteAndOpen(metadata, tps);
    const offline = state.partitions.find((p) => !p.isOnline && p.hosted);
    if (offline) {
      await this.delete(name, { allowInternal: true });
      throw new KafkaStorageError(`Creating topic ${name} failed and was undone: ${offline.offlineReason}`);
    }
    return this.ctx.describe(state);
  }

  /**
   * Raises a topic's partition count (Kafka's CreatePartitions); a decrease is refused, and so is a count beyond
   * `max.broker.partitions`. Staged and committed as `create` does.
   */
  async createPartitions(name: string, totalCount: number, options: { validateOnly?: boolean } = {}): Promise<TopicDescription> {
    const state = this.ctx.topicState(name);
    const current = state.partitions.length;
    if (!Number.isInteger(totalCount) || totalCount < 1) throw new InvalidPartitionsError(`The partition count must be a positive integer, got ${totalCount}.`);
    if (totalCount < current) {
      throw new InvalidPartitionsError(`The topic ${name} currently has ${current} partition(s); ${totalCount} would not be an increase.`);
    }
    if (totalCount === current) throw new InvalidPartitionsError(`Topic already has ${current} partition(s).`);
    if (totalCount > MAX_PARTITIONS_PER_TOPIC) throw new InvalidPartitionsError(`Number of partitions ${totalCount} is above the maximum of ${MAX_PARTITIONS_PER_TOPIC} for a topic.`);
    this.checkPartitionBudget(totalCount - current, `Raising topic ${name} to ${totalCount} partitions`);
    const metadata = { ...state.metadata, partitions: totalCount };
    const registrations = this.ctx.cluster?.place(metadata, current, totalCount, state.metadata.replicationFactor);
    if (options.validateOnly) return this.ctx.describe(state);
    this.ctx.logs.health.assertWritable(`Creating partitions of topic ${name}`);
    const tps = this.hosted(partitionsOf(name, current, totalCount), registrations);
    this.ctx.logs.stageLogs(tps, metadata.topicId, state.config);
    await this.commit(metadata, tps, registrations, state.metadata);
    state.metadata = metadata;
    this.promoteAndOpen(metadata, tps);
    for (let p = current; p < totalCount; p++) state.partitions[p] ??= this.ctx.openPartition(metadata, state.config, p);
    const offline = state.partitions.slice(current).find((p) => !p.isOnline && p.hosted);
    if (offline) {
      throw new KafkaStorageError(`Partitions of topic ${name} were created but ${offline.topic}-${offline.partition} could not be opened (it stays offline until a restart): ${offline.offlineReason}`);
    }
    return this.ctx.describe(state);
  }

  /**
   * Deletes a topic and its logs. It needs no free space and frees the logs' space at once: the directories are
   * renamed `-delete` and emptied, then the metadata store records the deletion. When the store fails (a full disk
   * under SQLite), the deletion still stands — the emptied `-delete` markers keep it until the store's write
   * succeeds, retried in the background and at start-up — and `metadataPending` says why.
   */
  async delete(name: string, options: { allowInternal: boolean }): Promise<TopicDeletion> {
    const { topics, logs } = this.ctx;
    const state = this.ctx.topicState(name);
    if (state.metadata.internal && !options.allowInternal) throw new InvalidTopicError(`Topic ${name} is internal and cannot be deleted.`);
    const { topicId } = state.metadata;
    topics.delete(name);
    for (const partition of state.partitions) {
      const log = partition.logIfOnline;
      if (log) this.ctx.forgetLog(log);
    }
    const tps = partitionsOf(name, 0, state.partitions.length);
    try {
      await logs.deleteLogs(tps, topicId);
    } catch (err) {
      throw new KafkaStorageError(`Deleting the logs of topic ${name} failed: ${(err as Error).message}. Restarting the broker completes the deletion.`);
    } finally {
      await logs.health.refresh();
    }
    const deletion: PendingDeletion = { name, topicId, partitions: tps.length, error: "" };
    try {
      await this.recordDeletion(deletion);
      return { name, topicId, metadataPending: null };
    } catch (err) {
      deletion.error = (err as Error).message;
      this.pendingDeletions.add(deletion);
      return { name, topicId, metadataPending: deletion.error };
    }
  }

  /**
   * Deletes a topic's logs on this broker only: another broker deleted it from the cluster metadata, or replaced it
   * with a new incarnation (whose record must not be touched).
   */
  async deleteLocally(name: string): Promise<void> {
    const state = this.ctx.topics.get(name);
    if (!state) return;
    this.ctx.topics.delete(name);
    for (const partition of state.partitions) {
      const log = partition.logIfOnline;
      if (log) this.ctx.forgetLog(log);
    }
    try {
      await this.ctx.logs.deleteLogs(partitionsOf(name, 0, state.partitions.length), state.metadata.topicId);
      this.ctx.logs.removeDeleteMarkers(partitionsOf(name, 0, state.partitions.length), state.metadata.topicId);
    } finally {
      await this.ctx.logs.health.refresh();
    }
  }

  /** The partitions this broker hosts a replica of: all of them on a single broker. */
  private hosted(tps: TopicPartition[], registrations: Map<number, PartitionRegistration> | undefined): TopicPartition[] {
    if (!registrations) return tps;
    return tps.filter((tp) => registrations.get(tp.partition)!.replicas.includes(this.ctx.cluster!.localBrokerId));
  }

  /** Step (2): the store records the topic. On failure the staged directories go — unless the write timed out and may still land. */
  private async commit(metadata: TopicMetadata, tps: TopicPartition[], registrations?: Map<number, PartitionRegistration>, previous?: TopicMetadata): Promise<void> {
    try {
      if (registrations && previous) await this.ctx.cluster!.addPartitions(previous, metadata, registrations);
      else if (registrations) await this.ctx.cluster!.createTopic(metadata, registrations);
      else await this.ctx.store.saveTopic(metadata);
    } catch (err) {
      // A timed-out write may still land: its staged directories are left for start-up to complete or remove.
      if (!(err instanceof RequestTimedOutError)) this.ctx.logs.removeStaged(tps, metadata.topicId);
      throw err;
    }
  }

  /** Step (3): staged directories take their names, then the logs open (an open failure leaves that partition offline). */
  private promoteAndOpen(metadata: TopicMetadata, tps: TopicPartition[]): TopicState {
    for (const tp of tps) {
      try {
        this.ctx.logs.promoteStaged(tp, metadata.topicId);
      } catch (err) {
        this.ctx.logger.warn(`Could not rename the staged directory of ${tp.topic}-${tp.partition}: ${(err as Error).message}`);
      }
    }
    const existing = this.ctx.topics.get(metadata.name);
    if (!existing) return this.ctx.openTopic(metadata);
    for (const tp of tps) existing.partitions[tp.partition] = this.ctx.openPartition(metadata, existing.config, tp.partition);
    return existing;
  }

  /** Refuses to host more than `max.broker.partitions` partitions in all (KIP-578), before anything is created. */
  private checkPartitionBudget(adding: number, what: string): void {
    const max = this.ctx.brokerConfig().get("max.broker.partitions");
    let hosted = 0;
    for (const state of this.ctx.topics.values()) hosted += state.partitions.length;
    if (hosted + adding > max) {
      throw new PolicyViolationError(
        `${what} would make this broker host ${hosted + adding} partitions, above max.broker.partitions=${max} (it hosts ${hosted} now). Use fewer partitions, delete topics, or raise max.broker.partitions.`,
      );
    }
  }

  /** Has the metadata store record a deletion whose logs are gone, then removes the `-delete` markers. */
  private async recordDeletion(deletion: PendingDeletion): Promise<void> {
    if (this.ctx.isClosed()) throw new KafkaStorageError("The broker is shut down.");
    // A new topic of the same name replaced the old one in the store: that recorded the deletion already.
    if (!this.ctx.topics.has(deletion.name)) await this.ctx.store.deleteTopic(deletion.name);
    this.ctx.logs.removeDeleteMarkers(partitionsOf(deletion.name, 0, deletion.partitions), deletion.topicId);
  }

  /** A new incarnation of `name` was recorded: an earlier deletion still pending in the store is settled by it. */
  private settleDeletionOf(name: string): void {
    const pending = this.pendingDeletions.get(name);
    if (!pending) return;
    this.ctx.logs.removeDeleteMarkers(partitionsOf(name, 0, pending.partitions), pending.topicId);
    this.pendingDeletions.settle(name);
  }
}

/** The topic-partitions `from` to `to` − 1 of a topic. */
function partitionsOf(topic: string, from: number, to: number): TopicPartition[] {
  return Array.from({ length: to - from }, (_, i) => ({ topic, partition: from + i }));
}
