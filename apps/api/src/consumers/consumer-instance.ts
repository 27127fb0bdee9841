import {
  CorruptRangeError,
  KafkaError,
  OffsetOutOfRangeError,
  recordPayloadBytes,
  resolveStartOffset,
  visitRecords,
  type AppendNotifier,
  type Broker,
  type FetchBatchesResult,
  type GroupCoordinator,
  type OffsetCommitPartitionResult,
} from "@skein/broker";
import { RestError } from "../errors/rest-error.js";
import { GroupMembership, isRebalanceError } from "../group-membership/group-membership.js";
import type { ConsumerInstanceDefinition } from "./consumer-instance-store.js";
import type { RecordSink } from "./record-sink.js";

export interface TopicPartition {
  topic: string;
  partition: number;
}

export interface CommitRequestOffset extends TopicPartition {
  /** The last offset consumed: Kafka stores offset + 1, the next one to read. */
  offset: number;
  metadata?: string | null;
}

/** A commit as the v2 commit answers it: the offset consumed and the offset stored. */
export interface CommittedPosition extends TopicPartition {
  consumed: number;
  committed: number;
}

export interface ConsumerInstanceHooks<A> {
  /** Saves changes of the definition to the store. */
  persist(changes: Partial<ConsumerInstanceDefinition>): void;
  /** A new answer for one read: the records go into it as they are read, in the reader's format. */
  newSink(): RecordSink<A>;
  /** After every rebalance, with the partitions the group assigned. */
  onAssign?(assignment: TopicPartition[], generationId: number): void;
  /** The rest of the instance's group membership options. */
  clientHost: string;
  sessionTimeoutMs: number;
}

/** Kafka's `max.partition.fetch.bytes`: what one read takes from one partition at most. */
const MAX_PARTITION_FETCH_BYTES = 1024 * 1024;
/** How long a seek or commit waits for a rebalance under way to finish. */
const REBALANCE_WAIT_MS = 5000;

const illegalState = (message: string) => new RestError(409, 40903, `Illegal state: ${message}`);

/**
 * One v2 consumer instance: a Kafka consumer living in the service. Subscribed (topics or a pattern), it is a member
 * of its group and reads the partitions the group assigns it; assigned, it reads the partitions it was given. It
 * keeps a position per partition (starting at the group's committed offset, else where `auto.offset.reset` says),
 * and with `auto.commit.enable` commits what it returned at its next read, at each rebalance and when deleted.
 */
export class ConsumerInstance<A> {
  lastUsedAt: number;
  private membership: GroupMembership | null = null;
  private manual: TopicPartition[] | null;
  private readonly positions = new Map<string, number>();
  /** Positions as last committed by this instance, so auto-commit writes only what moved. */
  private readonly committedPositions = new Map<string, number>();
  private pendingRead: { wake: () => void } | null = null;
  /** Reads of one instance run one at a time, as a Kafka consumer's polls do. */
  private readLock: Promise<unknown> = Promise.resolve();
  private closed = false;

  constructor(
    private readonly broker: Broker,
    private readonly coordinator: GroupCoordinator,
    private readonly notifier: AppendNotifier,
    readonly definition: ConsumerInstanceDefinition,
    private readonly hooks: ConsumerInstanceHooks<A>,
  ) {
    this.lastUsedAt = definition.lastUsedAt;
    this.manual = definition.assignments;
    if (definition.topics !== null || definition.topicPattern !== null) this.joinGroup(definition.memberId ?? undefined);
  }

  get groupId(): string {
    return this.definition.groupId;
  }

  get name(): string {
    return this.definition.name;
  }

  get format(): ConsumerInstanceDefinition["format"] {
    return this.definition.format;
  }

  /** The group member id while subscribed. */
  get memberId(): string | null {
    return this.membership?.memberId || null;
  }

  // ---- subscription and assignment ----

