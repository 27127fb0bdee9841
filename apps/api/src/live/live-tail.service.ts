import { Injectable, type OnModuleDestroy } from "@nestjs/common";
import { Broker, type AppendEvent } from "@skein/broker";
import { Gauge } from "prom-client";
import type { WebSocket } from "ws";
import { ProducerSettings } from "../config/producer-settings.js";
import { MetricsService } from "../metrics/metrics.service.js";
import { ProduceBatcher } from "../records/produce-batcher.js";
import { HttpAuthorizer } from "../security/http-authorizer.js";
import type { HttpIdentity } from "../security/http-identity.js";
import { DEFAULT_LIVE_LIMITS, type LiveLimits } from "./live-limits.js";
import { LiveSession, type SessionContext } from "./live-session.js";
import type { SocketOutbox } from "./socket-outbox.js";
import type { Subscription } from "./subscription.js";

/**
 * Every `/ws` session, and the one listener on the broker's `append` event that wakes the subscriptions of the
 * appended topic-partition. Wake-ups are batched per event-loop turn: the appends of one turn become one read and
 * one `records` frame per subscription.
 */
@Injectable()
export class LiveTailService implements OnModuleDestroy {
  /** Flow-control and keep-alive limits; tests and tuning may change them before sessions open. */
  readonly limits: LiveLimits = { ...DEFAULT_LIVE_LIMITS };
  private readonly sessions = new Map<WebSocket, LiveSession>();
  private readonly byTopic = new Map<string, Map<Subscription, LiveSession>>();
  private readonly woken = new Map<Subscription, LiveSession>();
  private wakeScheduled = false;
  private keepAlive: NodeJS.Timeout | undefined;
  private readonly openSessions: Gauge;
  private readonly context: SessionContext;

  private readonly onAppend = (event: AppendEvent): void => {
    const subscriptions = this.byTopic.get(event.topic);
    if (!subscriptions) return;
    for (const [subscription, session] of subscriptions) {
      if (!subscription.positions.has(event.partition)) {
        if (!subscription.allPartitions) continue;
        // A partition added to the topic after the subscription started: read it from its start.
        subscription.positions.set(event.partition, this.broker.partitionOffsets(event.topic, event.partition).logStartOffset);
      }
      subscription.pending.add(event.partition);
      this.woken.set(subscription, session);
    }
    if (this.woken.size > 0 && !this.wakeScheduled) {
      this.wakeScheduled = true;
      setImmediate(this.wakeAll);
    }
  };

  private readonly wakeAll = (): void => {
    this.wakeScheduled = false;
    const woken = [...this.woken];
    this.woken.clear();
    for (const [subscription, session] of woken) session.wake(subscription);
  };

  constructor(
    private readonly broker: Broker,
    metrics: MetricsService,
    batcher: ProduceBatcher,
    settings: ProducerSettings,
    authz: HttpAuthorizer,
  ) {
    this.openSessions = new Gauge({ name: "skein_websocket_sessions", help: "Open WebSocket (/ws) sessions.", registers: [metrics.registry] });
    this.context = {
      broker,
      batcher,
      defaultAcks: settings.acks,
      limits: this.limits,
      authz,
      register: (subscription, session) => {
        let subscriptions = this.byTopic.get(subscription.topic);
        if (!subscriptions) this.byTopic.set(subscription.topic, (subscriptions = new Map()));
        subscriptions.set(subscription, session);
      },
      unregister: (subscription) => {
        const subscriptions = this.byTopic.get(subscription.topic);
        subscriptions?.delete(subscription);
        if (subscriptions?.size === 0) this.byTopic.delete(subscription.topic);
        this.woken.delete(subscription);
      },
    };
    broker.on("append", this.onAppend);
  }

  /** A client connected as `identity`; `outbox` sends to it (shared with group consumption on the same socket). */
  open(socket: WebSocket, outbox: SocketOutbox, identity: HttpIdentity): void {
    this.sessions.set(socket, new LiveSession(socket, outbox, this.context, identity));
    this.openSessions.set(this.sessions.size);
    this.keepAlive ??= setInterval(() => {
      for (const session of this.sessions.values()) session.heartbeat();
    }, this.limits.keepAliveMs).unref();
  }

  /** A client disconnected (or was closed). */
  close(socket: WebSocket): void {
    this.sessions.get(socket)?.dispose();
    this.sessions.delete(socket);
    this.openSessions.set(this.sessions.size);
    if (this.sessions.size === 0) {
      clearInterval(this.keepAlive);
      this.keepAlive = undefined;
    }
  }

  onModuleDestroy(): void {
    this.broker.off("append", this.onAppend);
    clearInterval(this.keepAlive);
    for (const session of this.sessions.values()) session.dispose();
  }
}
