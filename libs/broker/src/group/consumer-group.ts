import {
  CoordinatorNotAvailableError,
  IllegalGenerationError,
  InconsistentGroupProtocolError,
  KafkaError,
  MemberIdRequiredError,
  RebalanceInProgressError,
  UnknownMemberIdError,
} from "../errors.js";
import { CONSUMER_PROTOCOL_TYPE, decodeSubscription } from "./consumer-protocol.js";
import { GroupMember } from "./group-member.js";
import type {
  GroupState,
  JoinGroupRequest,
  JoinGroupResult,
  LeaveGroupMemberResult,
  LeaveGroupRequest,
  SyncGroupRequest,
  SyncGroupResult,
} from "./group-types.js";
import { UNKNOWN_MEMBER_ID } from "./group-types.js";
import type { GroupMetadataValue } from "./offsets-records.js";

/** What a group needs from its coordinator: time, ids, config and persistence. */
export interface GroupContext {
  now(): number;
  /** `group.initial.rebalance.delay.ms`. */
  initialRebalanceDelayMs(): number;
  newMemberId(clientId: string): string;
  /** Writes the group's metadata record with these assignments (member id → bytes); resolves once durable. */
  storeGroup(group: ConsumerGroup, assignments: ReadonlyMap<string, Buffer>): Promise<void>;
  onStateChange(group: ConsumerGroup, previous: GroupState): void;
  warn(message: string): void;
}

/** MEMBER_ID_REQUIRED, carrying the member id the client must join with. */
export class MemberIdRequired extends MemberIdRequiredError {
  constructor(readonly memberId: string) {
    super(`The group member needs to have a valid member id before actually entering a consumer group: join again with member id ${memberId}.`);
  }
}

const VALID_PREVIOUS_STATES: Record<GroupState, readonly GroupState[]> = {
  Empty: ["PreparingRebalance"],
  PreparingRebalance: ["Stable", "CompletingRebalance", "Empty"],
  CompletingRebalance: ["PreparingRebalance"],
  Stable: ["CompletingRebalance"],
  Dead: ["Stable", "PreparingRebalance", "CompletingRebalance", "Empty", "Dead"],
};

interface JoinPhase {
  /** When members that have not rejoined are dropped (the largest rebalance timeout). */
  deadline: number;
  /** Kafka's InitialDelayedJoin for a group that was Empty: wait for more members, extending while they come. */
  initialDelay?: { until: number; remainingMs: number; newMemberAdded: boolean };
}

/**
 * One group of Kafka's classic group protocol (`GroupMetadata` plus the coordinator's per-group handling): members
 * join, the group goes Empty → PreparingRebalance → CompletingRebalance → Stable, each completed join bumps the
 * generation, the leader's SyncGroup hands out assignments, heartbeats keep members alive. Timeouts are checked by
 * `tick(now)`, so the coordinator's clock drives them. Persistence happens through the `GroupContext`.
 */
export class ConsumerGroup {
  state: GroupState = "Empty";
  generationId = 0;
  protocolType: string | null = null;
  protocolName: string | null = null;
  leaderId: string | null = null;
  /** When the group entered its state; null for a group known only from its offsets. */
  currentStateTimestamp: number | null;
  private readonly members = new Map<string, GroupMember>();
  /** JoinGroup v4+ members told MEMBER_ID_REQUIRED, with the time their id lapses. */
  private readonly pendingMembers = new Map<string, number>();
  /** Members of this generation that have not sent SyncGroup yet. */
  private readonly pendingSync = new Set<string>();
  private joinPhase: JoinPhase | undefined;
  private syncDeadline: number | undefined;

  constructor(
    readonly groupId: string,
    private readonly ctx: GroupContext,
    currentStateTimestamp: number | null,
  ) {
    this.currentStateTimestamp = currentStateTimestamp;
  }

