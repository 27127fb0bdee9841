"use client";
import { useMemo, useState } from "react";
import { formatNumber, formatRate } from "@/lib/format";
import { useLiveTail } from "@/hooks/use-live-tail";
import { Card } from "../Card";
import { EmptyState } from "../EmptyState";
import { StatusBadge } from "../StatusBadge";
import { PartitionPicker } from "./PartitionPicker";
import { RecordRows } from "./RecordRows";

const WINDOW = 500;
const RENDERED = 200;

/** Records as they are produced, newest on top: pause and resume, one partition or all, and a filter. */
export function LiveTailTab({ topic, partitionsCount }: { topic: string; partitionsCount?: number }) {
  const [partition, setPartition] = useState<number | null>(null);
  const [paused, setPaused] = useState(false);
  const [filter, setFilter] = useState("");
  const tail = useLiveTail(topic, partition, paused, WINDOW);

  const shown = useMemo(() => {
    const q = filter.trim().toLowerCase();
    return (q ? tail.records.filter((r) => r.search.includes(q)) : tail.records).slice(0, RENDERED);
  }, [tail.records, filter]);

  const tone = tail.status === "live" ? (paused ? "warn" : "ok") : tail.status === "error" ? "err" : "muted";
  const label = tail.status === "live" ? (paused ? "Paused" : "Live") : tail.status === "error" ? "Error" : tail.status === "reconnecting" ? "Reconnecting" : "Connecting";

  return (
    <Card flush>
      <div className="toolbar">
        <span data-testid="tail-status"><StatusBadge tone={tone} dot>{label}</StatusBadge></span>
        <PartitionPicker count={partitionsCount} value={partition} onChange={setPartition} allowAll id="tail-partition" />
        <button className="btn" onClick={() => setPaused((p) => !p)} disabled={tail.status !== "live"}>
          {paused ? `Resume${tail.pending ? ` (${formatNumber(tail.pending)} waiting)` : ""}` : "Pause"}
        </button>
        <button className="btn" onClick={tail.clear}>Clear</button>
        <span className="muted nowrap">
          {formatRate(tail.rate)} rec/s · <span data-testid="tail-received">{formatNumber(tail.received)} received</span>
        </span>
        <span className="spacer" />
        <input className="search" type="search" placeholder="Filter key, value, headers" aria-label="Filter live records" value={filter} onChange={(e) => setFilter(e.target.value)} />
      </div>
      {tail.statusMessage && tail.status !== "live" && <div className={`alert ${tail.status === "error" ? "alert-error" : "alert-warn"}`} style={{ margin: 10 }}>{tail.statusMessage}</div>}
      <div className="tail-box">
        {tail.records.length === 0 ? (
          <EmptyState
            title={tail.status === "live" ? "Waiting for records…" : "Connecting to the live tail…"}
            hint={tail.status === "live" ? "New records appear here as they are produced. Produce one from the Produce tab or any client." : "The console opens a WebSocket to the service at /ws."}
          />
        ) : shown.length === 0 ? (
          <EmptyState title={`No recent record matches “${filter}”`} hint={`The filter searches the last ${WINDOW} records.`} />
        ) : (
          <RecordRows records={shown} />
        )}
      </div>
      <div className="table-foot">Shows the newest {RENDERED} of the last {WINDOW} records; older ones are dropped so the page stays fast.</div>
    </Card>
  );
}
