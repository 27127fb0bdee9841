import { createServer, type Server, type Socket } from "node:net";
import { createSecureContext, TLSSocket, type SecureContext } from "node:tls";
import type { Logger } from "../broker-types.js";
import { Connection, type ConnectionInfo, type RequestProcessor, type SecurityProtocol } from "./connection.js";
import type { ListenerTls } from "./listener-config.js";

export interface KafkaServerOptions {
  /** Interface to listen on. */
  host: string;
  /** Port to listen on; 0 picks a free one. */
  port: number;
  /** Kafka's listener name, as in `listeners=PLAINTEXT://...`. */
  listenerName?: string;
  securityProtocol?: SecurityProtocol;
  /** TLS for SSL and SASL_SSL listeners. */
  tls?: ListenerTls | null;
  /** `socket.request.max.bytes`: larger frames close the connection. Kafka's default is 100 MiB. */
  socketRequestMaxBytes?: number;
  /** `connections.max.idle.ms`: idle connections are closed after it. Kafka's default is 10 minutes. */
  connectionsMaxIdleMs?: number;
  /** Requests a connection may have in flight before the broker stops reading from it. */
  maxInFlightRequestsPerConnection?: number;
  /** Whether to take a connection from this address at all (false: closed at once, before any TLS handshake). */
  admit?(remoteAddress: string): boolean;
  /** A new connection, once TLS (if any) is established: it may set the principal, or close it. */
  onConnection?(connection: Connection, socket: Socket): void;
  /** A TLS handshake that failed (garbage, an untrusted or missing client certificate). */
  onTlsError?(remoteAddress: string, error: Error): void;
  /** A connection closed for what it sent (an oversized frame, an unparseable request), besides the warning logged. */
  onConnectionError?(connection: ConnectionInfo, error: Error): void;
  logger?: Logger;
}

/** How long a client may take to complete its TLS handshake. */
const TLS_HANDSHAKE_TIMEOUT_MS = 10_000;

/**
 * Kafka's socket server for one listener: accepts connections (over TLS for SSL and SASL_SSL listeners) and hands
 * their request frames to a processor (Kafka's `KafkaApis`). It knows nothing of the messages themselves.
 */
export class KafkaServer {
  private readonly server: Server;
  private readonly connections = new Set<Connection>();
  private nextConnectionIndex = 0;
  private boundPort = 0;

  constructor(
    private readonly processor: RequestProcessor,
    private readonly options: KafkaServerOptions,
  ) {
    const tls = options.tls;
    const secureContext = tls ? createSecureContext({ key: tls.key, cert: tls.cert, pfx: tls.pfx, passphrase: tls.passphrase, ca: tls.ca, minVersion: tls.minVersion, maxVersion: tls.maxVersion }) : null;
    this.server = createServer((socket) => {
      // The address is read now: a socket that fails its handshake may have lost it by the time it reports.
      const address = socket.remoteAddress ?? "unknown";
      if (options.admit && !options.admit(address)) {
        socket.destroy();
        return;
      }
      if (tls && secureContext) this.handshake(socket, address, tls, secureContext);
      else this.accept(socket);
    });
    this.server.on("error", (error) => options.logger?.warn(`Kafka listener error: ${error.message}`));
  }

  /** Runs the server side of a TLS handshake; a client that fails it (garbage, a certificate refused) is reported and dropped. */
  private handshake(socket: Socket, address: string, tls: ListenerTls, secureContext: SecureContext): void {
    const tlsSocket = new TLSSocket(socket, { isServer: true, secureContext, requestCert: tls.clientAuth !== "none", rejectUnauthorized: false });
    let settled = false;
    const fail = (error: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      this.options.onTlsError?.(address, error);
      tlsSocket.destroy();
    };
    const timer = setTimeout(() => fail(new Error(`TLS handshake not completed within ${TLS_HANDSHAKE_TIMEOUT_MS} ms`)), TLS_HANDSHAKE_TIMEOUT_MS);
    tlsSocket.once("error", fail);
    tlsSocket.once("secure", () => {
      if (settled) return;
      const presented = tlsSocket.getPeerX509Certificate() !== undefined;
      // "required": a trusted certificate; "requested": none, or a trusted one (as Java's SSLEngine wants).
      if (tls.clientAuth === "required" && !presented) return fail(new Error("the client presented no certificate (ssl.client.auth=required)"));
      if (presented && tls.clientAuth !== "none") {
        const refused = certificateVerifyError(tlsSocket);
        if (refused !== null) return fail(new Error(`client certificate refused: ${refused}`));
      }
      settled = true;
      clearTimeout(timer);
      tlsSocket.off("error", fail);
      this.accept(tlsSocket);
    });
  }

  /** Starts listening; resolves with the port bound. */
  start(): Promise<number> {
    return new Promise((resolve, reject) => {
      const onError = (error: Error) => reject(error);
      this.server.once("error", onError);
      this.server.listen({ host: this.options.host || undefined, port: this.options.port }, () => {
        this.server.off("error", onError);
        const address = this.server.address();
        this.boundPort = typeof address === "object" && address !== null ? address.port : this.options.port;
        resolve(this.boundPort);
      });
    });
  }

  get port(): number {
    return this.boundPort;
  }

  get connectionCount(): number {
    return this.connections.size;
  }

  /**
   * Stops accepting connections, lets requests in flight finish (up to `graceMs`) and closes every connection.
   */
  async stop(graceMs = 5_000): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    await Promise.all([...this.connections].map((c) => c.drainAndClose(graceMs)));
    for (const connection of this.connections) connection.close();
    await closed;
  }

  private accept(socket: Socket): void {
    if (socket.destroyed) return;
    const index = this.nextConnectionIndex++;
    const id = `${socket.localAddress}:${socket.localPort}-${socket.remoteAddress}:${socket.remotePort}-${index}`;
    const connection = new Connection(socket, id, this.options.listenerName ?? "PLAINTEXT", this.options.securityProtocol ?? "PLAINTEXT", this.processor, {
      maxRequestBytes: this.options.socketRequestMaxBytes ?? 104_857_600,
      idleTimeoutMs: this.options.connectionsMaxIdleMs ?? 600_000,
      maxInFlightRequests: this.options.maxInFlightRequestsPerConnection ?? 100,
      onError: (info: ConnectionInfo, error: Error) => {
        this.options.logger?.warn(`Closing Kafka connection ${info.id}: ${error.message}`);
        this.options.onConnectionError?.(info, error);
      },
    });
    this.connections.add(connection);
    socket.on("close", () => this.connections.delete(connection));
    this.options.onConnection?.(connection, socket);
  }
}

/**
 * Why OpenSSL did not trust the client's certificate chain, or null when it did. A TLSSocket made by hand (as here,
 * so that each failure keeps its client's address) does not fill in `authorized`; tls.Server reads the same
 * verification result from the socket's native handle, and so does this. Without that handle nothing is trusted.
 */
function certificateVerifyError(socket: TLSSocket): string | null {
  const handle = (socket as unknown as { ssl?: { verifyError?(): Error | null } }).ssl;
  if (typeof handle?.verifyError !== "function") return "the TLS layer gave no verification result";
  const error = handle.verifyError() as (Error & { code?: string }) | null;
  return error === null ? null : (error.code ?? error.message);
}
