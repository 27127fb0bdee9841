"use client";
import { useState } from "react";
import { loadSegmentView } from "@/lib/segment-view";
import { useClusterId } from "@/hooks/use-cluster";
import { useResource } from "@/hooks/use-resource";
import { Card } from "../Card";
import { ResourceView } from "../ResourceView";
import { CleanerCard } from "./CleanerCard";
import { CorruptRangesCard } from "./CorruptRangesCard";
import { PartitionPicker } from "./PartitionPicker";
import { SegmentTable } from "./SegmentTable";
import { SegmentTimeline } from "./SegmentTimeline";

/**
 * Per partition: the timeline with the retention horizon, corrupt ranges found on disk (when there are any), the
 * segment list, and the cleaner for compacted topics.
 */
export function SegmentsTab({ topic, partitionsCount }: { topic: string; partitionsCount?: number }) {
  const clusterId = useClusterId();
  const [partition, setPartition] = useState(0);
  const view = useResource(`segments:${clusterId}:${topic}:${partition}`, () => loadSegmentView(clusterId, topic, partition), { intervalMs: 5000 });

  return (
    <>
      <Card title="Retention timeline" actions={<PartitionPicker count={partitionsCount} value={partition} onChange={(p) => setPartition(p ?? 0)} id="segments-partition" />}>
        <ResourceView resource={view} what="segments">
          {(v) => <SegmentTimeline view={v} />}
        </ResourceView>
      </Card>
      <CorruptRangesCard topic={topic} partition={partition} />
      {view.data?.cleanupPolicy?.includes("compact") && <CleanerCard cleaner={view.data.cleaner} />}
      <Card title={`Segments of partition ${partition}`} flush>
        <ResourceView resource={view} what="segments">
          {(v) => <SegmentTable view={v} />}
        </ResourceView>
      </Card>
    </>
  );
}
