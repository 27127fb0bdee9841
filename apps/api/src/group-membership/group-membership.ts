import {
  IllegalGenerationError,
  RebalanceInProgressError,
  UnknownMemberIdError,
  type GroupCoordinator,
  type GroupStateChange,
  type TopicPartitions,
} from "@skein/broker";

export interface GroupMembershipOptions {
  groupId: string;
  clientId: string;
  clientHost: string;
  /** A member id from an earlier life of this consumer (a restart): rejoining with it spares the group a wait. */
  memberId?: string;
  /** Default 10000; heartbeats go every third of it. */
  sessionTimeoutMs?: number;
  /** Before a rebalance takes partitions away (auto-commit's chance to commit them). */
  onRevoke?: (revoked: TopicPartitions[]) => Promise<void>;
  /** After every completed rebalance, with the member's new partitions. */
  onAssign?: (assignment: TopicPartitions[], generationId: number) => void;
  /** A join failed for a reason other than a rebalance (the member stays out until `setTopics` again). */
  onError?: (error: Error) => void;
}

const DEFAULT_SESSION_TIMEOUT_MS = 10_000;

/**
 * A consumer living in the service (a REST v2 instance, a WebSocket subscription) as a member of a classic group:
 * it joins with its topics, lets the coordinator's server-side assignor hand out partitions, heartbeats, rejoins
 * whenever the group prepares a rebalance, and leaves when closed — what Kafka's client does in its poll loop.
 */
export class GroupMembership {
  memberId: string;
  generationId = -1;
  /** The partitions of the last completed rebalance; empty while (re)joining. */
  assignment: TopicPartitions[] = [];
  private topics: string[] = [];
  private joining: Promise<void> | null = null;
  private rejoinRequested = false;
  private closed = false;
  private lastError: Error | null = null;
  private readonly heartbeatTimer: NodeJS.Timeout;
  private readonly sessionTimeoutMs: number;
  private readonly onStateChange = (change: GroupStateChange): void => {
    if (change.groupId !== this.options.groupId || change.state !== "PreparingRebalance") return;
    // A join under way is part of this rebalance already (often its cause); an older generation's is stale news.
    if (this.joining || change.generationId < this.generationId) return;
    this.rejoin();
  };

  constructor(
    private readonly coordinator: GroupCoordinator,
    private readonly options: GroupMembershipOptions,
  ) {
    this.memberId = options.memberId ?? "";
    this.sessionTimeoutMs = options.sessionTimeoutMs ?? DEFAULT_SESSION_TIMEOUT_MS;
    coordinator.on("groupStateChange", this.onStateChange);
    this.heartbeatTimer = setInterval(() => this.heartbeat(), Math.max(100, Math.floor(this.sessionTimeoutMs / 3))).unref();
  }

  get groupId(): string {
    return this.options.groupId;
  }

  get subscribedTopics(): string[] {
    return this.topics;
  }

  /** Whether a join or rebalance is under way. */
  get isJoining(): boolean {
    return this.joining !== null;
  }

  /** The partitions assigned, as `topic:partition` pairs. */
  assignedPartitions(): { topic: string; partition: number }[] {
    return this.assignment.flatMap(({ topic, partitions }) => partitions.map((partition) => ({ topic, partition })));
  }

  /** Subscribes to these topics (a change rejoins the group). */
  setTopics(topics: readonly string[]): void {
    const sorted = [...new Set(topics)].sort();
    const changed = sorted.join("\0") !== this.topics.join("\0");
    this.topics = sorted;
    this.lastError = null;
    if (changed || (this.generationId < 0 && !this.joining)) this.rejoin();
  }

  /** Resolves when no join is under way (or at the deadline, epoch ms); throws the last join failure. */
  async settled(deadline: number): Promise<void> {
    while (this.joining && !this.closed) {
      const remaining = deadline - Date.now();
      if (remaining <= 0) return;
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([this.joining, new Promise((resolve) => (timer = setTimeout(resolve, remaining)))]);
      clearTimeout(timer);
    }
    if (this.lastError) throw this.lastError;
  }

  /** Asks for a rejoin; joins right away unless one is under way (then it runs once more after it). */
  rejoin(): void {
    if (this.closed) return;
    if (this.joining) {
      this.rejoinRequested = true;
      return;
    }
    this.joining = this.joinLoop().finally(() => (this.joining = null));
  }

  /** Leaves the group; the member's partitions go to the others. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.heartbeatTimer);
    this.coordinator.off("groupStateChange", this.onStateChange);
    if (this.memberId !== "") this.leave(this.memberId);
    this.assignment = [];
  }

  private leave(memberId: string): void {
    try {
      this.coordinator.leaveGroup({ groupId: this.groupId, members: [{ memberId }] });
    } catch {
      // the coordinator is shutting down: the member expires with its session
    }
  }

  private async joinLoop(): Promise<void> {
    do {
      this.rejoinRequested = false;
      if (this.assignment.length > 0) {
        const revoked = this.assignment;
        await this.options.onRevoke?.(revoked).catch(() => undefined);
      }
      this.assignment = [];
      if (this.topics.length === 0) {
        this.leaveQuietly();
        return;
      }
      try {
        const joined = await this.coordinator.joinAndSync({
          groupId: this.groupId,
          memberId: this.memberId,
          clientId: this.options.clientId,
          clientHost: this.options.clientHost,
          sessionTimeoutMs: this.sessionTimeoutMs,
          rebalanceTimeoutMs: this.sessionTimeoutMs,
          topics: this.topics,
        });
        if (this.closed) {
          // Closed while joining: close() had no member id to leave with, so leave now rather than linger until
          // the session times out (and keep the group from looking busy to resets and deletes meanwhile).
          this.leave(joined.memberId);
          return;
        }
        this.memberId = joined.memberId;
        this.generationId = joined.generationId;
        this.assignment = joined.assignment;
        this.lastError = null;
        this.options.onAssign?.(joined.assignment, joined.generationId);
      } catch (error) {
        if (this.closed) return;
        if (isRebalanceError(error)) {
          if (error instanceof UnknownMemberIdError) this.memberId = "";
          this.rejoinRequested = true;
          continue;
        }
        this.lastError = error as Error;
        this.generationId = -1;
        this.options.onError?.(error as Error);
        return;
      }
      // A rebalance that began after this member's sync needs another join.
      if (this.coordinator.groupState(this.groupId) === "PreparingRebalance") this.rejoinRequested = true;
    } while (this.rejoinRequested && !this.closed);
  }

  private heartbeat(): void {
    if (this.closed || this.joining || this.generationId < 0 || this.memberId === "") return;
    try {
      this.coordinator.heartbeat({ groupId: this.groupId, generationId: this.generationId, memberId: this.memberId });
    } catch (error) {
      if (isRebalanceError(error)) this.rejoin();
    }
  }

  /** Unsubscribed: leaves the group but stays usable for a later `setTopics`. */
  private leaveQuietly(): void {
    if (this.memberId === "") return;
    try {
      this.coordinator.leaveGroup({ groupId: this.groupId, members: [{ memberId: this.memberId }] });
    } catch {
      // already gone
    }
    this.memberId = "";
    this.generationId = -1;
  }
}

/** Errors after which a member simply joins again. */
export function isRebalanceError(error: unknown): boolean {
  return error instanceof RebalanceInProgressError || error instanceof IllegalGenerationError || error instanceof UnknownMemberIdError;
}
