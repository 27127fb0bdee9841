import { randomUUID } from "node:crypto";
import { EventEmitter } from "node:events";
import type { Broker } from "../broker.js";
import type { Logger } from "../broker-types.js";
import { systemClock, type Clock } from "../clock.js";
import {
  CoordinatorNotAvailableError,
  GroupIdNotFoundError,
  GroupSubscribedToTopicError,
  IllegalGenerationError,
  InvalidGroupIdError,
  InvalidRequestError,
  InvalidSessionTimeoutError,
  KafkaError,
  NonEmptyGroupError,
  NotCoordinatorError,
  RebalanceInProgressError,
  UnknownMemberIdError,
  UnstableOffsetCommitError,
} from "../errors.js";
import type { TransactionResult } from "../storage/control-records.js";
import { DEFAULT_ASSIGNOR, type ServerAssignorName } from "./assignors/index.js";
import { assignOnServer, decodedPartitions } from "./assignors/server-assignment.js";
import { CommittedOffsets } from "./committed-offsets.js";
import { ConsumerGroup, type GroupContext } from "./consumer-group.js";
import { CONSUMER_PROTOCOL_TYPE, decodeAssignment, encodeSubscription, type TopicPartitions } from "./consumer-protocol.js";
import type {
  CommittedOffset,
  GroupDescription,
  GroupListing,
  GroupState,
  HeartbeatRequest,
  JoinGroupRequest,
  JoinGroupResult,
  LeaveGroupMemberResult,
  LeaveGroupRequest,
  OffsetCommitPartitionResult,
  OffsetCommitRequest,
  OffsetFetchPartition,
  SyncGroupRequest,
  SyncGroupResult,
  TxnOffsetCommitRequest,
} from "./group-types.js";
import { UNKNOWN_MEMBER_ID } from "./group-types.js";
import {
  decodeGroupMetadataValue,
  decodeOffsetCommitValue,
  decodeOffsetsKey,
  encodeGroupMetadataKey,
  encodeGroupMetadataValue,
  encodeOffsetCommitKey,
  encodeOffsetCommitValue,
  type GroupMetadataValue,
} from "./offsets-records.js";
import { expiredOffsets } from "./offset-expiration.js";
import { OFFSETS_TOPIC, OffsetsTopic, type OffsetsTopicRecord } from "./offsets-topic.js";
import { PendingTxnOffsets, type PendingTxnOffset } from "./pending-txn-offsets.js";

export interface GroupCoordinatorOptions {
  /** Drives heartbeats, rebalance deadlines and offset expiry; the system clock by default. */
  clock?: Clock;
  logger?: Logger;
  /** How often deadlines are checked, in real milliseconds; 0 starts no timer (tests call `tick()`). Default 100. */
  tickIntervalMs?: number;
  /** Kafka's `offsets.retention.check.interval.ms`, measured on `clock`. Default 600000. */
  offsetsRetentionCheckIntervalMs?: number;
  /** Makes the uuid part of new member ids; `crypto.randomUUID` by default. */
  newUuid?: () => string;
}

/** Emitted (asynchronously) when a group changes state, so server-side members can rejoin on PreparingRebalance. */
export interface GroupStateChange {
  groupId: string;
  state: GroupState;
  previousState: GroupState;
  generationId: number;
}

/** A server-side consumer (REST, WebSocket) joining with a subscription and letting the coordinator assign. */
export interface ConsumerJoinRequest {
  groupId: string;
  /** "" the first time, then the id this returned. */
  memberId: string;
  groupInstanceId?: string | null;
  clientId: string;
  clientHost: string;
  sessionTimeoutMs: number;
  rebalanceTimeoutMs?: number;
  topics: string[];
  /** The partition assignor the member proposes; `range` by default. */
  assignor?: ServerAssignorName;
}

export interface ConsumerJoinResult {
  memberId: string;
  generationId: number;
  leader: string;
  /** The assignor the group chose. */
  protocolName: string | null;
  assignment: TopicPartitions[];
}

const JOIN_AND_SYNC_ATTEMPTS = 5;
const EMPTY = Buffer.alloc(0);

/**
 * Kafka's group coordinator for the classic protocol, over one broker: JoinGroup, SyncGroup, Heartbeat, LeaveGroup,
 * OffsetCommit, OffsetFetch, ListGroups, DescribeGroups, DeleteGroups and OffsetDelete as methods, with groups and
 * committed offsets kept in `__consumer_offsets` and rebuilt from it on start.
 */
