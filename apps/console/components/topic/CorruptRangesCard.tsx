"use client";
import { api, type CorruptRangeData } from "@/lib/api";
import { formatBytes, formatNumber, formatTimestamp } from "@/lib/format";
import { useClusterId } from "@/hooks/use-cluster";
import { useResource } from "@/hooks/use-resource";
import { Card } from "../Card";
import { DataTable } from "../DataTable";
import { StatusBadge } from "../StatusBadge";

const FOUND_BY: Record<CorruptRangeData["detected_by"], string> = { recovery: "recovery", scrubber: "scrubber", read: "a read" };

/**
 * The partition's corrupt ranges: offsets whose bytes failed their check on disk and were moved aside (quarantined),
 * so reads skip them as a gap while every intact record around them is kept. Shown only when there are any.
 */
export function CorruptRangesCard({ topic, partition }: { topic: string; partition: number }) {
  const clusterId = useClusterId();
  const ranges = useResource(`corruptions:${clusterId}:${topic}:${partition}`, () => api.listCorruptions(clusterId, topic, partition), { intervalMs: 10_000 });
  const rows = ranges.data ?? [];
  if (rows.length === 0) return null;
  return (
    <Card title={<h2>Corrupt ranges of partition {partition}</h2>} flush>
      <p className="alert alert-error corrupt-note" role="note">
        These offsets failed their CRC check on disk. Their bytes were moved aside and readers skip them; every intact record around them is kept.
      </p>
      <DataTable<CorruptRangeData>
        label="Corrupt ranges"
        rows={rows}
        rowKey={(r) => `${r.base_offset}`}
        initialSort={{ key: "offsets" }}
        columns={[
          { key: "offsets", header: "Offsets", sortValue: (r) => r.base_offset, render: (r) => <span className="mono">{r.base_offset === r.last_offset ? formatNumber(r.base_offset) : `${formatNumber(r.base_offset)} – ${formatNumber(r.last_offset)}`}</span> },
          { key: "segment", header: "Segment", numeric: true, hideOnSmall: true, sortValue: (r) => r.segment_base_offset, render: (r) => formatNumber(r.segment_base_offset) },
          { key: "size", header: "Size", numeric: true, hideOnSmall: true, sortValue: (r) => r.size_bytes, render: (r) => formatBytes(r.size_bytes) },
          { key: "found", header: "Found by", render: (r) => <StatusBadge tone="err">{FOUND_BY[r.detected_by]}</StatusBadge> },
          { key: "when", header: "When", hideOnSmall: true, sortValue: (r) => r.detected_at, render: (r) => formatTimestamp(r.detected_at) },
          { key: "where", header: "Moved to", hideOnSmall: true, render: (r) => (r.quarantined_as ? <span className="mono">{r.quarantined_as}</span> : <StatusBadge tone="warn">not yet</StatusBadge>) },
          { key: "reason", header: "Reason", render: (r) => r.reason },
        ]}
      />
    </Card>
  );
}
