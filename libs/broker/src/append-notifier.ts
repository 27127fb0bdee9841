import type { Broker } from "./broker.js";
import type { AppendEvent } from "./broker-types.js";

/**
 * Long polls without polling: one listener on the broker's `append` event wakes every reader waiting for new
 * records in a topic, instead of each reader adding its own listener.
 */
export class AppendNotifier {
  private readonly waiters = new Map<string, Set<() => void>>();
  private readonly onAppend = (event: Pick<AppendEvent, "topic">): void => {
    const waiting = this.waiters.get(event.topic);
    if (!waiting) return;
    this.waiters.delete(event.topic);
    for (const wake of waiting) wake();
  };

  constructor(private readonly broker: Broker) {
    broker.on("append", this.onAppend);
    // In a cluster, records become readable when the high watermark passes them, not when they are appended.
    broker.on("highWatermark", this.onAppend);
  }

  /** Resolves when any of these topics gets records, `wake` is called, or at the deadline (epoch ms). */
  waitForAppend(topics: Iterable<string>, deadline: number): { promise: Promise<void>; wake: () => void } {
    let wake!: () => void;
    const promise = new Promise<void>((resolve) => {
      const chosen = [...new Set(topics)];
      const timer = setTimeout(() => wake(), Math.max(0, deadline - Date.now()));
      wake = () => {
        clearTimeout(timer);
        for (const topic of chosen) this.waiters.get(topic)?.delete(wake);
        resolve();
      };
      for (const topic of chosen) {
        let set = this.waiters.get(topic);
        if (!set) this.waiters.set(topic, (set = new Set()));
        set.add(wake);
      }
    });
    return { promise, wake };
  }

  close(): void {
    this.broker.off("append", this.onAppend);
    this.broker.off("highWatermark", this.onAppend);
    for (const waiting of this.waiters.values()) for (const wake of waiting) wake();
    this.waiters.clear();
  }
}