export class GroupCoordinator extends EventEmitter<{ groupStateChange: [GroupStateChange] }> {
  private readonly groups = new Map<string, ConsumerGroup>();
  private readonly offsets = new CommittedOffsets();
  /** TxnOffsetCommit's offsets, waiting for their transaction's marker. */
  private readonly pendingTxnOffsets = new PendingTxnOffsets();
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly newUuid: () => string;
  private readonly retentionCheckIntervalMs: number;
  private readonly context: GroupContext;
  private timer: NodeJS.Timeout | undefined;
  private loading: Promise<void> = Promise.resolve();
  private lastRetentionCheck: number;
  private expiring: Promise<unknown> | undefined;
  private closed = false;

  private constructor(
    private readonly broker: Broker,
    private readonly offsetsTopic: OffsetsTopic,
    options: GroupCoordinatorOptions,
  ) {
    super();
    this.clock = options.clock ?? systemClock;
    this.logger = options.logger ?? { info: () => undefined, warn: () => undefined };
    this.newUuid = options.newUuid ?? randomUUID;
    this.retentionCheckIntervalMs = options.offsetsRetentionCheckIntervalMs ?? 600_000;
    this.lastRetentionCheck = this.clock.now();
    this.context = {
      now: () => this.clock.now(),
      initialRebalanceDelayMs: () => Number(this.broker.config("group.initial.rebalance.delay.ms")),
      newMemberId: (clientId) => `${clientId}-${this.newUuid()}`,
      storeGroup: (group, assignments) => this.storeGroup(group, assignments),
      onStateChange: (group, previousState) => {
        const change: GroupStateChange = { groupId: group.groupId, state: group.state, previousState, generationId: group.generationId };
        queueMicrotask(() => this.emit("groupStateChange", change));
      },
      warn: (message) => this.logger.warn(message),
    };
  }

  /** Creates `__consumer_offsets` when missing, replays it to rebuild groups and offsets, and starts the timer. */
  static async start(broker: Broker, options: GroupCoordinatorOptions = {}): Promise<GroupCoordinator> {
    const coordinator = new GroupCoordinator(broker, await OffsetsTopic.open(broker), options);
    await coordinator.load(coordinator.offsetsTopic.ledPartitions());
    // In a cluster, groups move with the leadership of their __consumer_offsets partition (Kafka's onElection/onResignation).
    broker.on("leadershipChange", coordinator.onLeadershipChange);
    const interval = options.tickIntervalMs ?? 100;
    if (interval > 0) coordinator.timer = setInterval(() => coordinator.tick(), interval).unref();
    return coordinator;
  }

  private readonly onLeadershipChange = (change: { topic: string; partition: number; leader: boolean }): void => {
    if (change.topic !== OFFSETS_TOPIC || this.closed) return;
    if (change.leader) {
      this.loading = this.loading
        .then(() => this.load([change.partition]))
        .catch((err: unknown) => this.logger.warn(`Loading the groups of ${OFFSETS_TOPIC}-${change.partition} failed: ${(err as Error).message}`));
      return;
    }
    for (const [groupId, group] of [...this.groups]) {
      if (this.partitionFor(groupId) !== change.partition) continue;
      group.failPending(new NotCoordinatorError(`This broker stopped coordinating group ${groupId}: its ${OFFSETS_TOPIC} partition moved.`));
      this.groups.delete(groupId);
      this.offsets.deleteGroup(groupId);
    }
  };

  /** Whether this broker coordinates the group: it leads the group's `__consumer_offsets` partition. */
  private coordinates(groupId: string): boolean {
    return this.broker.leadsPartition(OFFSETS_TOPIC, this.partitionFor(groupId));
  }

  /** NOT_COORDINATOR for a group another broker coordinates (the client looks it up again with FindCoordinator). */
  private checkCoordinator(groupId: string): void {
    if (!this.coordinates(groupId)) throw new NotCoordinatorError(`This broker is not the coordinator of group ${groupId}.`);
  }

