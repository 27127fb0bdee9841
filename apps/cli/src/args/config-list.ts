import { UsageError } from "../errors.js";

/**
 * Kafka's `--add-config` syntax: `k1=v1,k2=[v1,v2],k3=v3`. Commas separate entries except inside square brackets,
 * which hold a list value (the brackets are dropped, the commas kept).
 */
export function parseAddConfig(text: string): [string, string][] {
  const entries: [string, string][] = [];
  for (const entry of splitOutsideBrackets(text)) {
    if (entry.trim() === "") continue;
    const eq = entry.indexOf("=");
    if (eq <= 0) throw new UsageError(`Invalid entry '${entry}' in --add-config: expected name=value`);
    const name = entry.slice(0, eq).trim();
    let value = entry.slice(eq + 1).trim();
    if (value.startsWith("[") && value.endsWith("]")) value = value.slice(1, -1);
    entries.push([name, value]);
  }
  if (entries.length === 0) throw new UsageError("--add-config needs at least one name=value");
  return entries;
}

/** Kafka's `--delete-config` syntax: `k1,k2`. */
export function parseDeleteConfig(text: string): string[] {
  const names = text
    .split(",")
    .map((n) => n.trim())
    .filter(Boolean);
  if (names.length === 0) throw new UsageError("--delete-config needs at least one config name");
  return names;
}

function splitOutsideBrackets(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = "";
  for (const char of text) {
    if (char === "[") depth++;
    if (char === "]") depth = Math.max(0, depth - 1);
    if (char === "," && depth === 0) {
      parts.push(current);
      current = "";
    } else {
      current += char;
    }
  }
  parts.push(current);
  return parts;
}
