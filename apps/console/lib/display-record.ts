/** One record as the Messages and Live tail tabs show it, from either the REST or the WebSocket shape. */
import type { SkeinRecord } from "./api";
import { decodePayload, searchableText, textToBase64, type DecodedPayload } from "./record-codec";

export interface DisplayRecord {
  partition: number;
  offset: number;
  timestamp: number;
  timestampType?: string;
  keySize: number | null;
  valueSize: number | null;
  key: DecodedPayload;
  value: DecodedPayload;
  headers: { name: string; value: DecodedPayload }[];
  /** Lower-cased key, value and headers, for the client-side filter. */
  search: string;
}

/** A record as `/ws` sends it: payloads base64 (or plain strings with `encoding: "string"`), headers as an object. */
export interface WireRecord {
  partition: number;
  offset: number;
  timestamp: number;
  key: string | null;
  value: string | null;
  headers?: Record<string, string | null> | { name: string; value: string | null }[];
  encoding?: "base64" | "string";
}

function finish(r: Omit<DisplayRecord, "search">): DisplayRecord {
  const headerText = r.headers.map((h) => `${h.name}`).join(" ");
  return { ...r, search: `${searchableText(r.key, r.value, ...r.headers.map((h) => h.value))}\n${headerText.toLowerCase()}` };
}

/** From `GET …/records`. */
export function fromRestRecord(r: SkeinRecord): DisplayRecord {
  return finish({
    partition: r.partition_id,
    offset: r.offset,
    timestamp: r.timestamp,
    timestampType: r.timestamp_type,
    keySize: r.key?.size ?? null,
    valueSize: r.value?.size ?? null,
    key: decodePayload(r.key?.data),
    value: decodePayload(r.value?.data),
    headers: (r.headers ?? []).map((h) => ({ name: h.name, value: decodePayload(h.value) })),
  });
}

/** From a `records` frame of the live-tail WebSocket. */
export function fromWireRecord(r: WireRecord): DisplayRecord {
  const asBase64 = (v: string | null | undefined) => (v === null || v === undefined ? null : r.encoding === "string" ? textToBase64(v) : v);
  const headerList = Array.isArray(r.headers) ? r.headers : Object.entries(r.headers ?? {}).map(([name, value]) => ({ name, value }));
  const key = decodePayload(asBase64(r.key));
  const value = decodePayload(asBase64(r.value));
  const size = (p: ReturnType<typeof decodePayload>) => (p.kind === "null" ? null : p.kind === "binary" ? p.size : new TextEncoder().encode(p.text).length);
  return finish({
    partition: r.partition,
    offset: r.offset,
    timestamp: r.timestamp,
    keySize: size(key),
    valueSize: size(value),
    key,
    value,
    headers: headerList.map((h) => ({ name: h.name, value: decodePayload(asBase64(h.value)) })),
  });
}
