import { AuditLog, type AuditEvent, type Broker, type ConsumerRecord } from "@skein/broker";

/** What to look for in the audit log; every given field must match. */
export interface AuditQuery {
  principal?: string;
  surface?: string;
  outcome?: string;
  operation?: string;
  /** Matches the resource's type or name, in part, ignoring case. */
  resource?: string;
  /** Epoch ms, inclusive. */
  since?: number;
  /** Epoch ms, exclusive. */
  until?: number;
  /** Only events below this offset (the previous page's `next_before`). */
  beforeOffset?: number;
  limit: number;
}

export interface AuditEventAt extends AuditEvent {
  offset: number;
}

export interface AuditPage {
  /** Newest first. */
  events: AuditEventAt[];
  /** Where the next (older) page starts, or null when the log or the time range is exhausted. */
  nextBefore: number | null;
}

/** The most events one request looks through, so a rare filter cannot make a request scan a huge log. */
const MAX_SCANNED = 200_000;
const WINDOW = 2_000;

/**
 * Reads `_skein_audit` newest first: backwards in windows of offsets from the end (or a cursor), each window read
 * forwards, filtered, and stopped at the limit, at `since`, or after MAX_SCANNED events (the cursor says where to go
 * on). Records that are not audit events (someone produced to the topic) are skipped.
 */
export class AuditLogReader {
  constructor(private readonly broker: Broker) {}

  async read(query: AuditQuery): Promise<AuditPage> {
    const { logStartOffset, highWatermark } = this.broker.partitionOffsets(AuditLog.TOPIC, 0);
    let end = Math.min(highWatermark, query.beforeOffset ?? highWatermark);
    const events: AuditEventAt[] = [];
    let scanned = 0;
    while (end > logStartOffset && events.length < query.limit && scanned < MAX_SCANNED) {
      const start = Math.max(logStartOffset, end - WINDOW);
      const window = await this.readRange(start, end);
      scanned += end - start;
      let reachedSince = false;
      for (let i = window.length - 1; i >= 0; i--) {
        const event = window[i]!;
        if (query.since !== undefined && (event.time ?? 0) < query.since) {
          reachedSince = true;
          continue;
        }
        if (matches(event, query)) events.push(event);
        if (events.length === query.limit) {
          return { events, nextBefore: event.offset > logStartOffset ? event.offset : null };
        }
      }
      end = start;
      if (reachedSince) return { events, nextBefore: null };
    }
    return { events, nextBefore: end > logStartOffset ? end : null };
  }

  private async readRange(start: number, end: number): Promise<AuditEventAt[]> {
    const events: AuditEventAt[] = [];
    let next = start;
    while (next < end) {
      const fetched = await this.broker.fetch(AuditLog.TOPIC, 0, next, { maxBytes: 4 * 1024 * 1024, maxRecords: end - next });
      for (const record of fetched.records) {
        if (record.offset < next || record.offset >= end) continue;
        const event = parseEvent(record);
        if (event !== null) events.push(event);
      }
      if (fetched.nextOffset <= next) break;
      next = fetched.nextOffset;
    }
    return events;
  }
}

function parseEvent(record: ConsumerRecord): AuditEventAt | null {
  if (record.value === null) return null;
  try {
    const event = JSON.parse(record.value.toString("utf8")) as AuditEvent;
    if (typeof event !== "object" || event === null || typeof event.principal !== "string" || typeof event.operation !== "string") return null;
    return { ...event, time: event.time ?? record.timestamp, offset: record.offset };
  } catch {
    return null;
  }
}

function matches(event: AuditEventAt, query: AuditQuery): boolean {
  if (query.until !== undefined && (event.time ?? 0) >= query.until) return false;
  if (query.principal !== undefined && event.principal !== query.principal) return false;
  if (query.surface !== undefined && event.surface !== query.surface) return false;
  if (query.outcome !== undefined && event.outcome !== query.outcome) return false;
  if (query.operation !== undefined && event.operation !== query.operation) return false;
  if (query.resource !== undefined) {
    const needle = query.resource.toLowerCase();
    const resource = event.resource;
    if (resource === null || !`${resource.type}:${resource.name}`.toLowerCase().includes(needle)) return false;
  }
  return true;
}