  /**
   * Replays `__consumer_offsets` (Kafka's `doLoadGroupsAndOffsets`): plain commits apply in order; a transactional
   * batch's commits wait for their producer's marker in the same partition — a commit applies them unless a newer
   * plain commit was written since, an abort drops them — and those still waiting at the end stay pending. In a
   * cluster, only the partitions this broker leads (the groups it coordinates).
   */
  private async load(partitions?: readonly number[]): Promise<void> {
    const groupRecords = new Map<string, GroupMetadataValue | null>();
    // Per partition and producer: the transactional commits read so far, by group.
    const waiting = new Map<string, { groupId: string; pending: PendingTxnOffset | { topic: string; partition: number; tombstone: true } }[]>();
    const waitingKey = (partition: number, producerId: number) => `${partition}:${producerId}`;
    for await (const event of this.offsetsTopic.replay(partitions)) {
      if (event.kind === "marker") {
        const entries = waiting.get(waitingKey(event.partition, event.producerId)) ?? [];
        waiting.delete(waitingKey(event.partition, event.producerId));
        if (event.result !== "COMMIT") continue;
        for (const { groupId, pending } of entries) {
          if ("tombstone" in pending) continue;
          this.applyCommittedTxnOffset(groupId, pending);
        }
        continue;
      }
      try {
        const key = decodeOffsetsKey(event.key);
        if (key.type === "offsetCommit") {
          if (event.transactionalProducerId !== null) {
            const id = waitingKey(event.partition, event.transactionalProducerId);
            const entry =
              event.value === null
                ? { topic: key.topic, partition: key.partition, tombstone: true as const }
                : { offset: { topic: key.topic, partition: key.partition, ...decodeOffsetCommitValue(event.value) }, recordOffset: event.batchOffset };
            waiting.set(id, [...(waiting.get(id) ?? []), { groupId: key.group, pending: entry }]);
          } else if (event.value === null) this.offsets.delete(key.group, key.topic, key.partition);
          else this.offsets.put(key.group, { topic: key.topic, partition: key.partition, ...decodeOffsetCommitValue(event.value) }, event.batchOffset);
        } else if (key.type === "groupMetadata") {
          groupRecords.set(key.group, event.value === null ? null : decodeGroupMetadataValue(event.value));
        }
      } catch (err) {
        this.logger.warn(`Skipped an unreadable __consumer_offsets record: ${(err as Error).message}`);
      }
    }
    for (const [id, entries] of waiting) {
      const producerId = Number(id.split(":")[1]);
      for (const { groupId, pending } of entries) {
        if ("tombstone" in pending) this.pendingTxnOffsets.remove(groupId, producerId, pending.topic, pending.partition);
        else this.pendingTxnOffsets.add(groupId, producerId, [pending]);
      }
    }
    for (const groupId of new Set([...waiting.values()].flatMap((entries) => entries.map((e) => e.groupId)))) {
      if (!this.groups.has(groupId) && !groupRecords.has(groupId)) this.groups.set(groupId, new ConsumerGroup(groupId, this.context, null));
    }
    for (const [groupId, value] of groupRecords) {
      if (value === null) continue;
      const group = ConsumerGroup.fromRecord(groupId, this.context, value);
      if (group.protocolType === "") group.protocolType = null;
      this.groups.set(groupId, group);
    }
    for (const groupId of this.offsets.groupIds()) {
      if (!this.groups.has(groupId)) this.groups.set(groupId, new ConsumerGroup(groupId, this.context, null));
    }
  }

  /** The `__consumer_offsets` partition (and so the coordinator) of a group: FindCoordinator's answer. */
  partitionFor(groupId: string): number {
    return this.offsetsTopic.partitionFor(groupId);
  }

  get coordinatorId(): number {
    return this.broker.brokerId;
  }

  // ---- membership ----

  /** JoinGroup: resolves when the join phase completes (the leader gets every member's metadata). */
  async joinGroup(request: JoinGroupRequest): Promise<JoinGroupResult> {
    this.ensureOpen();
    requireGroupId(request.groupId);
    this.checkCoordinator(request.groupId);
    this.checkSessionTimeout(request.sessionTimeoutMs);
    let group = this.groups.get(request.groupId);
    if (!group) {
      if (request.memberId !== UNKNOWN_MEMBER_ID) throw new UnknownMemberIdError(`Group ${request.groupId} does not exist, so member '${request.memberId}' is unknown.`);
      group = this.createGroup(request.groupId);
    }
    try {
      return await group.join(request);
    } catch (err) {
      if (group.isVacant && this.offsets.list(group.groupId).length === 0) {
        this.groups.delete(group.groupId);
      }
      throw err;
    }
  }

