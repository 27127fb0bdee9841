import type { Logger } from "../broker-types.js";

/** A topic whose logs are gone but whose deletion the metadata store has not recorded yet (its write failed). */
export interface PendingDeletion {
  name: string;
  topicId: string;
  partitions: number;
  /** The store's last error. */
  error: string;
}

const FIRST_RETRY_MS = 1_000;
const MAX_RETRY_MS = 60_000;

/**
 * Topic deletions the metadata store still has to record. The logs of such a topic were already deleted (their
 * emptied `-delete` directories stay as markers, so a restart completes the deletion either way); the store's write
 * is retried in the background with a growing backoff until it succeeds, or until a new topic of the same name
 * replaces the old one in the store (which records the deletion too).
 */
export class PendingDeletions {
  private readonly pending = new Map<string, PendingDeletion>();
  private timer: NodeJS.Timeout | null = null;
  private backoffMs = FIRST_RETRY_MS;

  constructor(
    /** Records one deletion in the store (under the broker's admin lock); throws when the store fails again. */
    private readonly retry: (deletion: PendingDeletion) => Promise<void>,
    private readonly logger: Logger,
  ) {}

  add(deletion: PendingDeletion): void {
    this.pending.set(deletion.name, deletion);
    this.logger.warn(
      `Topic ${deletion.name} was deleted from disk, but the metadata store could not record it (${deletion.error}); retrying in the background (a restart also completes it).`,
    );
    this.schedule();
  }

  /** The deletion pending for `name`, if any. */
  get(name: string): PendingDeletion | undefined {
    return this.pending.get(name);
  }

  /** Forgets the deletion of `name` (it was recorded, or a new topic of that name replaced it in the store). */
  settle(name: string): void {
    this.pending.delete(name);
    if (this.pending.size === 0) this.backoffMs = FIRST_RETRY_MS;
  }

  list(): PendingDeletion[] {
    return [...this.pending.values()];
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private schedule(): void {
    if (this.timer || this.pending.size === 0) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.retryAll();
    }, this.backoffMs);
    this.timer.unref();
  }

  private async retryAll(): Promise<void> {
    for (const deletion of [...this.pending.values()]) {
      try {
        await this.retry(deletion);
        this.logger.info(`The metadata store recorded the deletion of topic ${deletion.name}.`);
        this.settle(deletion.name);
      } catch (err) {
        deletion.error = (err as Error).message;
      }
    }
    this.backoffMs = Math.min(MAX_RETRY_MS, this.backoffMs * 2);
    this.schedule();
  }
}
