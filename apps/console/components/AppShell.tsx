"use client";
import type { ReactNode } from "react";
import { api } from "@/lib/api";
import { getSession, signOut } from "@/lib/session";
import { ClusterContext } from "@/hooks/use-cluster";
import { useResource } from "@/hooks/use-resource";
import { ErrorState } from "./ErrorState";
import { LoadingState } from "./LoadingState";
import { SignIn } from "./SignIn";
import { Sidebar } from "./Sidebar";
import { StorageBanner } from "./StorageBanner";

/**
 * The frame around every page. When the service asks for credentials and nobody is signed in, it shows the sign-in
 * page instead. It finds the cluster once; pages render only when its id is known, and until then
 * the frame shows loading, or what to do if the service cannot be reached. Above every page, a banner says when the
 * data directory is nearly full, full or failed.
 */
export function AppShell({ children }: { children: ReactNode }) {
  const session = useResource("session", () => getSession());
  const signedOut = session.data !== undefined && !session.data.signed_in;
  const clusters = useResource(session.data?.signed_in ? "clusters" : null, session.data?.signed_in ? () => api.listClusters() : null);
  const cluster = clusters.data?.[0];
  const clusterId = cluster?.cluster_id ?? null;

  let content: ReactNode = children;
  if (signedOut) {
    content = <SignIn onSignedIn={() => session.reload()} />;
  } else if (session.data === undefined) {
    content = session.error ? <ErrorState error={session.error} what="the session" onRetry={session.reload} /> : <LoadingState what="session" />;
  } else if (clusterId === null) {
    if (clusters.error) content = <ErrorState error={clusters.error} what="the cluster" onRetry={clusters.reload} />;
    else if (clusters.data) content = <ErrorState what="the cluster" message="The service reports no cluster. Check its log for start-up errors, then retry." onRetry={clusters.reload} />;
    else content = <LoadingState what="cluster" />;
  }

  return (
    <ClusterContext.Provider value={clusterId}>
      <div className="shell">
        <Sidebar
          clusterId={signedOut ? null : clusterId}
          signedInAs={session.data?.signed_in && session.data.authentication === "BASIC" ? (session.data.principal ?? null) : null}
          onSignOut={() => void signOut().finally(() => window.location.reload())}
        />
        <main className="main">
          <StorageBanner cluster={cluster} />
          {content}
        </main>
      </div>
    </ClusterContext.Provider>
  );
}
