"use client";
import Link from "next/link";
import { useState } from "react";
import { api } from "@/lib/api";
import type { TopicSummary } from "@/lib/cluster-summary";
import { formatBytes, formatDuration, formatNumber } from "@/lib/format";
import { useClusterId } from "@/hooks/use-cluster";
import { useClusterSummary } from "@/hooks/use-cluster-summary";
import { ConfirmNameDialog } from "../ConfirmNameDialog";
import { Card } from "../Card";
import { DataTable } from "../DataTable";
import { EmptyState } from "../EmptyState";
import { PageHeader } from "../PageHeader";
import { ResourceView } from "../ResourceView";
import { StatusBadge } from "../StatusBadge";
import { CreateTopicDialog } from "./CreateTopicDialog";
import { topicHref } from "./links";

/** Every topic with its size and health; create and delete from here. */
export function TopicsList() {
  const clusterId = useClusterId();
  const summary = useClusterSummary();
  const [creating, setCreating] = useState(false);
  const [deleting, setDeleting] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [showInternal, setShowInternal] = useState(false);

  const createButton = (
    <button className="btn btn-primary" onClick={() => setCreating(true)}>
      Create topic
    </button>
  );

  return (
    <>
      <PageHeader title="Topics" actions={createButton} />
      {notice && <div className="alert alert-ok" role="status">{notice}</div>}
      <Card flush>
        <ResourceView resource={summary} what="topics">
          {(data) => (
            <DataTable<TopicSummary>
              label="Topics"
              rows={showInternal ? data.topics : data.topics.filter((t) => !t.topic.is_internal)}
              actions={
                <label className="toggle">
                  <input type="checkbox" checked={showInternal} onChange={(e) => setShowInternal(e.target.checked)} /> Show internal topics ({formatNumber(data.topics.filter((t) => t.topic.is_internal).length)})
                </label>
              }
              rowKey={(t) => t.topic.topic_name}
              searchText={(t) => t.topic.topic_name}
              searchPlaceholder="Search topics"
              initialSort={{ key: "name" }}
              empty={<EmptyState title="No topics yet" hint="Create one here, or let a producer create it on first write." action={createButton} />}
              rowClassName={(t) => (t.underReplicated ? "row-warn" : undefined)}
              columns={[
                {
                  key: "name",
                  header: "Name",
                  sortValue: (t) => t.topic.topic_name,
                  render: (t) => (
                    <>
                      <Link href={topicHref(t.topic.topic_name)} className="mono">{t.topic.topic_name}</Link>
                      {t.topic.is_internal && <> <StatusBadge tone="muted">internal</StatusBadge></>}
                    </>
                  ),
                },
                { key: "partitions", header: "Partitions", numeric: true, sortValue: (t) => t.topic.partitions_count, render: (t) => formatNumber(t.topic.partitions_count) },
                { key: "rf", header: "Replicas", numeric: true, hideOnSmall: true, sortValue: (t) => t.topic.replication_factor, render: (t) => formatNumber(t.topic.replication_factor) },
                {
                  key: "offsets",
                  header: <span title="Log end offset minus log start offset, summed over partitions. Offsets removed by compaction and transaction markers count too, so it can exceed the records held.">Offset span</span>,
                  numeric: true,
                  sortValue: (t) => t.offsetSpan,
                  render: (t) => formatNumber(t.offsetSpan),
                },
                { key: "size", header: "Size", numeric: true, sortValue: (t) => t.sizeBytes, render: (t) => formatBytes(t.sizeBytes) },
                { key: "retention", header: "Retention", hideOnSmall: true, sortValue: (t) => (t.retentionMs === -1 ? Infinity : t.retentionMs), render: (t) => formatDuration(t.retentionMs) },
                { key: "cleanup", header: "Cleanup", hideOnSmall: true, sortValue: (t) => t.cleanupPolicy, render: (t) => t.cleanupPolicy ?? "—" },
                {
                  key: "health",
                  header: "Replication",
                  sortValue: (t) => t.underReplicated,
                  render: (t) =>
                    t.underReplicated === null ? <span className="faint">unknown</span> : t.underReplicated > 0 ? <StatusBadge tone="warn">{t.underReplicated} under-replicated</StatusBadge> : <StatusBadge tone="ok">in sync</StatusBadge>,
                },
                {
                  key: "actions",
                  header: "",
                  render: (t) =>
                    !t.topic.is_internal && (
                      <button className="btn btn-sm btn-danger" onClick={() => setDeleting(t.topic.topic_name)} aria-label={`Delete ${t.topic.topic_name}`}>
                        Delete
                      </button>
                    ),
                },
              ]}
            />
          )}
        </ResourceView>
      </Card>
      {creating && (
        <CreateTopicDialog
          onClose={() => setCreating(false)}
          onCreated={(name) => {
            setCreating(false);
            setNotice(`Topic ${name} created.`);
            summary.reload();
          }}
        />
      )}
      {deleting && (
        <ConfirmNameDialog
          title="Delete topic"
          name={deleting}
          actionLabel="Delete topic"
          consequence={<>This deletes <strong>{deleting}</strong> with all its partitions and records. Consumers reading it will fail. It cannot be undone.</>}
          onClose={() => setDeleting(null)}
          onConfirm={async () => {
            await api.deleteTopic(clusterId, deleting);
            setNotice(`Topic ${deleting} deleted.`);
            setDeleting(null);
            summary.reload();
          }}
        />
      )}
    </>
  );
}
