"use client";
import Link from "next/link";
import { loadGroupSummaries, type GroupSummary } from "@/lib/group-summary";
import { formatNumber } from "@/lib/format";
import { useClusterId } from "@/hooks/use-cluster";
import { useResource } from "@/hooks/use-resource";
import { Card } from "../Card";
import { DataTable } from "../DataTable";
import { EmptyState } from "../EmptyState";
import { PageHeader } from "../PageHeader";
import { ResourceView } from "../ResourceView";
import { GroupStateBadge } from "../StatusBadge";
import { groupHref, topicHref } from "../topics/links";

/** Every consumer group: state, members, topics and total lag. */
export function GroupsList() {
  const clusterId = useClusterId();
  const groups = useResource(`groups:${clusterId}`, () => loadGroupSummaries(clusterId), { intervalMs: 5000 });
  return (
    <>
      <PageHeader title="Consumer groups" />
      <Card flush>
        <ResourceView resource={groups} what="consumer groups">
          {(rows) => (
            <DataTable<GroupSummary>
              label="Consumer groups"
              rows={rows}
              rowKey={(g) => g.group.consumer_group_id}
              searchText={(g) => `${g.group.consumer_group_id} ${g.topics.join(" ")}`}
              searchPlaceholder="Search groups or topics"
              initialSort={{ key: "id" }}
              empty={<EmptyState title="No consumer groups yet" hint="A group appears when a consumer joins it or commits an offset, through Kafka clients or the REST v2 consumer API." />}
              columns={[
                { key: "id", header: "Group", sortValue: (g) => g.group.consumer_group_id, render: (g) => <Link className="mono" href={groupHref(g.group.consumer_group_id)}>{g.group.consumer_group_id}</Link> },
                { key: "state", header: "State", sortValue: (g) => g.group.state, render: (g) => <GroupStateBadge state={g.group.state} /> },
                { key: "members", header: "Members", numeric: true, sortValue: (g) => g.members, render: (g) => formatNumber(g.members) },
                {
                  key: "topics",
                  header: "Topics",
                  hideOnSmall: true,
                  sortValue: (g) => g.topics.length,
                  render: (g) =>
                    g.topics.length === 0 ? <span className="faint">none committed</span> : g.topics.map((t, i) => <span key={t}>{i > 0 && ", "}<Link className="mono" href={topicHref(t)}>{t}</Link></span>),
                },
                { key: "assignor", header: "Assignor", hideOnSmall: true, sortValue: (g) => g.group.partition_assignor, render: (g) => g.group.partition_assignor || <span className="faint">—</span> },
                { key: "lag", header: "Total lag", numeric: true, sortValue: (g) => g.totalLag, render: (g) => <strong data-testid={`group-lag-${g.group.consumer_group_id}`}>{formatNumber(g.totalLag)}</strong> },
              ]}
            />
          )}
        </ResourceView>
      </Card>
    </>
  );
}
