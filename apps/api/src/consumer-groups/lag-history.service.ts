import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from "@nestjs/common";
import { Broker, describeGroupLag, GroupCoordinator } from "@skein/broker";
import { Engine } from "../engine/engine.js";
import { LagSampleStore } from "./lag-sample-store.js";

/** One sample of a group's lag. */
export interface LagSample {
  timestamp: number;
  totalLag: number;
  /** Lag per topic. */
  topics: Record<string, number>;
}

/** How often lag is sampled (SKEIN_LAG_SAMPLE_INTERVAL_MS, default 5000) and how long samples are kept (24 h). */
export const DEFAULT_LAG_SAMPLE_INTERVAL_MS = 5000;
export const LAG_HISTORY_RETENTION_MS = 24 * 60 * 60 * 1000;

/** How long a shutdown waits for the last round of samples to be stored. */
const SHUTDOWN_WRITE_WAIT_MS = 2000;
/** How often samples older than the retention are deleted from the metadata database. */
const PRUNE_INTERVAL_MS = 10 * 60 * 1000;

/**
 * Lag over time, which the group coordinator alone cannot tell: every interval it samples the lag of every group
 * (live members or not) and keeps 24 hours of samples, in memory for reading and in the metadata database
 * (`lag_samples`) so a restart keeps the history. A deleted group's history goes with it. A database that fails
 * costs only persistence: sampling goes on in memory and the failure is logged.
 */
@Injectable()
export class LagHistoryService implements OnModuleInit, OnModuleDestroy {
  readonly intervalMs: number;
  private readonly logger = new Logger("LagHistory");
  private readonly history = new Map<string, LagSample[]>();
  private readonly store: LagSampleStore;
  private timer: NodeJS.Timeout | null = null;
  private writing: Promise<void> = Promise.resolve();
  private lastPruneAt = 0;

  constructor(
    engine: Engine,
    private readonly broker: Broker,
    private readonly coordinator: GroupCoordinator,
  ) {
    const configured = Number(process.env.SKEIN_LAG_SAMPLE_INTERVAL_MS);
    this.intervalMs = Number.isInteger(configured) && configured > 0 ? configured : DEFAULT_LAG_SAMPLE_INTERVAL_MS;
    this.store = LagSampleStore.open(engine.database);
  }

  /** Reads back the last 24 hours of samples, then starts sampling. */
  async onModuleInit(): Promise<void> {
    try {
      const now = Date.now();
      const live = new Set(this.coordinator.listGroups().map((g) => g.groupId));
      const gone: string[] = [];
      for (const [groupId, samples] of await this.store.since(now - LAG_HISTORY_RETENTION_MS)) {
        if (live.has(groupId)) this.history.set(groupId, samples);
        else gone.push(groupId);
      }
      // Groups deleted while their last samples were being written: their history goes now.
      await this.store.prune(now - LAG_HISTORY_RETENTION_MS, gone);
      this.lastPruneAt = now;
    } catch (error) {
      this.logger.warn(`The lag history could not be read back from the metadata database; it starts empty: ${(error as Error).message}`);
    }
    this.timer = setInterval(() => this.sample(), this.intervalMs).unref();
  }

  /** Samples every group now (the timer calls it). */
  sample(now = Date.now()): void {
    const round: { groupId: string; sample: LagSample }[] = [];
    const live = new Set<string>();
    for (const { groupId } of this.coordinator.listGroups()) {
      live.add(groupId);
      try {
        const lag = describeGroupLag(this.broker, this.coordinator, groupId);
        const samples = this.history.get(groupId) ?? [];
        const sample = { timestamp: now, totalLag: lag.totalLag, topics: Object.fromEntries(lag.topics.map((t) => [t.topic, t.totalLag])) };
        samples.push(sample);
        round.push({ groupId, sample });
        let expired = 0;
        while (expired < samples.length && samples[expired]!.timestamp < now - LAG_HISTORY_RETENTION_MS) expired++;
        if (expired > 0) samples.splice(0, expired);
        this.history.set(groupId, samples);
      } catch (error) {
        this.logger.warn(`Sampling the lag of group ${groupId} failed: ${(error as Error).message}`);
      }
    }
    const deleted = [...this.history.keys()].filter((groupId) => !live.has(groupId));
    for (const groupId of deleted) this.history.delete(groupId);
    this.persist(round, deleted, now);
  }

  /** Writes a round of samples after the previous one, and prunes old samples and deleted groups' now and then. */
  private persist(round: { groupId: string; sample: LagSample }[], deleted: string[], now: number): void {
    const prune = deleted.length > 0 || now - this.lastPruneAt >= PRUNE_INTERVAL_MS;
    if (prune) this.lastPruneAt = now;
    this.writing = this.writing
      .then(async () => {
        await this.store.append(round);
        if (prune) await this.store.prune(now - LAG_HISTORY_RETENTION_MS, deleted);
      })
      .catch((error: unknown) => this.logger.warn(`Storing lag samples failed (the history in memory goes on): ${(error as Error).message}`));
  }

  /** The samples of the last `minutes`, oldest first. */
  samples(groupId: string, minutes: number, now = Date.now()): LagSample[] {
    const since = now - minutes * 60_000;
    return (this.history.get(groupId) ?? []).filter((s) => s.timestamp >= since);
  }

  async onModuleDestroy(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    // The last round is worth a short wait, not a shutdown held up by a database that does not answer.
    let timeout: NodeJS.Timeout | undefined;
    await Promise.race([this.writing, new Promise((resolve) => (timeout = setTimeout(resolve, SHUTDOWN_WRITE_WAIT_MS)))]);
    clearTimeout(timeout);
    await this.store.close().catch(() => undefined);
  }
}
