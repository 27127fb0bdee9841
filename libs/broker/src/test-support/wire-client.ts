import { connect, type Socket } from "node:net";
import { connect as connectTls, type ConnectionOptions } from "node:tls";
import { ApiKey, Reader, Writer, apiMessages, decodeResponseHeader, encodeRequestHeader, requestHeaderVersion, responseHeaderVersion } from "@skein/protocol";
import type { ScramMechanism } from "../security/scram.js";
import { ScramClient } from "./scram-client.js";

/**
 * A raw Kafka protocol client for tests: encodes requests with the generated codecs, writes them on one socket and
 * decodes the responses, so tests can send exactly the bytes (and versions) they want, pipelined or malformed.
 */
export class WireClient {
  private buffered = Buffer.alloc(0);
  private readonly waiting: { resolve: (frame: Buffer) => void; reject: (error: Error) => void }[] = [];
  private correlationId = 0;
  private closedWith: Error | null = null;
  readonly closed: Promise<void>;

  private constructor(private readonly socket: Socket) {
    socket.on("data", (data) => {
      this.buffered = Buffer.concat([this.buffered, data]);
      while (this.buffered.length >= 4) {
        const size = this.buffered.readInt32BE(0);
        if (this.buffered.length < 4 + size) break;
        const frame = this.buffered.subarray(4, 4 + size);
        this.buffered = this.buffered.subarray(4 + size);
        this.waiting.shift()?.resolve(frame);
      }
    });
    this.closed = new Promise((resolve) => {
      socket.on("close", () => {
        this.closedWith = new Error("connection closed by the broker");
        for (const w of this.waiting.splice(0)) w.reject(this.closedWith);
        resolve();
      });
    });
    socket.on("error", () => undefined);
  }

  static connect(port: number, host = "127.0.0.1"): Promise<WireClient> {
    return new Promise((resolve, reject) => {
      const socket = connect({ port, host }, () => resolve(new WireClient(socket)));
      socket.once("error", reject);
    });
  }

  /** Connects over TLS (a CA to trust, and a client certificate when the listener asks for one). */
  static connectTls(port: number, options: ConnectionOptions, host = "127.0.0.1"): Promise<WireClient> {
    return new Promise((resolve, reject) => {
      const socket = connectTls({ port, host, servername: undefined, ...options }, () => resolve(new WireClient(socket)));
      socket.once("error", reject);
    });
  }

  /** Authenticates with SaslHandshake v1 and SaslAuthenticate (v2 by default); resolves with the last response. */
  async saslPlain(user: string, password: string, authenticateVersion = 2): Promise<any> {
    const handshake = await this.request(ApiKey.SaslHandshake, 1, { mechanism: "PLAIN" });
    if (handshake.errorCode !== 0) return handshake;
    return this.request(ApiKey.SaslAuthenticate, authenticateVersion, { authBytes: Buffer.from(`\u0000${user}\u0000${password}`) });
  }

  /** Runs a SCRAM exchange with SaslHandshake v1 and SaslAuthenticate; resolves with the last response. */
  async saslScram(mechanism: ScramMechanism, user: string, password: string, authenticateVersion = 2): Promise<any> {
    const handshake = await this.request(ApiKey.SaslHandshake, 1, { mechanism });
    if (handshake.errorCode !== 0) return handshake;
    const client = new ScramClient(mechanism, user, password);
    const first = await this.request(ApiKey.SaslAuthenticate, authenticateVersion, { authBytes: client.clientFirst() });
    if (first.errorCode !== 0) return first;
    const final = await this.request(ApiKey.SaslAuthenticate, authenticateVersion, { authBytes: await client.clientFinal(first.authBytes) });
    if (final.errorCode === 0 && !client.verifyServerFinal(final.authBytes)) throw new Error("the broker's SCRAM server signature does not verify");
    return final;
  }

  /** Writes a bare SASL token in a size-prefixed frame (after SaslHandshake v0) and resolves with the reply token. */
  token(bytes: Buffer): Promise<Buffer> {
    const size = Buffer.alloc(4);
    size.writeInt32BE(bytes.length, 0);
    return this.requestRaw(Buffer.concat([size, bytes]));
  }

  /** Sends a request and resolves with the decoded response body. */
  async request<T = any>(apiKey: number, version: number, body: object, clientId = "wire-test"): Promise<T> {
    const frame = await this.requestRaw(this.encode(apiKey, version, body, clientId));
    const r = new Reader(frame);
    decodeResponseHeader(r, responseHeaderVersion(apiKey, version));
    return apiMessages.get(apiKey)!.response.decode(r, version) as T;
  }

  /** The bytes of a request frame (size prefix included), to send as they are or tampered with. */
  encode(apiKey: number, version: number, body: object, clientId = "wire-test"): Buffer {
    const w = new Writer();
    encodeRequestHeader(w, { requestApiKey: apiKey, requestApiVersion: version, correlationId: ++this.correlationId, clientId }, requestHeaderVersion(apiKey, version));
    apiMessages.get(apiKey)!.request.encode(w, body, version);
    const payload = w.toBuffer();
    const size = Buffer.alloc(4);
    size.writeInt32BE(payload.length, 0);
    return Buffer.concat([size, payload]);
  }

  /** Writes raw bytes and resolves with the next response frame (without its size prefix). */
  requestRaw(bytes: Buffer): Promise<Buffer> {
    if (this.closedWith) return Promise.reject(this.closedWith);
    const frame = new Promise<Buffer>((resolve, reject) => this.waiting.push({ resolve, reject }));
    this.socket.write(bytes);
    return frame;
  }

  /** Writes bytes that get no response (a produce with acks=0, garbage). */
  send(bytes: Buffer): void {
    this.socket.write(bytes);
  }

  close(): void {
    this.socket.destroy();
  }
}