  /** Rebuilds a group from its last `__consumer_offsets` record: Stable with its members, or Empty. */
  static fromRecord(groupId: string, ctx: GroupContext, value: GroupMetadataValue): ConsumerGroup {
    const group = new ConsumerGroup(groupId, ctx, value.currentStateTimestamp >= 0 ? value.currentStateTimestamp : null);
    group.protocolType = value.protocolType;
    group.generationId = value.generation;
    group.protocolName = value.protocol;
    group.leaderId = value.leader;
    const now = ctx.now();
    for (const m of value.members) {
      const member = new GroupMember(
        {
          memberId: m.memberId,
          groupInstanceId: m.groupInstanceId,
          clientId: m.clientId,
          clientHost: m.clientHost,
          sessionTimeoutMs: m.sessionTimeout,
          rebalanceTimeoutMs: m.rebalanceTimeout >= 0 ? m.rebalanceTimeout : m.sessionTimeout,
          protocolType: value.protocolType,
          protocols: [{ name: value.protocol ?? "", metadata: m.subscription }],
        },
        now,
      );
      member.assignment = m.assignment;
      group.members.set(m.memberId, member);
    }
    if (group.members.size > 0) group.state = "Stable";
    return group;
  }

  get size(): number {
    return this.members.size;
  }

  /** A group created for a join that failed: nothing to keep (no members, pending ids or generations). */
  get isVacant(): boolean {
    return this.state === "Empty" && this.members.size === 0 && this.pendingMembers.size === 0 && this.generationId === 0;
  }

  allMembers(): GroupMember[] {
    return [...this.members.values()];
  }

  member(memberId: string): GroupMember | undefined {
    return this.members.get(memberId);
  }

  /** The largest rebalance timeout of the members: how long a join phase may last. */
  rebalanceTimeoutMs(): number {
    let max = 0;
    for (const m of this.members.values()) max = Math.max(max, m.rebalanceTimeoutMs);
    return max;
  }

  // ---- JoinGroup ----

  join(request: JoinGroupRequest): Promise<JoinGroupResult> {
    if (this.state === "Dead") throw this.deadError();
    if (!this.supportsProtocols(request.protocolType, request.protocols.map((p) => p.name))) {
      throw new InconsistentGroupProtocolError(
        this.state === "Empty"
          ? `The first member of group ${this.groupId} must name a protocol type and at least one protocol.`
          : `The member's protocols (${request.protocolType}: ${request.protocols.map((p) => p.name).join(", ")}) are incompatible with those of group ${this.groupId} (${this.protocolType}).`,
      );
    }
    if (request.memberId === UNKNOWN_MEMBER_ID) return this.joinNewMember(request);
    if (this.pendingMembers.delete(request.memberId)) return this.addMemberAndRebalance(request.memberId, request);
    const member = this.members.get(request.memberId);
    if (!member) throw this.unknownMember(request.memberId);
    switch (this.state) {
      case "PreparingRebalance":
        return this.updateMemberAndRebalance(member, request);
      case "CompletingRebalance":
        // a member resending its join (a lost response) gets the current generation again
        if (member.matches(request.protocols)) return Promise.resolve(this.joinResultFor(member));
        return this.updateMemberAndRebalance(member, request);
      case "Stable":
        // the leader rejoining (say, for new topic metadata) or changed metadata start a rebalance
        if (member.memberId === this.leaderId || !member.matches(request.protocols)) return this.updateMemberAndRebalance(member, request);
        return Promise.resolve(this.joinResultFor(member));
      default:
        throw this.unknownMember(request.memberId);
    }
  }

  private joinNewMember(request: JoinGroupRequest): Promise<JoinGroupResult> {
    const memberId = this.ctx.newMemberId(request.clientId);
    const instanceId = request.groupInstanceId ?? null;
    if (instanceId !== null) {
      const previous = this.allMembers().find((m) => m.groupInstanceId === instanceId);
      if (previous) this.removeMember(previous, `was replaced by a new member with group.instance.id ${instanceId}`);
    } else if (request.requireKnownMemberId) {
      this.pendingMembers.set(memberId, this.ctx.now() + request.sessionTimeoutMs);
      throw new MemberIdRequired(memberId);
    }
    return this.addMemberAndRebalance(memberId, request);
  }

