import { Injectable } from "@nestjs/common";
import type { OrderCreated } from "./orders.js";

/** Counts the events the handler received, so that main can stop once it has them all. */
@Injectable()
export class ReceivedOrders {
  private readonly ids = new Set<number>();
  private waiting: { count: number; resolve: () => void } | null = null;

  add(order: OrderCreated): void {
    this.ids.add(order.orderId);
    if (this.waiting && this.ids.size >= this.waiting.count) this.waiting.resolve();
  }

  /** Resolves once `count` distinct orders have arrived. */
  waitFor(count: number): Promise<void> {
    if (this.ids.size >= count) return Promise.resolve();
    return new Promise((resolve) => (this.waiting = { count, resolve }));
  }
}
