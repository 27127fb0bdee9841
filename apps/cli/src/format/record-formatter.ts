import { UsageError } from "../errors.js";

/** A consumed record, decoded to bytes. */
export interface ConsumedRecord {
  topic: string;
  partition: number;
  offset: number;
  /** Epoch milliseconds, or null when the API gave none (v2 consumer records carry no timestamp). */
  timestamp: number | null;
  timestampType: string | null;
  key: Buffer | null;
  value: Buffer | null;
  headers: { name: string; value: Buffer | null }[];
}

/** The console consumer's `--property` settings, with Kafka's DefaultMessageFormatter defaults. */
export interface FormatterOptions {
  printTimestamp: boolean;
  printPartition: boolean;
  printOffset: boolean;
  printHeaders: boolean;
  printKey: boolean;
  printValue: boolean;
  keySeparator: string;
  lineSeparator: string;
  headersSeparator: string;
  nullLiteral: string;
}

const BOOLEAN_PROPERTIES: Record<string, keyof FormatterOptions> = {
  "print.timestamp": "printTimestamp",
  "print.partition": "printPartition",
  "print.offset": "printOffset",
  "print.headers": "printHeaders",
  "print.key": "printKey",
  "print.value": "printValue",
};

const STRING_PROPERTIES: Record<string, keyof FormatterOptions> = {
  "key.separator": "keySeparator",
  "line.separator": "lineSeparator",
  "headers.separator": "headersSeparator",
  "null.literal": "nullLiteral",
};

/** Reads `--property` pairs the way Kafka's formatter does; an unknown property is a usage error naming it. */
export function formatterOptions(properties: ReadonlyMap<string, string>): FormatterOptions {
  const options: FormatterOptions = {
    printTimestamp: false,
    printPartition: false,
    printOffset: false,
    printHeaders: false,
    printKey: false,
    printValue: true,
    keySeparator: "\t",
    lineSeparator: "\n",
    headersSeparator: ",",
    nullLiteral: "null",
  };
  for (const [name, value] of properties) {
    const flag = BOOLEAN_PROPERTIES[name];
    const text = STRING_PROPERTIES[name];
    if (flag) {
      if (!/^(true|false)$/i.test(value.trim())) throw new UsageError(`Property ${name} must be true or false, got '${value}'`);
      (options[flag] as boolean) = value.trim().toLowerCase() === "true";
    } else if (text) {
      (options[text] as string) = unescapeSeparator(value);
    } else {
      throw new UsageError(`Unknown console consumer property '${name}'`);
    }
  }
  return options;
}

/** Kafka's separators may be given escaped (`key.separator=\t`). */
function unescapeSeparator(value: string): string {
  return value.replace(/\\([tnr\\])/g, (_, c: string) => ({ t: "\t", n: "\n", r: "\r", "\\": "\\" })[c] ?? c);
}

/**
 * One record as Kafka's DefaultMessageFormatter prints it: `CreateTime:<ms>`, `Partition:<p>`, `Offset:<o>`, headers,
 * key and value, each enabled by its property and joined by key.separator, ended by line.separator.
 */
export function formatRecord(record: ConsumedRecord, options: FormatterOptions): string {
  const fields: string[] = [];
  if (options.printTimestamp) {
    fields.push(record.timestamp === null ? "NO_TIMESTAMP" : `${record.timestampType ?? "CreateTime"}:${record.timestamp}`);
  }
  if (options.printPartition) fields.push(`Partition:${record.partition}`);
  if (options.printOffset) fields.push(`Offset:${record.offset}`);
  if (options.printHeaders) {
    fields.push(
      record.headers.length === 0
        ? "NO_HEADERS"
        : record.headers.map((h) => `${h.name}:${h.value === null ? options.nullLiteral : h.value.toString("utf8")}`).join(options.headersSeparator),
    );
  }
  if (options.printKey) fields.push(record.key === null ? options.nullLiteral : record.key.toString("utf8"));
  if (options.printValue) fields.push(record.value === null ? options.nullLiteral : record.value.toString("utf8"));
  return fields.join(options.keySeparator) + options.lineSeparator;
}

/** The record for `--output json`: one JSON object per line, key and value as UTF-8 text. */
export function recordJson(record: ConsumedRecord): string {
  return (
    JSON.stringify({
      topic: record.topic,
      partition: record.partition,
      offset: record.offset,
      timestamp: record.timestamp,
      key: record.key?.toString("utf8") ?? null,
      value: record.value?.toString("utf8") ?? null,
      headers: Object.fromEntries(record.headers.map((h) => [h.name, h.value?.toString("utf8") ?? null])),
    }) + "\n"
  );
}
