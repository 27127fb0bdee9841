"use client";
import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { useState } from "react";
import { loadGroupDetail } from "@/lib/group-detail";
import { formatNumber } from "@/lib/format";
import { useClusterId } from "@/hooks/use-cluster";
import { useResource } from "@/hooks/use-resource";
import { EmptyState } from "../EmptyState";
import { ErrorState } from "../ErrorState";
import { LoadingState } from "../LoadingState";
import { PageHeader } from "../PageHeader";
import { Stat } from "../Stat";
import { GroupStateBadge } from "../StatusBadge";
import { LagChartCard } from "./LagChartCard";
import { MembersCard } from "./MembersCard";
import { OffsetsCard } from "./OffsetsCard";
import { ResetOffsetsDialog } from "./ResetOffsetsDialog";

/** One group: `/groups/view/?id=orders-app`. Members, offsets and lag, lag over time, and offset resets. */
export function GroupDetail() {
  const params = useSearchParams();
  const clusterId = useClusterId();
  const groupId = params.get("id") ?? "";
  const detail = useResource(groupId ? `group:${clusterId}:${groupId}` : null, () => loadGroupDetail(clusterId, groupId), { intervalMs: 5000 });
  const [resetting, setResetting] = useState(false);

  if (!groupId) return <EmptyState title="No group chosen" hint="Pick a consumer group from the list." action={<Link className="btn" href="/groups/">All groups</Link>} />;
  if (detail.error && !detail.data) return <ErrorState error={detail.error} what={`consumer group ${groupId}`} onRetry={detail.reload} action={<Link className="btn btn-primary" href="/groups/">All groups</Link>} />;

  const data = detail.data;
  const totalLag = data?.lags.reduce((s, l) => s + Math.max(0, l.lag), 0);
  const maxLag = data?.lags.reduce((m, l) => Math.max(m, l.lag), 0);
  return (
    <>
      <PageHeader
        crumbs={<><Link href="/groups/">Consumer groups</Link> /</>}
        title={<span className="mono">{groupId}</span>}
        badges={data && <GroupStateBadge state={data.group.state} />}
        actions={
          data && (
            <button className="btn btn-primary" onClick={() => setResetting(true)}>
              Reset offsets
            </button>
          )
        }
      />
      {!data ? (
        <LoadingState what="consumer group" />
      ) : (
        <>
          <div className="stats">
            <Stat label="Members" value={formatNumber(data.members.length)} />
            <Stat label="Topics" value={formatNumber(new Set(data.lags.map((l) => l.topic_name)).size)} />
            <Stat label="Partitions" value={formatNumber(data.lags.length)} />
            <Stat label="Total lag" value={<span data-testid="group-total-lag">{formatNumber(totalLag)}</span>} tone={totalLag ? "warn" : undefined} />
            <Stat label="Max partition lag" value={formatNumber(maxLag)} />
            <Stat label="Assignor" value={data.group.partition_assignor || "—"} small />
          </div>
          <LagChartCard groupId={groupId} />
          <MembersCard members={data.members} />
          <OffsetsCard lags={data.lags} />
        </>
      )}
      {resetting && data && (
        <ResetOffsetsDialog
          groupId={groupId}
          state={data.group.state}
          lags={data.lags}
          onClose={() => setResetting(false)}
          onDone={() => {
            setResetting(false);
            detail.reload();
          }}
        />
      )}
    </>
  );
}
