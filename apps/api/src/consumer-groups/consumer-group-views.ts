import type { GroupDescription, GroupLag, GroupState, OffsetResetPlanEntry, PartitionLag } from "@skein/broker";
import type { Relationship, ResourceLinks } from "../common/resource-links.js";
import type { LagSample } from "./lag-history.service.js";

/** The v3 consumer-group resources in Confluent's shapes, and Skein's lag-history and reset-plan extensions. */

export interface Metadata {
  self: string;
  resource_name: string;
}

export interface List<T> {
  kind: string;
  metadata: { self: string; next: string | null };
  data: T[];
}

const STATES: Record<GroupState, string> = {
  Empty: "EMPTY",
  PreparingRebalance: "PREPARING_REBALANCE",
  CompletingRebalance: "COMPLETING_REBALANCE",
  Stable: "STABLE",
  Dead: "DEAD",
};

/** Builds every consumer-group resource of one cluster, with absolute links from the request. */
export class ConsumerGroupViews {
  constructor(
    private readonly links: ResourceLinks,
    private readonly clusterId: string,
    private readonly coordinatorId: number,
  ) {}

  private groupPath(groupId: string, ...rest: (string | number)[]): (string | number)[] {
    return ["v3", "clusters", this.clusterId, "consumer-groups", groupId, ...rest];
  }

  private metadata(path: (string | number)[], ...crn: (string | number)[]): Metadata {
    return { self: this.links.url(...path), resource_name: this.links.crn("kafka", this.clusterId, ...crn) };
  }

  list<T>(kind: string, path: (string | number)[], data: T[]): List<T> {
    return { kind, metadata: { self: this.links.url(...path), next: null }, data };
  }

  groupsPath(): (string | number)[] {
    return ["v3", "clusters", this.clusterId, "consumer-groups"];
  }

  group(g: GroupDescription) {
    return {
      kind: "KafkaConsumerGroup",
      metadata: this.metadata(this.groupPath(g.groupId), "consumer-group", g.groupId),
      cluster_id: this.clusterId,
      consumer_group_id: g.groupId,
      is_simple: g.protocolType === "",
      partition_assignor: g.protocol,
      state: STATES[g.state],
      type: "CLASSIC",
      is_mixed_consumer_group: false,
      coordinator: this.links.related("v3", "clusters", this.clusterId, "brokers", this.coordinatorId),
      consumers: this.links.related(...this.groupPath(g.groupId, "consumers")),
      lag_summary: this.links.related(...this.groupPath(g.groupId, "lag-summary")),
    };
  }

  consumersPath(groupId: string): (string | number)[] {
    return this.groupPath(groupId, "consumers");
  }

  consumer(groupId: string, m: GroupDescription["members"][number]) {
    return {
      kind: "KafkaConsumer",
      metadata: this.metadata(this.groupPath(groupId, "consumers", m.memberId), "consumer-group", groupId, "consumer", m.memberId),
      cluster_id: this.clusterId,
      consumer_group_id: groupId,
      consumer_id: m.memberId,
      instance_id: m.groupInstanceId,
      client_id: m.clientId,
      // Skein's addition to Confluent's shape: the member's address as Kafka's tools print it (`/127.0.0.1`).
      client_host: m.clientHost,
      assignments: this.links.related(...this.groupPath(groupId, "consumers", m.memberId, "assignments")),
    };
  }

  assignmentsPath(groupId: string, consumerId: string): (string | number)[] {
    return this.groupPath(groupId, "consumers", consumerId, "assignments");
  }

  assignment(groupId: string, consumerId: string, topic: string, partition: number) {
    return {
      kind: "KafkaConsumerAssignment",
      metadata: this.metadata(
        this.groupPath(groupId, "consumers", consumerId, "assignments", topic, "partitions", partition),
        "consumer-group",
        groupId,
        "consumer",
        consumerId,
        "assignment",
        `topic=${topic}/partition=${partition}`,
      ),
      cluster_id: this.clusterId,
      consumer_group_id: groupId,
      consumer_id: consumerId,
      topic_name: topic,
      partition_id: partition,
      partition: this.partitionLink(topic, partition),
      lag: this.links.related(...this.groupPath(groupId, "lags", topic, "partitions", partition)),
    };
  }

  lagsPath(groupId: string): (string | number)[] {
    return this.groupPath(groupId, "lags");
  }

  /** One partition's lag (a partition with a committed offset). */
  lag(groupId: string, row: PartitionLag) {
    return {
      kind: "KafkaConsumerLag",
      metadata: this.metadata(this.groupPath(groupId, "lags", row.topic, "partitions", row.partition), "consumer-group", groupId, "lag", `${row.topic}/partition=${row.partition}`),
      cluster_id: this.clusterId,
      consumer_group_id: groupId,
      topic_name: row.topic,
      partition_id: row.partition,
      current_offset: row.currentOffset,
      log_end_offset: row.logEndOffset,
      lag: row.lag,
      consumer_id: row.consumerId ?? "",
      instance_id: null,
      client_id: row.clientId ?? "",
    };
  }

  lagSummary(groupId: string, lag: GroupLag) {
    const max = lag.maxLag;
    return {
      kind: "KafkaConsumerGroupLagSummary",
      metadata: {
        self: this.links.url(...this.groupPath(groupId, "lag-summary")),
        resource_name: `${this.links.crn("kafka", this.clusterId, "consumer-groups", groupId)}/lag-summary`,
      },
      cluster_id: this.clusterId,
      consumer_group_id: groupId,
      max_lag_consumer_id: max?.consumerId ?? "",
      max_lag_instance_id: null,
      max_lag_client_id: max?.clientId ?? "",
      max_lag_topic_name: max?.topic ?? "",
      max_lag_partition_id: max?.partition ?? 0,
      max_lag: max?.lag ?? 0,
      total_lag: lag.totalLag,
      max_lag_consumer: max?.consumerId ? this.links.related(...this.groupPath(groupId, "consumers", max.consumerId)) : null,
      max_lag_partition: max ? this.partitionLink(max.topic, max.partition) : null,
    };
  }

  lagHistory(groupId: string, intervalMs: number, minutes: number, samples: LagSample[]) {
    return {
      kind: "SkeinLagHistory",
      metadata: { self: `${this.links.url(...this.groupPath(groupId, "lag-history"))}?minutes=${minutes}`, resource_name: this.links.crn("kafka", this.clusterId, "consumer-group", groupId, "lag-history", minutes) },
      cluster_id: this.clusterId,
      consumer_group_id: groupId,
      interval_ms: intervalMs,
      data: samples.map((s) => ({ timestamp: s.timestamp, total_lag: s.totalLag, topics: s.topics })),
    };
  }

  resetPlan(groupId: string, strategy: string, dryRun: boolean, plan: OffsetResetPlanEntry[]) {
    return {
      kind: "SkeinOffsetResetPlan",
      metadata: this.metadata(this.groupPath(groupId, "offsets:reset"), "consumer-group", groupId, "offsets", "reset"),
      cluster_id: this.clusterId,
      consumer_group_id: groupId,
      strategy,
      dry_run: dryRun,
      data: plan.map((e) => ({ topic_name: e.topic, partition_id: e.partition, current_offset: e.currentOffset, new_offset: e.newOffset })),
    };
  }

  private partitionLink(topic: string, partition: number): Relationship {
    return this.links.related("v3", "clusters", this.clusterId, "topics", topic, "partitions", partition);
  }
}
