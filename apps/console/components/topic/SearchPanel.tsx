"use client";
import { useEffect, useRef, useState } from "react";
import type { ApiError, RecordSearchCriteria, RecordSearchStatus } from "@/lib/api";
import { fromRestRecord, type DisplayRecord } from "@/lib/display-record";
import { formatBytes, formatNumber } from "@/lib/format";
import { streamRecordSearch } from "@/lib/record-search";
import { useClusterId } from "@/hooks/use-cluster";
import { EmptyState } from "../EmptyState";
import { RecordRows } from "./RecordRows";

type Criterion = "value_contains" | "key" | "header_name" | "header_contains" | "json_path";

const CRITERIA: { value: Criterion; label: string; placeholder: string }[] = [
  { value: "value_contains", label: "Value contains", placeholder: "text in the value" },
  { value: "key", label: "Key is", placeholder: "the exact key" },
  { value: "header_contains", label: "Header value contains", placeholder: "text in a header value" },
  { value: "header_name", label: "Header named", placeholder: "header name" },
  { value: "json_path", label: "JSON field equals", placeholder: "$.customer.id" },
];

/**
 * Searches the whole topic on the service (`records:search`): matches stream in with the scan's progress, and Stop
 * (or leaving the tab) closes the connection, which ends the scan. Nothing but the matches reaches the browser.
 */
export function SearchPanel({ topic, partition }: { topic: string; partition: number | null }) {
  const clusterId = useClusterId();
  const [criterion, setCriterion] = useState<Criterion>("value_contains");
  const [text, setText] = useState("");
  const [jsonValue, setJsonValue] = useState("");
  const [matches, setMatches] = useState<DisplayRecord[]>([]);
  const [status, setStatus] = useState<RecordSearchStatus | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [running, setRunning] = useState(false);
  const [stopped, setStopped] = useState(false);
  const abort = useRef<AbortController | null>(null);

  useEffect(() => () => abort.current?.abort(), []);

  const start = async () => {
    abort.current?.abort();
    const controller = new AbortController();
    abort.current = controller;
    const criteria: RecordSearchCriteria = { limit: 500, ...(partition !== null && { partition }) };
    if (criterion === "json_path") Object.assign(criteria, { json_path: text, json_equals: jsonValue });
    else criteria[criterion] = text;
    setMatches([]);
    setStatus(null);
    setError(null);
    setStopped(false);
    setRunning(true);
    // Matches are gathered per animation frame, so a burst of them renders once.
    let batch: DisplayRecord[] = [];
    let frame = 0;
    const flush = () => {
      frame = 0;
      const added = batch;
      batch = [];
      setMatches((m) => [...m, ...added]);
    };
    try {
      await streamRecordSearch(
        clusterId,
        topic,
        criteria,
        (line) => {
          if (line.kind === "SkeinSearchMatch") {
            batch.push(fromRestRecord(line));
            if (frame === 0) frame = requestAnimationFrame(flush);
          } else {
            setStatus(line);
          }
        },
        controller.signal,
      );
    } catch (e) {
      setError((e as ApiError).message);
    } finally {
      if (frame !== 0) cancelAnimationFrame(frame);
      flush();
      if (abort.current === controller) setRunning(false);
    }
  };

  const stop = () => {
    abort.current?.abort();
    setStopped(true);
    setRunning(false);
  };

  const chosen = CRITERIA.find((c) => c.value === criterion)!;
  const ready = text.trim() !== "" && (criterion !== "json_path" || jsonValue.trim() !== "");
  const rate = status && status.elapsed_ms > 0 ? (status.records_scanned / status.elapsed_ms) * 1000 : null;

  return (
    <>
      <form className="toolbar" onSubmit={(e) => { e.preventDefault(); if (ready && !running) void start(); }} aria-label="Search the topic">
        <select aria-label="Search by" value={criterion} onChange={(e) => setCriterion(e.target.value as Criterion)}>
          {CRITERIA.map((c) => <option key={c.value} value={c.value}>{c.label}</option>)}
        </select>
        <input aria-label="Search for" value={text} onChange={(e) => setText(e.target.value)} placeholder={chosen.placeholder} spellCheck={false} />
        {criterion === "json_path" && <input aria-label="JSON value" value={jsonValue} onChange={(e) => setJsonValue(e.target.value)} placeholder='"kim" or 42' spellCheck={false} />}
        {running ? (
          <button type="button" className="btn" onClick={stop}>Stop</button>
        ) : (
          <button type="submit" className="btn btn-primary" disabled={!ready}>Search {partition === null ? "all partitions" : `partition ${partition}`}</button>
        )}
      </form>
      {criterion === "key" && partition === null && <div className="field-hint" style={{ padding: "0 14px 6px" }}>An exact key is looked for in its own partition (murmur2, as producers place it).</div>}
      {status && (
        <div className="table-foot" role="status" data-testid="search-progress">
          {running ? "Searching… " : stopped ? "Stopped. " : status.stopped === "limit" ? "Stopped at 500 matches. " : "Done. "}
          Scanned {formatNumber(status.records_scanned)} of {formatNumber(status.records_total)} records ({formatBytes(status.bytes_scanned)})
          {rate !== null && <> · {formatNumber(Math.round(rate))} records/s</>} · {formatNumber(status.matches)} {status.matches === 1 ? "match" : "matches"}
          {status.skipped && status.skipped.length > 0 && <> · partitions skipped past corrupt records: {status.skipped.map((s) => s.partition_id).join(", ")}</>}
        </div>
      )}
      {error && <div className="alert alert-error" role="alert" style={{ margin: 10 }}>{error}</div>}
      {matches.length > 0 ? <RecordRows records={matches} /> : status && !running && !error && <EmptyState title="No record matches" hint="Try another criterion, or search all partitions." />}
    </>
  );
}
