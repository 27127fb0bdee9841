import { KafkaStorageError } from "../errors.js";
import type { Log } from "../storage/log.js";
import type { PartitionRegistration } from "./cluster-metadata-store.js";

/** A partition as admin APIs describe it: replica placement and the log's offsets. */
export interface PartitionDescription {
  partition: number;
  /** The leader's broker id; -1 when the partition is offline (Kafka's "no leader"). */
  leader: number;
  /** The leader's epoch: bumped at every leader change (0 for a partition that never changed leader). */
  leaderEpoch: number;
  replicas: number[];
  /** Empty when the partition is offline. */
  isr: number[];
  /** The log's offsets; -1 when the partition is offline or not hosted by this broker. */
  logStartOffset: number;
  logEndOffset: number;
  highWatermark: number;
  sizeBytes: number;
}

/** What a leader knows of one follower (Kafka's `Replica` state): where its log ends and when it last caught up. */
export interface FollowerState {
  logEndOffset: number;
  /** The last time the follower's fetch reached the leader's log end (or the end as of its previous fetch). */
  lastCaughtUpTimeMs: number;
  lastFetchTimeMs: number;
  /** The leader's log end offset when the follower last fetched. */
  leaderEndOffsetAtLastFetch: number;
}

/**
 * One partition as this broker sees it: its log (when this broker hosts a replica of it) and its replica set,
 * leader, leader epoch and ISR. A single broker leads every partition and is its only in-sync replica; in a
 * cluster the registration comes from the cluster metadata and changes with elections and ISR changes, and the
 * leader tracks each follower's fetches (Kafka's Partition). An offline partition (its log could not be opened or
 * repaired) has no log: reading or writing it answers KAFKA_STORAGE_ERROR with the reason, while the others serve.
 */
export class Partition {
  private registration: PartitionRegistration;
  /** The registration's version in the cluster metadata (what AlterPartition compares); 0 for a single broker. */
  version = 0;
  /** The followers' fetch state, while this broker leads. */
  readonly followers = new Map<number, FollowerState>();
  /** The log end offset when this broker became leader: a follower must reach it to join the ISR (Kafka's rule). */
  leaderEpochStartOffset = 0;
  /** Whether this broker acts as the partition's leader in a cluster (set by `becomeLeader`, cleared by `becomeFollower`). */
  isLeaderHere = false;

  private constructor(
    readonly topic: string,
    readonly partition: number,
    private readonly onlineLog: Log | null,
    registration: PartitionRegistration,
    /** Why the partition is offline, or null when it is online. */
    readonly offlineReason: string | null,
    /** Whether this broker hosts a replica: false for a partition of the cluster that lives on other brokers only. */
    readonly hosted = true,
  ) {
    this.registration = registration;
  }

  static online(topic: string, partition: number, log: Log, leader: number, replicas: readonly number[]): Partition {
    return new Partition(topic, partition, log, singleNode(leader, replicas), null);
  }

  static offline(topic: string, partition: number, replicas: readonly number[], reason: string): Partition {
    return new Partition(topic, partition, null, { ...singleNode(-1, replicas), isr: [] }, reason);
  }

  /** A replica of a cluster's partition on this broker, with its registration. */
  static replica(topic: string, partition: number, log: Log, registration: PartitionRegistration, version: number): Partition {
    const p = new Partition(topic, partition, log, registration, null);
    p.version = version;
    return p;
  }

  /** A cluster's partition this broker hosts no replica of: known only by its registration. */
  static remote(topic: string, partition: number, registration: PartitionRegistration, version: number): Partition {
    const p = new Partition(topic, partition, null, registration, null, false);
    p.version = version;
    return p;
  }

  get leader(): number {
    return this.registration.leader;
  }

  get leaderEpoch(): number {
    return this.registration.leaderEpoch;
  }

  get partitionEpoch(): number {
    return this.registration.partitionEpoch;
  }

  get replicas(): readonly number[] {
    return this.registration.replicas;
  }

  get isr(): readonly number[] {
    return this.registration.isr;
  }

  /** The registration in force here. */
  get state(): PartitionRegistration {
    return this.registration;
  }

  /** Takes a newer registration (from the cluster metadata or a successful AlterPartition). */
  setRegistration(registration: PartitionRegistration, version: number): void {
    this.registration = registration;
    this.version = version;
  }

  get isOnline(): boolean {
    return this.onlineLog !== null;
  }

  /** The partition's log; throws KafkaStorageError (with the reason) when the partition is offline. */
  get log(): Log {
    if (this.onlineLog === null) {
      throw new KafkaStorageError(
        this.hosted ? `Partition ${this.topic}-${this.partition} is offline: ${this.offlineReason}` : `This broker hosts no replica of ${this.topic}-${this.partition}.`,
      );
    }
    return this.onlineLog;
  }

  /** The log, or null when offline: for work that simply skips offline partitions (flush, shutdown). */
  get logIfOnline(): Log | null {
    return this.onlineLog;
  }

  describe(): PartitionDescription {
    const log = this.onlineLog;
    return {
      partition: this.partition,
      leader: this.leader,
      leaderEpoch: this.leaderEpoch,
      replicas: [...this.replicas],
      isr: [...this.isr],
      logStartOffset: log?.logStartOffset ?? -1,
      logEndOffset: log?.logEndOffset ?? -1,
      highWatermark: log?.highWatermark ?? -1,
      sizeBytes: log?.size ?? 0,
    };
  }
}

function singleNode(leader: number, replicas: readonly number[]): PartitionRegistration {
  return { replicas: [...replicas], isr: [...replicas], leader, leaderEpoch: 0, partitionEpoch: 0, addingReplicas: [], removingReplicas: [] };
}
