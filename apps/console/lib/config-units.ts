/**
 * Human units for topic configs: durations (`*.ms`) shown and entered as "7 days", sizes (`*.bytes`) as "1 GiB".
 * Parsing returns the raw value Kafka expects, or an error message to show beside the field.
 */
import { formatBytes, formatDuration } from "./format";

export type ConfigUnit = "duration" | "size" | "plain";

/** What kind of value a config holds, from Kafka's naming conventions. */
export function configUnit(name: string): ConfigUnit {
  if (name.endsWith(".ms")) return "duration";
  if (name.endsWith(".bytes") || name === "max.message.bytes") return "size";
  return "plain";
}

/** The value as a person reads it: "604800000" under retention.ms → "7 days". */
export function humanConfigValue(name: string, value: string | null): string {
  if (value === null) return "—";
  const unit = configUnit(name);
  const n = Number(value);
  if (value.trim() === "" || !Number.isFinite(n)) return value;
  if (unit === "plain") return n >= 2 ** 63 - 1024 ? "unlimited" : value;
  return unit === "duration" ? formatDuration(n) : formatBytes(n);
}

const DURATION_FACTORS: Record<string, number> = {
  ms: 1, millisecond: 1, milliseconds: 1,
  s: 1000, sec: 1000, secs: 1000, second: 1000, seconds: 1000,
  m: 60_000, min: 60_000, mins: 60_000, minute: 60_000, minutes: 60_000,
  h: 3600_000, hr: 3600_000, hrs: 3600_000, hour: 3600_000, hours: 3600_000,
  d: 86_400_000, day: 86_400_000, days: 86_400_000,
  w: 604_800_000, week: 604_800_000, weeks: 604_800_000,
};

const SIZE_FACTORS: Record<string, number> = {
  b: 1, byte: 1, bytes: 1,
  k: 1024, kb: 1000, kib: 1024,
  m: 1024 ** 2, mb: 1000 ** 2, mib: 1024 ** 2,
  g: 1024 ** 3, gb: 1000 ** 3, gib: 1024 ** 3,
  t: 1024 ** 4, tb: 1000 ** 4, tib: 1024 ** 4,
};

export type ParsedValue = { ok: true; value: string } | { ok: false; message: string };

/**
 * Reads what a person typed into the raw value: "7 days" → "604800000", "1 GiB" → "1073741824",
 * "forever"/"unlimited"/"-1" → "-1". Plain configs pass through unchanged.
 */
export function parseConfigInput(name: string, input: string): ParsedValue {
  const unit = configUnit(name);
  const text = input.trim();
  if (unit === "plain") return { ok: true, value: text };
  if (/^(-1|forever|unlimited|infinite|none)$/i.test(text)) return { ok: true, value: "-1" };
  const match = /^(\d+(?:\.\d+)?)\s*([a-zA-Z]*)$/.exec(text);
  if (!match) {
    return { ok: false, message: unit === "duration" ? 'Enter a duration such as "7 days", "12 h" or "30000 ms"' : 'Enter a size such as "1 GiB", "512 MiB" or "1048576"' };
  }
  const amount = Number(match[1]);
  const suffix = match[2].toLowerCase();
  const factors = unit === "duration" ? DURATION_FACTORS : SIZE_FACTORS;
  const factor = suffix === "" ? 1 : factors[suffix];
  if (factor === undefined) {
    return { ok: false, message: unit === "duration" ? `Unknown unit "${match[2]}": use ms, s, min, h, days or weeks` : `Unknown unit "${match[2]}": use B, KiB, MiB, GiB or TiB` };
  }
  const value = Math.round(amount * factor);
  if (!Number.isSafeInteger(value)) return { ok: false, message: "That value is too large" };
  return { ok: true, value: String(value) };
}

/** The value to prefill an editor with: the human form when it parses back to the same raw value. */
export function editableConfigValue(name: string, value: string | null): string {
  if (value === null) return "";
  const human = humanConfigValue(name, value);
  const back = parseConfigInput(name, human);
  return back.ok && back.value === value ? human : value;
}