  private addMemberAndRebalance(memberId: string, request: JoinGroupRequest): Promise<JoinGroupResult> {
    const member = new GroupMember(
      {
        memberId,
        groupInstanceId: request.groupInstanceId ?? null,
        clientId: request.clientId,
        clientHost: request.clientHost,
        sessionTimeoutMs: request.sessionTimeoutMs,
        rebalanceTimeoutMs: rebalanceTimeoutOf(request),
        protocolType: request.protocolType,
        protocols: request.protocols,
      },
      this.ctx.now(),
    );
    if (this.members.size === 0) this.protocolType = request.protocolType;
    this.members.set(memberId, member);
    this.leaderId ??= memberId;
    const joined = member.awaitJoin(() => this.superseded());
    if (this.joinPhase?.initialDelay) this.joinPhase.initialDelay.newMemberAdded = true;
    this.rebalanceOrTryComplete();
    return joined;
  }

  private updateMemberAndRebalance(member: GroupMember, request: JoinGroupRequest): Promise<JoinGroupResult> {
    member.protocols = request.protocols;
    member.sessionTimeoutMs = request.sessionTimeoutMs;
    member.rebalanceTimeoutMs = rebalanceTimeoutOf(request);
    member.clientId = request.clientId;
    member.clientHost = request.clientHost;
    const joined = member.awaitJoin(() => this.superseded());
    this.rebalanceOrTryComplete();
    return joined;
  }

  private supportsProtocols(protocolType: string, protocols: readonly string[]): boolean {
    if (this.state === "Empty") return protocolType.length > 0 && protocols.length > 0;
    const members = this.allMembers();
    return this.protocolType === protocolType && protocols.some((name) => members.every((m) => m.supports(name)));
  }

  private joinResultFor(member: GroupMember): JoinGroupResult {
    const isLeader = member.memberId === this.leaderId;
    return {
      generationId: this.generationId,
      protocolType: this.protocolType,
      protocolName: this.protocolName,
      leader: this.leaderId ?? "",
      memberId: member.memberId,
      members: isLeader
        ? this.allMembers().map((m) => ({ memberId: m.memberId, groupInstanceId: m.groupInstanceId, metadata: m.metadataFor(this.protocolName) }))
        : [],
    };
  }

  // ---- rebalance ----

  private rebalanceOrTryComplete(): void {
    if (this.state === "Stable" || this.state === "CompletingRebalance" || this.state === "Empty") this.prepareRebalance();
    else this.tryCompleteJoin();
  }

  private prepareRebalance(): void {
    const now = this.ctx.now();
    if (this.state === "CompletingRebalance") this.resetAssignments(new RebalanceInProgressError(`Group ${this.groupId} is rebalancing again; rejoin.`));
    const timeout = this.rebalanceTimeoutMs();
    const delay = this.ctx.initialRebalanceDelayMs();
    this.joinPhase =
      this.state === "Empty" && delay > 0
        ? { deadline: now + timeout, initialDelay: { until: now + delay, remainingMs: Math.max(timeout - delay, 0), newMemberAdded: false } }
        : { deadline: now + timeout };
    this.syncDeadline = undefined;
    this.pendingSync.clear();
    this.transitionTo("PreparingRebalance");
    this.tryCompleteJoin();
  }

  private tryCompleteJoin(): void {
    if (this.state !== "PreparingRebalance" || this.joinPhase?.initialDelay) return;
    if (this.pendingMembers.size === 0 && this.allMembers().every((m) => m.isAwaitingJoin)) this.completeJoin();
  }

