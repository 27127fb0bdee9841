import type { Logger } from "../../broker-types.js";
import type { Clock } from "../../clock.js";
import type { Log } from "../log.js";

/**
 * Kafka's `PeriodicProducerExpirationCheck`: every `producer.id.expiration.check.interval.ms` each partition forgets
 * the idempotent producers that have not written for `producer.id.expiration.ms` (read at each run, as it is a
 * dynamic config).
 */
export class ProducerExpiration {
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly logs: () => Iterable<Log>,
    private readonly clock: Clock,
    private readonly intervalMs: number,
    private readonly expirationMs: () => number,
    private readonly logger: Logger,
  ) {}

  start(): void {
    this.timer = setInterval(() => this.runOnce(), this.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Runs one check over every log; returns how many producer ids were forgotten. */
  runOnce(): number {
    const now = this.clock.now();
    const expirationMs = this.expirationMs();
    let removed = 0;
    for (const log of this.logs()) {
      if (log.isClosed) continue;
      const count = log.removeExpiredProducers(now, expirationMs);
      if (count > 0) this.logger.info(`${log.name}: forgot ${count} producer id(s) idle for ${expirationMs} ms (producer.id.expiration.ms)`);
      removed += count;
    }
    return removed;
  }
}
