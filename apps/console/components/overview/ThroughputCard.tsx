"use client";
import { api } from "@/lib/api";
import { formatBytes, formatRate } from "@/lib/format";
import { useClusterId } from "@/hooks/use-cluster";
import { useResource } from "@/hooks/use-resource";
import { Card } from "../Card";
import { EmptyState } from "../EmptyState";
import { LineChart } from "../LineChart";
import { ResourceView } from "../ResourceView";

/** Records in and out per second over the last minutes, refreshed every second. */
export function ThroughputCard() {
  const clusterId = useClusterId();
  const throughput = useResource(`throughput:${clusterId}`, () => api.getThroughput(clusterId), { intervalMs: 1000 });
  const now = throughput.data;
  return (
    <Card
      title="Throughput"
      actions={
        now && (
          <span className="muted nowrap">
            in {formatRate(now.records_in_per_sec)} rec/s · {formatBytes(now.bytes_in_per_sec)}/s — out {formatRate(now.records_out_per_sec)} rec/s · {formatBytes(now.bytes_out_per_sec)}/s
          </span>
        )
      }
    >
      <ResourceView
        resource={throughput}
        what="throughput"
        isEmpty={(t) => t.history.length === 0}
        empty={<EmptyState title="No samples yet" hint="The service samples throughput every second; the chart fills in as it runs." />}
      >
        {(t) => (
          <LineChart
            label="Records in and out per second"
            formatY={formatRate}
            series={[
              { label: "Records in/s", color: "var(--chart-1)", points: t.history.map((s) => ({ x: s.timestamp, y: s.records_in })) },
              { label: "Records out/s", color: "var(--chart-2)", points: t.history.map((s) => ({ x: s.timestamp, y: s.records_out })) },
            ]}
          />
        )}
      </ResourceView>
    </Card>
  );
}
