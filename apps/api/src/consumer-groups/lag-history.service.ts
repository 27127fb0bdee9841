import { Injectable, Logger, type OnModuleDestroy } from "@nestjs/common";
import { Broker, describeGroupLag, GroupCoordinator } from "@skein/broker";

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

/**
 * Lag over time, which the group coordinator alone cannot tell: every interval it samples the lag of every group
 * (live members or not) and keeps 24 hours of samples in memory. A deleted group's history goes with it.
 */
@Injectable()
export class LagHistoryService implements OnModuleDestroy {
  readonly intervalMs: number;
  private readonly logger = new Logger("LagHistory");
  private readonly history = new Map<string, LagSample[]>();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly broker: Broker,
    private readonly coordinator: GroupCoordinator,
  ) {
    const configured = Number(process.env.SKEIN_LAG_SAMPLE_INTERVAL_MS);
    this.intervalMs = Number.isInteger(configured) && configured > 0 ? configured : DEFAULT_LAG_SAMPLE_INTERVAL_MS;
    this.timer = setInterval(() => this.sample(), this.intervalMs).unref();
  }

  /** Samples every group now (the timer calls it). */
  sample(now = Date.now()): void {
    const live = new Set<string>();
    for (const { groupId } of this.coordinator.listGroups()) {
      live.add(groupId);
      try {
        const lag = describeGroupLag(this.broker, this.coordinator, groupId);
        const samples = this.history.get(groupId) ?? [];
        samples.push({ timestamp: now, totalLag: lag.totalLag, topics: Object.fromEntries(lag.topics.map((t) => [t.topic, t.totalLag])) });
        let expired = 0;
        while (expired < samples.length && samples[expired]!.timestamp < now - LAG_HISTORY_RETENTION_MS) expired++;
        if (expired > 0) samples.splice(0, expired);
        this.history.set(groupId, samples);
      } catch (error) {
        this.logger.warn(`Sampling the lag of group ${groupId} failed: ${(error as Error).message}`);
      }
    }
    for (const groupId of [...this.history.keys()]) if (!live.has(groupId)) this.history.delete(groupId);
  }

  /** The samples of the last `minutes`, oldest first. */
  samples(groupId: string, minutes: number, now = Date.now()): LagSample[] {
    const since = now - minutes * 60_000;
    return (this.history.get(groupId) ?? []).filter((s) => s.timestamp >= since);
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }
}