  /** Ends the join phase: drops members that did not rejoin, starts the next generation and answers every join. */
  private completeJoin(): void {
    const now = this.ctx.now();
    this.joinPhase = undefined;
    for (const member of this.allMembers()) {
      if (!member.isAwaitingJoin) this.dropMember(member);
    }
    if (this.leaderId !== null && !this.members.has(this.leaderId)) this.leaderId = this.members.keys().next().value ?? null;
    this.generationId++;
    if (this.members.size === 0) {
      this.protocolName = null;
      this.leaderId = null;
      this.transitionTo("Empty");
      this.ctx.storeGroup(this, new Map()).catch((err: Error) => this.ctx.warn(`Storing the empty group ${this.groupId} failed: ${err.message}`));
      return;
    }
    this.protocolName = this.selectProtocol();
    this.transitionTo("CompletingRebalance");
    this.syncDeadline = now + this.rebalanceTimeoutMs();
    for (const member of this.allMembers()) {
      this.pendingSync.add(member.memberId);
      member.lastHeartbeatMs = now;
      member.completeJoin(this.joinResultFor(member));
    }
  }

  /** The protocol every member supports that most members prefer; ties go to the leader's preference order. */
  private selectProtocol(): string {
    const members = this.allMembers();
    const candidates = new Set(members[0]!.protocols.map((p) => p.name).filter((name) => members.every((m) => m.supports(name))));
    const votes = new Map<string, number>();
    for (const m of members) {
      const vote = m.vote(candidates);
      if (vote !== undefined) votes.set(vote, (votes.get(vote) ?? 0) + 1);
    }
    const leader = this.members.get(this.leaderId!)!;
    let best: string | undefined;
    for (const { name } of leader.protocols) {
      if (candidates.has(name) && (best === undefined || (votes.get(name) ?? 0) > (votes.get(best) ?? 0))) best = name;
    }
    return best!;
  }

  private resetAssignments(error: KafkaError): void {
    for (const member of this.allMembers()) {
      member.assignment = Buffer.alloc(0);
      member.failSync(error);
    }
  }

  // ---- SyncGroup ----

  sync(request: SyncGroupRequest): Promise<SyncGroupResult> {
    if (this.state === "Dead") throw this.deadError();
    const member = this.members.get(request.memberId);
    if (!member) throw this.unknownMember(request.memberId);
    if (request.generationId !== this.generationId) throw this.illegalGeneration(request.generationId);
    if ((request.protocolType != null && request.protocolType !== this.protocolType) || (request.protocolName != null && request.protocolName !== this.protocolName)) {
      throw new InconsistentGroupProtocolError(
        `SyncGroup named protocol ${request.protocolType}/${request.protocolName}, but group ${this.groupId} uses ${this.protocolType}/${this.protocolName}.`,
      );
    }
    switch (this.state) {
      case "PreparingRebalance":
        throw new RebalanceInProgressError(`Group ${this.groupId} is rebalancing; rejoin.`);
      case "CompletingRebalance": {
        this.pendingSync.delete(member.memberId);
        member.lastHeartbeatMs = this.ctx.now();
        const synced = member.awaitSync(() => this.superseded());
        if (member.memberId === this.leaderId) void this.applyLeaderAssignment(request.assignments);
        return synced;
      }
      case "Stable":
        this.pendingSync.delete(member.memberId);
        member.lastHeartbeatMs = this.ctx.now();
        return Promise.resolve({ protocolType: this.protocolType, protocolName: this.protocolName, assignment: member.assignment });
      default:
        throw this.unknownMember(request.memberId);
    }
  }

  private async applyLeaderAssignment(assignments: SyncGroupRequest["assignments"]): Promise<void> {
    const generation = this.generationId;
    const given = new Map(assignments.map((a) => [a.memberId, a.assignment]));
    const byMember = new Map(this.allMembers().map((m) => [m.memberId, given.get(m.memberId) ?? Buffer.alloc(0)]));
    try {
      await this.ctx.storeGroup(this, byMember);
    } catch (err) {
      if (this.state === "CompletingRebalance" && this.generationId === generation) {
        this.resetAssignments(err instanceof KafkaError ? err : new CoordinatorNotAvailableError(`Storing group ${this.groupId} failed: ${(err as Error).message}`));
        this.prepareRebalance();
      }
      return;
    }
    if (this.state !== "CompletingRebalance" || this.generationId !== generation) return;
    for (const member of this.allMembers()) {
      member.assignment = byMember.get(member.memberId) ?? Buffer.alloc(0);
      member.completeSync({ protocolType: this.protocolType, protocolName: this.protocolName, assignment: member.assignment });
    }
    this.transitionTo("Stable");
  }

