import type { Socket } from "node:net";
import { ANONYMOUS, type KafkaPrincipal } from "../security/principal.js";
import { FrameReader, FrameSizeError } from "./frame-reader.js";

/** A response's bytes without the size prefix, as chunks so that record data is written without copying. */
export interface ResponseBytes {
  chunks: Buffer[];
  length: number;
  /** Close the connection once this response is written (a failed authentication, as Kafka does). */
  closeAfter?: boolean;
  /** Stop reading the client's requests for this long once it is written (a throttled client: Kafka mutes its channel). */
  throttleMs?: number;
}

/** Kafka's security protocols: how a listener encrypts (SSL) and authenticates (SASL). */
export type SecurityProtocol = "PLAINTEXT" | "SSL" | "SASL_PLAINTEXT" | "SASL_SSL";

/** Who is on the other end of a connection: what request handlers may use (client host, principal, logging). */
export interface ConnectionInfo {
  /** Kafka's connection id style: `local-remote-index`. */
  readonly id: string;
  readonly listenerName: string;
  readonly securityProtocol: SecurityProtocol;
  readonly remoteAddress: string;
  readonly remotePort: number;
  /** Who authenticated on the connection: `User:ANONYMOUS` until SASL completes (or the TLS client certificate's principal). */
  principal: KafkaPrincipal;
  /** Lowers or raises the largest request accepted (SASL tokens are bounded tighter before authentication). */
  setMaxRequestBytes(bytes: number): void;
  /** Stops reading requests for `ms` (a throttled client: Kafka mutes its channel). */
  mute(ms: number): void;
}

/**
 * Turns one request frame into its response. Resolves to null when the request gets no response (Produce with
 * acks=0). Rejects with `CloseConnection` when the connection must be dropped (an unparseable request).
 */
export interface RequestProcessor {
  process(frame: Buffer, connection: ConnectionInfo): Promise<ResponseBytes | null>;
}

/** Thrown by a processor for a request that cannot be understood: Kafka closes such a connection. */
export class CloseConnection extends Error {}

export interface ConnectionOptions {
  maxRequestBytes: number;
  idleTimeoutMs: number;
  /** Requests read ahead while earlier ones are still being processed; reading pauses beyond it. */
  maxInFlightRequests: number;
  onError(connection: ConnectionInfo, error: Error): void;
}

interface PendingResponse {
  settled: boolean;
  response: ResponseBytes | null;
}

/**
 * One client connection: reads request frames, hands each to the processor as soon as it arrives, and writes the
 * responses strictly in request order (Kafka's guarantee per connection). Reading pauses while too many requests are
 * in flight or the socket's send buffer is full, so a client cannot make the broker buffer without bound.
 */
export class Connection implements ConnectionInfo {
  private readonly frames: FrameReader;
  private readonly pending: PendingResponse[] = [];
  private closed = false;
  private pausedForInFlight = false;
  private pausedForDrain = false;
  private mutedUntil = 0;
  private muteTimer: NodeJS.Timeout | undefined;
  principal: KafkaPrincipal = ANONYMOUS;

  constructor(
    private readonly socket: Socket,
    readonly id: string,
    readonly listenerName: string,
    readonly securityProtocol: SecurityProtocol,
    private readonly processor: RequestProcessor,
    private readonly options: ConnectionOptions,
  ) {
    this.frames = new FrameReader(options.maxRequestBytes);
    socket.setNoDelay(true);
    socket.setTimeout(options.idleTimeoutMs, () => {
      if (this.pending.length === 0) this.close();
    });
    socket.on("data", (data) => this.onData(data));
    socket.on("drain", () => {
      this.pausedForDrain = false;
      this.updateReading();
    });
    socket.on("error", () => this.close());
    socket.on("close", () => {
      this.closed = true;
      clearTimeout(this.muteTimer);
    });
  }

  setMaxRequestBytes(bytes: number): void {
    this.frames.maxFrameBytes = bytes;
  }

  get remoteAddress(): string {
    return this.socket.remoteAddress ?? "unknown";
  }

  get remotePort(): number {
    return this.socket.remotePort ?? 0;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Closes the connection at once; responses not yet written are dropped. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.muteTimer);
    this.socket.destroy();
  }

  /** Stops reading new requests and closes once every response in flight has been written (or after `graceMs`). */
  async drainAndClose(graceMs: number): Promise<void> {
    if (this.closed) return;
    this.socket.pause();
    const deadline = Date.now() + graceMs;
    while (this.pending.length > 0 && !this.closed && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    if (!this.closed) this.socket.end();
    this.closed = true;
  }

  private onData(data: Buffer): void {
    let frames: Buffer[];
    try {
      frames = this.frames.push(data);
    } catch (error) {
      if (error instanceof FrameSizeError) this.options.onError(this, error);
      this.close();
      return;
    }
    for (const frame of frames) {
      if (this.closed) return;
      this.dispatch(frame);
    }
    this.updateReading();
  }

  private dispatch(frame: Buffer): void {
    const entry: PendingResponse = { settled: false, response: null };
    this.pending.push(entry);
    this.processor.process(frame, this).then(
      (response) => {
        entry.settled = true;
        entry.response = response;
        this.flush();
      },
      (error: Error) => {
        this.options.onError(this, error);
        this.close();
      },
    );
  }

  /** Writes every settled response at the head of the queue; a response waits for all earlier ones. */
  private flush(): void {
    if (this.closed) return;
    let wrote = false;
    let closeAfter = false;
    while (this.pending.length > 0 && this.pending[0]!.settled && !closeAfter) {
      const { response } = this.pending.shift()!;
      if (response === null) continue;
      if (!wrote) this.socket.cork();
      wrote = true;
      const size = Buffer.allocUnsafe(4);
      size.writeInt32BE(response.length, 0);
      let ok = this.socket.write(size);
      for (const chunk of response.chunks) ok = this.socket.write(chunk) && ok;
      if (!ok) this.pausedForDrain = true;
      if (response.throttleMs !== undefined && response.throttleMs > 0) this.mute(response.throttleMs);
      closeAfter = response.closeAfter === true;
    }
    if (wrote) this.socket.uncork();
    if (closeAfter) {
      this.closed = true;
      this.socket.end();
      return;
    }
    this.updateReading();
  }

  /** Stops reading requests for `ms` (extending an earlier mute, never shortening it). */
  mute(ms: number): void {
    const until = Date.now() + ms;
    if (until <= this.mutedUntil) return;
    this.mutedUntil = until;
    clearTimeout(this.muteTimer);
    this.muteTimer = setTimeout(() => {
      this.mutedUntil = 0;
      this.updateReading();
    }, ms);
  }

  private updateReading(): void {
    if (this.closed) return;
    this.pausedForInFlight = this.pending.length >= this.options.maxInFlightRequests;
    if (this.pausedForInFlight || this.pausedForDrain || this.mutedUntil > 0) this.socket.pause();
    else this.socket.resume();
  }
}
