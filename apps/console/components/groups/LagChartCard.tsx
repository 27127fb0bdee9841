"use client";
import { useState } from "react";
import { api } from "@/lib/api";
import { formatNumber } from "@/lib/format";
import { useClusterId } from "@/hooks/use-cluster";
import { useResource } from "@/hooks/use-resource";
import { Card } from "../Card";
import { EmptyState } from "../EmptyState";
import { LineChart } from "../LineChart";
import { ResourceView } from "../ResourceView";

const WINDOWS = [15, 60, 360, 1440];
const COLORS = ["var(--chart-2)", "var(--chart-3)", "var(--info)", "var(--err)"];

/** The group's total lag over time (and per topic when it reads several), sampled by the service every 5 s. */
export function LagChartCard({ groupId }: { groupId: string }) {
  const clusterId = useClusterId();
  const [minutes, setMinutes] = useState(60);
  const history = useResource(`lag-history:${clusterId}:${groupId}:${minutes}`, () => api.getLagHistory(clusterId, groupId, minutes), { intervalMs: 5000 });
  return (
    <Card
      title="Lag over time"
      actions={
        <div className="segmented" role="group" aria-label="Time window">
          {WINDOWS.map((m) => (
            <button key={m} className={m === minutes ? "active" : undefined} onClick={() => setMinutes(m)}>
              {m < 60 ? `${m} min` : `${m / 60} h`}
            </button>
          ))}
        </div>
      }
    >
      <ResourceView
        resource={history}
        what="lag history"
        isEmpty={(h) => h.data.length === 0}
        empty={<EmptyState title="No lag samples yet" hint="The service samples each group's lag every 5 seconds; the chart fills in as it runs." />}
      >
        {(h) => {
          const topics = [...new Set(h.data.flatMap((s) => Object.keys(s.topics)))].sort();
          const perTopic = topics.length > 1 ? topics.slice(0, COLORS.length).map((t, i) => ({ label: t, color: COLORS[i], points: h.data.map((s) => ({ x: s.timestamp, y: s.topics[t] ?? 0 })) })) : [];
          return (
            <LineChart
              label="Consumer lag over time"
              formatY={formatNumber}
              series={[{ label: "Total lag", color: "var(--chart-1)", points: h.data.map((s) => ({ x: s.timestamp, y: s.total_lag })) }, ...perTopic]}
            />
          );
        }}
      </ResourceView>
    </Card>
  );
}
