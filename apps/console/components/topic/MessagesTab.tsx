"use client";
import { useCallback, useEffect, useMemo, useState } from "react";
import { api, type ApiError, type ReadFrom } from "@/lib/api";
import { fromRestRecord, type DisplayRecord } from "@/lib/display-record";
import { formatNumber } from "@/lib/format";
import { useClusterId } from "@/hooks/use-cluster";
import { Card } from "../Card";
import { EmptyState } from "../EmptyState";
import { ErrorState } from "../ErrorState";
import { LoadingState } from "../LoadingState";
import { PartitionPicker } from "./PartitionPicker";
import { RecordRows } from "./RecordRows";

type StartMode = "newest" | "offset" | "timestamp";

interface Page {
  records: DisplayRecord[];
  nextOffset: number;
  logStart: number;
  logEnd: number;
}

/** Browse one partition from an offset, a time or the newest records, with a filter over what was read. */
export function MessagesTab({ topic, partitionsCount }: { topic: string; partitionsCount?: number }) {
  const clusterId = useClusterId();
  const [partition, setPartition] = useState(0);
  const [mode, setMode] = useState<StartMode>("newest");
  const [offsetInput, setOffsetInput] = useState("0");
  const [timeInput, setTimeInput] = useState("");
  const [limit, setLimit] = useState(50);
  const [filter, setFilter] = useState("");
  const [page, setPage] = useState<Page | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const startFrom = (): ReadFrom | string => {
    if (mode === "newest") return { newest: true };
    if (mode === "offset") {
      const n = Number(offsetInput);
      return Number.isInteger(n) && n >= 0 ? { offset: n } : "Enter an offset: a whole number of 0 or more";
    }
    const t = Date.parse(timeInput);
    return Number.isFinite(t) ? { timestamp: t } : "Pick a date and time";
  };
  const from = startFrom();
  const inputError = typeof from === "string" ? from : null;

  const read = useCallback(
    async (start: ReadFrom, append: boolean) => {
      setBusy(true);
      setError(null);
      try {
        const list = await api.readRecords(clusterId, topic, partition, start, limit);
        const records = list.data.map(fromRestRecord);
        setPage((previous) => ({
          records: append && previous ? [...previous.records, ...records] : records,
          nextOffset: list.next_offset,
          logStart: list.log_start_offset,
          logEnd: list.log_end_offset,
        }));
      } catch (e) {
        setError(e as ApiError);
      } finally {
        setBusy(false);
      }
    },
    [clusterId, topic, partition, limit],
  );

  // Show the newest records of the chosen partition as soon as the tab opens or the partition changes.
  useEffect(() => {
    void read({ newest: true }, false);
  }, [read]);

  const shown = useMemo(() => {
    const q = filter.trim().toLowerCase();
    return page ? (q ? page.records.filter((r) => r.search.includes(q)) : page.records) : [];
  }, [page, filter]);

  return (
    <Card flush>
      <form className="toolbar" onSubmit={(e) => { e.preventDefault(); if (typeof from !== "string") void read(from, false); }}>
        <PartitionPicker count={partitionsCount} value={partition} onChange={(p) => setPartition(p ?? 0)} id="messages-partition" />
        <div className="segmented" role="group" aria-label="Start from">
          {(["newest", "offset", "timestamp"] as const).map((m) => (
            <button type="button" key={m} className={mode === m ? "active" : undefined} onClick={() => setMode(m)}>
              {m === "newest" ? "Newest" : m === "offset" ? "Offset" : "Time"}
            </button>
          ))}
        </div>
        {mode === "offset" && <input aria-label="Start offset" inputMode="numeric" value={offsetInput} onChange={(e) => setOffsetInput(e.target.value)} style={{ width: 110 }} aria-invalid={Boolean(inputError)} />}
        {mode === "timestamp" && <input aria-label="Start time" type="datetime-local" step="1" value={timeInput} onChange={(e) => setTimeInput(e.target.value)} />}
        <select aria-label="Records per page" value={limit} onChange={(e) => setLimit(Number(e.target.value))}>
          {[20, 50, 100, 500].map((n) => (
            <option key={n} value={n}>{n} records</option>
          ))}
        </select>
        <button className="btn btn-primary" type="submit" disabled={busy || Boolean(inputError)}>
          {busy ? "Reading…" : "Read"}
        </button>
        <span className="spacer" />
        <input className="search" type="search" placeholder="Filter key, value, headers" aria-label="Filter records" value={filter} onChange={(e) => setFilter(e.target.value)} />
      </form>
      {inputError && mode !== "newest" && <div className="field-error" style={{ padding: "6px 14px" }}>{inputError}</div>}
      {error ? (
        <ErrorState error={error} what="records" onRetry={() => typeof from !== "string" && void read(from, false)} />
      ) : !page ? (
        <LoadingState what="records" />
      ) : page.records.length === 0 ? (
        <EmptyState
          title={page.logEnd === page.logStart ? `Partition ${partition} is empty` : "No records from there"}
          hint={page.logEnd === page.logStart ? "Produce a record in the Produce tab, then read again." : `This partition holds offsets ${formatNumber(page.logStart)} to ${formatNumber(page.logEnd - 1)}. Start inside that range.`}
        />
      ) : shown.length === 0 ? (
        <EmptyState title={`None of the ${page.records.length} records read match “${filter}”`} hint="The filter only searches records already read: read more, or change the filter." />
      ) : (
        <RecordRows records={shown} />
      )}
      {page && page.records.length > 0 && (
        <div className="table-foot" style={{ display: "flex", gap: 12, alignItems: "center", flexWrap: "wrap" }}>
          <span>
            {shown.length === page.records.length ? `${formatNumber(page.records.length)} ${page.records.length === 1 ? "record" : "records"}` : `${formatNumber(shown.length)} of ${formatNumber(page.records.length)} records`} · partition offsets {formatNumber(page.logStart)}–{formatNumber(Math.max(page.logStart, page.logEnd - 1))}
          </span>
          {page.nextOffset < page.logEnd && (
            <button className="btn btn-sm" disabled={busy} onClick={() => void read({ offset: page.nextOffset }, true)}>
              Read {limit} more
            </button>
          )}
        </div>
      )}
    </Card>
  );
}
