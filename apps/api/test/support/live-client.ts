import { WebSocket } from "ws";

/** A frame the server sent on `/ws`. */
export type Frame = Record<string, unknown> & { type: string };

/** A real `ws` client for `/ws` that keeps every frame it receives and waits for the ones a test expects. */
export class LiveClient {
  readonly frames: Frame[] = [];
  private waiters: (() => void)[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;

  private constructor(readonly socket: WebSocket) {
    socket.on("message", (data) => {
      this.frames.push(JSON.parse(data.toString()) as Frame);
      this.notify();
    });
    this.closed = new Promise((resolve) => socket.on("close", (code, reason) => resolve({ code, reason: reason.toString() })));
  }

  /** Connects to `/ws`, with the upgrade's extra headers (credentials, a cookie, an Origin) when given. */
  static async connect(baseUrl: string, headers?: Record<string, string>): Promise<LiveClient> {
    const socket = new WebSocket(`${baseUrl.replace(/^http/, "ws")}/ws`, headers === undefined ? undefined : { headers });
    await new Promise<void>((resolve, reject) => {
      socket.once("open", () => resolve());
      socket.once("error", reject);
    });
    return new LiveClient(socket);
  }

  send(frame: object): void {
    this.socket.send(JSON.stringify(frame));
  }

  /** The first frame (from `from` on) that matches, waiting for it up to `timeoutMs`. */
  async next(match: (frame: Frame) => boolean, timeoutMs = 5000, from = 0): Promise<Frame> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.frames.slice(from).find(match);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`No matching frame within ${timeoutMs} ms; got ${JSON.stringify(this.frames.slice(-5))}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.max(0, deadline - Date.now()) + 1);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Sends a frame and waits for the answer carrying its id (or a pong). */
  async request(frame: { type: string; id?: string; [field: string]: unknown }, timeoutMs = 5000): Promise<Frame> {
    const from = this.frames.length;
    this.send(frame);
    const id = frame.id;
    return this.next((f) => (id === undefined ? f.type === "pong" || f.type === "error" : f.id === id), timeoutMs, from);
  }

  /** Every record pushed for a subscription so far, in arrival order. */
  records(subscriptionId: string): Record<string, unknown>[] {
    return this.frames.filter((f) => f.type === "records" && f.id === subscriptionId).flatMap((f) => f.records as Record<string, unknown>[]);
  }

  /** Waits until the subscription has received at least `count` records. */
  async waitForRecords(subscriptionId: string, count: number, timeoutMs = 10_000): Promise<Record<string, unknown>[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.records(subscriptionId).length < count) {
      if (Date.now() > deadline) throw new Error(`Only ${this.records(subscriptionId).length} of ${count} records arrived`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 50);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return this.records(subscriptionId);
  }

  close(): void {
    this.socket.close();
  }

  private notify(): void {
    const waiting = this.waiters;
    this.waiters = [];
    for (const wake of waiting) wake();
  }
}