  // ---- Heartbeat, LeaveGroup ----

  heartbeat(memberId: string, generationId: number): void {
    if (this.state === "Dead") throw this.deadError();
    const member = this.members.get(memberId);
    if (!member) throw this.unknownMember(memberId);
    if (generationId !== this.generationId) throw this.illegalGeneration(generationId);
    member.lastHeartbeatMs = this.ctx.now();
    if (this.state === "PreparingRebalance") throw new RebalanceInProgressError(`Group ${this.groupId} is rebalancing; rejoin.`);
  }

  leave(request: LeaveGroupRequest): LeaveGroupMemberResult[] {
    if (this.state === "Dead") throw this.deadError();
    const results = request.members.map(({ memberId, groupInstanceId = null }): LeaveGroupMemberResult => {
      if (this.pendingMembers.delete(memberId)) return { memberId, groupInstanceId, error: null };
      const member =
        memberId === UNKNOWN_MEMBER_ID && groupInstanceId !== null
          ? this.allMembers().find((m) => m.groupInstanceId === groupInstanceId)
          : this.members.get(memberId);
      if (!member) return { memberId, groupInstanceId, error: this.unknownMember(memberId) };
      this.removeMember(member, "left the group");
      return { memberId, groupInstanceId, error: null };
    });
    this.tryCompleteJoin();
    return results;
  }

  /** Removes a member (left, session expired, replaced) and rebalances the rest. */
  removeMember(member: GroupMember, reason: string): void {
    this.dropMember(member, new UnknownMemberIdError(`Member ${member.memberId} of group ${this.groupId} ${reason}.`));
    if (this.state !== "Empty") this.rebalanceOrTryComplete();
  }

  private dropMember(member: GroupMember, error?: KafkaError): void {
    if (error) {
      member.failJoin(error);
      member.failSync(error);
    }
    this.members.delete(member.memberId);
    this.pendingSync.delete(member.memberId);
    if (this.leaderId === member.memberId) this.leaderId = this.members.keys().next().value ?? null;
  }

  // ---- timeouts ----

  /** Applies every deadline that has passed by `now`: session expiry, join and sync phases, lapsed member ids. */
  tick(now: number): void {
    if (this.state === "Dead") return;
    for (const [memberId, deadline] of this.pendingMembers) if (now >= deadline) this.pendingMembers.delete(memberId);
    for (const member of this.allMembers()) {
      if (!this.members.has(member.memberId) || member.isAwaitingJoin || member.isAwaitingSync) continue;
      if (now >= member.lastHeartbeatMs + member.sessionTimeoutMs) this.removeMember(member, `was removed: no heartbeat within its session timeout of ${member.sessionTimeoutMs} ms`);
    }
    const phase = this.joinPhase;
    if (this.state === "PreparingRebalance" && phase) {
      const initial = phase.initialDelay;
      if (initial && now >= initial.until) {
        if (initial.newMemberAdded && initial.remainingMs > 0) {
          const delay = this.ctx.initialRebalanceDelayMs();
          phase.initialDelay = { until: now + Math.min(delay, initial.remainingMs), remainingMs: Math.max(initial.remainingMs - delay, 0), newMemberAdded: false };
        } else {
          this.completeJoin();
        }
      } else if (!initial && now >= phase.deadline) {
        this.completeJoin();
      } else {
        this.tryCompleteJoin();
      }
    }
    if ((this.state === "CompletingRebalance" || this.state === "Stable") && this.syncDeadline !== undefined && now >= this.syncDeadline) {
      this.syncDeadline = undefined;
      const laggards = this.allMembers().filter((m) => this.pendingSync.has(m.memberId));
      for (const member of laggards) this.dropMember(member, new UnknownMemberIdError(`Member ${member.memberId} of group ${this.groupId} did not sync in time.`));
      if (laggards.length > 0) this.rebalanceOrTryComplete();
    }
  }

