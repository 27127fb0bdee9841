import { connect, type Socket } from "node:net";
import { Reader, Writer, apiMessages, decodeResponseHeader, encodeRequestHeader, requestHeaderVersion, responseHeaderVersion } from "@skein/protocol";
import { NetworkError } from "../errors.js";

interface Pending {
  correlationId: number;
  apiKey: number;
  version: number;
  resolve: (body: unknown) => void;
  reject: (error: Error) => void;
}

/**
 * One connection from this broker to another broker's Kafka listener (Kafka's NetworkClient, reduced): requests
 * encoded with the generated codecs, pipelined in order, each answered or failed. Connects on first use and again
 * after any failure; a request not answered within `requestTimeoutMs` fails and drops the connection (a paused or
 * partitioned peer must not hold a fetcher forever).
 */
export class BrokerConnection {
  private socket: Socket | null = null;
  private connecting: Promise<Socket> | null = null;
  private buffered: Buffer = Buffer.alloc(0);
  private readonly pending: Pending[] = [];
  private correlationId = 0;
  private closed = false;

  constructor(
    readonly host: string,
    readonly port: number,
    private readonly clientId: string,
    private readonly requestTimeoutMs: number,
  ) {}

  /** Sends a request and resolves with the decoded response body. */
  async request<T>(apiKey: number, version: number, body: object): Promise<T> {
    const socket = await this.connected();
    const correlationId = ++this.correlationId;
    const w = new Writer();
    encodeRequestHeader(w, { requestApiKey: apiKey, requestApiVersion: version, correlationId, clientId: this.clientId }, requestHeaderVersion(apiKey, version));
    apiMessages.get(apiKey)!.request.encode(w, body, version);
    const payload = w.toBuffer();
    const size = Buffer.alloc(4);
    size.writeInt32BE(payload.length, 0);
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => this.fail(new NetworkError(`No response from broker ${this.host}:${this.port} within ${this.requestTimeoutMs} ms.`)), this.requestTimeoutMs);
      timer.unref();
      this.pending.push({
        correlationId,
        apiKey,
        version,
        resolve: (value) => {
          clearTimeout(timer);
          resolve(value as T);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      });
      socket.write(Buffer.concat([size, payload]));
    });
  }

  close(): void {
    this.closed = true;
    this.fail(new NetworkError("The connection was closed."));
  }

  private connected(): Promise<Socket> {
    if (this.closed) return Promise.reject(new NetworkError("The connection was closed."));
    if (this.socket) return Promise.resolve(this.socket);
    this.connecting ??= new Promise<Socket>((resolve, reject) => {
      const socket = connect({ host: this.host, port: this.port });
      socket.setNoDelay(true);
      const timer = setTimeout(() => socket.destroy(new Error(`connecting timed out after ${this.requestTimeoutMs} ms`)), this.requestTimeoutMs);
      socket.once("connect", () => {
        clearTimeout(timer);
        this.socket = socket;
        this.connecting = null;
        resolve(socket);
      });
      socket.on("data", (data) => this.onData(data));
      socket.on("error", (err) => {
        clearTimeout(timer);
        if (this.connecting && this.socket !== socket) {
          this.connecting = null;
          reject(new NetworkError(`Cannot connect to broker ${this.host}:${this.port}: ${err.message}`));
        }
      });
      socket.on("close", () => {
        if (this.socket === socket) this.fail(new NetworkError(`The connection to broker ${this.host}:${this.port} closed.`));
      });
    });
    return this.connecting;
  }

  private onData(data: Buffer): void {
    this.buffered = this.buffered.length === 0 ? data : Buffer.concat([this.buffered, data]);
    while (this.buffered.length >= 4) {
      const size = this.buffered.readInt32BE(0);
      if (this.buffered.length < 4 + size) break;
      const frame = this.buffered.subarray(4, 4 + size);
      this.buffered = this.buffered.subarray(4 + size);
      const next = this.pending.shift();
      if (!next) continue;
      try {
        const r = new Reader(frame);
        const header = decodeResponseHeader(r, responseHeaderVersion(next.apiKey, next.version));
        if (header.correlationId !== next.correlationId) throw new Error(`correlation id ${header.correlationId} does not match the request's ${next.correlationId}`);
        next.resolve(apiMessages.get(next.apiKey)!.response.decode(r, next.version));
      } catch (err) {
        next.reject(new NetworkError(`A malformed response from broker ${this.host}:${this.port}: ${(err as Error).message}`));
        this.fail(new NetworkError("The connection was dropped after a malformed response."));
        return;
      }
    }
  }

  private fail(error: Error): void {
    const socket = this.socket;
    this.socket = null;
    this.connecting = null;
    this.buffered = Buffer.alloc(0);
    socket?.destroy();
    for (const p of this.pending.splice(0)) p.reject(error);
  }
}
