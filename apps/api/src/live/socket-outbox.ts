import type { WebSocket } from "ws";
import { CLOSE_TOO_SLOW, type LiveLimits } from "./live-limits.js";

/** Every frame is JSON text, including those written into a buffer. */
const TEXT_FRAME = { binary: false } as const;

/**
 * What a `/ws` socket sends, with the slow-consumer policy every reader of the socket (live tail, group
 * consumption) shares. Frames go to the socket only while it holds less than `sendWindowBytes` unsent; the rest wait
 * here, in order. Readers stop reading from the log while the unsent bytes (here and in the socket) are above
 * `highWaterBytes` (`behind`) and resume once they fall to `lowWaterBytes` (`caughtUp`). A client that stays behind
 * for `stallTimeoutMs` is closed with 1008: the frames still waiting here are dropped, so the close frame goes out
 * right behind the little the socket holds, and a client that reads again receives it instead of a broken
 * connection (1006). ws then waits up to its close timeout (30 s) for the client's answer before it drops the socket.
 */
export class SocketOutbox {
  private readonly queue: (string | Buffer)[] = [];
  private queuedBytes = 0;
  private stallTimer: NodeJS.Timeout | undefined;
  private closing = false;
  private readonly caughtUpListeners = new Set<() => void>();
  private readonly closeListeners = new Set<() => void>();

  constructor(
    private readonly socket: WebSocket,
    private readonly limits: LiveLimits,
  ) {
    socket.once("close", () => this.closed());
  }

  /** Whether frames can still be sent (the socket is open and not being closed for slowness). */
  get isOpen(): boolean {
    return !this.closing && this.socket.readyState === this.socket.OPEN;
  }

  /** Bytes sent but not yet handed to the network: queued here, and buffered in the socket. */
  get unsentBytes(): number {
    return this.queuedBytes + this.socket.bufferedAmount;
  }

  /** Whether the client is behind: readers stop reading from the log until it catches up. */
  get behind(): boolean {
    return this.unsentBytes > this.limits.highWaterBytes;
  }

  /**
   * Sends a frame after those before it: an object as JSON, or JSON text already written into a buffer (sent as a
   * text frame). Dropped once the socket is closing.
   */
  send(frame: object | Buffer): void {
    if (!this.isOpen) return;
    const text = Buffer.isBuffer(frame) ? frame : JSON.stringify(frame);
    if (this.queue.length === 0 && this.socket.bufferedAmount < this.limits.sendWindowBytes) {
      this.socket.send(text, TEXT_FRAME, this.afterWrite);
    } else {
      this.queue.push(text);
      this.queuedBytes += text.length;
    }
    if (this.behind) this.stallTimer ??= setTimeout(this.closeTooSlow, this.limits.stallTimeoutMs);
  }

  /** Calls `listener` each time a client that was behind catches up. */
  onCaughtUp(listener: () => void): void {
    this.caughtUpListeners.add(listener);
  }

  /** Calls `listener` once when the socket closes or is being closed for slowness. */
  onClose(listener: () => void): void {
    this.closeListeners.add(listener);
  }

  /** Resolves once the client is no longer behind, or the socket closes. */
  caughtUp(): Promise<void> {
    if (!this.behind || !this.isOpen) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        this.caughtUpListeners.delete(done);
        this.closeListeners.delete(done);
        resolve();
      };
      this.caughtUpListeners.add(done);
      this.closeListeners.add(done);
    });
  }

  /** Called as each frame reaches the network: moves waiting frames into the socket's window, and ends a stall. */
  private readonly afterWrite = (): void => {
    while (this.queue.length > 0 && this.isOpen && this.socket.bufferedAmount < this.limits.sendWindowBytes) {
      const text = this.queue.shift()!;
      this.queuedBytes -= text.length;
      this.socket.send(text, TEXT_FRAME, this.afterWrite);
    }
    if (this.stallTimer !== undefined && this.unsentBytes <= this.limits.lowWaterBytes) {
      clearTimeout(this.stallTimer);
      this.stallTimer = undefined;
      for (const listener of [...this.caughtUpListeners]) listener();
    }
  };

  private readonly closeTooSlow = (): void => {
    this.stallTimer = undefined;
    if (!this.isOpen) return;
    const { highWaterBytes, stallTimeoutMs } = this.limits;
    this.queue.length = 0;
    this.queuedBytes = 0;
    this.closed();
    this.socket.close(CLOSE_TOO_SLOW, `Too slow: over ${highWaterBytes} bytes unsent for ${stallTimeoutMs} ms`);
  };

  private closed(): void {
    if (this.closing) return;
    this.closing = true;
    clearTimeout(this.stallTimer);
    this.stallTimer = undefined;
    for (const listener of [...this.closeListeners]) listener();
    this.closeListeners.clear();
    this.caughtUpListeners.clear();
  }
}
