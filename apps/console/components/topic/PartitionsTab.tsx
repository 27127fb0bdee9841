"use client";
import { useState } from "react";
import { loadPartitionDetails, type PartitionDetail } from "@/lib/partition-details";
import { formatBytes, formatNumber } from "@/lib/format";
import { useClusterId } from "@/hooks/use-cluster";
import { useResource } from "@/hooks/use-resource";
import { Card } from "../Card";
import { DataTable } from "../DataTable";
import { EmptyState } from "../EmptyState";
import { ResourceView } from "../ResourceView";
import { StatusBadge } from "../StatusBadge";
import { AddPartitionsDialog } from "./AddPartitionsDialog";
import { ReplicaList } from "./ReplicaList";
import { TransactionsCard } from "./TransactionsCard";

const outOfSync = (p: PartitionDetail) => p.replicas.filter((r) => !r.is_in_sync).length;

/** Leader, replicas and ISR of each partition, with out-of-sync replicas in red; offsets and size; add partitions; open transactions. */
export function PartitionsTab({ topic, partitionsCount, onChanged }: { topic: string; partitionsCount?: number; onChanged: () => void }) {
  const clusterId = useClusterId();
  const partitions = useResource(`partitions:${clusterId}:${topic}`, () => loadPartitionDetails(clusterId, topic), { intervalMs: 5000 });
  const [adding, setAdding] = useState(false);

  return (
    <>
      <Card
        title="Partitions"
        flush
        actions={
          partitionsCount !== undefined && (
            <button className="btn" onClick={() => setAdding(true)}>
              Add partitions
            </button>
          )
        }
      >
        <ResourceView resource={partitions} what="partitions" isEmpty={(rows) => rows.length === 0} empty={<EmptyState title="This topic has no partitions" />}>
          {(rows) => (
            <DataTable<PartitionDetail>
              label="Partitions"
              rows={rows}
              rowKey={(p) => String(p.partitionId)}
              initialSort={{ key: "id" }}
              rowClassName={(p) => (outOfSync(p) > 0 ? "row-warn" : undefined)}
              columns={[
                { key: "id", header: "Partition", sortValue: (p) => p.partitionId, render: (p) => <span className="mono">{p.partitionId}</span> },
                { key: "leader", header: "Leader", hideOnSmall: true, sortValue: (p) => p.leader, render: (p) => (p.leader === null ? <StatusBadge tone="err">none</StatusBadge> : <span className="mono">{p.leader}</span>) },
                { key: "replicas", header: "Replicas", hideOnSmall: true, render: (p) => <ReplicaList replicas={p.replicas} /> },
                {
                  key: "isr",
                  header: "ISR",
                  sortValue: (p) => outOfSync(p),
                  render: (p) => (
                    <>
                      <ReplicaList replicas={p.replicas.filter((r) => r.is_in_sync)} />
                      {outOfSync(p) > 0 && <StatusBadge tone="err">{outOfSync(p)} out of sync</StatusBadge>}
                    </>
                  ),
                },
                { key: "start", header: "Log start", numeric: true, hideOnSmall: true, sortValue: (p) => p.log?.log_start_offset, render: (p) => formatNumber(p.log?.log_start_offset) },
                { key: "end", header: "Log end", numeric: true, hideOnSmall: true, sortValue: (p) => p.log?.log_end_offset, render: (p) => formatNumber(p.log?.log_end_offset) },
                { key: "hw", header: "High watermark", numeric: true, hideOnSmall: true, sortValue: (p) => p.log?.high_watermark, render: (p) => formatNumber(p.log?.high_watermark) },
                { key: "offsets", header: <span title="Log end offset minus log start offset: offsets removed by compaction and transaction markers count too.">Offset span</span>, numeric: true, sortValue: (p) => (p.log ? p.log.log_end_offset - p.log.log_start_offset : null), render: (p) => formatNumber(p.log ? p.log.log_end_offset - p.log.log_start_offset : null) },
                { key: "size", header: "Size", numeric: true, sortValue: (p) => p.log?.size_bytes, render: (p) => formatBytes(p.log?.size_bytes) },
              ]}
            />
          )}
        </ResourceView>
        {adding && partitionsCount !== undefined && (
          <AddPartitionsDialog
            topic={topic}
            current={partitionsCount}
            onClose={() => setAdding(false)}
            onDone={() => {
              setAdding(false);
              partitions.reload();
              onChanged();
            }}
          />
        )}
      </Card>
      <TransactionsCard topic={topic} />
    </>
  );
}
