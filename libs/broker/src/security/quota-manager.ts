import { EventEmitter } from "node:events";
import type { Logger } from "../broker-types.js";
import { systemClock, type Clock } from "../clock.js";
import { InvalidRequestError, KafkaError, UnknownServerError } from "../errors.js";
import {
  checkQuotaAlteration,
  formatQuotaEntity,
  quotaEntityKey,
  quotaEntityMatches,
  type ClientQuotaAlteration,
  type ClientQuotaEntry,
  type ClientQuotaEntity,
  type ClientQuotaFilter,
  type QuotaKey,
} from "./client-quota.js";
import type { KafkaPrincipal } from "./principal.js";
import type { QuotaStore } from "./quota-store.js";
import { SampledRate } from "./sampled-rate.js";

export interface QuotaManagerOptions {
  /** Kafka's `quota.window.num`: samples the rates are measured over (default 11). */
  numSamples?: number;
  /** Kafka's `quota.window.size.seconds` in milliseconds (default 1000). */
  windowMs?: number;
  clock?: Clock;
  logger?: Logger;
}

/** Rates nothing was recorded against for this long are forgotten (Kafka expires quota sensors after an hour). */
const IDLE_RATE_EXPIRY_MS = 3_600_000;

/**
 * Kafka's client quota managers (`ClientQuotaManager` and its default quota callback) for every quota key at once.
 * A client is identified by its principal's name and its client id; for each key the most specific quota wins, in
 * Kafka's order: user and client id, user and default client id, user, default user and client id, default user and
 * default client id, default user, client id, default client id. Usage is measured against the entity that quota
 * belongs to — a user quota is shared by every client of that user, a default-user quota applies to each user apart —
 * over `numSamples` windows, and a client over its quota is told to wait as long as it takes its rate to fall back
 * to the quota: (rate - quota) / quota × the measured window.
 */
