"use client";
import { api } from "@/lib/api";
import { formatBytes, formatNumber } from "@/lib/format";
import { useClusterId } from "@/hooks/use-cluster";
import { useClusterSummary } from "@/hooks/use-cluster-summary";
import { useResource } from "@/hooks/use-resource";
import { ErrorState } from "../ErrorState";
import { Stat } from "../Stat";

/** Cluster id, brokers, topics, partitions, under-replicated partitions and size on disk. */
export function ClusterStats() {
  const clusterId = useClusterId();
  const summary = useClusterSummary();
  const brokers = useResource(`brokers:${clusterId}`, () => api.listBrokers(clusterId), { intervalMs: 10_000 });

  if (summary.error && !summary.data) return <ErrorState error={summary.error} what="topics" onRetry={summary.reload} />;
  const topics = summary.data?.topics;
  const sum = (pick: (t: NonNullable<typeof topics>[number]) => number | null) =>
    topics === undefined ? undefined : topics.some((t) => pick(t) === null) ? null : topics.reduce((s, t) => s + (pick(t) ?? 0), 0);
  // Partitions count every topic's, internal ones included, as the brokers' leader and replica counts do.
  const partitions = sum((t) => t.topic.partitions_count);
  const internalTopics = topics?.filter((t) => t.topic.is_internal).length ?? 0;
  const underReplicated = sum((t) => t.underReplicated);
  const size = sum((t) => t.sizeBytes);
  const pending = "…";

  return (
    <>
      <div className="stats" data-testid="cluster-stats">
        <Stat label="Cluster id" value={clusterId} small />
        <Stat label="Brokers" value={brokers.data ? formatNumber(brokers.data.length) : brokers.error ? "—" : pending} />
        <Stat label="Topics" value={topics ? formatNumber(topics.length - internalTopics) : pending} hint={internalTopics > 0 ? `+ ${formatNumber(internalTopics)} internal` : undefined} />
        <Stat label="Partitions" value={partitions === undefined ? pending : formatNumber(partitions)} hint={internalTopics > 0 ? "internal topics included" : undefined} />
        <Stat label="Under-replicated" value={underReplicated === undefined ? pending : formatNumber(underReplicated)} tone={underReplicated ? "warn" : undefined} />
        <Stat label="Size on disk" value={size === undefined ? pending : formatBytes(size)} />
      </div>
      {summary.data && summary.data.problems.length > 0 && (
        <div className="alert alert-warn">Some figures are missing because the service did not answer for: {summary.data.problems.join("; ")}.</div>
      )}
    </>
  );
}
