"use client";
import Link from "next/link";
import type { ConsumerLagData } from "@/lib/api";
import { formatNumber } from "@/lib/format";
import { Card } from "../Card";
import { DataTable } from "../DataTable";
import { EmptyState } from "../EmptyState";
import { topicHref } from "../topics/links";

/** Per partition: the committed offset, the log end offset, the lag, and who consumes it. */
export function OffsetsCard({ lags }: { lags: ConsumerLagData[] }) {
  return (
    <Card title="Offsets and lag" flush>
      <DataTable<ConsumerLagData>
        label="Offsets"
        rows={lags}
        rowKey={(l) => `${l.topic_name}/${l.partition_id}`}
        searchText={(l) => l.topic_name}
        searchPlaceholder="Search topics"
        initialSort={{ key: "topic" }}
        rowClassName={(l) => (l.lag > 0 ? "row-warn" : undefined)}
        empty={<EmptyState title="No committed offsets" hint="The group has not committed an offset yet." />}
        columns={[
          { key: "topic", header: "Topic", sortValue: (l) => `${l.topic_name}\u0000${String(l.partition_id).padStart(6, "0")}`, render: (l) => <Link className="mono" href={topicHref(l.topic_name)}>{l.topic_name}</Link> },
          { key: "partition", header: "Partition", numeric: true, sortValue: (l) => l.partition_id, render: (l) => l.partition_id },
          { key: "committed", header: "Committed", numeric: true, sortValue: (l) => l.current_offset, render: (l) => formatNumber(l.current_offset) },
          { key: "end", header: "End offset", numeric: true, hideOnSmall: true, sortValue: (l) => l.log_end_offset, render: (l) => formatNumber(l.log_end_offset) },
          { key: "lag", header: "Lag", numeric: true, sortValue: (l) => l.lag, render: (l) => <strong data-testid={`lag-${l.topic_name}-${l.partition_id}`}>{formatNumber(l.lag)}</strong> },
          { key: "consumer", header: "Consumer", hideOnSmall: true, sortValue: (l) => l.client_id, render: (l) => (l.consumer_id ? <span className="mono">{l.client_id || l.consumer_id}</span> : <span className="faint">unassigned</span>) },
        ]}
      />
    </Card>
  );
}
