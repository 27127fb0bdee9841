import type { IsolationLevel } from "@skein/broker";
import { RestError } from "../errors/rest-error.js";

/**
 * A read's `isolation_level`, as Kafka's consumer names it: `read_committed` (the default) stops at the last stable
 * offset and leaves out aborted transactions; `read_uncommitted` reads up to the high watermark, aborted records
 * included. Control batches (transaction markers) are never records. An unknown value is 400/40002.
 */
export function parseIsolationLevel(raw: unknown): IsolationLevel {
  if (raw === undefined) return "read_committed";
  if (raw === "read_committed" || raw === "read_uncommitted") return raw;
  throw new RestError(400, 40002, `isolation_level must be read_committed or read_uncommitted, got ${JSON.stringify(raw)}.`);
}