  /** SyncGroup: the leader's call stores and hands out the assignments; followers wait for it. */
  async syncGroup(request: SyncGroupRequest): Promise<SyncGroupResult> {
    this.ensureOpen();
    requireGroupId(request.groupId);
    this.checkCoordinator(request.groupId);
    return this.existingGroup(request.groupId, request.memberId).sync(request);
  }

  /** Heartbeat: keeps the member alive; throws REBALANCE_IN_PROGRESS when it must rejoin. */
  heartbeat(request: HeartbeatRequest): void {
    this.ensureOpen();
    requireGroupId(request.groupId);
    this.checkCoordinator(request.groupId);
    this.existingGroup(request.groupId, request.memberId).heartbeat(request.memberId, request.generationId);
  }

  /** LeaveGroup: one result per member. */
  leaveGroup(request: LeaveGroupRequest): LeaveGroupMemberResult[] {
    this.ensureOpen();
    requireGroupId(request.groupId);
    this.checkCoordinator(request.groupId);
    const group = this.groups.get(request.groupId);
    if (!group) {
      return request.members.map((m) => ({
        memberId: m.memberId,
        groupInstanceId: m.groupInstanceId ?? null,
        error: new UnknownMemberIdError(`Group ${request.groupId} does not exist, so member '${m.memberId}' is unknown.`),
      }));
    }
    return group.leave(request);
  }

  /**
   * For consumers without a client-side assignor: joins with protocol type "consumer" and a subscription, and when
   * this member leads, runs the server-side assignor the group chose. Like Kafka's clients it rejoins (a few times)
   * when a rebalance overtakes the sync, and joins as a new member when its id is no longer known (say, after its
   * session expired): the result carries the member id to use from then on. Resolves with the member's partitions.
   */
  async joinAndSync(request: ConsumerJoinRequest): Promise<ConsumerJoinResult> {
    const assignor = request.assignor ?? DEFAULT_ASSIGNOR;
    const metadata = encodeSubscription({ topics: [...request.topics].sort() });
    let memberId = request.memberId;
    for (let attempt = 1; ; attempt++) {
      const joined = await this.joinGroup({
        groupId: request.groupId,
        memberId,
        groupInstanceId: request.groupInstanceId ?? null,
        clientId: request.clientId,
        clientHost: request.clientHost,
        protocolType: CONSUMER_PROTOCOL_TYPE,
        protocols: [{ name: assignor, metadata }],
        sessionTimeoutMs: request.sessionTimeoutMs,
        rebalanceTimeoutMs: request.rebalanceTimeoutMs ?? request.sessionTimeoutMs,
      }).catch((err: unknown) => {
        if (err instanceof UnknownMemberIdError && memberId !== UNKNOWN_MEMBER_ID && attempt < JOIN_AND_SYNC_ATTEMPTS) return undefined;
        throw err;
      });
      if (!joined) {
        memberId = UNKNOWN_MEMBER_ID;
        continue;
      }
      memberId = joined.memberId;
      try {
        const group = this.groups.get(request.groupId);
        const assignments = joined.leader === memberId ? assignOnServer(this.broker, joined, (id) => group?.member(id)?.assignment) : [];
        const synced = await this.syncGroup({
          groupId: request.groupId,
          generationId: joined.generationId,
          memberId,
          protocolType: CONSUMER_PROTOCOL_TYPE,
          protocolName: joined.protocolName,
          assignments,
        });
        return { memberId, generationId: joined.generationId, leader: joined.leader, protocolName: joined.protocolName, assignment: decodeAssignment(synced.assignment).partitions };
      } catch (err) {
        if (!(err instanceof RebalanceInProgressError || err instanceof IllegalGenerationError) || attempt >= JOIN_AND_SYNC_ATTEMPTS) throw err;
      }
    }
  }

  // ---- offsets ----

