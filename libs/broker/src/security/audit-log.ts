import type { Broker } from "../broker.js";
import type { Logger } from "../broker-types.js";
import { systemClock, type Clock } from "../clock.js";
import { AUDIT_TOPIC_NAME } from "../cluster/topic-name.js";

/** Where a request came in. */
export const AUDIT_SURFACES = ["wire", "rest", "ws", "console", "cli"] as const;
export type AuditSurface = (typeof AUDIT_SURFACES)[number];

/** success: done; failure: attempted and failed (a wrong password, an invalid request); denied: refused by an ACL. */
export type AuditOutcome = "success" | "failure" | "denied";

/** One audited event, as written (one JSON record per event) to `_skein_audit`. */
export interface AuditEvent {
  /** Epoch milliseconds; the log fills it in when absent. */
  time?: number;
  /** `User:alice`; `User:ANONYMOUS` for a client that did not authenticate. */
  principal: string;
  /** The client's address (`10.0.0.7`). */
  sourceAddress: string;
  surface: AuditSurface;
  /**
   * Kafka's ACL operation name for changes and denials (`CREATE`, `DELETE`, `ALTER`, `ALTER_CONFIGS`, `READ`, …), or
   * `AUTHENTICATE` for authentications.
   */
  operation: string;
  /** The resource acted on (`{ type: "TOPIC", name: "orders" }`), null for authentications. */
  resource: { type: string; name: string } | null;
  outcome: AuditOutcome;
  /** The request or route that did it: `CreateTopics`, `SaslAuthenticate`, `POST /v3/clusters/{c}/topics`. */
  request?: string;
  /** Anything else worth keeping: the SASL mechanism, the error message, what changed. Never a secret. */
  detail?: string;
}

export interface AuditLogOptions {
  /** The topic's `retention.ms`, applied when the log opens (creating the topic, or changing its config). */
  retentionMs?: number;
  clock?: Clock;
  logger?: Logger;
  /** Events kept in memory while the broker cannot take them; more are dropped (and counted). Default 10,000. */
  maxPendingEvents?: number;
}

/**
 * Skein's audit log: every edge records authentications, changes and denials here, and they are written as JSON
 * records to the internal topic `_skein_audit` (one partition, keyed by principal, time-based retention) — readable
 * with any Kafka consumer or the REST API by whoever may READ it. Recording never blocks or fails a request: events
 * are queued and written in batches in the background, and when the broker cannot take them (a full disk) they wait,
 * up to a bound, then are dropped and counted in `dropped`.
 */
export class AuditLog {
  private pending: AuditEvent[] = [];
  private writing: Promise<void> | null = null;
  private closed = false;
  private droppedEvents = 0;
  private readonly clock: Clock;
  private readonly maxPending: number;

  private constructor(
    private readonly broker: Broker,
    private readonly options: AuditLogOptions,
  ) {
    this.clock = options.clock ?? systemClock;
    this.maxPending = options.maxPendingEvents ?? 10_000;
  }

  /** The topic the events go to. */
  static readonly TOPIC = AUDIT_TOPIC_NAME;

  /** Creates `_skein_audit` when missing (and sets its retention), then starts taking events. */
  static async open(broker: Broker, options: AuditLogOptions = {}): Promise<AuditLog> {
    const configs: Record<string, string> = { "cleanup.policy": "delete" };
    if (options.retentionMs !== undefined) configs["retention.ms"] = String(options.retentionMs);
    const topic = await broker.ensureInternalTopic(AUDIT_TOPIC_NAME, 1, configs);
    if (options.retentionMs !== undefined && topic.configs["retention.ms"] !== String(options.retentionMs)) {
      await broker.alterTopicConfigs(AUDIT_TOPIC_NAME, [{ name: "retention.ms", value: String(options.retentionMs) }]);
    }
    return new AuditLog(broker, options);
  }

  /** Queues an event; it is written within moments. Never throws. */
  record(event: AuditEvent): void {
    if (this.closed) return;
    if (this.pending.length >= this.maxPending) {
      this.droppedEvents++;
      if (this.droppedEvents === 1 || this.droppedEvents % 1000 === 0) this.options.logger?.warn(`Audit log: ${this.droppedEvents} event(s) dropped, the broker is not taking them`);
      return;
    }
    this.pending.push({ ...event, time: event.time ?? this.clock.now() });
    this.writing ??= this.writeQueued();
  }

  /** Events dropped because too many were waiting. */
  get dropped(): number {
    return this.droppedEvents;
  }

  /** Resolves once every event recorded so far is written (or failed to be). */
  async flush(): Promise<void> {
    while (this.writing !== null) await this.writing;
  }

  /** Writes what is queued, then takes no more events. */
  async close(): Promise<void> {
    await this.flush();
    this.closed = true;
  }

  private async writeQueued(): Promise<void> {
    let failures = 0;
    while (this.pending.length > 0) {
      const batch = this.pending.slice(0, 500);
      try {
        await this.broker.produce(
          AUDIT_TOPIC_NAME,
          batch.map((event) => ({ key: Buffer.from(event.principal), value: Buffer.from(JSON.stringify(event)), timestamp: event.time })),
          { acks: 1, allowInternal: true },
        );
        this.pending.splice(0, batch.length);
        failures = 0;
      } catch (error) {
        failures++;
        if (failures === 1) this.options.logger?.warn(`Audit log: writing ${batch.length} event(s) to ${AUDIT_TOPIC_NAME} failed, retrying: ${(error as Error).message}`);
        if (this.closed || failures >= 50) {
          this.droppedEvents += this.pending.length;
          this.pending = [];
          break;
        }
        await new Promise((resolve) => setTimeout(resolve, Math.min(100 * failures, 2000)).unref());
      }
    }
    this.writing = null;
  }
}
