"use client";
import { loadClusterSummary, type ClusterSummary } from "@/lib/cluster-summary";
import { useClusterId } from "./use-cluster";
import { useResource, type Resource } from "./use-resource";

/** Topics with their records, size, retention and replication health, refreshed every 10 s. */
export function useClusterSummary(): Resource<ClusterSummary> {
  const clusterId = useClusterId();
  return useResource(`summary:${clusterId}`, () => loadClusterSummary(clusterId), { intervalMs: 10_000 });
}