  /** Subscribes by topic names or by a pattern (Java regex, matched against whole names); replaces a subscription of the same kind. */
  subscribe(subscription: { topics: string[] } | { topicPattern: string }): void {
    if (this.manual !== null) throw illegalState("Subscription to topics, partitions and pattern are mutually exclusive");
    const byPattern = "topicPattern" in subscription;
    if (this.membership && (byPattern ? this.definition.topics !== null : this.definition.topicPattern !== null)) {
      throw illegalState("Subscription to topics, partitions and pattern are mutually exclusive");
    }
    this.definition.topics = byPattern ? null : [...new Set(subscription.topics)].sort();
    this.definition.topicPattern = byPattern ? subscription.topicPattern : null;
    this.hooks.persist({ topics: this.definition.topics, topicPattern: this.definition.topicPattern });
    if (this.membership) this.membership.setTopics(this.subscribedTopics());
    else this.joinGroup();
  }

  /** The subscribed topics (for a pattern, the topics it matches now). */
  subscription(): string[] {
    return this.membership ? this.subscribedTopics() : [];
  }

  /** Unsubscribes (leaving the group) and forgets manual assignments. */
  async unsubscribe(): Promise<void> {
    await this.autoCommit();
    this.membership?.close();
    this.membership = null;
    this.manual = null;
    this.positions.clear();
    this.committedPositions.clear();
    this.definition.topics = null;
    this.definition.topicPattern = null;
    this.definition.assignments = null;
    this.hooks.persist({ topics: null, topicPattern: null, assignments: null, memberId: null });
    this.pendingRead?.wake();
  }

  /** Manually assigns partitions (no group membership); an empty list unassigns. */
  assign(partitions: TopicPartition[]): void {
    if (this.membership) throw illegalState("Subscription to topics, partitions and pattern are mutually exclusive");
    for (const { topic, partition } of partitions) this.broker.partitionOffsets(topic, partition);
    const unique = new Map(partitions.map((p) => [key(p), { topic: p.topic, partition: p.partition }]));
    this.manual = unique.size > 0 ? [...unique.values()] : null;
    for (const k of [...this.positions.keys()]) if (!unique.has(k)) this.positions.delete(k);
    this.definition.assignments = this.manual;
    this.hooks.persist({ assignments: this.manual });
    this.pendingRead?.wake();
  }

  /** The partitions the instance reads now: the manual ones, or what the group assigned it. */
  assignment(): TopicPartition[] {
    if (this.manual) return this.manual;
    return this.membership?.assignedPartitions() ?? [];
  }

  // ---- positions ----

  /** Seeks partitions to offsets (the next record each read returns). */
  async seek(offsets: { topic: string; partition: number; offset: number }[]): Promise<void> {
    await this.requireAssigned(offsets);
    for (const o of offsets) this.positions.set(key(o), o.offset);
  }

  async seekToBeginning(partitions: TopicPartition[]): Promise<void> {
    await this.requireAssigned(partitions);
    for (const p of partitions) this.positions.set(key(p), this.broker.partitionOffsets(p.topic, p.partition).logStartOffset);
  }

  async seekToEnd(partitions: TopicPartition[]): Promise<void> {
    await this.requireAssigned(partitions);
    for (const p of partitions) this.positions.set(key(p), this.broker.partitionOffsets(p.topic, p.partition).highWatermark);
  }

  private async requireAssigned(partitions: TopicPartition[]): Promise<void> {
    if (this.membership?.isJoining) await this.membership.settled(Date.now() + REBALANCE_WAIT_MS).catch(() => undefined);
    const assigned = new Set(this.assignment().map(key));
    for (const p of partitions) {
      if (!assigned.has(key(p))) throw illegalState(`No current assignment for partition ${p.topic}-${p.partition}`);
    }
  }

  // ---- reading ----

  /**
   * Returns the records available on the assigned partitions (in the sink's answer, with how many it holds), up to
   * `maxBytes` of keys and values, waiting up to `timeoutMs` for the group to settle and for records to arrive.
   * Advances the positions past what it returns.
   */
  read(timeoutMs: number, maxBytes: number): Promise<{ count: number; answer: A }> {
    const run = this.readLock.then(() => this.readNow(timeoutMs, maxBytes));
    this.readLock = run.catch(() => undefined);
    return run;
  }

