import type { MetadataStore, TopicMetadata } from "./metadata-store.js";

/** A broker as it registers in the cluster: its id, rack and the addresses clients and other brokers use. */
export interface BrokerRegistration {
  brokerId: number;
  /** The advertised Kafka listener. */
  host: string;
  port: number;
  rack: string | null;
  /** The broker's HTTP base URL (REST, WebSocket, console), or null when it serves none. */
  httpUrl: string | null;
  /** Set by a broker in controlled shutdown: the controller moves its leaderships away first. */
  shuttingDown?: boolean;
}

/**
 * Kafka's PartitionRegistration: a partition's replica assignment, leader and ISR. `leaderEpoch` changes with every
 * leader change; `partitionEpoch` with every change at all (Kafka's AlterPartition compares it).
 */
export interface PartitionRegistration {
  replicas: number[];
  isr: number[];
  /** The leader's broker id, or -1 when no replica can lead (offline). */
  leader: number;
  leaderEpoch: number;
  partitionEpoch: number;
  /** Replicas being added or removed by a reassignment (KIP-455); empty otherwise. */
  addingReplicas: number[];
  removingReplicas: number[];
}

/** The elected controller: its broker id and epoch, which fences every write it makes. */
export interface ControllerRegistration {
  brokerId: number;
  epoch: number;
}

/** Everything the cluster's metadata holds at one revision (Kafka's MetadataImage). */
export interface ClusterSnapshot {
  revision: number;
  clusterId: string | null;
  brokers: Map<number, BrokerRegistration>;
  controller: ControllerRegistration | null;
  topics: Map<string, TopicMetadata>;
  /** By topic name, then partition index. */
  partitions: Map<string, Map<number, PartitionRegistration>>;
  /** Each partition registration's version (what AlterPartition compares), by `topic:partition`. */
  partitionVersions: Map<string, number>;
  brokerConfigs: Record<string, string>;
}

/** One change applied to the metadata, in revision order; `reset` replaces everything (after a re-list). */
export type ClusterChange =
  | { kind: "broker"; revision: number; brokerId: number; registration: BrokerRegistration | null }
  | { kind: "controller"; revision: number; controller: ControllerRegistration | null }
  | { kind: "topic"; revision: number; name: string; topic: TopicMetadata | null }
  | { kind: "partition"; revision: number; topic: string; partition: number; registration: PartitionRegistration | null }
  | { kind: "brokerConfigs"; revision: number; configs: Record<string, string> }
  | { kind: "reset"; revision: number; snapshot: ClusterSnapshot };

/** A broker's membership: alive while its lease is kept alive. */
export interface BrokerSession {
  readonly brokerId: number;
  /** Resolves when the membership is lost (lease expired or revoked); the broker must stop leading then. */
  readonly lost: Promise<Error>;
  /** Whether the lease was renewed within its time to live: a broker unsure of it must not accept writes as leader. */
  isCurrent(): boolean;
  /** Replaces the registration (same session), e.g. to announce a controlled shutdown. */
  update(registration: BrokerRegistration): Promise<void>;
  /** Ends the membership now (a clean shutdown): the registration disappears at once. */
  close(): Promise<void>;
}

/** A controller's tenure, proof of its election; its writes fail once another controller was elected. */
export interface ControllerFence {
  readonly brokerId: number;
  readonly epoch: number;
}

/** A partition registration with the version a compare-and-swap must name. */
export interface VersionedPartition {
  registration: PartitionRegistration;
  version: number;
}

/** Raised when a fenced write finds the controller changed, or a compare-and-swap finds its version stale. */
export class StaleMetadataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "StaleMetadataError";
  }
}

/**
 * Where a cluster of brokers keeps what they must agree on: broker membership (leases), the controller's election
 * and epoch, topics, partition assignments, leaders and ISRs. Every write is conditional: controller writes are
 * fenced by the controller's election, leader/ISR changes compare the partition's version (Kafka's AlterPartition).
 * Brokers follow it with `watch`, from the revision they last applied. The etcd implementation is the first; the
 * interface is what a PostgreSQL one would implement too. As a `MetadataStore` it serves the broker's topic admin.
 */
export interface ClusterMetadataStore extends MetadataStore {
  /** Everything at one revision. */
  snapshot(): Promise<ClusterSnapshot>;
  /**
   * Calls `listener` with every change after `fromRevision`, in order. When the store can no longer replay from there
   * (etcd compacted it), it re-lists and sends a `reset` with a full snapshot, then continues. Returns a stop function.
   */
  watch(fromRevision: number, listener: (change: ClusterChange) => void): () => Promise<void>;
  /**
   * Registers this broker for as long as its session lives (`ttlMs`, rounded up to whole seconds). Refused
   * (StaleMetadataError) while another live process holds the same broker id.
   */
  registerBroker(registration: BrokerRegistration, ttlMs: number): Promise<BrokerSession>;
  /**
   * Tries to become the controller under the given session: resolves with the fence (a new, higher epoch) when
   * elected, or null when a live controller exists.
   */
  campaign(session: BrokerSession): Promise<ControllerFence | null>;
  /** Gives up the controller role (controlled shutdown), if `fence` still holds it. */
  resign(fence: ControllerFence): Promise<void>;
  /** A partition's registration and version, or null. */
  partition(topic: string, partition: number): Promise<VersionedPartition | null>;
  /**
   * Creates a topic with its partitions' registrations at once, failing with TopicAlreadyExistsError when the name
   * is taken. With a fence, also fails (StaleMetadataError) when that controller was replaced.
   */
  createTopic(topic: TopicMetadata, partitions: PartitionRegistration[], fence?: ControllerFence): Promise<void>;
  /**
   * Adds partitions to a topic (Kafka's CreatePartitions): writes the new partitions' registrations and the topic's
   * new count, if the topic is still the stored `expected` one.
   */
  addPartitions(expected: TopicMetadata, topic: TopicMetadata, added: Map<number, PartitionRegistration>): Promise<void>;
  /**
   * Kafka's AlterPartition: replaces a partition's registration if its version is still `expectedVersion` (and, with a
   * fence, the controller still holds office). Returns the new version, or throws StaleMetadataError.
   */
  alterPartition(topic: string, partition: number, expectedVersion: number, next: PartitionRegistration, fence?: ControllerFence): Promise<number>;
}
