import { RequestTimedOutError } from "../errors.js";
import type { ClusterMetadata, MetadataStore, TopicMetadata } from "./metadata-store.js";

/**
 * A metadata store whose writes fail with REQUEST_TIMED_OUT when they do not settle within `timeoutMs`. Admin
 * operations run one at a time behind the broker's admin lock, so one store call that never answers (a database
 * client wedged after a failed rollback, a lost connection) would otherwise hold every later creation, deletion and
 * config change — and every produce that auto-creates a topic — until a restart. A write that times out may still
 * land later; start-up reconciliation makes the logs agree with whatever the store then holds.
 */
export class TimedMetadataStore implements MetadataStore {
  constructor(
    /** The store whose writes are timed. */
    readonly inner: MetadataStore,
    private readonly timeoutMs: number,
  ) {}

  load(): Promise<ClusterMetadata> {
    return this.inner.load();
  }

  saveClusterId(clusterId: string): Promise<void> {
    return this.timed("recording the cluster id", this.inner.saveClusterId(clusterId));
  }

  saveTopic(topic: TopicMetadata): Promise<void> {
    return this.timed(`recording topic ${topic.name}`, this.inner.saveTopic(topic));
  }

  deleteTopic(name: string): Promise<void> {
    return this.timed(`recording the deletion of topic ${name}`, this.inner.deleteTopic(name));
  }

  saveBrokerConfigs(configs: Record<string, string>): Promise<void> {
    return this.timed("recording the broker configs", this.inner.saveBrokerConfigs(configs));
  }

  close(): Promise<void> {
    return this.timed("closing", this.inner.close());
  }

  private timed<T>(what: string, call: Promise<T>): Promise<T> {
    if (!Number.isFinite(this.timeoutMs)) return call;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new RequestTimedOutError(`The metadata store did not finish ${what} within ${this.timeoutMs} ms (metadata.store.timeout.ms); the operation was not applied.`)),
        Math.min(this.timeoutMs, 2 ** 31 - 1),
      );
    });
    return Promise.race([call, timeout]).finally(() => clearTimeout(timer));
  }
}