  /**
   * OffsetCommit: writes the offsets to `__consumer_offsets` (acks=all), then remembers them. Group-level problems
   * throw (ILLEGAL_GENERATION, UNKNOWN_MEMBER_ID, REBALANCE_IN_PROGRESS); partition-level ones come back per partition.
   */
  async commitOffsets(request: OffsetCommitRequest): Promise<OffsetCommitPartitionResult[]> {
    this.ensureOpen();
    const { groupId } = request;
    this.checkCoordinator(groupId);
    const generationId = request.generationId ?? -1;
    let group = this.groups.get(groupId);
    if (!group) {
      if (generationId >= 0) throw new IllegalGenerationError(`Group ${groupId} does not exist, so generation ${generationId} is not current.`);
      group = this.createGroup(groupId);
    }
    group.validateOffsetCommit(generationId, request.memberId ?? UNKNOWN_MEMBER_ID, request.groupInstanceId ?? null);
    const now = this.clock.now();
    const results: OffsetCommitPartitionResult[] = [];
    const accepted: CommittedOffset[] = [];
    for (const o of request.offsets) {
      const error = this.checkPartition(o.topic, o.partition) ?? (Number.isSafeInteger(o.offset) ? null : new InvalidRequestError(`Offset ${o.offset} is not an integer.`));
      results.push({ topic: o.topic, partition: o.partition, error });
      if (error) continue;
      accepted.push({ topic: o.topic, partition: o.partition, offset: o.offset, leaderEpoch: o.leaderEpoch ?? -1, metadata: o.metadata ?? "", commitTimestamp: now, expireTimestamp: -1 });
    }
    const first = await this.offsetsTopic.append(
      groupId,
      accepted.map((c) => ({ key: encodeOffsetCommitKey({ group: groupId, topic: c.topic, partition: c.partition }), value: encodeOffsetCommitValue(c) })),
    );
    if (this.groups.get(groupId) === group) accepted.forEach((c, i) => this.offsets.put(groupId, c, first + i));
    return results;
  }

  /**
   * OffsetFetch: the requested partitions (offset −1 where nothing is committed), or every committed one. With
   * `requireStable` (KIP-447), a partition that an open transaction commits an offset for answers
   * UNSTABLE_OFFSET_COMMIT instead, so a consumer does not start from an offset about to change.
   */
  fetchOffsets(groupId: string, partitions?: readonly TopicPartitions[], options: { requireStable?: boolean } = {}): OffsetFetchPartition[] {
    this.ensureOpen();
    this.checkCoordinator(groupId);
    const unstable = (topic: string, partition: number): OffsetFetchPartition | null =>
      options.requireStable && this.pendingTxnOffsets.hasPending(groupId, topic, partition)
        ? {
            topic,
            partition,
            offset: -1,
            leaderEpoch: -1,
            metadata: "",
            error: new UnstableOffsetCommitError(`A transaction that is still open commits an offset of ${topic}-${partition} for group ${groupId}.`),
          }
        : null;
    const view = (c: CommittedOffset): OffsetFetchPartition =>
      unstable(c.topic, c.partition) ?? { topic: c.topic, partition: c.partition, offset: c.offset, leaderEpoch: c.leaderEpoch, metadata: c.metadata };
    if (!partitions) return this.offsets.list(groupId).map(view);
    return partitions.flatMap(({ topic, partitions: list }) =>
      list.map((partition) => {
        const committed = this.offsets.get(groupId, topic, partition);
        return committed ? view(committed) : (unstable(topic, partition) ?? { topic, partition, offset: -1, leaderEpoch: -1, metadata: "" });
      }),
    );
  }

  // ---- transactional offsets (KIP-98, KIP-447) ----

  /**
   * TxnOffsetCommit: the offsets are written to the group's `__consumer_offsets` partition in the producer's
   * transaction (a transactional batch at its epoch) and held as pending until the transaction's marker arrives
   * there (`onTransactionCompleted`). The member and generation, when given, must be current (KIP-447); a group that
   * does not exist yet is created. Partition-level problems come back per partition.
   * @throws group-level errors (UNKNOWN_MEMBER_ID, ILLEGAL_GENERATION, FENCED_INSTANCE_ID), INVALID_PRODUCER_EPOCH.
   */
  async commitTransactionalOffsets(request: TxnOffsetCommitRequest): Promise<OffsetCommitPartitionResult[]> {
    this.ensureOpen();
    requireGroupId(request.groupId);
    const { groupId, producerId, producerEpoch } = request;
    const group = this.groups.get(groupId) ?? this.createGroup(groupId);
    group.validateOffsetCommit(request.generationId ?? -1, request.memberId ?? UNKNOWN_MEMBER_ID, request.groupInstanceId ?? null, true);
    const now = this.clock.now();
    const results: OffsetCommitPartitionResult[] = [];
    const accepted: CommittedOffset[] = [];
    for (const o of request.offsets) {
      const error = this.checkPartition(o.topic, o.partition) ?? (Number.isSafeInteger(o.offset) ? null : new InvalidRequestError(`Offset ${o.offset} is not an integer.`));
      results.push({ topic: o.topic, partition: o.partition, error });
      if (error) continue;
      accepted.push({ topic: o.topic, partition: o.partition, offset: o.offset, leaderEpoch: o.leaderEpoch ?? -1, metadata: o.metadata ?? "", commitTimestamp: now, expireTimestamp: -1 });
    }
    if (accepted.length === 0) return results;
    const records = accepted.map((c) => ({ key: encodeOffsetCommitKey({ group: groupId, topic: c.topic, partition: c.partition }), value: encodeOffsetCommitValue(c) }));
    const recordOffset = await this.offsetsTopic.appendTransactional(groupId, records, producerId, producerEpoch);
    this.pendingTxnOffsets.add(groupId, producerId, accepted.map((offset) => ({ offset, recordOffset })));
    return results;
  }

