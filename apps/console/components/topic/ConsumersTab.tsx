"use client";
import Link from "next/link";
import { loadGroupSummaries, type GroupSummary } from "@/lib/group-summary";
import { formatNumber } from "@/lib/format";
import { useClusterId } from "@/hooks/use-cluster";
import { useResource } from "@/hooks/use-resource";
import { Card } from "../Card";
import { DataTable } from "../DataTable";
import { EmptyState } from "../EmptyState";
import { ResourceView } from "../ResourceView";
import { GroupStateBadge } from "../StatusBadge";
import { groupHref } from "../topics/links";

interface Row {
  summary: GroupSummary;
  lag: number;
  partitions: number;
}

/** The consumer groups with committed offsets on this topic, and how far behind they are on it. */
export function ConsumersTab({ topic }: { topic: string }) {
  const clusterId = useClusterId();
  const groups = useResource(`groups:${clusterId}`, () => loadGroupSummaries(clusterId), { intervalMs: 5000 });
  return (
    <Card title="Consumer groups reading this topic" flush>
      <ResourceView resource={groups} what="consumer groups">
        {(all) => {
          const rows: Row[] = all
            .map((summary) => {
              const lags = (summary.lags ?? []).filter((l) => l.topic_name === topic);
              return { summary, lag: lags.reduce((s, l) => s + Math.max(0, l.lag), 0), partitions: lags.length };
            })
            .filter((r) => r.partitions > 0);
          return (
            <DataTable<Row>
              label="Consumer groups of this topic"
              rows={rows}
              rowKey={(r) => r.summary.group.consumer_group_id}
              initialSort={{ key: "lag", descending: true }}
              empty={<EmptyState title="No group reads this topic" hint="A group appears here once it commits an offset for one of the topic's partitions." />}
              columns={[
                { key: "group", header: "Group", sortValue: (r) => r.summary.group.consumer_group_id, render: (r) => <Link className="mono" href={groupHref(r.summary.group.consumer_group_id)}>{r.summary.group.consumer_group_id}</Link> },
                { key: "state", header: "State", sortValue: (r) => r.summary.group.state, render: (r) => <GroupStateBadge state={r.summary.group.state} /> },
                { key: "members", header: "Members", numeric: true, sortValue: (r) => r.summary.members, render: (r) => formatNumber(r.summary.members) },
                { key: "partitions", header: "Partitions", numeric: true, sortValue: (r) => r.partitions, render: (r) => formatNumber(r.partitions) },
                { key: "lag", header: "Lag", numeric: true, sortValue: (r) => r.lag, render: (r) => <strong data-testid={`topic-group-lag-${r.summary.group.consumer_group_id}`}>{formatNumber(r.lag)}</strong> },
              ]}
            />
          );
        }}
      </ResourceView>
    </Card>
  );
}
