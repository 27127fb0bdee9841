import type { IsolationLevel } from "@skein/broker";
import { parseIsolationLevel } from "../common/isolation-level.js";
import { RestError } from "../errors/rest-error.js";

/** Where a read of a partition's records starts. */
export type ReadStart = { offset: number } | { timestamp: number } | { newest: true } | { earliest: true };

export interface RecordsQuery {
  start: ReadStart;
  limit: number;
  maxBytes: number | undefined;
  /** read_committed (the default) stops at the last stable offset; read_uncommitted at the high watermark. */
  isolationLevel: IsolationLevel;
}

export const DEFAULT_RECORDS_LIMIT = 50;
export const MAX_RECORDS_LIMIT = 1000;
export const MAX_READ_BYTES = 16 * 1024 * 1024;

/** The raw query string of `GET .../partitions/{p}/records`. */
export interface RawRecordsQuery {
  offset?: unknown;
  timestamp?: unknown;
  from?: unknown;
  limit?: unknown;
  max_bytes?: unknown;
  isolation_level?: unknown;
}

/**
 * Parses the query: at most one of `offset`, `timestamp` (epoch milliseconds or ISO-8601) and `from=newest`
 * (none: from the log start), `limit` (1 to 1000, default 50), `max_bytes` and `isolation_level` (read_committed by
 * default). A bad value is 400.
 */
export function parseRecordsQuery(raw: RawRecordsQuery): RecordsQuery {
  const given = (["offset", "timestamp", "from"] as const).filter((name) => raw[name] !== undefined);
  if (given.length > 1) throw badQuery(`Give one of offset, timestamp and from, not ${given.join(" and ")}.`);
  let start: ReadStart = { earliest: true };
  if (raw.offset !== undefined) start = { offset: integer("offset", raw.offset, 0, Number.MAX_SAFE_INTEGER) };
  if (raw.timestamp !== undefined) start = { timestamp: timestamp(raw.timestamp) };
  if (raw.from !== undefined) {
    if (raw.from !== "newest") throw badQuery(`from must be "newest", got ${JSON.stringify(raw.from)}.`);
    start = { newest: true };
  }
  const limit = raw.limit === undefined ? DEFAULT_RECORDS_LIMIT : integer("limit", raw.limit, 1, MAX_RECORDS_LIMIT);
  const maxBytes = raw.max_bytes === undefined ? undefined : integer("max_bytes", raw.max_bytes, 1, MAX_READ_BYTES);
  return { start, limit, maxBytes, isolationLevel: parseIsolationLevel(raw.isolation_level) };
}

function integer(name: string, raw: unknown, min: number, max: number): number {
  const value = typeof raw === "string" && /^-?\d{1,16}$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) throw badQuery(`${name} must be an integer from ${min} to ${max}, got ${JSON.stringify(raw)}.`);
  return value;
}

const ISO_8601 = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

function timestamp(raw: unknown): number {
  if (typeof raw === "string" && /^\d{1,16}$/.test(raw)) return Number(raw);
  const parsed = typeof raw === "string" && ISO_8601.test(raw) ? Date.parse(raw) : Number.NaN;
  if (Number.isNaN(parsed) || parsed < 0) throw badQuery(`timestamp must be epoch milliseconds or an ISO-8601 date-time, got ${JSON.stringify(raw)}.`);
  return parsed;
}

function badQuery(message: string): RestError {
  return new RestError(400, 400, message);
}
