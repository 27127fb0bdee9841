"use client";
import Link from "next/link";
import { useState } from "react";
import { api, type ApiError, type ProduceData, type ProduceRequest, type ProduceResponse } from "@/lib/api";
import { formatNumber, formatTimestamp } from "@/lib/format";
import { textToBase64 } from "@/lib/record-codec";
import { useClusterId } from "@/hooks/use-cluster";
import { Card } from "../Card";
import { topicHref } from "../topics/links";
import { HeaderRows, type HeaderRow } from "./HeaderRows";

type ValueFormat = "STRING" | "JSON" | "BINARY";

/** The value as the REST produce call wants it, or a message saying why it is not valid in that format. */
function toProduceData(text: string, format: ValueFormat): ProduceData | string {
  if (format === "JSON") {
    try {
      return { type: "JSON", data: JSON.parse(text) };
    } catch (e) {
      return `Not valid JSON: ${(e as Error).message}`;
    }
  }
  if (format === "BINARY") {
    const clean = text.replace(/\s+/g, "");
    return /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(clean) ? { type: "BINARY", data: clean } : "Binary values are entered as base64 (a multiple of 4 characters)";
  }
  return { type: "STRING", data: text };
}

/** Produces one record through `POST …/records` and shows where it was stored. */
export function ProduceTab({ topic, partitionsCount }: { topic: string; partitionsCount?: number }) {
  const clusterId = useClusterId();
  const [key, setKey] = useState("");
  const [value, setValue] = useState("");
  const [format, setFormat] = useState<ValueFormat>("STRING");
  const [partition, setPartition] = useState<string>("auto");
  const [headers, setHeaders] = useState<HeaderRow[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [results, setResults] = useState<ProduceResponse[]>([]);

  const data = toProduceData(value, format);
  const valueError = typeof data === "string" && value !== "" ? data : null;

  const send = async () => {
    if (typeof data === "string") return;
    const body: ProduceRequest = {
      ...(partition !== "auto" && { partition_id: Number(partition) }),
      ...(key !== "" && { key: { type: "STRING", data: key } }),
      value: data,
      ...(headers.length && { headers: headers.filter((h) => h.name.trim()).map((h) => ({ name: h.name.trim(), value: textToBase64(h.value) })) }),
    };
    setBusy(true);
    setError(null);
    try {
      const report = await api.produceRecord(clusterId, topic, body);
      setResults((r) => [report, ...r].slice(0, 10));
    } catch (e) {
      setError((e as ApiError).message);
    } finally {
      setBusy(false);
    }
  };

  const last = results[0];
  return (
    <div className="grid-2">
      <Card title="Produce a record">
        <form className="form" onSubmit={(e) => { e.preventDefault(); void send(); }}>
          <div className="form-row">
            <div className="field">
              <label htmlFor="produce-key">Key</label>
              <input id="produce-key" value={key} onChange={(e) => setKey(e.target.value)} placeholder="none" autoComplete="off" spellCheck={false} />
              <div className="field-hint">Records with the same key go to the same partition.</div>
            </div>
            <div className="field">
              <label htmlFor="produce-partition">Partition</label>
              <select id="produce-partition" value={partition} onChange={(e) => setPartition(e.target.value)}>
                <option value="auto">by key (partitioner)</option>
                {Array.from({ length: partitionsCount ?? 0 }, (_, p) => (
                  <option key={p} value={p}>{p}</option>
                ))}
              </select>
            </div>
          </div>
          <div className="field">
            <div style={{ display: "flex", justifyContent: "space-between", alignItems: "center", gap: 8 }}>
              <label htmlFor="produce-value">Value</label>
              <div className="segmented" role="group" aria-label="Value format">
                {(["STRING", "JSON", "BINARY"] as const).map((f) => (
                  <button type="button" key={f} className={format === f ? "active" : undefined} onClick={() => setFormat(f)}>
                    {f === "STRING" ? "Text" : f === "JSON" ? "JSON" : "Base64"}
                  </button>
                ))}
              </div>
            </div>
            <textarea id="produce-value" rows={8} value={value} onChange={(e) => setValue(e.target.value)} aria-invalid={Boolean(valueError)}
              placeholder={format === "JSON" ? '{"order": 42}' : format === "BINARY" ? "AQID" : "hello"} />
            {valueError && <div className="field-error">{valueError}</div>}
          </div>
          <HeaderRows rows={headers} onChange={setHeaders} />
          <div>
            <button className="btn btn-primary" type="submit" disabled={busy || typeof data === "string"}>
              {busy ? "Producing…" : "Produce"}
            </button>
          </div>
          {error && <div className="alert alert-error" role="alert">{error}</div>}
          {last && (
            <div className="alert alert-ok" role="status" data-testid="produce-result">
              Stored in partition <strong>{last.partition_id}</strong> at offset <strong>{formatNumber(last.offset)}</strong>.{" "}
              <Link href={topicHref(topic, "messages")}>See it in Messages</Link>
            </div>
          )}
        </form>
      </Card>
      <Card title="Produced in this session" flush>
        {results.length === 0 ? (
          <div className="state"><div className="state-hint">Records you produce here are listed with their partition and offset.</div></div>
        ) : (
          <table className="table">
            <thead>
              <tr><th className="num">Partition</th><th className="num">Offset</th><th>Timestamp</th></tr>
            </thead>
            <tbody>
              {results.map((r) => (
                <tr key={`${r.partition_id}:${r.offset}`}>
                  <td className="num mono">{r.partition_id}</td>
                  <td className="num mono">{formatNumber(r.offset)}</td>
                  <td className="mono">{formatTimestamp(typeof r.timestamp === "string" ? Date.parse(r.timestamp) : r.timestamp)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
    </div>
  );
}
