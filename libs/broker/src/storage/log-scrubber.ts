import { performance } from "node:perf_hooks";
import type { CorruptRange, Logger, ScrubberState } from "../broker-types.js";
import type { Clock } from "../clock.js";
import type { Log } from "./log.js";

export interface LogScrubberOptions {
  /** The logs to verify on each pass (the broker's open logs). */
  logs: () => Iterable<Log>;
  clock: Clock;
  logger: Logger;
  /** `log.scrubber.enable`: whether passes run in the background. */
  enabled: boolean;
  /** `log.scrubber.bytes.per.second`: the most bytes a pass reads per second. */
  bytesPerSecond: number;
  /** `log.scrubber.pass.interval.ms`: the least time from one pass's start to the next one's. */
  passIntervalMs: number;
}

/** What one pass verified and found. */
export interface ScrubPass {
  segmentsVerified: number;
  bytesVerified: number;
  corruptRanges: CorruptRange[];
  /** Whether the pass went through every closed segment (false: the scrubber was stopped). */
  completed: boolean;
}

class ScrubStopped extends Error {}

/**
 * Verifies the CRC32C of every closed segment in the background, at a low rate, so that bit rot is found — and
 * quarantined, as recovery and readers do — before a reader meets it. Reads go through the thread pool in chunks
 * of 1 MiB with a sleep after each to keep to `bytesPerSecond`, so produce and fetch never wait for it. The active
 * segment is left alone (it is being written; recovery and readers check it).
 */
export class LogScrubber {
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private stopping = false;
  private queue: Promise<unknown> = Promise.resolve();
  private bytesVerified = 0;
  private corruptionsFound = 0;
  private lastPassCompletedAt: number | null = null;
  /** Ends the pacing sleep of a running pass at once (on stop), so a slow rate never delays a shutdown. */
  private wake: (() => void) | null = null;

  constructor(private readonly options: LogScrubberOptions) {}

  /** Starts the background passes (when enabled); the first begins at once. */
  start(): void {
    if (!this.options.enabled || this.running) return;
    this.running = true;
    this.schedule(0);
  }

  /** Stops the passes; a running one stops at its next chunk. Resolves once it has. */
  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.stopping = true;
    this.wake?.();
    try {
      await this.queue;
    } finally {
      this.stopping = false;
    }
  }

  state(): ScrubberState {
    return {
      enabled: this.options.enabled,
      bytesPerSecond: this.options.bytesPerSecond,
      lastPassCompletedAt: this.lastPassCompletedAt,
      bytesVerified: this.bytesVerified,
      corruptionsFound: this.corruptionsFound,
    };
  }

  /** Runs one pass over every closed segment now (queued behind a running one), at `bytesPerSecond` unless given another rate. */
  runPass(bytesPerSecond = this.options.bytesPerSecond): Promise<ScrubPass> {
    const pass = this.queue.then(() => this.pass(bytesPerSecond));
    this.queue = pass.catch(() => undefined);
    return pass;
  }

  private schedule(delayMs: number): void {
    this.timer = setTimeout(() => {
      this.timer = null;
      const started = performance.now();
      this.runPass().then(
        () => undefined,
        (err: unknown) => this.options.logger.warn(`log scrubber pass failed: ${(err as Error).message}`),
      ).finally(() => {
        if (this.running && this.timer === null) this.schedule(Math.max(0, this.options.passIntervalMs - (performance.now() - started)));
      });
    }, Math.min(delayMs, 2 ** 31 - 1));
    this.timer.unref();
  }

  private async pass(bytesPerSecond: number): Promise<ScrubPass> {
    const result: ScrubPass = { segmentsVerified: 0, bytesVerified: 0, corruptRanges: [], completed: false };
    const started = performance.now();
    let bytesRead = 0;
    const pace = async (bytes: number): Promise<void> => {
      bytesRead += bytes;
      const due = started + (bytesRead / bytesPerSecond) * 1000;
      const wait = due - performance.now();
      if (!this.stopping) {
        await new Promise<void>((resolve) => {
          if (wait <= 1) return setImmediate(resolve);
          const timer = setTimeout(() => {
            this.wake = null;
            resolve();
          }, wait);
          this.wake = () => {
            clearTimeout(timer);
            this.wake = null;
            resolve();
          };
        });
      }
      if (this.stopping) throw new ScrubStopped();
    };
    try {
      for (const log of [...this.options.logs()]) {
        for (const segment of [...log.closedSegments()]) {
          if (log.isClosed || !log.closedSegments().includes(segment)) continue;
          const size = segment.size;
          const ranges = await log.checkSegment(segment, "scrubber", pace);
          result.segmentsVerified++;
          result.bytesVerified += size;
          this.bytesVerified += size;
          result.corruptRanges.push(...ranges);
          this.corruptionsFound += ranges.length;
        }
      }
      result.completed = true;
      this.lastPassCompletedAt = this.options.clock.now();
    } catch (err) {
      if (!(err instanceof ScrubStopped)) throw err;
    }
    return result;
  }
}
