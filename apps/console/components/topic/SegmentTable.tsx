"use client";
import type { SegmentData } from "@/lib/api";
import { formatBytes, formatNumber, formatTimestamp } from "@/lib/format";
import type { SegmentView } from "@/lib/segment-view";
import { DataTable } from "../DataTable";
import { EmptyState } from "../EmptyState";
import { StatusBadge } from "../StatusBadge";

const offsetCount = (s: SegmentData) => (s.last_offset === null ? 0 : s.last_offset - s.base_offset + 1);

/** Each segment: offsets, size, time range; the active one and those due for deletion marked. */
export function SegmentTable({ view }: { view: SegmentView }) {
  const due = new Map((view.retention?.due_for_deletion ?? []).map((d) => [d.base_offset, d.reason]));
  return (
    <DataTable<SegmentData>
      label="Segments"
      rows={view.segments}
      rowKey={(s) => String(s.base_offset)}
      initialSort={{ key: "base" }}
      empty={<EmptyState title="No segments" hint="The partition's log is empty; a segment appears with the first record." />}
      rowClassName={(s) => (due.has(s.base_offset) ? "row-warn" : undefined)}
      columns={[
        { key: "base", header: "Base offset", numeric: true, sortValue: (s) => s.base_offset, render: (s) => formatNumber(s.base_offset) },
        { key: "last", header: "Last offset", numeric: true, sortValue: (s) => s.last_offset, render: (s) => formatNumber(s.last_offset) },
        { key: "records", header: "Offsets", numeric: true, hideOnSmall: true, sortValue: (s) => offsetCount(s), render: (s) => formatNumber(offsetCount(s)) },
        { key: "size", header: "Size", numeric: true, sortValue: (s) => s.size_bytes, render: (s) => formatBytes(s.size_bytes) },
        { key: "first", header: "First timestamp", hideOnSmall: true, sortValue: (s) => s.first_timestamp, render: (s) => <span className="nowrap">{formatTimestamp(s.first_timestamp)}</span> },
        { key: "max", header: "Max timestamp", sortValue: (s) => s.max_timestamp, render: (s) => <span className="nowrap">{formatTimestamp(s.max_timestamp)}</span> },
        {
          key: "status",
          header: "Status",
          render: (s) =>
            s.active ? <StatusBadge tone="ok">active</StatusBadge> : due.has(s.base_offset) ? <StatusBadge tone="err">due: {due.get(s.base_offset)}</StatusBadge> : <StatusBadge tone="muted">closed</StatusBadge>,
        },
      ]}
    />
  );
}
