import type { ConsumerRecord } from "@skein/broker";
import { RestError } from "../errors/rest-error.js";

/** What a record search looks for; every criterion given must hold (AND). */
export interface SearchCriteria {
  /** The exact key (UTF-8). Kafka's producers put a key in its murmur2 partition, so only that one is scanned. */
  key?: Buffer;
  /** Bytes the value contains. */
  valueContains?: Buffer;
  /** A header with this exact name. */
  headerName?: string;
  /** Bytes a header's value contains (that of `headerName` when given, else any header's). */
  headerContains?: Buffer;
  /** A JSON value's path (`$.customer.id`, `items[0].sku`) and the JSON text it must equal (`"kim"`, `42`). */
  jsonPath?: (string | number)[];
  jsonEquals?: string;
}

/** The raw query of a search (query-string values). */
export interface SearchQuery {
  key?: string;
  value_contains?: string;
  header_name?: string;
  header_contains?: string;
  json_path?: string;
  json_equals?: string;
}

/** Reads the criteria from the query; 400/40002 names what is wrong. At least one criterion is required. */
export function parseSearchCriteria(query: SearchQuery): SearchCriteria {
  const criteria: SearchCriteria = {};
  if (query.key !== undefined) criteria.key = Buffer.from(query.key, "utf8");
  if (query.value_contains !== undefined) criteria.valueContains = nonEmpty("value_contains", query.value_contains);
  if (query.header_name !== undefined) criteria.headerName = query.header_name;
  if (query.header_contains !== undefined) criteria.headerContains = nonEmpty("header_contains", query.header_contains);
  if ((query.json_path === undefined) !== (query.json_equals === undefined)) throw invalid("json_path and json_equals go together: the path, and the JSON value it must equal.");
  if (query.json_path !== undefined && query.json_equals !== undefined) {
    criteria.jsonPath = parseJsonPath(query.json_path);
    criteria.jsonEquals = canonicalJson(query.json_equals);
  }
  if (Object.keys(criteria).length === 0) {
    throw invalid("Say what to search for: key, value_contains, header_name, header_contains, or json_path with json_equals.");
  }
  return criteria;
}

/** Whether the record meets every criterion. */
export function matches(record: ConsumerRecord, criteria: SearchCriteria): boolean {
  if (criteria.key !== undefined && (record.key === null || !record.key.equals(criteria.key))) return false;
  if (criteria.valueContains !== undefined && (record.value === null || record.value.indexOf(criteria.valueContains) === -1)) return false;
  if (criteria.headerName !== undefined || criteria.headerContains !== undefined) {
    const found = record.headers.some(
      (header) =>
        (criteria.headerName === undefined || header.key === criteria.headerName) &&
        (criteria.headerContains === undefined || (header.value !== null && header.value.indexOf(criteria.headerContains) !== -1)),
    );
    if (!found) return false;
  }
  if (criteria.jsonPath !== undefined) {
    if (record.value === null) return false;
    let json: unknown;
    try {
      json = JSON.parse(record.value.toString("utf8"));
    } catch {
      return false;
    }
    const found = valueAt(json, criteria.jsonPath);
    if (found === undefined || JSON.stringify(found) !== criteria.jsonEquals) return false;
  }
  return true;
}

/** `$.a.b[0]`, `a.b[0]` or `$["a b"]` as steps; 400 for anything else. */
export function parseJsonPath(text: string): (string | number)[] {
  const steps: (string | number)[] = [];
  let rest = text.trim();
  if (rest.startsWith("$")) rest = rest.slice(1);
  else if (rest !== "" && !rest.startsWith(".") && !rest.startsWith("[")) rest = `.${rest}`;
  const step = /^(?:\.([A-Za-z_$][\w$-]*)|\[(\d+)\]|\["((?:[^"\\]|\\.)*)"\])/;
  while (rest !== "") {
    const m = step.exec(rest);
    if (m === null) throw invalid(`json_path=${text} is not a path such as $.customer.id or $.items[0].sku.`);
    steps.push(m[1] ?? (m[2] !== undefined ? Number(m[2]) : (JSON.parse(`"${m[3]}"`) as string)));
    rest = rest.slice(m[0].length);
  }
  if (steps.length === 0) throw invalid(`json_path=${text} names no field: say which, such as $.customer.id.`);
  return steps;
}

function valueAt(json: unknown, path: (string | number)[]): unknown {
  let at: unknown = json;
  for (const step of path) {
    if (typeof step === "number") {
      if (!Array.isArray(at) || step >= at.length) return undefined;
      at = at[step];
    } else {
      if (typeof at !== "object" || at === null || Array.isArray(at) || !Object.hasOwn(at, step)) return undefined;
      at = (at as Record<string, unknown>)[step];
    }
  }
  return at;
}

/** The JSON text compared against: a valid JSON value in compact form; anything else is taken as a string. */
function canonicalJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text));
  } catch {
    return JSON.stringify(text);
  }
}

function nonEmpty(name: string, text: string): Buffer {
  if (text === "") throw invalid(`${name} is empty: give the text to look for.`);
  return Buffer.from(text, "utf8");
}

function invalid(message: string): RestError {
  return new RestError(400, 40002, message);
}
