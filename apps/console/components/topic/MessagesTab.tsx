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
import { SearchPanel } from "./SearchPanel";

type StartMode = "newest" | "offset" | "timestamp";

interface Page {
  records: DisplayRecord[];
  /** Where a further read of the one partition shown continues; null when all partitions are shown. */
  nextOffset: number | null;
  logStart: number;
  logEnd: number;
}

/**
 * Reads every partition from the same start and merges them by timestamp: the newest first for "newest", else the
 * earliest first from the offset or time given. The newest `limit` of all partitions are among each one's newest
 * `limit`, so nothing newer is missed.
 */
async function readAllPartitions(clusterId: string, topic: string, partitions: number, start: ReadFrom, limit: number): Promise<Page> {
  const lists = await Promise.all(Array.from({ length: partitions }, (_, p) => api.readRecords(clusterId, topic, p, start, limit)));
  const records = lists.flatMap((list) => list.data.map(fromRestRecord));
  const newestFirst = "newest" in start;
  records.sort((a, b) => (newestFirst ? b.timestamp - a.timestamp || b.offset - a.offset : a.timestamp - b.timestamp || a.offset - b.offset) || a.partition - b.partition);
  return {
    records: records.slice(0, limit),
    nextOffset: null,
    logStart: lists.reduce((sum, l) => sum + l.log_start_offset, 0),
    logEnd: lists.reduce((sum, l) => sum + l.log_end_offset, 0),
  };
}

/**
 * Browse every partition merged by timestamp (the default) or one partition, from an offset, a time or the newest
 * records, with a filter over what was read; or search the whole topic on the service.
 */
export function MessagesTab({ topic, partitionsCount }: { topic: string; partitionsCount?: number }) {
  const clusterId = useClusterId();
  const [view, setView] = useState<"browse" | "search">("browse");
  const [partition, setPartition] = useState<number | null>(null);
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
        if (partition === null) {
          if (partitionsCount === undefined) return;
          setPage(await readAllPartitions(clusterId, topic, partitionsCount, start, limit));
          return;
        }
        const list = await api.readRecords(clusterId, topic, partition, start, limit);
        // The newest records of one partition, newest first as in the merged view.
        const records = list.data.map(fromRestRecord);
        if ("newest" in start) records.reverse();
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
    [clusterId, topic, partition, partitionsCount, limit],
  );

  // Show the newest records of the chosen partition as soon as the tab opens or the partition changes.
  useEffect(() => {
    void read({ newest: true }, false);
  }, [read]);

  const shown = useMemo(() => {
    const q = filter.trim().toLowerCase();
    return page ? (q ? page.records.filter((r) => r.search.includes(q)) : page.records) : [];
  }, [page, filter]);

  const where = partition === null ? "This topic" : `Partition ${partition}`;
  const viewSwitch = (
    <div className="segmented" role="group" aria-label="Messages view">
      {(["browse", "search"] as const).map((v) => (
        <button type="button" key={v} className={view === v ? "active" : undefined} onClick={() => setView(v)}>
          {v === "browse" ? "Browse" : "Search topic"}
        </button>
      ))}
    </div>
  );

  if (view === "search") {
    return (
      <Card flush>
        <div className="toolbar">
          {viewSwitch}
          <PartitionPicker count={partitionsCount} value={partition} onChange={setPartition} allowAll id="messages-partition" />
        </div>
        <SearchPanel topic={topic} partition={partition} />
      </Card>
    );
  }

  return (
    <Card flush>
      <form className="toolbar" onSubmit={(e) => { e.preventDefault(); if (typeof from !== "string") void read(from, false); }}>
        {viewSwitch}
        <PartitionPicker count={partitionsCount} value={partition} onChange={setPartition} allowAll id="messages-partition" />
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
        <input className="search" type="search" placeholder="Filter the records read" aria-label="Filter records" value={filter} onChange={(e) => setFilter(e.target.value)} />
      </form>
      {inputError && mode !== "newest" && <div className="field-error" style={{ padding: "6px 14px" }}>{inputError}</div>}
      {error ? (
        <ErrorState error={error} what="records" onRetry={() => typeof from !== "string" && void read(from, false)} />
      ) : !page ? (
        <LoadingState what="records" />
      ) : page.records.length === 0 ? (
        <EmptyState
          title={page.logEnd === page.logStart ? `${where} is empty` : "No records from there"}
          hint={
            page.logEnd === page.logStart
              ? "Produce a record in the Produce tab, then read again."
              : partition === null
                ? "No partition has records from there: start earlier."
                : `This partition holds offsets ${formatNumber(page.logStart)} to ${formatNumber(page.logEnd - 1)}. Start inside that range.`
          }
        />
      ) : shown.length === 0 ? (
        <EmptyState title={`None of the ${page.records.length} records read match “${filter}”`} hint="The filter only looks at records already read: use Search topic to search every record on the service." />
      ) : (
        <RecordRows records={shown} />
      )}
      {page && page.records.length > 0 && (
        <div className="table-foot" style={{ display: "flex", gap: 12, alignItems: "center", flexWrap: "wrap" }}>
          <span>
            {shown.length === page.records.length ? `${formatNumber(page.records.length)} ${page.records.length === 1 ? "record" : "records"}` : `${formatNumber(shown.length)} of ${formatNumber(page.records.length)} records`}
            {partition === null
              ? ` · all ${formatNumber(partitionsCount)} partitions, merged by timestamp (${mode === "newest" ? "newest first" : "earliest first"})`
              : ` · partition offsets ${formatNumber(page.logStart)}–${formatNumber(Math.max(page.logStart, page.logEnd - 1))}`}
          </span>
          {page.nextOffset !== null && page.nextOffset < page.logEnd && mode !== "newest" && (
            <button className="btn btn-sm" disabled={busy} onClick={() => void read({ offset: page.nextOffset! }, true)}>
              Read {limit} more
            </button>
          )}
        </div>
      )}
    </Card>
  );
}
