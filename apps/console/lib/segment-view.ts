/** A partition's segments, retention and cleaner state, and the topic's retention settings, for the Segments tab. */
import { api, type PartitionCleaner, type PartitionRetention, type SegmentData } from "./api";

export interface SegmentView {
  segments: SegmentData[];
  retention: PartitionRetention | null;
  retentionError: string | null;
  cleaner: PartitionCleaner | null;
  cleanupPolicy: string | null;
  retentionMs: number | null;
  retentionBytes: number | null;
}

export async function loadSegmentView(clusterId: string, topic: string, partition: number): Promise<SegmentView> {
  const [segments, retention, configs] = await Promise.all([
    api.listSegments(clusterId, topic, partition),
    api.getRetention(clusterId, topic, partition).then(
      (r) => ({ r, e: null }),
      (e: Error) => ({ r: null, e: e.message }),
    ),
    api.listTopicConfigs(clusterId, topic).catch(() => []),
  ]);
  const config = (name: string) => configs.find((c) => c.name === name)?.value ?? null;
  const cleanupPolicy = config("cleanup.policy");
  const compacted = cleanupPolicy?.includes("compact") ?? false;
  const cleaner = compacted ? await api.getCleaner(clusterId, topic, partition).catch(() => null) : null;
  const num = (v: string | null) => (v === null || v === "" ? null : Number(v));
  return {
    segments,
    retention: retention.r,
    retentionError: retention.e,
    cleaner,
    cleanupPolicy,
    retentionMs: num(config("retention.ms")),
    retentionBytes: num(config("retention.bytes")),
  };
}