  /**
   * A transaction's markers reached these `__consumer_offsets` partitions (Kafka's `onTransactionCompleted`): the
   * producer's pending offsets of the groups there become committed (commit) — unless a plain commit written after
   * them is newer — or are dropped (abort).
   */
  onTransactionCompleted(producerId: number, offsetsPartitions: readonly number[], result: TransactionResult): void {
    const partitions = new Set(offsetsPartitions);
    for (const groupId of this.pendingTxnOffsets.groupsOf(producerId)) {
      if (!partitions.has(this.partitionFor(groupId))) continue;
      const pending = this.pendingTxnOffsets.take(groupId, producerId);
      if (result === "COMMIT") for (const p of pending) this.applyCommittedTxnOffset(groupId, p);
    }
  }

  /** The producers whose open transactions hold offsets of a group: why its offsets are unstable. */
  pendingTransactionalProducers(groupId: string): number[] {
    return this.pendingTxnOffsets.producersOf(groupId);
  }

  private applyCommittedTxnOffset(groupId: string, pending: PendingTxnOffset): void {
    const current = this.offsets.recordOffsetOf(groupId, pending.offset.topic, pending.offset.partition);
    if (current === undefined || current < pending.recordOffset) this.offsets.put(groupId, pending.offset, pending.recordOffset);
  }

  /** A group's committed offsets with their commit timestamps, by topic and partition. */
  committedOffsets(groupId: string): CommittedOffset[] {
    return this.offsets.list(groupId);
  }

  /**
   * OffsetDelete: forgets a group's offsets for these partitions (all its committed partitions of a topic when none
   * are listed); refused per partition with GROUP_SUBSCRIBED_TO_TOPIC for topics live members subscribe to.
   */
  async deleteOffsets(groupId: string, topics: readonly { topic: string; partitions?: number[] }[]): Promise<OffsetCommitPartitionResult[]> {
    this.ensureOpen();
    this.checkCoordinator(groupId);
    const group = this.groups.get(groupId);
    if (!group || group.state === "Dead") throw new GroupIdNotFoundError(`Group ${groupId} does not exist.`);
    let subscribed = new Set<string>();
    if (group.state !== "Empty") {
      if (group.protocolType !== CONSUMER_PROTOCOL_TYPE) throw new NonEmptyGroupError(`Deleting offsets of a consumer group '${groupId}' is forbidden if the group is not empty.`);
      subscribed = group.subscribedTopics() ?? subscribed;
    }
    const results: OffsetCommitPartitionResult[] = [];
    const tombstones: OffsetsTopicRecord[] = [];
    const committed = this.offsets.list(groupId);
    for (const { topic, partitions } of topics) {
      for (const partition of partitions ?? committed.filter((c) => c.topic === topic).map((c) => c.partition)) {
        if (subscribed.has(topic)) {
          results.push({ topic, partition, error: new GroupSubscribedToTopicError(`Group ${groupId} has members subscribed to topic ${topic}: its offsets cannot be deleted.`) });
          continue;
        }
        if (this.offsets.delete(groupId, topic, partition)) tombstones.push({ key: encodeOffsetCommitKey({ group: groupId, topic, partition }), value: null });
        results.push({ topic, partition, error: null });
      }
    }
    await this.offsetsTopic.append(groupId, tombstones);
    return results;
  }

  // ---- admin ----

