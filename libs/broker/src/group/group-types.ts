import type { KafkaError } from "../errors.js";

/** The request and response shapes of the classic group protocol, one per Kafka API, so the wire layer maps 1:1. */

/** Kafka's classic group states (`ConsumerGroupState` names, as `kafka-consumer-groups` prints them). */
export type GroupState = "Empty" | "PreparingRebalance" | "CompletingRebalance" | "Stable" | "Dead";

/** The member id of a member joining for the first time. */
export const UNKNOWN_MEMBER_ID = "";

export interface GroupProtocol {
  /** For protocol type "consumer", the assignor name ("range", "roundrobin", "sticky", …). */
  name: string;
  metadata: Buffer;
}

/** JoinGroup. */
export interface JoinGroupRequest {
  groupId: string;
  /** `UNKNOWN_MEMBER_ID` ("") when joining for the first time; the coordinator assigns `${clientId}-${uuid}`. */
  memberId: string;
  /** `group.instance.id` of a static member. */
  groupInstanceId?: string | null;
  clientId: string;
  clientHost: string;
  protocolType: string;
  /** In order of preference. */
  protocols: GroupProtocol[];
  sessionTimeoutMs: number;
  /** How long the coordinator waits for members to rejoin; the session timeout when absent (JoinGroup v0). */
  rebalanceTimeoutMs?: number;
  /** JoinGroup v4+: a new member gets MEMBER_ID_REQUIRED with its id first and must join again with it. */
  requireKnownMemberId?: boolean;
}

export interface JoinGroupMember {
  memberId: string;
  groupInstanceId: string | null;
  metadata: Buffer;
}

export interface JoinGroupResult {
  generationId: number;
  protocolType: string | null;
  protocolName: string | null;
  leader: string;
  memberId: string;
  /** Every member with its metadata for the chosen protocol, for the leader only; empty for followers. */
  members: JoinGroupMember[];
}

/** SyncGroup. */
export interface SyncGroupRequest {
  groupId: string;
  generationId: number;
  memberId: string;
  groupInstanceId?: string | null;
  /** SyncGroup v5+: checked against the group's when given. */
  protocolType?: string | null;
  protocolName?: string | null;
  /** From the leader: one assignment per member; followers send none. */
  assignments: { memberId: string; assignment: Buffer }[];
}

export interface SyncGroupResult {
  protocolType: string | null;
  protocolName: string | null;
  assignment: Buffer;
}

/** Heartbeat. */
export interface HeartbeatRequest {
  groupId: string;
  generationId: number;
  memberId: string;
  groupInstanceId?: string | null;
}

/** LeaveGroup (v3+ batches members; older versions send one member id). */
export interface LeaveGroupRequest {
  groupId: string;
  members: { memberId: string; groupInstanceId?: string | null }[];
}

export interface LeaveGroupMemberResult {
  memberId: string;
  groupInstanceId: string | null;
  error: KafkaError | null;
}

/** OffsetCommit. generationId −1 and memberId "" are the simple/admin commits Kafka allows on an Empty group. */
export interface OffsetCommitRequest {
  groupId: string;
  generationId?: number;
  memberId?: string;
  groupInstanceId?: string | null;
  offsets: OffsetCommitPartition[];
}

export interface OffsetCommitPartition {
  topic: string;
  partition: number;
  offset: number;
  leaderEpoch?: number;
  metadata?: string | null;
}

export interface OffsetCommitPartitionResult {
  topic: string;
  partition: number;
  error: KafkaError | null;
}

/** A committed offset as `__consumer_offsets` remembers it. */
export interface CommittedOffset {
  topic: string;
  partition: number;
  offset: number;
  leaderEpoch: number;
  metadata: string;
  commitTimestamp: number;
  /** Only commits of OffsetCommit v1 carry one; -1 otherwise. */
  expireTimestamp: number;
}

/** OffsetFetch: offset −1 (and metadata "") where the group committed nothing. */
export interface OffsetFetchPartition {
  topic: string;
  partition: number;
  offset: number;
  leaderEpoch: number;
  metadata: string;
  /** Set (UNSTABLE_OFFSET_COMMIT) when `requireStable` was asked and a transaction still to end commits this partition. */
  error?: KafkaError;
}

/** TxnOffsetCommit: offsets committed inside a producer's transaction, visible once it commits. */
export interface TxnOffsetCommitRequest extends OffsetCommitRequest {
  transactionalId: string;
  producerId: number;
  producerEpoch: number;
}

/** ListGroups. */
export interface GroupListing {
  groupId: string;
  protocolType: string;
  state: GroupState;
}

/** DescribeGroups, with the consumer protocol's bytes also decoded for "consumer" groups. */
export interface GroupDescription {
  groupId: string;
  state: GroupState;
  protocolType: string;
  /** The chosen protocol (for consumers: the partition assignor); "" unless Stable, as Kafka reports it. */
  protocol: string;
  generationId: number;
  leader: string | null;
  /** The broker coordinating the group. */
  coordinatorId: number;
  members: GroupMemberDescription[];
}

export interface GroupMemberDescription {
  memberId: string;
  groupInstanceId: string | null;
  clientId: string;
  clientHost: string;
  sessionTimeoutMs: number;
  rebalanceTimeoutMs: number;
  /** Metadata and assignment bytes: empty unless the group is Stable, as Kafka reports them. */
  metadata: Buffer;
  assignment: Buffer;
  /** For "consumer" groups: the decoded assignment (empty when undecodable or not Stable). */
  assignedPartitions: { topic: string; partitions: number[] }[];
}
