/** Decoding record keys, values and headers (base64 on the wire) into something a person can read. */

export type DecodedPayload =
  | { kind: "null" }
  | { kind: "json"; text: string; pretty: string }
  | { kind: "text"; text: string }
  | { kind: "binary"; size: number; hex: string; base64: string };

const utf8 = typeof TextDecoder === "undefined" ? null : new TextDecoder("utf-8", { fatal: true });

/** base64 → bytes. */
export function base64ToBytes(data: string): Uint8Array {
  const binary = atob(data);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** A UTF-8 string → base64, for producing text as bytes. */
export function textToBase64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

/** Bytes as "0a 1f …" hex, grouped by byte. */
export function bytesToHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join(" ");
}

function isPrintable(text: string): boolean {
  // Control characters other than tab, newline and carriage return mean the bytes are not text.
  return !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(text);
}

/** Decodes a base64 payload: JSON is pretty-printed, UTF-8 text shown as is, anything else as hex and base64. */
export function decodePayload(base64: string | null | undefined): DecodedPayload {
  if (base64 === null || base64 === undefined) return { kind: "null" };
  let bytes: Uint8Array;
  try {
    bytes = base64ToBytes(base64);
  } catch {
    return { kind: "text", text: base64 };
  }
  let text: string | null = null;
  try {
    text = utf8 ? utf8.decode(bytes) : null;
  } catch {
    text = null;
  }
  if (text !== null && isPrintable(text)) {
    const trimmed = text.trim();
    if ((trimmed.startsWith("{") && trimmed.endsWith("}")) || (trimmed.startsWith("[") && trimmed.endsWith("]"))) {
      try {
        return { kind: "json", text, pretty: JSON.stringify(JSON.parse(trimmed), null, 2) };
      } catch {
        // not JSON after all: show as text
      }
    }
    return { kind: "text", text };
  }
  return { kind: "binary", size: bytes.length, hex: bytesToHex(bytes), base64 };
}

/** A one-line preview of a payload for tables. */
export function payloadPreview(payload: DecodedPayload, max = 120): string {
  const text =
    payload.kind === "null" ? "null" : payload.kind === "json" ? payload.text : payload.kind === "text" ? payload.text : `0x ${payload.hex}`;
  const flat = text.replace(/\s+/g, " ");
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

/** The text a client-side filter matches against: key, value and header values. */
export function searchableText(...payloads: DecodedPayload[]): string {
  return payloads
    .map((p) => (p.kind === "null" ? "" : p.kind === "binary" ? `${p.hex} ${p.base64}` : p.text))
    .join("\n")
    .toLowerCase();
}
