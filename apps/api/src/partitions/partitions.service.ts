import { Injectable } from "@nestjs/common";
import { Broker, OffsetOutOfRangeError, type CorruptRange, type LogCleanerState, type PartitionDescription, type PartitionOffsets, type SegmentInfo, type TopicDescription } from "@skein/broker";
import { ClusterService } from "../cluster/cluster.service.js";
import { RestError } from "../errors/rest-error.js";

/** The REST Proxy's 404 for a partition id the topic does not have. */
export function partitionNotFound(topic: TopicDescription, partitionId: number): RestError {
  return new RestError(404, 40402, `Partition not found. Topic ${topic.name} has partitions 0 to ${topic.partitions.length - 1}; there is no partition ${partitionId}.`);
}

/**
 * An offset outside what the partition holds: 416 (Range Not Satisfiable), with the reason. The REST Proxy has no
 * code for this (it never reads by offset over v3); Kafka's mapping would make it a 500.
 */
export function offsetOutOfRange(message: string): RestError {
  return new RestError(416, 41601, message);
}

/**
 * Partitions of a topic, their replicas and their storage (segments, offsets, retention, cleaner, DeleteRecords).
 * Every call checks the cluster, the topic (40403) and the partition (40402) first.
 */
@Injectable()
export class PartitionsService {
  constructor(
    private readonly broker: Broker,
    private readonly cluster: ClusterService,
  ) {}

  list(clusterId: string, topicName: string): PartitionDescription[] {
    this.cluster.requireCluster(clusterId);
    return this.broker.describeTopic(topicName).partitions;
  }

  describe(clusterId: string, topicName: string, partitionId: number): PartitionDescription {
    this.cluster.requireCluster(clusterId);
    const topic = this.broker.describeTopic(topicName);
    const partition = topic.partitions.find((candidate) => candidate.partition === partitionId);
    if (!partition) throw partitionNotFound(topic, partitionId);
    return partition;
  }

  offsets(clusterId: string, topicName: string, partitionId: number): PartitionOffsets {
    this.describe(clusterId, topicName, partitionId);
    return this.broker.partitionOffsets(topicName, partitionId);
  }

  /** The corrupt ranges found in the partition's log (quarantined, or not yet), oldest offsets first. */
  corruptRanges(clusterId: string, topicName: string, partitionId: number): CorruptRange[] {
    this.describe(clusterId, topicName, partitionId);
    return this.broker.corruptRanges(topicName, partitionId);
  }

  segments(clusterId: string, topicName: string, partitionId: number): SegmentInfo[] {
    this.describe(clusterId, topicName, partitionId);
    return this.broker.listSegments(topicName, partitionId);
  }

  retention(clusterId: string, topicName: string, partitionId: number): ReturnType<Broker["retentionState"]> {
    this.describe(clusterId, topicName, partitionId);
    return this.broker.retentionState(topicName, partitionId);
  }

  cleaner(clusterId: string, topicName: string, partitionId: number): LogCleanerState {
    this.describe(clusterId, topicName, partitionId);
    return this.broker.cleanerState(topicName, partitionId);
  }

  /** Kafka's DeleteRecords: records before `offset` (-1: the high watermark) go; returns the new log start offset. */
  /** Why the last DeleteRecords' log start offset is not on disk yet (a full disk), or null when it is. */
  checkpointPending(): string | null {
    return this.broker.checkpointPending();
  }

  async deleteRecords(clusterId: string, topicName: string, partitionId: number, offset: number): Promise<number> {
    this.describe(clusterId, topicName, partitionId);
    try {
      return await this.broker.deleteRecords(topicName, partitionId, offset);
    } catch (error) {
      if (error instanceof OffsetOutOfRangeError) throw offsetOutOfRange(error.message);
      throw error;
    }
  }
}