  private async readNow(timeoutMs: number, maxBytes: number): Promise<{ count: number; answer: A }> {
    const deadline = Date.now() + timeoutMs;
    await this.autoCommit();
    if (this.membership) {
      this.refreshPattern();
      await this.membership.settled(deadline);
    }
    for (;;) {
      const partitions = this.assignment();
      const sink = this.hooks.newSink();
      await this.fetchOnce(partitions, maxBytes, sink);
      if (sink.count > 0 || Date.now() >= deadline || this.closed) return { count: sink.count, answer: sink.finish() };
      const waiting = this.notifier.waitForAppend(
        partitions.map((p) => p.topic),
        deadline,
      );
      this.pendingRead = waiting;
      await waiting.promise;
      this.pendingRead = null;
    }
  }

  /** Reads each partition from its position into `sink`, until `maxBytes` of keys and values (at least one record). */
  private async fetchOnce(partitions: TopicPartition[], maxBytes: number, sink: RecordSink<A>): Promise<void> {
    let bytes = 0;
    for (const tp of partitions) {
      if (bytes >= maxBytes) break;
      let position = this.positionOf(tp);
      const fetchOptions = { maxBytes: Math.min(MAX_PARTITION_FETCH_BYTES, Math.max(1, maxBytes - bytes)) };
      let fetched: FetchBatchesResult;
      try {
        fetched = await this.broker.fetchRecordBatches(tp.topic, tp.partition, position, fetchOptions).catch((error: unknown) => {
          if (!(error instanceof OffsetOutOfRangeError)) throw error;
          // The position fell out of the log (retention, deleted records): start over where auto.offset.reset says.
          position = resolveStartOffset(this.broker, tp.topic, tp.partition, undefined, this.definition.autoOffsetReset);
          return this.broker.fetchRecordBatches(tp.topic, tp.partition, position, fetchOptions);
        });
      } catch (error) {
        if (!(error instanceof CorruptRangeError) || error.range === null) throw error;
        // Records corrupt on disk: what was read before them goes out first; then the reader is told which offsets
        // (500/50002) and goes on after them, never given their bytes.
        if (sink.count > 0) return;
        this.positions.set(key(tp), Math.max(position, error.range.lastOffset + 1));
        throw error;
      }
      let stopped = false;
      let failed: unknown;
      const start = position;
      visitRecords(fetched.batches, start, (record) => {
        const size = recordPayloadBytes(record);
        if (sink.count > 0 && bytes + size > maxBytes) {
          stopped = true;
          return false;
        }
        try {
          sink.add(tp.topic, tp.partition, record);
        } catch (error) {
          failed = error;
          return false;
        }
        bytes += size;
        position = record.offset + 1;
        return true;
      });
      if (failed !== undefined) {
        // Return what was added; the next read starts at the record that could not be (and fails on it).
        this.positions.set(key(tp), position);
        if (sink.count > 0) return;
        throw failed;
      }
      if (!stopped && fetched.batches.length > 0) position = Math.max(position, fetched.nextOffset);
      this.positions.set(key(tp), position);
    }
  }

  /** The position of a partition, from the committed offset or `auto.offset.reset` the first time. */
  private positionOf(tp: TopicPartition): number {
    const known = this.positions.get(key(tp));
    if (known !== undefined) return known;
    const committed = this.coordinator.fetchOffsets(this.groupId, [{ topic: tp.topic, partitions: [tp.partition] }])[0]?.offset ?? -1;
    const position = resolveStartOffset(this.broker, tp.topic, tp.partition, committed >= 0 ? committed : undefined, this.definition.autoOffsetReset);
    this.positions.set(key(tp), position);
    if (committed >= 0) this.committedPositions.set(key(tp), committed);
    return position;
  }

  // ---- offsets ----

  /**
   * Commits the given offsets (each stored + 1), or without any the positions of every assigned partition. A
   * member caught by a rebalance waits for it and commits again with its new generation.
   */
  async commit(offsets?: CommitRequestOffset[]): Promise<CommittedPosition[]> {
    const entries = offsets
      ? offsets.map((o) => ({ topic: o.topic, partition: o.partition, offset: o.offset + 1, metadata: o.metadata ?? "" }))
      : this.assignment()
          .filter((tp) => this.positions.has(key(tp)))
          .map((tp) => ({ topic: tp.topic, partition: tp.partition, offset: this.positions.get(key(tp))!, metadata: "" }));
    if (entries.length === 0) return [];
    let results: OffsetCommitPartitionResult[];
    try {
      results = await this.commitAs(entries);
    } catch (error) {
      if (!this.membership || !isRebalanceError(error)) throw error;
      await this.membership.settled(Date.now() + REBALANCE_WAIT_MS);
      results = await this.commitAs(entries);
    }
    const failed = results.find((r) => r.error !== null);
    if (failed) throw failed.error!;
    for (const e of entries) this.committedPositions.set(key(e), e.offset);
    return entries.map((e) => ({ topic: e.topic, partition: e.partition, consumed: e.offset - 1, committed: e.offset }));
  }

