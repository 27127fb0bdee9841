import type { KafkaError } from "../errors.js";
import type { GroupProtocol, JoinGroupResult, SyncGroupResult } from "./group-types.js";

/** A JoinGroup or SyncGroup response the member is waiting for. */
class Waiter<T> {
  readonly promise: Promise<T>;
  resolve!: (value: T) => void;
  reject!: (error: KafkaError) => void;

  constructor() {
    this.promise = new Promise<T>((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
  }
}

export interface GroupMemberInit {
  memberId: string;
  groupInstanceId: string | null;
  clientId: string;
  clientHost: string;
  sessionTimeoutMs: number;
  rebalanceTimeoutMs: number;
  protocolType: string;
  protocols: GroupProtocol[];
}

/** Kafka's `MemberMetadata`: one member of a classic group, its protocols, assignment and pending responses. */
export class GroupMember {
  readonly memberId: string;
  readonly groupInstanceId: string | null;
  clientId: string;
  clientHost: string;
  sessionTimeoutMs: number;
  rebalanceTimeoutMs: number;
  protocolType: string;
  protocols: GroupProtocol[];
  assignment: Buffer = Buffer.alloc(0);
  lastHeartbeatMs: number;
  private joinWaiter: Waiter<JoinGroupResult> | undefined;
  private syncWaiter: Waiter<SyncGroupResult> | undefined;

  constructor(init: GroupMemberInit, now: number) {
    this.memberId = init.memberId;
    this.groupInstanceId = init.groupInstanceId;
    this.clientId = init.clientId;
    this.clientHost = init.clientHost;
    this.sessionTimeoutMs = init.sessionTimeoutMs;
    this.rebalanceTimeoutMs = init.rebalanceTimeoutMs;
    this.protocolType = init.protocolType;
    this.protocols = init.protocols;
    this.lastHeartbeatMs = now;
  }

  get isAwaitingJoin(): boolean {
    return this.joinWaiter !== undefined;
  }

  get isAwaitingSync(): boolean {
    return this.syncWaiter !== undefined;
  }

  /** The member's metadata for `protocol` (empty when it does not support it). */
  metadataFor(protocol: string | null): Buffer {
    return this.protocols.find((p) => p.name === protocol)?.metadata ?? Buffer.alloc(0);
  }

  supports(protocol: string): boolean {
    return this.protocols.some((p) => p.name === protocol);
  }

  /** Whether a rejoin brings exactly the protocols (names, order and metadata) the member already has. */
  matches(protocols: readonly GroupProtocol[]): boolean {
    return (
      protocols.length === this.protocols.length &&
      protocols.every((p, i) => p.name === this.protocols[i]!.name && p.metadata.equals(this.protocols[i]!.metadata))
    );
  }

  /** The member's most preferred protocol among `candidates`. */
  vote(candidates: ReadonlySet<string>): string | undefined {
    return this.protocols.find((p) => candidates.has(p.name))?.name;
  }

  /** Starts waiting for the end of the join phase; an earlier pending join is superseded. */
  awaitJoin(superseded: () => KafkaError): Promise<JoinGroupResult> {
    this.joinWaiter?.reject(superseded());
    this.joinWaiter = new Waiter();
    return this.joinWaiter.promise;
  }

  completeJoin(result: JoinGroupResult): void {
    this.joinWaiter?.resolve(result);
    this.joinWaiter = undefined;
  }

  failJoin(error: KafkaError): void {
    this.joinWaiter?.reject(error);
    this.joinWaiter = undefined;
  }

  awaitSync(superseded: () => KafkaError): Promise<SyncGroupResult> {
    this.syncWaiter?.reject(superseded());
    this.syncWaiter = new Waiter();
    return this.syncWaiter.promise;
  }

  completeSync(result: SyncGroupResult): void {
    this.syncWaiter?.resolve(result);
    this.syncWaiter = undefined;
  }

  failSync(error: KafkaError): void {
    this.syncWaiter?.reject(error);
    this.syncWaiter = undefined;
  }
}
