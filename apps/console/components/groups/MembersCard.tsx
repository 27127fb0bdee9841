"use client";
import type { GroupMember } from "@/lib/group-detail";
import { Card } from "../Card";
import { DataTable } from "../DataTable";
import { EmptyState } from "../EmptyState";

/** Members of the group with their client id, host and the partitions assigned to them. */
export function MembersCard({ members }: { members: GroupMember[] }) {
  return (
    <Card title="Members" flush>
      <DataTable<GroupMember>
        label="Members"
        rows={members}
        rowKey={(m) => m.consumer.consumer_id}
        initialSort={{ key: "client" }}
        empty={<EmptyState title="No active members" hint="The group has committed offsets but no consumer is connected. Offsets can be reset while it is empty." />}
        columns={[
          { key: "id", header: "Consumer id", sortValue: (m) => m.consumer.consumer_id, render: (m) => <span className="mono">{m.consumer.consumer_id}</span> },
          { key: "client", header: "Client id", sortValue: (m) => m.consumer.client_id, render: (m) => <span className="mono">{m.consumer.client_id}</span> },
          { key: "host", header: "Host", hideOnSmall: true, sortValue: (m) => m.consumer.client_host ?? "", render: (m) => <span className="mono">{m.consumer.client_host ?? "—"}</span> },
          { key: "instance", header: "Instance", hideOnSmall: true, render: (m) => m.consumer.instance_id ?? <span className="faint">—</span> },
          {
            key: "assignments",
            header: "Assigned partitions",
            sortValue: (m) => m.assignments.length,
            render: (m) =>
              m.assignments.length === 0 ? (
                <span className="faint">none</span>
              ) : (
                <span className="mono">
                  {Object.entries(
                    m.assignments.reduce<Record<string, number[]>>((acc, a) => ({ ...acc, [a.topic_name]: [...(acc[a.topic_name] ?? []), a.partition_id] }), {}),
                  )
                    .map(([t, ps]) => `${t} [${ps.sort((a, b) => a - b).join(", ")}]`)
                    .join("; ")}
                </span>
              ),
          },
        ]}
      />
    </Card>
  );
}