  private commitAs(offsets: { topic: string; partition: number; offset: number; metadata: string }[]): Promise<OffsetCommitPartitionResult[]> {
    const member = this.membership && this.membership.generationId >= 0 ? this.membership : null;
    return this.coordinator.commitOffsets({
      groupId: this.groupId,
      generationId: member ? member.generationId : -1,
      memberId: member ? member.memberId : "",
      offsets,
    });
  }

  /** With auto-commit on: commits the positions that moved since the last commit (failures wait for the next). */
  async autoCommit(partitions: TopicPartition[] = this.assignment()): Promise<void> {
    if (!this.definition.autoCommitEnable) return;
    const moved = partitions
      .filter((tp) => {
        const position = this.positions.get(key(tp));
        return position !== undefined && position !== this.committedPositions.get(key(tp));
      })
      .map((tp) => ({ topic: tp.topic, partition: tp.partition, offset: this.positions.get(key(tp))!, metadata: "" }));
    if (moved.length === 0) return;
    try {
      const results = await this.commitAs(moved);
      results.forEach((r, i) => {
        if (r.error === null) this.committedPositions.set(key(moved[i]!), moved[i]!.offset);
      });
    } catch (error) {
      if (!(error instanceof KafkaError)) throw error;
    }
  }

  /** The group's committed offsets of these partitions (those it has). */
  committed(partitions: TopicPartition[]): { topic: string; partition: number; offset: number; metadata: string }[] {
    const fetched = this.coordinator.fetchOffsets(
      this.groupId,
      partitions.map((p) => ({ topic: p.topic, partitions: [p.partition] })),
    );
    return fetched.filter((o) => o.offset >= 0).map((o) => ({ topic: o.topic, partition: o.partition, offset: o.offset, metadata: o.metadata }));
  }

  // ---- lifecycle ----

  /** Commits (with auto-commit) and leaves the group. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.autoCommit().catch(() => undefined);
    this.membership?.close();
    this.membership = null;
    this.pendingRead?.wake();
  }

  private joinGroup(memberId?: string): void {
    this.membership = new GroupMembership(this.coordinator, {
      groupId: this.groupId,
      clientId: `rest-consumer-${this.name}`,
      clientHost: this.hooks.clientHost,
      memberId,
      sessionTimeoutMs: this.hooks.sessionTimeoutMs,
      onRevoke: async (revoked) => {
        const partitions = revoked.flatMap(({ topic, partitions: list }) => list.map((partition) => ({ topic, partition })));
        await this.autoCommit(partitions);
        for (const tp of partitions) {
          this.positions.delete(key(tp));
          this.committedPositions.delete(key(tp));
        }
      },
      onAssign: (assignment, generationId) => {
        this.hooks.onAssign?.(
          assignment.flatMap(({ topic, partitions }) => partitions.map((partition) => ({ topic, partition }))),
          generationId,
        );
        if (this.membership && this.membership.memberId !== this.definition.memberId) {
          this.definition.memberId = this.membership.memberId;
          this.hooks.persist({ memberId: this.definition.memberId });
        }
        this.pendingRead?.wake();
      },
    });
    this.membership.setTopics(this.subscribedTopics());
  }

  /** A pattern subscription follows topics as they are created and deleted. */
  private refreshPattern(): void {
    if (this.membership && this.definition.topicPattern !== null) this.membership.setTopics(this.subscribedTopics());
  }

  private subscribedTopics(): string[] {
    if (this.definition.topics !== null) return this.definition.topics;
    if (this.definition.topicPattern === null) return [];
    const pattern = new RegExp(`^(?:${this.definition.topicPattern})$`);
    return this.broker
      .listTopics()
      .map((t) => t.name)
      .filter((name) => pattern.test(name))
      .sort();
  }
}

function key(tp: TopicPartition): string {
  return `${tp.partition}:${tp.topic}`;
}
