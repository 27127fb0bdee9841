import { UsageError } from "../errors.js";

/** How the console producer turns a line into a record: Kafka's LineMessageReader properties. */
export interface LineFormat {
  parseKey: boolean;
  keySeparator: string;
  /** With parse.key, a line without the separator becomes a value with a null key instead of an error. */
  ignoreError: boolean;
  /** A key or value equal to this is sent as null. */
  nullMarker: string | null;
}

export interface LineRecord {
  key: string | null;
  value: string | null;
}

const KNOWN = new Set(["parse.key", "key.separator", "ignore.error", "null.marker"]);

/** Reads `--property` pairs with Kafka's defaults (key.separator is a tab); an unknown one is a usage error. */
export function lineFormat(properties: ReadonlyMap<string, string>): LineFormat {
  for (const name of properties.keys()) {
    if (!KNOWN.has(name)) throw new UsageError(`Unknown console producer property '${name}' (known: ${[...KNOWN].join(", ")})`);
  }
  const bool = (name: string) => {
    const value = properties.get(name);
    if (value === undefined) return false;
    if (!/^(true|false)$/i.test(value.trim())) throw new UsageError(`Property ${name} must be true or false, got '${value}'`);
    return value.trim().toLowerCase() === "true";
  };
  const keySeparator = properties.get("key.separator") ?? "\t";
  const parseKey = bool("parse.key");
  if (parseKey && keySeparator === "") throw new UsageError("Property key.separator must not be empty when parse.key=true");
  return { parseKey, keySeparator, ignoreError: bool("ignore.error"), nullMarker: properties.get("null.marker") ?? null };
}

/** Splits one input line into key and value; throws Kafka's error for a keyed line without the separator. */
export function parseLine(line: string, format: LineFormat, lineNumber: number): LineRecord {
  const nullable = (text: string) => (format.nullMarker !== null && text === format.nullMarker ? null : text);
  if (!format.parseKey) return { key: null, value: nullable(line) };
  const at = line.indexOf(format.keySeparator);
  if (at === -1) {
    if (format.ignoreError) return { key: null, value: nullable(line) };
    throw new UsageError(`No key separator found on line number ${lineNumber}: '${line}'`);
  }
  return { key: nullable(line.slice(0, at)), value: nullable(line.slice(at + format.keySeparator.length)) };
}