  // ---- offsets and admin ----

  /**
   * Kafka's `validateOffsetCommit`: generation −1 commits (admin tools, consumers without group management) are
   * accepted only while the group is Empty; otherwise the member and generation must be current. Transactional
   * commits (TxnOffsetCommit) without a member and generation are accepted whatever the state.
   */
  validateOffsetCommit(generationId: number, memberId: string, groupInstanceId: string | null, isTransactional = false): void {
    if (this.state === "Dead") throw this.deadError();
    if (generationId < 0 && this.state === "Empty") return;
    if (generationId >= 0 || memberId !== UNKNOWN_MEMBER_ID || groupInstanceId !== null) {
      const member = this.members.get(memberId);
      if (!member) throw this.unknownMember(memberId);
      if (generationId !== this.generationId) throw this.illegalGeneration(generationId);
      if (this.state === "CompletingRebalance" && !isTransactional) throw new RebalanceInProgressError(`Group ${this.groupId} is completing a rebalance; commit after SyncGroup.`);
      member.lastHeartbeatMs = this.ctx.now();
      return;
    }
    // A transactional commit without member and generation (TxnOffsetCommit before v3) is accepted in any state.
    if (isTransactional) return;
    throw new UnknownMemberIdError(`Group ${this.groupId} has active members: a commit without a member id and generation is only accepted while it is empty.`);
  }

  /** The topics the members subscribe to (consumer protocol only); null when not a consumer group or undecodable. */
  subscribedTopics(): Set<string> | null {
    if (this.protocolType !== CONSUMER_PROTOCOL_TYPE) return null;
    const topics = new Set<string>();
    try {
      for (const member of this.members.values()) {
        const metadata = this.protocolName !== null ? member.metadataFor(this.protocolName) : member.protocols[0]?.metadata;
        if (metadata === undefined || metadata.length === 0) continue;
        for (const topic of decodeSubscription(metadata).topics) topics.add(topic);
      }
    } catch {
      return null;
    }
    return topics;
  }

  /** Marks the group Dead (deleted or expired); pending joins and syncs learn that the coordinator moved on. */
  markDead(): void {
    const error = new CoordinatorNotAvailableError(`Group ${this.groupId} was removed; find the coordinator and rejoin.`);
    for (const member of this.allMembers()) {
      member.failJoin(error);
      member.failSync(error);
    }
    this.transitionTo("Dead");
  }

  /** Answers every pending join and sync with `error` (the coordinator is shutting down). */
  failPending(error: KafkaError): void {
    for (const member of this.allMembers()) {
      member.failJoin(error);
      member.failSync(error);
    }
  }

  private transitionTo(state: GroupState): void {
    if (!VALID_PREVIOUS_STATES[state].includes(this.state)) {
      throw new Error(`Group ${this.groupId} should be in ${VALID_PREVIOUS_STATES[state].join(", ")} to move to ${state}, but is ${this.state}.`);
    }
    const previous = this.state;
    this.state = state;
    this.currentStateTimestamp = this.ctx.now();
    if (previous !== state) this.ctx.onStateChange(this, previous);
  }

  private deadError(): KafkaError {
    return new CoordinatorNotAvailableError(`Group ${this.groupId} is being removed; find the coordinator and retry.`);
  }

  private unknownMember(memberId: string): KafkaError {
    return new UnknownMemberIdError(`The coordinator is not aware of member '${memberId}' in group ${this.groupId}.`);
  }

  private illegalGeneration(generationId: number): KafkaError {
    return new IllegalGenerationError(`Generation ${generationId} is not the current generation ${this.generationId} of group ${this.groupId}.`);
  }

  private superseded(): KafkaError {
    return new RebalanceInProgressError(`A newer request of the same member of group ${this.groupId} replaced this one.`);
  }
}

function rebalanceTimeoutOf(request: JoinGroupRequest): number {
  return request.rebalanceTimeoutMs !== undefined && request.rebalanceTimeoutMs >= 0 ? request.rebalanceTimeoutMs : request.sessionTimeoutMs;
}
