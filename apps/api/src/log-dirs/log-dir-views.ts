import type { CorruptRange, LogDirStatus, OfflinePartition, ScrubberState } from "@skein/broker";
import type { ResourceLinks } from "../common/resource-links.js";
import { partitionMetadata } from "../common/v3-resources.js";

/** Skein's storage-health resources (docs/rest-api.md, "Storage health"), in v3 style. */

/** A corrupt range as the partition's `corruptions` list and the log dir show it. */
export function corruptRangeView(links: ResourceLinks, clusterId: string, range: CorruptRange) {
  return {
    kind: "SkeinCorruptRange",
    metadata: partitionMetadata(links, clusterId, range.topic, range.partition, ["corruptions", range.baseOffset], ["corruption", range.baseOffset]),
    cluster_id: clusterId,
    topic_name: range.topic,
    partition_id: range.partition,
    base_offset: range.baseOffset,
    last_offset: range.lastOffset,
    segment_base_offset: range.segmentBaseOffset,
    size_bytes: range.sizeBytes,
    quarantined_as: range.quarantinedAs,
    detected_at: range.detectedAt,
    detected_by: range.detectedBy,
    reason: range.reason,
  };
}

/** The data directory of a broker (Kafka's DescribeLogDirs, with Skein's space, state and corruption). */
export function logDirView(
  links: ResourceLinks,
  clusterId: string,
  brokerId: number,
  status: LogDirStatus,
  health: { corruptRanges: CorruptRange[]; offlinePartitions: OfflinePartition[]; scrubber: ScrubberState },
) {
  return {
    kind: "SkeinLogDir",
    metadata: {
      self: links.url("v3", "clusters", clusterId, "brokers", brokerId, "log-dirs"),
      resource_name: links.crn("kafka", clusterId, "broker", brokerId, "log-dir", status.path),
    },
    cluster_id: clusterId,
    broker_id: brokerId,
    path: status.path,
    state: status.state,
    writable: status.state === "ok" || status.state === "nearly-full",
    total_bytes: status.totalBytes,
    usable_bytes: status.usableBytes,
    used_ratio: status.usedRatio,
    nearly_full_ratio: status.nearlyFullRatio,
    error: status.error,
    checked_at: status.checkedAt,
    offline_partitions: health.offlinePartitions.map(({ topic, partition, reason }) => ({ topic_name: topic, partition_id: partition, reason })),
    corrupt_ranges: health.corruptRanges.map((range) => corruptRangeView(links, clusterId, range)),
    scrubber: {
      enabled: health.scrubber.enabled,
      bytes_per_second: health.scrubber.bytesPerSecond,
      last_pass_completed_at: health.scrubber.lastPassCompletedAt,
      bytes_verified: health.scrubber.bytesVerified,
      corruptions_found: health.scrubber.corruptionsFound,
    },
  };
}