  /** ListGroups (optionally only groups in these states). */
  listGroups(options: { states?: readonly GroupState[] } = {}): GroupListing[] {
    return [...this.groups.values()]
      .filter((g) => g.state !== "Dead" && (!options.states || options.states.includes(g.state)))
      .map((g) => ({ groupId: g.groupId, protocolType: g.protocolType ?? "", state: g.state }))
      .sort((a, b) => (a.groupId < b.groupId ? -1 : a.groupId > b.groupId ? 1 : 0));
  }

  /** The group's state; "Dead" for a group the coordinator does not know. */
  groupState(groupId: string): GroupState {
    return this.groups.get(groupId)?.state ?? "Dead";
  }

  /** DescribeGroups, as Kafka answers it: state "Dead" and no members for an unknown group. */
  describeGroup(groupId: string): GroupDescription {
    this.checkCoordinator(groupId);
    const group = this.groups.get(groupId);
    if (!group) return { groupId, state: "Dead", protocolType: "", protocol: "", generationId: -1, leader: null, coordinatorId: this.coordinatorId, members: [] };
    const stable = group.state === "Stable";
    const consumer = group.protocolType === CONSUMER_PROTOCOL_TYPE;
    return {
      groupId,
      state: group.state,
      protocolType: group.protocolType ?? "",
      protocol: stable ? (group.protocolName ?? "") : "",
      generationId: group.generationId,
      leader: group.leaderId,
      coordinatorId: this.coordinatorId,
      members: group.allMembers().map((m) => ({
        memberId: m.memberId,
        groupInstanceId: m.groupInstanceId,
        clientId: m.clientId,
        clientHost: m.clientHost,
        sessionTimeoutMs: m.sessionTimeoutMs,
        rebalanceTimeoutMs: m.rebalanceTimeoutMs,
        metadata: stable ? m.metadataFor(group.protocolName) : EMPTY,
        assignment: stable ? m.assignment : EMPTY,
        assignedPartitions: stable && consumer ? decodedPartitions(m.assignment) : [],
      })),
    };
  }

  /** DeleteGroups: only Empty groups (NON_EMPTY_GROUP otherwise; GROUP_ID_NOT_FOUND when unknown); writes tombstones. */
  async deleteGroups(groupIds: readonly string[]): Promise<{ groupId: string; error: KafkaError | null }[]> {
    this.ensureOpen();
    const results: { groupId: string; error: KafkaError | null }[] = [];
    for (const groupId of groupIds) {
      const group = this.groups.get(groupId);
      if (!this.coordinates(groupId)) {
        results.push({ groupId, error: new NotCoordinatorError(`This broker is not the coordinator of group ${groupId}.`) });
      } else if (!group || group.state === "Dead") {
        results.push({ groupId, error: new GroupIdNotFoundError(`Group ${groupId} does not exist.`) });
      } else if (group.state !== "Empty") {
        results.push({ groupId, error: new NonEmptyGroupError(`Group ${groupId} is not empty: it has ${group.size} member(s) and is ${group.state}.`) });
      } else {
        try {
          await this.removeGroup(group, this.offsets.list(groupId));
          results.push({ groupId, error: null });
        } catch (err) {
          results.push({ groupId, error: toKafkaError(err) });
        }
      }
    }
    return results;
  }

  /** Marks a group Dead, forgets it and these offsets, and writes their tombstones. */
  private async removeGroup(group: ConsumerGroup, offsets: readonly CommittedOffset[]): Promise<void> {
    for (const o of offsets) this.offsets.delete(group.groupId, o.topic, o.partition);
    this.pendingTxnOffsets.deleteGroup(group.groupId);
    group.markDead();
    this.groups.delete(group.groupId);
    await this.offsetsTopic.append(group.groupId, [...offsetTombstones(group.groupId, offsets), { key: encodeGroupMetadataKey(group.groupId), value: null }]);
  }

  // ---- time ----

  /**
   * Applies every deadline that has passed on the clock (session timeouts, join and sync phases) and, every
   * `offsetsRetentionCheckIntervalMs`, expires offsets. The timer calls it; tests call it after moving the clock.
   */
  tick(): void {
    if (this.closed) return;
    const now = this.clock.now();
    for (const group of [...this.groups.values()]) group.tick(now);
    if (now - this.lastRetentionCheck >= this.retentionCheckIntervalMs && !this.expiring) {
      this.lastRetentionCheck = now;
      this.expiring = this.expireOffsets()
        .catch((err: Error) => this.logger.warn(`Expiring committed offsets failed: ${err.message}`))
        .finally(() => (this.expiring = undefined));
    }
  }

