"use client";
import { abortCommand, loadTopicTransactions, openTransactionRows, type OpenTransactionRow, type PartitionTransactionState } from "@/lib/partition-transactions";
import { formatAgo, formatDuration, formatNumber } from "@/lib/format";
import { useClusterId } from "@/hooks/use-cluster";
import { useResource } from "@/hooks/use-resource";
import { Card } from "../Card";
import { DataTable } from "../DataTable";
import { ResourceView } from "../ResourceView";
import { StatusBadge } from "../StatusBadge";

/**
 * Each partition's last stable offset and LSO lag, and the transactions open in the topic with the producer that
 * holds them: why a read_committed consumer is stuck. Hanging ones (open past their timeout, or forgotten by their
 * coordinator) are highlighted with the command that aborts them.
 */
export function TransactionsCard({ topic }: { topic: string }) {
  const clusterId = useClusterId();
  const transactions = useResource(`transactions:${clusterId}:${topic}`, () => loadTopicTransactions(clusterId, topic), { intervalMs: 5000 });

  return (
    <Card title="Transactions" flush>
      <ResourceView resource={transactions} what="transactions">
        {(states) => <TransactionsView topic={topic} states={states} />}
      </ResourceView>
    </Card>
  );
}

function TransactionsView({ topic, states }: { topic: string; states: PartitionTransactionState[] }) {
  const open = openTransactionRows(states);
  const hanging = open.filter((txn) => txn.hanging);
  return (
    <div data-testid="transactions-panel">
      <DataTable<PartitionTransactionState>
        label="Last stable offsets"
        rows={states}
        rowKey={(s) => String(s.partitionId)}
        initialSort={{ key: "id" }}
        rowClassName={(s) => (s.state.lso_lag > 0 ? "row-warn" : undefined)}
        columns={[
          { key: "id", header: "Partition", sortValue: (s) => s.partitionId, render: (s) => <span className="mono">{s.partitionId}</span> },
          { key: "hw", header: "High watermark", numeric: true, sortValue: (s) => s.state.high_watermark, render: (s) => formatNumber(s.state.high_watermark) },
          {
            key: "lso",
            header: <span title="Below it every transaction is decided: read_committed consumers read up to here.">Last stable offset</span>,
            numeric: true,
            sortValue: (s) => s.state.last_stable_offset,
            render: (s) => formatNumber(s.state.last_stable_offset),
          },
          {
            key: "lag",
            header: <span title="High watermark minus last stable offset: what read_committed consumers cannot read yet.">LSO lag</span>,
            numeric: true,
            sortValue: (s) => s.state.lso_lag,
            render: (s) => formatNumber(s.state.lso_lag),
          },
        ]}
      />
      {hanging.length > 0 && (
        <div className="txn-alerts">
          {hanging.map((txn) => (
            <div key={`${txn.partitionId}:${txn.producer_id}`} className="alert alert-error" role="alert" data-testid="hanging-transaction">
              Partition {txn.partitionId}: the transaction of producer {txn.producer_id}
              {txn.transactional_id === null ? "" : ` (${txn.transactional_id})`} from offset {formatNumber(txn.first_offset)} is hanging: open{" "}
              {txn.started_at === null ? "at least " : ""}
              {formatAgo(txn.open_ms)}, timeout {formatDuration(txn.timeout_ms)}
              {txn.coordinator_state === null ? ", unknown to the transaction coordinator" : `, coordinator state ${txn.coordinator_state}`}. read_committed
              consumers wait here until this transaction ends; <span className="mono">{abortCommand(topic, txn)}</span>
            </div>
          ))}
        </div>
      )}
      <DataTable<OpenTransactionRow>
        label="Open transactions"
        rows={open}
        rowKey={(t) => `${t.partitionId}:${t.producer_id}`}
        initialSort={{ key: "age", descending: true }}
        rowClassName={(t) => (t.hanging ? "row-err" : undefined)}
        empty={<div className="state-hint muted">No open transactions: read_committed consumers read up to the high watermark.</div>}
        columns={[
          { key: "partition", header: "Partition", sortValue: (t) => t.partitionId, render: (t) => <span className="mono">{t.partitionId}</span> },
          {
            key: "producer",
            header: "Producer",
            sortValue: (t) => t.producer_id,
            render: (t) => (
              <span className="mono">
                {t.producer_id} (epoch {t.producer_epoch}){t.transactional_id === null ? "" : ` ${t.transactional_id}`}
              </span>
            ),
          },
          { key: "first", header: "First offset", numeric: true, sortValue: (t) => t.first_offset, render: (t) => formatNumber(t.first_offset) },
          {
            key: "age",
            header: "Open for",
            numeric: true,
            sortValue: (t) => t.open_ms,
            render: (t) => (t.started_at === null ? `≥ ${formatAgo(t.open_ms)}` : formatAgo(t.open_ms)),
          },
          { key: "timeout", header: "Timeout", numeric: true, hideOnSmall: true, sortValue: (t) => t.timeout_ms, render: (t) => formatDuration(t.timeout_ms) },
          {
            key: "state",
            header: "State",
            sortValue: (t) => t.hanging,
            render: (t) => (t.hanging ? <StatusBadge tone="err">hanging</StatusBadge> : <StatusBadge tone="warn">{t.coordinator_state ?? "open"}</StatusBadge>),
          },
        ]}
      />
    </div>
  );
}
