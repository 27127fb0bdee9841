"use client";
import type { ReactNode } from "react";
import { api } from "@/lib/api";
import { ClusterContext } from "@/hooks/use-cluster";
import { useResource } from "@/hooks/use-resource";
import { ErrorState } from "./ErrorState";
import { LoadingState } from "./LoadingState";
import { Sidebar } from "./Sidebar";
import { StorageBanner } from "./StorageBanner";

/**
 * The frame around every page. It finds the cluster once; pages render only when its id is known, and until then
 * the frame shows loading, or what to do if the service cannot be reached. Above every page, a banner says when the
 * data directory is nearly full, full or failed.
 */
export function AppShell({ children }: { children: ReactNode }) {
  const clusters = useResource("clusters", () => api.listClusters());
  const cluster = clusters.data?.[0];
  const clusterId = cluster?.cluster_id ?? null;

  let content: ReactNode = children;
  if (clusterId === null) {
    if (clusters.error) content = <ErrorState error={clusters.error} what="the cluster" onRetry={clusters.reload} />;
    else if (clusters.data) content = <ErrorState what="the cluster" message="The service reports no cluster. Check its log for start-up errors, then retry." onRetry={clusters.reload} />;
    else content = <LoadingState what="cluster" />;
  }

  return (
    <ClusterContext.Provider value={clusterId}>
      <div className="shell">
        <Sidebar clusterId={clusterId} />
        <main className="main">
          <StorageBanner cluster={cluster} />
          {content}
        </main>
      </div>
    </ClusterContext.Provider>
  );
}