export class QuotaManager extends EventEmitter<{ change: [] }> {
  private entries = new Map<string, ClientQuotaEntry>();
  private readonly rates = new Map<string, SampledRate>();
  private readonly numSamples: number;
  private readonly windowMs: number;
  private readonly clock: Clock;
  private lastSweepMs = 0;
  private unwatch: (() => void) | undefined;
  private mutations: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly store: QuotaStore,
    options: QuotaManagerOptions,
  ) {
    super();
    this.numSamples = options.numSamples ?? 11;
    this.windowMs = options.windowMs ?? 1000;
    this.clock = options.clock ?? systemClock;
  }

  /** Loads every quota from `store` and follows its changes. */
  static async open(store: QuotaStore, options: QuotaManagerOptions = {}): Promise<QuotaManager> {
    const manager = new QuotaManager(store, options);
    manager.index(await store.load());
    manager.unwatch = store.watch?.(() => {
      manager.reload().catch((error: Error) => options.logger?.warn(`Reloading client quotas failed: ${error.message}`));
    });
    return manager;
  }

  /** Whether any entity has a quota for `key` (nothing is measured otherwise). */
  enabled(key: QuotaKey): boolean {
    for (const entry of this.entries.values()) if (entry.quotas[key] !== undefined) return true;
    return false;
  }

  /** The quota that applies to the client for `key`, and the entity it belongs to; null when none does. */
  quotaFor(key: QuotaKey, principal: KafkaPrincipal, clientId: string): { limit: number; entity: ClientQuotaEntity } | null {
    const { user, client } = this.metricTags(key, principal.name, clientId);
    const candidates: ClientQuotaEntity[] =
      user !== "" && client !== ""
        ? [{ user, "client-id": client }, { user, "client-id": null }, { user: null, "client-id": client }, { user: null, "client-id": null }]
        : user !== ""
          ? [{ user }, { user: null }]
          : [{ "client-id": client }, { "client-id": null }];
    for (const entity of candidates) {
      const limit = this.entries.get(quotaEntityKey(entity))?.quotas[key];
      if (limit !== undefined) return { limit, entity };
    }
    return null;
  }

  /**
   * Records `value` (bytes, partitions, or request time in percent-seconds) against the client's quota for `key` and
   * returns how long it must be throttled, in milliseconds (0 when within its quota or without one).
   */
  recordAndGetThrottleTimeMs(key: QuotaKey, principal: KafkaPrincipal, clientId: string, value: number): number {
    const quota = this.quotaFor(key, principal, clientId);
    if (quota === null) return 0;
    const now = this.clock.now();
    const rate = this.rate(key, principal.name, clientId, now);
    rate.record(value, now);
    return this.throttleTime(rate, quota.limit, now);
  }

  /** How long the client would be throttled for `key` now, without recording anything. */
  throttleTimeMs(key: QuotaKey, principal: KafkaPrincipal, clientId: string): number {
    const quota = this.quotaFor(key, principal, clientId);
    if (quota === null) return 0;
    const now = this.clock.now();
    return this.throttleTime(this.rate(key, principal.name, clientId, now), quota.limit, now);
  }

  /** Takes back a value recorded for a request that was then answered empty (a throttled Fetch, as Kafka does). */
  unrecord(key: QuotaKey, principal: KafkaPrincipal, clientId: string, value: number): void {
    if (this.quotaFor(key, principal, clientId) === null) return;
    const now = this.clock.now();
    this.rate(key, principal.name, clientId, now).record(-value, now);
  }

  /** The most that can be recorded at once without certain throttling (Kafka bounds a Fetch's size by it). */
  maxValueInQuotaWindow(key: QuotaKey, principal: KafkaPrincipal, clientId: string): number {
    const quota = this.quotaFor(key, principal, clientId);
    return quota === null ? Number.MAX_SAFE_INTEGER : (quota.limit * (this.numSamples - 1) * this.windowMs) / 1000;
  }

  /** The quota window in milliseconds (request_percentage throttles are bounded by it, as in Kafka). */
  get quotaWindowMs(): number {
    return this.windowMs;
  }

  /** The entities `filter` selects, with their quotas (DescribeClientQuotas). */
  describeClientQuotas(filter: ClientQuotaFilter): ClientQuotaEntry[] {
    return [...this.entries.values()].filter((e) => quotaEntityMatches(filter, e.entity)).map((e) => structuredClone(e));
  }

  /**
   * Applies alterations (AlterClientQuotas): each is checked with Kafka's rules, the valid ones are stored together
   * unless `validateOnly`, and the answer has one entry per alteration, null for success or the error.
   */
  alterClientQuotas(alterations: readonly ClientQuotaAlteration[], validateOnly = false): Promise<(KafkaError | null)[]> {
    return this.serialize(async () => {
      const seen = new Set<string>();
      const results = alterations.map((alteration): KafkaError | null => {
        const key = quotaEntityKey(alteration.entity);
        if (seen.has(key)) return new InvalidRequestError(`Ignoring duplicate entity ${formatQuotaEntity(alteration.entity)}`);
        seen.add(key);
        return checkQuotaAlteration(alteration);
      });
      const valid = alterations.filter((_, i) => results[i] === null);
      if (validateOnly || valid.length === 0) return results;
      const changes = valid.map((a) => ({ entity: a.entity, changes: a.changes.map((c) => ({ key: c.key as QuotaKey, value: c.value })) }));
      try {
        await this.store.alter(changes);
      } catch (error) {
        const failure = error instanceof KafkaError ? error : new UnknownServerError((error as Error).message);
        return results.map((r) => r ?? failure);
      }
      const next = new Map([...this.entries].map(([k, e]) => [k, structuredClone(e)]));
      for (const change of changes) {
        const key = quotaEntityKey(change.entity);
        const entry = next.get(key) ?? { entity: structuredClone(change.entity), quotas: {} };
        for (const { key: quotaKey, value } of change.changes) {
          if (value === null) delete entry.quotas[quotaKey];
          else entry.quotas[quotaKey] = value;
        }
        if (Object.keys(entry.quotas).length === 0) next.delete(key);
        else next.set(key, entry);
      }
      this.entries = next;
      this.emit("change");
      return results;
    });
  }

  /** Reads every quota from the store again. */
  reload(): Promise<void> {
    return this.serialize(async () => {
      this.index(await this.store.load());
      this.emit("change");
    });
  }

  /** Stops following the store. */
  close(): void {
    this.unwatch?.();
    this.unwatch = undefined;
  }

  /** Kafka's `quotaMetricTags`: which (user, client id) pair the client's usage is measured as, for `key`. */
  private metricTags(key: QuotaKey, user: string, clientId: string): { user: string; client: string } {
    const has = (entity: ClientQuotaEntity) => this.entries.get(quotaEntityKey(entity))?.quotas[key] !== undefined;
    if (has({ user, "client-id": clientId }) || has({ user, "client-id": null })) return { user, client: clientId };
    if (has({ user })) return { user, client: "" };
    if (has({ user: null, "client-id": clientId }) || has({ user: null, "client-id": null })) return { user, client: clientId };
    if (has({ user: null })) return { user, client: "" };
    return { user: "", client: clientId };
  }

  private rate(key: QuotaKey, user: string, clientId: string, now: number): SampledRate {
    if (now - this.lastSweepMs > 60_000) {
      this.lastSweepMs = now;
      for (const [id, rate] of this.rates) if (now - rate.lastRecordMs > IDLE_RATE_EXPIRY_MS) this.rates.delete(id);
    }
    const tags = this.metricTags(key, user, clientId);
    const id = `${key}\u0000${tags.user}\u0000${tags.client}`;
    let rate = this.rates.get(id);
    if (rate === undefined) this.rates.set(id, (rate = new SampledRate(this.numSamples, this.windowMs)));
    return rate;
  }

  private throttleTime(rate: SampledRate, limit: number, now: number): number {
    const value = rate.measure(now);
    if (value <= limit) return 0;
    return Math.round(((value - limit) / limit) * rate.windowSizeMs(now));
  }

  private index(entries: readonly ClientQuotaEntry[]): void {
    this.entries = new Map(entries.map((e) => [quotaEntityKey(e.entity), structuredClone(e)]));
  }

  private serialize<T>(change: () => Promise<T>): Promise<T> {
    const next = this.mutations.then(change, change);
    this.mutations = next.catch(() => undefined);
    return next;
  }
}
