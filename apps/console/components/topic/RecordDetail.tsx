"use client";
import type { DisplayRecord } from "@/lib/display-record";
import { formatBytes, formatNumber, formatTimestamp } from "@/lib/format";
import { PayloadView } from "./PayloadView";

/** Everything about one record: value and key in full, headers, timestamp and its type, offset, sizes. */
export function RecordDetail({ record }: { record: DisplayRecord }) {
  return (
    <div className="record-detail" data-testid="record-detail">
      <div>
        <div className="field-label">Value {record.valueSize !== null && <span className="faint">· {formatBytes(record.valueSize)}</span>}</div>
        <PayloadView payload={record.value} testId="record-value" />
      </div>
      <div>
        <div className="field-label">Key {record.keySize !== null && <span className="faint">· {formatBytes(record.keySize)}</span>}</div>
        <PayloadView payload={record.key} testId="record-key" />
        <div className="field-label" style={{ marginTop: 10 }}>Headers</div>
        {record.headers.length === 0 ? (
          <div className="faint">none</div>
        ) : (
          <dl className="kv">
            {record.headers.map((h, i) => (
              <div key={i} style={{ display: "contents" }}>
                <dt className="mono">{h.name}</dt>
                <dd className="mono">{h.value.kind === "null" ? "null" : h.value.kind === "binary" ? `0x ${h.value.hex}` : h.value.text}</dd>
              </div>
            ))}
          </dl>
        )}
        <dl className="kv" style={{ marginTop: 10 }}>
          <dt>Partition · offset</dt>
          <dd className="mono">{record.partition} · {formatNumber(record.offset)}</dd>
          <dt>Timestamp</dt>
          <dd>{formatTimestamp(record.timestamp)} <span className="faint">({record.timestampType ?? "CreateTime"}, {record.timestamp})</span></dd>
        </dl>
      </div>
    </div>
  );
}
