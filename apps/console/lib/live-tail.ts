/**
 * The live-tail WebSocket (`/ws`): subscribes to a topic from the latest offset and hands over record batches.
 * Reconnects with backoff and resubscribes; the caller only sees status changes and records.
 */
import { webSocketUrl } from "./api";
import type { WireRecord } from "./display-record";

export type TailStatus = "connecting" | "live" | "reconnecting" | "error" | "closed";

export interface TailSubscription {
  topic: string;
  /** Omit for every partition. */
  partitions?: number[];
}

export interface TailHandlers {
  onRecords: (records: WireRecord[]) => void;
  onStatus: (status: TailStatus, message?: string) => void;
}

type ServerFrame =
  | { type: "subscribed"; id: string }
  | { type: "records"; id: string; records: WireRecord[] }
  | { type: "error"; id?: string; error_code: number; message: string }
  | { type: "pong" };

/** One live-tail connection for one subscription; `close()` ends it for good. */
export class LiveTail {
  private socket: WebSocket | null = null;
  private closed = false;
  private attempt = 0;
  private pingTimer: ReturnType<typeof setInterval> | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly id = `tail-${Math.random().toString(36).slice(2, 10)}`;

  constructor(
    private readonly subscription: TailSubscription,
    private readonly handlers: TailHandlers,
  ) {
    this.connect();
  }

  close(): void {
    this.closed = true;
    if (this.pingTimer) clearInterval(this.pingTimer);
    if (this.retryTimer) clearTimeout(this.retryTimer);
    const socket = this.socket;
    this.socket = null;
    if (socket?.readyState === WebSocket.OPEN) {
      socket.send(JSON.stringify({ type: "unsubscribe", id: this.id }));
      socket.close();
    } else if (socket?.readyState === WebSocket.CONNECTING) {
      // Closing a socket mid-handshake logs a browser error; let it open, then close it.
      socket.onopen = () => socket.close();
    }
    this.handlers.onStatus("closed");
  }

  private connect(): void {
    this.handlers.onStatus(this.attempt === 0 ? "connecting" : "reconnecting");
    let socket: WebSocket;
    try {
      socket = new WebSocket(webSocketUrl());
    } catch (e) {
      this.handlers.onStatus("error", (e as Error).message);
      return;
    }
    this.socket = socket;
    socket.onopen = () => {
      this.attempt = 0;
      socket.send(JSON.stringify({ type: "subscribe", id: this.id, topic: this.subscription.topic, ...(this.subscription.partitions && { partitions: this.subscription.partitions }), from: "latest" }));
      this.pingTimer = setInterval(() => socket.readyState === WebSocket.OPEN && socket.send(JSON.stringify({ type: "ping" })), 20_000);
    };
    socket.onmessage = (event) => this.receive(String(event.data));
    socket.onclose = () => {
      if (this.pingTimer) clearInterval(this.pingTimer);
      if (this.closed || this.socket !== socket) return;
      this.attempt++;
      const delay = Math.min(10_000, 500 * 2 ** Math.min(this.attempt, 5));
      this.handlers.onStatus("reconnecting", `Connection lost; retrying in ${Math.round(delay / 1000)} s`);
      this.retryTimer = setTimeout(() => this.connect(), delay);
    };
  }

  private receive(text: string): void {
    let frame: ServerFrame;
    try {
      frame = JSON.parse(text) as ServerFrame;
    } catch {
      return;
    }
    if (frame.type === "subscribed" && frame.id === this.id) this.handlers.onStatus("live");
    else if (frame.type === "records" && frame.id === this.id) this.handlers.onRecords(frame.records);
    else if (frame.type === "error" && (frame.id === undefined || frame.id === this.id)) this.handlers.onStatus("error", `${frame.message} (${frame.error_code})`);
  }
}
