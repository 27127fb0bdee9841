"use client";
import { memo, useCallback, useState } from "react";
import type { DisplayRecord } from "@/lib/display-record";
import { formatNumber, formatTimestamp } from "@/lib/format";
import { payloadPreview } from "@/lib/record-codec";
import { RecordDetail } from "./RecordDetail";

const Row = memo(function Row({ record, open, onToggle }: { record: DisplayRecord; open: boolean; onToggle: (id: string) => void }) {
  const id = `${record.partition}:${record.offset}`;
  return (
    <>
      <div className={`record-row ${open ? "open" : ""}`.trim()} role="row" tabIndex={0} aria-expanded={open} data-testid="record-row"
        onClick={() => onToggle(id)} onKeyDown={(e) => (e.key === "Enter" || e.key === " ") && onToggle(id)}>
        <span className="mono num">{record.partition}</span>
        <span className="mono num">{formatNumber(record.offset)}</span>
        <span className="mono hide-sm">{formatTimestamp(record.timestamp)}</span>
        <span className="mono hide-sm" title={payloadPreview(record.key, 400)}>{payloadPreview(record.key, 40)}</span>
        <span className="mono" title={payloadPreview(record.value, 400)}>{payloadPreview(record.value)}</span>
      </div>
      {open && <RecordDetail record={record} />}
    </>
  );
});

/** Records as compact rows; clicking one opens its detail below it. */
export function RecordRows({ records }: { records: DisplayRecord[] }) {
  const [openId, setOpenId] = useState<string | null>(null);
  const toggle = useCallback((id: string) => setOpenId((current) => (current === id ? null : id)), []);
  return (
    <div className="record-list" role="table" aria-label="Records">
      <div className="record-row record-head" role="row">
        <span className="num">Part.</span>
        <span className="num">Offset</span>
        <span className="hide-sm">Timestamp</span>
        <span className="hide-sm">Key</span>
        <span>Value</span>
      </div>
      {records.map((r) => (
        <Row key={`${r.partition}:${r.offset}`} record={r} open={openId === `${r.partition}:${r.offset}`} onToggle={toggle} />
      ))}
    </div>
  );
}
