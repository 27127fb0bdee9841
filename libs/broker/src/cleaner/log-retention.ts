import type { Logger } from "../broker-types.js";
import type { Clock } from "../clock.js";
import type { Log, SegmentDeletion } from "../storage/log.js";

/**
 * The retention check Kafka's LogManager schedules every `log.retention.check.interval.ms`: each log deletes the
 * closed segments its retention limits no longer cover. Config changes apply from the next check.
 */
export class LogRetention {
  private timer: NodeJS.Timeout | null = null;
  private lastRun: number | null = null;
  private nextRun: number | null = null;

  constructor(
    private readonly logs: () => Iterable<Log>,
    private readonly clock: Clock,
    private readonly intervalMs: number,
    private readonly logger: Logger,
    /** Called after a check that deleted segments (their files go in the background). */
    private readonly onDeleted: () => void = () => undefined,
  ) {}

  start(): void {
    this.nextRun = this.clock.now() + this.intervalMs;
    this.timer = setInterval(() => this.runOnce(), this.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Runs one retention check over every log; returns what it deleted, per log. */
  runOnce(): Map<Log, SegmentDeletion[]> {
    const deleted = new Map<Log, SegmentDeletion[]>();
    for (const log of this.logs()) {
      try {
        const gone = log.deleteOldSegments();
        if (gone.length === 0) continue;
        deleted.set(log, gone);
        for (const d of gone) {
          this.logger.info(
            `${log.name}: deleted segment ${d.baseOffset} (offsets ${d.baseOffset}..${d.lastOffset ?? "-"}, ${d.sizeBytes} bytes) because of ${describeReason(d, log)}; log start offset is now ${log.logStartOffset}`,
          );
        }
      } catch (err) {
        this.logger.warn(`${log.name}: retention check failed: ${(err as Error).message}`);
      }
    }
    this.lastRun = this.clock.now();
    this.nextRun = this.lastRun + this.intervalMs;
    if (deleted.size > 0) this.onDeleted();
    return deleted;
  }

  /** When the last check ran and when the next one is due (epoch ms), for the admin API and the console. */
  get schedule(): { lastRunAt: number | null; nextRunAt: number | null; intervalMs: number } {
    return { lastRunAt: this.lastRun, nextRunAt: this.nextRun, intervalMs: this.intervalMs };
  }
}

function describeReason(deletion: SegmentDeletion, log: Log): string {
  switch (deletion.reason) {
    case "retention.ms":
      return `retention.ms=${log.config.retentionMs}: its newest record (${new Date(deletion.maxTimestamp ?? 0).toISOString()}) is older than that`;
    case "retention.bytes":
      return `retention.bytes=${log.config.retentionBytes}: the partition was larger`;
    case "log-start-offset":
      return `the log start offset moved past it (DeleteRecords)`;
  }
}
