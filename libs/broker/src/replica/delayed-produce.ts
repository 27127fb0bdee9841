import type { Partition } from "../cluster/partition.js";
import { RequestTimedOutError, type KafkaError } from "../errors.js";

interface Waiter {
  requiredOffset: number;
  resolve: () => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

/**
 * Kafka's delayed-produce purgatory: an acks=all append waits here until the partition's high watermark passes its
 * last offset — every ISR member has it on disk — and fails with REQUEST_TIMED_OUT after the request's timeout, or
 * with the leader's error when this broker stops leading the partition (never acknowledged then).
 */
export class DelayedProducePurgatory {
  private readonly waiting = new Map<Partition, Waiter[]>();

  /** Resolves once `partition`'s high watermark reaches `requiredOffset`. */
  watch(partition: Partition, requiredOffset: number, timeoutMs: number): Promise<void> {
    if (partition.log.highWatermark >= requiredOffset) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        requiredOffset,
        resolve,
        reject,
        timer: setTimeout(() => {
          this.remove(partition, waiter);
          reject(new RequestTimedOutError(`Timed out after ${timeoutMs} ms waiting for the in-sync replicas of ${partition.topic}-${partition.partition} to replicate offset ${requiredOffset - 1}.`));
        }, Math.max(0, timeoutMs)),
      };
      waiter.timer.unref();
      let list = this.waiting.get(partition);
      if (!list) this.waiting.set(partition, (list = []));
      list.push(waiter);
    });
  }

  /** Completes the waits the partition's high watermark now satisfies. */
  checkAndComplete(partition: Partition): void {
    const list = this.waiting.get(partition);
    if (!list) return;
    const hw = partition.logIfOnline?.highWatermark ?? -1;
    const remaining = list.filter((w) => {
      if (w.requiredOffset > hw) return true;
      clearTimeout(w.timer);
      w.resolve();
      return false;
    });
    if (remaining.length > 0) this.waiting.set(partition, remaining);
    else this.waiting.delete(partition);
  }

  /** Fails every wait on the partition (it lost leadership, or was deleted). */
  failAll(partition: Partition, error: KafkaError): void {
    const list = this.waiting.get(partition);
    if (!list) return;
    this.waiting.delete(partition);
    for (const w of list) {
      clearTimeout(w.timer);
      w.reject(error);
    }
  }

  /** Fails every wait (shutdown). */
  close(error: KafkaError): void {
    for (const partition of [...this.waiting.keys()]) this.failAll(partition, error);
  }

  private remove(partition: Partition, waiter: Waiter): void {
    const list = this.waiting.get(partition);
    if (!list) return;
    const index = list.indexOf(waiter);
    if (index >= 0) list.splice(index, 1);
    if (list.length === 0) this.waiting.delete(partition);
  }
}
