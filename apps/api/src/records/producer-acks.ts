import type { Acks } from "@skein/broker";
import { RestError } from "../errors/rest-error.js";

/**
 * Kafka's producer `acks`, as the service takes it (SKEIN_PRODUCER_ACKS, `?acks=` on v2 and v3 produce, the `acks`
 * field of a WebSocket produce frame):
 * - `0`: the answer does not wait for the write: offsets are unknown (-1), and a record the broker then refuses is
 *   only logged (Kafka's fire and forget);
 * - `1`: answered once the records are written to the operating system: they survive the process crashing, not the
 *   machine losing power;
 * - `all` (or `-1`), the default: answered once the records are fsynced to disk (concurrent produces share one
 *   fsync: group commit).
 */
export const DEFAULT_PRODUCER_ACKS: Acks = -1;

/** Kafka's name for the level: "0", "1" or "all". */
export function acksName(acks: Acks): string {
  return acks === -1 ? "all" : String(acks);
}

/** Parses an `acks` value (`0`, `1`, `-1`, `all`; numbers too); throws `invalid(message)` for anything else. */
export function parseAcks<E extends Error>(raw: unknown, invalid: (message: string) => E): Acks {
  const text = typeof raw === "number" ? String(raw) : typeof raw === "string" ? raw.trim().toLowerCase() : undefined;
  if (text === "0") return 0;
  if (text === "1") return 1;
  if (text === "all" || text === "-1") return -1;
  throw invalid(`Invalid acks ${JSON.stringify(raw)}: use 0, 1, all or -1.`);
}

/** A request's `?acks=`: the service-wide default when absent, 400/40002 (Kafka's INVALID_REQUIRED_ACKS) when unknown. */
export function acksQuery(raw: string | undefined, fallback: Acks): Acks {
  if (raw === undefined) return fallback;
  return parseAcks(raw, (message) => new RestError(400, 40002, message));
}

/** What `?acks=` means, for the OpenAPI document. */
export const ACKS_QUERY_DESCRIPTION =
  "What the answer waits for (Kafka's producer acks). all (-1): the records are fsynced to disk, concurrent produces sharing one fsync " +
  "(group commit). 1: written to the operating system: they survive the service crashing, not a power loss. 0: nothing: the answer " +
  "comes before the write, offsets are -1 and a record the broker then refuses is lost. Default: the service's SKEIN_PRODUCER_ACKS (all).";
