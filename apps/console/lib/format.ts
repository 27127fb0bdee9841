/** Display formatters shared by every page: sizes, durations, counts, rates and times. */

/** Kafka's Long.MAX_VALUE (as a double): configs use it for "never" and "no limit". */
const LONG_MAX = 2 ** 63 - 1024;

const BYTE_UNITS = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"];

/** 1536 → "1.5 KiB". */
export function formatBytes(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined || !Number.isFinite(bytes)) return "—";
  if (bytes < 0 || bytes >= LONG_MAX) return "unlimited";
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < BYTE_UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = unit === 0 || value >= 100 ? 0 : value >= 10 ? 1 : 2;
  return `${trimZeros(value.toFixed(digits))} ${BYTE_UNITS[unit]}`;
}

const DURATION_UNITS: [number, string][] = [
  [24 * 3600_000, "day"],
  [3600_000, "hour"],
  [60_000, "minute"],
  [1000, "second"],
  [1, "ms"],
];

/** 604800000 → "7 days"; 90000 → "1.5 minutes"; -1 → "forever". */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return "—";
  if (ms < 0 || ms >= LONG_MAX) return "forever";
  if (ms === 0) return "0 ms";
  for (const [size, name] of DURATION_UNITS) {
    if (ms >= size) {
      const value = ms / size;
      const text = trimZeros(value.toFixed(value >= 10 ? 0 : 1));
      return name === "ms" ? `${text} ms` : `${text} ${name}${text === "1" ? "" : "s"}`;
    }
  }
  return `${ms} ms`;
}

/** A compact duration for elapsed times: "3 s", "4 min", "2 h", "5 d". */
export function formatAgo(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.round(s / 60)} min`;
  if (s < 86400) return `${Math.round(s / 3600)} h`;
  return `${Math.round(s / 86400)} d`;
}

const numberFormat = new Intl.NumberFormat("en-US");

/** 1234567 → "1,234,567". */
export function formatNumber(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return "—";
  return numberFormat.format(n);
}

/** A per-second rate with at most one decimal: 12.34 → "12.3". */
export function formatRate(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return "—";
  return n >= 100 ? numberFormat.format(Math.round(n)) : trimZeros(n.toFixed(1));
}

/** An epoch-ms time as "2026-11-25 10:04:05.123" in the browser's zone. */
export function formatTimestamp(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms) || ms < 0) return "—";
  const d = new Date(ms);
  const pad = (n: number, w = 2) => String(n).padStart(w, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}

/** An epoch-ms time as "10:04:05", for chart axes. */
export function formatClock(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** A ratio 0..1 as "42.5 %". */
export function formatPercent(ratio: number | null | undefined): string {
  if (ratio === null || ratio === undefined || !Number.isFinite(ratio)) return "—";
  return `${trimZeros((ratio * 100).toFixed(1))} %`;
}

function trimZeros(text: string): string {
  return text.includes(".") ? text.replace(/\.?0+$/, "") : text;
}