  /**
   * Kafka's offset expiration: offsets of an Empty group expire `offsets.retention.minutes` after the group became
   * empty (or after their commit), offsets of topics a Stable consumer group no longer subscribes to after their
   * commit; an Empty group left without offsets is removed. Writes tombstones; returns how many offsets expired.
   */
  async expireOffsets(): Promise<number> {
    const now = this.clock.now();
    const retentionMs = Number(this.broker.config("offsets.retention.minutes")) * 60_000;
    let expired = 0;
    for (const group of [...this.groups.values()]) {
      const offsets = this.offsets.list(group.groupId);
      const due = expiredOffsets(group, offsets, now, retentionMs);
      expired += due.length;
      if (group.state === "Empty" && due.length === offsets.length) {
        await this.removeGroup(group, due);
      } else if (due.length > 0) {
        for (const o of due) this.offsets.delete(group.groupId, o.topic, o.partition);
        await this.offsetsTopic.append(group.groupId, offsetTombstones(group.groupId, due));
      }
    }
    return expired;
  }

  /** Stops the timer; pending joins and syncs get NOT_COORDINATOR. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.timer);
    this.broker.off("leadershipChange", this.onLeadershipChange);
    for (const group of this.groups.values()) group.failPending(new NotCoordinatorError(`The coordinator of group ${group.groupId} shut down.`));
  }

  // ---- internals ----

  private createGroup(groupId: string): ConsumerGroup {
    const group = new ConsumerGroup(groupId, this.context, this.clock.now());
    this.groups.set(groupId, group);
    return group;
  }

  private existingGroup(groupId: string, memberId: string): ConsumerGroup {
    const group = this.groups.get(groupId);
    if (!group) throw new UnknownMemberIdError(`Group ${groupId} does not exist, so member '${memberId}' is unknown.`);
    return group;
  }

  private async storeGroup(group: ConsumerGroup, assignments: ReadonlyMap<string, Buffer>): Promise<void> {
    const value: GroupMetadataValue = {
      protocolType: group.protocolType ?? "",
      generation: group.generationId,
      protocol: group.protocolName,
      leader: group.leaderId,
      currentStateTimestamp: group.currentStateTimestamp ?? -1,
      members: group.allMembers().map((m) => ({
        memberId: m.memberId,
        groupInstanceId: m.groupInstanceId,
        clientId: m.clientId,
        clientHost: m.clientHost,
        rebalanceTimeout: m.rebalanceTimeoutMs,
        sessionTimeout: m.sessionTimeoutMs,
        subscription: m.metadataFor(group.protocolName),
        assignment: assignments.get(m.memberId) ?? EMPTY,
      })),
    };
    await this.offsetsTopic.append(group.groupId, [{ key: encodeGroupMetadataKey(group.groupId), value: encodeGroupMetadataValue(value) }]);
  }

  private checkSessionTimeout(sessionTimeoutMs: number): void {
    const min = Number(this.broker.config("group.min.session.timeout.ms"));
    const max = Number(this.broker.config("group.max.session.timeout.ms"));
    if (!Number.isInteger(sessionTimeoutMs) || sessionTimeoutMs < min || sessionTimeoutMs > max) {
      throw new InvalidSessionTimeoutError(
        `The session timeout ${sessionTimeoutMs} ms is not within the range allowed by the broker (group.min.session.timeout.ms=${min} to group.max.session.timeout.ms=${max}).`,
      );
    }
  }

  private checkPartition(topic: string, partition: number): KafkaError | null {
    try {
      this.broker.partitionOffsets(topic, partition);
      return null;
    } catch (err) {
      if (err instanceof KafkaError) return err;
      throw err;
    }
  }

  private ensureOpen(): void {
    if (this.closed) throw new CoordinatorNotAvailableError("The group coordinator is shut down.");
  }
}

function offsetTombstones(groupId: string, offsets: readonly CommittedOffset[]): OffsetsTopicRecord[] {
  return offsets.map((o) => ({ key: encodeOffsetCommitKey({ group: groupId, topic: o.topic, partition: o.partition }), value: null }));
}

function requireGroupId(groupId: string): void {
  if (typeof groupId !== "string" || groupId.length === 0) throw new InvalidGroupIdError("The group id must be a non-empty string.");
}

function toKafkaError(err: unknown): KafkaError {
  return err instanceof KafkaError ? err : new CoordinatorNotAvailableError((err as Error).message);
}
