import { ApiKey, type SaslAuthenticateRequest, type SaslHandshakeRequest } from "@skein/protocol";
import type { Clock } from "../clock.js";
import { IllegalSaslStateError, SaslAuthenticationFailedError, UnsupportedSaslMechanismError } from "../errors.js";
import { normalizeHost } from "../security/authorizer.js";
import type { BrokerSecurity } from "../security/broker-security.js";
import { parsePlainMessage, PlainError } from "../security/plain.js";
import { formatPrincipal, samePrincipal, userPrincipal, type KafkaPrincipal } from "../security/principal.js";
import { isScramMechanism } from "../security/scram.js";
import { ScramError, type ScramServerExchange } from "../security/scram-server.js";
import type { SaslMechanism } from "../security/security-config-defs.js";
import { CloseConnection, type ConnectionInfo, type ResponseBytes } from "./connection.js";
import type { DecodedRequest, KafkaApis } from "./kafka-apis.js";
import type { RequestContext } from "./request-context.js";

export interface SaslServerOptions {
  /** `sasl.enabled.mechanisms` of the listener. */
  mechanisms: readonly SaslMechanism[];
  /** `connections.max.reauth.ms`: a session's lifetime (0: sessions never expire and clients never re-authenticate). */
  reauthMs: number;
  /** `sasl.server.max.receive.size`: the largest frame before authentication completes. */
  maxReceiveBytes: number;
  /** `socket.request.max.bytes`: the largest frame once authenticated. */
  maxRequestBytes: number;
  /** `connection.failed.authentication.delay.ms`: how long a failed connection is held before it is closed. */
  failedAuthenticationDelayMs: number;
  security: BrokerSecurity;
  clock: Clock;
}

/** Kafka's least time between two re-authentications of a connection. */
const MIN_REAUTH_INTERVAL_MS = 1000;

/** What a client token led to: the reply to send, or a failure (`message` for the client, `detail` for the audit log). */
type TokenResult = { ok: true; reply: Buffer } | { ok: false; message: string; detail: string; user?: string; counted?: boolean };

/**
 * Kafka's `SaslServerAuthenticator` for one connection of a SASL listener. Before authentication only ApiVersions
 * (once, first) and SaslHandshake are accepted; a handshake with an enabled mechanism is followed by SaslAuthenticate
 * requests (handshake v1) or, for old clients, by bare SASL tokens in size-prefixed frames (handshake v0). PLAIN
 * checks the password against the user's SCRAM credential; SCRAM-SHA-256/512 run the RFC 5802 exchange. Anything
 * else — another request, an unknown mechanism, a wrong password, a malformed or oversized token — is answered with
 * Kafka's error (ILLEGAL_SASL_STATE, UNSUPPORTED_SASL_MECHANISM, SASL_AUTHENTICATION_FAILED) where the protocol has
 * one, and the connection is closed after `connection.failed.authentication.delay.ms`. Every outcome is audited, and
 * a client address with too many recent failures is refused without its credentials being checked.
 *
 * With `connections.max.reauth.ms` the session ends after that long (SaslAuthenticate v1+ tells the client): a
 * request after the end closes the connection, and a client re-authenticates (KIP-368) by sending SaslHandshake on
 * the authenticated connection, with the same mechanism and principal.
 */
export class SaslServerAuthenticator {
  private state: "INITIAL" | "HANDSHAKE" | "AUTHENTICATE" | "COMPLETE" | "FAILED" = "INITIAL";
  private legacyTokens = false;
  private mechanism: SaslMechanism | null = null;
  private scram: ScramServerExchange | null = null;
  private scramUser = "";
  private sessionExpiresAt: number | null = null;
  private lastReauthenticationAt = 0;
  private reauthenticating: { principal: KafkaPrincipal; mechanism: SaslMechanism; badMechanism: string | null } | null = null;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly connection: ConnectionInfo,
    private readonly apis: KafkaApis,
    private readonly options: SaslServerOptions,
  ) {
    connection.setMaxRequestBytes(options.maxReceiveBytes);
  }

  /**
   * Handles a frame: during an authentication (or re-authentication) the authenticator answers it; once
   * authenticated, `forward` (Kafka's request handling) does, unless the session expired.
   */
  process(frame: Buffer, forward: () => Promise<ResponseBytes | null>): Promise<ResponseBytes | null> {
    if (this.state === "COMPLETE") {
      const now = this.options.clock.now();
      const isHandshake = frame.length >= 2 && frame.readInt16BE(0) === ApiKey.SaslHandshake;
      if (isHandshake && this.sessionExpiresAt !== null && now - this.lastReauthenticationAt >= MIN_REAUTH_INTERVAL_MS) {
        this.lastReauthenticationAt = now;
        this.reauthenticating = { principal: this.connection.principal, mechanism: this.mechanism!, badMechanism: null };
        this.state = "HANDSHAKE";
      } else if (this.sessionExpiresAt !== null && now > this.sessionExpiresAt) {
        return Promise.reject(new CloseConnection(`SASL session of ${formatPrincipal(this.connection.principal)} expired (connections.max.reauth.ms) without re-authentication`));
      } else {
        return forward();
      }
    }
    // Authentication steps run one at a time, in the order the frames came.
    const step = this.queue.then(() => (this.state === "COMPLETE" ? forward() : this.step(frame)));
    this.queue = step.catch(() => undefined);
    return step;
  }

  /** Whether the client has authenticated (and is not re-authenticating). */
  get authenticated(): boolean {
    return this.state === "COMPLETE";
  }

  private async step(frame: Buffer): Promise<ResponseBytes | null> {
    switch (this.state) {
      case "INITIAL":
      case "HANDSHAKE":
        return this.handshakeOrApiVersions(frame);
      case "AUTHENTICATE":
        return this.legacyTokens ? this.legacyToken(frame) : this.authenticateRequest(frame);
      default:
        throw new CloseConnection(`SASL authentication already failed on ${this.connection.id}`);
    }
  }

  private async handshakeOrApiVersions(frame: Buffer): Promise<ResponseBytes | null> {
    const apiKey = frame.length >= 2 ? frame.readInt16BE(0) : -1;
    if (apiKey === ApiKey.ApiVersions && this.state === "INITIAL" && this.reauthenticating === null) {
      this.state = "HANDSHAKE";
      return this.apis.process(frame, this.connection);
    }
    if (apiKey !== ApiKey.SaslHandshake) {
      await this.failed(`Unexpected Kafka request of type ${apiKey} during SASL handshake`, null);
      throw new CloseConnection(`Unexpected Kafka request of type ${apiKey} during SASL handshake from ${this.connection.remoteAddress}`);
    }
    const decoded = this.decode(frame);
    const { mechanism } = decoded.request as SaslHandshakeRequest;
    const enabled = this.options.mechanisms;
    if (!(enabled as readonly string[]).includes(mechanism)) {
      await this.failed(`Unsupported SASL mechanism ${mechanism}`, null);
      return { ...this.encodeHandshake(decoded, new UnsupportedSaslMechanismError().code), closeAfter: true };
    }
    this.mechanism = mechanism as SaslMechanism;
    this.legacyTokens = decoded.header.requestApiVersion === 0;
    if (this.reauthenticating !== null && this.reauthenticating.mechanism !== mechanism) {
      this.reauthenticating.badMechanism = `SASL mechanism '${mechanism}' requested by client is not supported for re-authentication of mechanism '${this.reauthenticating.mechanism}'`;
    }
    this.state = "AUTHENTICATE";
    return this.encodeHandshake(decoded, 0);
  }

  /** A SaslAuthenticate request (handshake v1+). */
  private async authenticateRequest(frame: Buffer): Promise<ResponseBytes | null> {
    const decoded = this.decode(frame);
    const context = this.context(decoded);
    if (decoded.header.requestApiKey !== ApiKey.SaslAuthenticate) {
      const message = `Unexpected Kafka request of type ${decoded.header.requestApiKey} during SASL authentication.`;
      await this.failed(message, this.mechanism);
      return { ...this.apis.errorResponse(decoded, new IllegalSaslStateError(message), context), closeAfter: true };
    }
    const { authBytes } = decoded.request as SaslAuthenticateRequest;
    const result = await this.evaluate(authBytes);
    if (result.ok) {
      const sessionLifetimeMs = this.state === "COMPLETE" ? this.startSession() : 0;
      return this.apis.encode(decoded.header, decoded.handler, { errorCode: 0, errorMessage: null, authBytes: result.reply, sessionLifetimeMs });
    }
    await this.failed(result.detail, this.mechanism, result);
    const response = this.apis.encode(decoded.header, decoded.handler, { errorCode: new SaslAuthenticationFailedError().code, errorMessage: result.message, authBytes: Buffer.alloc(0), sessionLifetimeMs: 0 });
    return { ...response, closeAfter: true };
  }

  /** A bare SASL token (handshake v0): answered with a bare token, or the connection closes. */
  private async legacyToken(frame: Buffer): Promise<ResponseBytes | null> {
    const result = await this.evaluate(frame);
    if (result.ok) {
      if (this.state === "COMPLETE") this.startSession();
      return { chunks: [result.reply], length: result.reply.length };
    }
    await this.failed(result.detail, this.mechanism, result);
    throw new CloseConnection(`SASL authentication failed for ${this.connection.remoteAddress}: ${result.detail}`);
  }

  /** One client token: the reply to send (with `state` COMPLETE once the client is authenticated), or why it failed. */
  private async evaluate(token: Buffer): Promise<TokenResult> {
    const mechanism = this.mechanism!;
    const text = this.reauthenticating === null ? "authentication" : "re-authentication";
    const invalidCredentials = `Authentication failed during ${text} due to invalid credentials with SASL mechanism ${mechanism}`;
    const badMechanism = this.reauthenticating?.badMechanism;
    if (badMechanism) return { ok: false, message: badMechanism, detail: badMechanism };
    const source = normalizeHost(this.connection.remoteAddress);
    if (this.scram === null) {
      const blockedMs = this.options.security.authenticationLimiter.blockedForMs(source);
      if (blockedMs > 0) {
        const message = `Too many failed authentications from ${source}: try again in ${Math.ceil(blockedMs / 1000)} s`;
        return { ok: false, message, detail: message, counted: false };
      }
    }
    if (mechanism === "PLAIN") {
      let credentials: { user: string; password: string };
      try {
        credentials = parsePlainMessage(token);
      } catch (error) {
        const message = (error as PlainError).message;
        return { ok: false, message: message.startsWith("Authentication failed") ? message : invalidCredentials, detail: message };
      }
      if (!(await this.options.security.authenticator.verifyPlain(credentials.user, credentials.password))) {
        return { ok: false, message: invalidCredentials, detail: "wrong password or unknown user", user: credentials.user };
      }
      return this.complete(userPrincipal(credentials.user), mechanism, Buffer.alloc(0));
    }
    if (!isScramMechanism(mechanism)) return { ok: false, message: invalidCredentials, detail: `unsupported mechanism ${mechanism}` };
    try {
      if (this.scram === null) {
        const { exchange, user, serverFirst } = await this.options.security.authenticator.startScram(mechanism, token);
        this.scram = exchange;
        this.scramUser = user;
        return { ok: true, reply: serverFirst };
      }
      const serverFinal = this.scram.receiveClientFinal(token);
      this.scram = null;
      return this.complete(userPrincipal(this.scramUser), mechanism, serverFinal);
    } catch (error) {
      if (!(error instanceof ScramError)) throw error;
      this.scram = null;
      const message = error.message.includes("authorization id") ? error.message : invalidCredentials;
      return { ok: false, message, detail: error.message, user: this.scramUser || undefined };
    }
  }

  /** The client proved who it is: the connection acts as `principal` from now on (re-authentication keeps it). */
  private complete(principal: KafkaPrincipal, mechanism: SaslMechanism, reply: Buffer): TokenResult {
    const previous = this.reauthenticating?.principal;
    if (previous !== undefined && !samePrincipal(previous, principal)) {
      const message = `Cannot change principals during re-authentication from ${previous.principalType}.${previous.name}: ${principal.principalType}.${principal.name}`;
      return { ok: false, message, detail: message, user: principal.name };
    }
    this.connection.principal = principal;
    this.connection.setMaxRequestBytes(this.options.maxRequestBytes);
    this.options.security.recordAudit({
      principal: formatPrincipal(principal),
      sourceAddress: normalizeHost(this.connection.remoteAddress),
      surface: "wire",
      operation: "AUTHENTICATE",
      resource: null,
      outcome: "success",
      request: this.legacyTokens ? "SaslHandshake v0" : "SaslAuthenticate",
      detail: `${mechanism} on listener ${this.connection.listenerName}${this.reauthenticating ? " (re-authentication)" : ""}`,
    });
    this.reauthenticating = null;
    this.state = "COMPLETE";
    return { ok: true, reply };
  }

  /** Starts the session and returns its lifetime for SaslAuthenticate v1+ (0: no limit). */
  private startSession(): number {
    if (this.options.reauthMs <= 0) return 0;
    this.sessionExpiresAt = this.options.clock.now() + this.options.reauthMs;
    return this.options.reauthMs;
  }

  /** Audits a failed authentication, counts it against the source, then waits `connection.failed.authentication.delay.ms`. */
  private async failed(detail: string, mechanism: SaslMechanism | null, options: { user?: string; counted?: boolean } = {}): Promise<void> {
    this.state = "FAILED";
    const source = normalizeHost(this.connection.remoteAddress);
    const { security } = this.options;
    const counted = options.counted !== false;
    const nowBlocked = counted && security.authenticationLimiter.recordFailure(source);
    if (counted) {
      security.recordAudit({
        principal: options.user === undefined ? "User:ANONYMOUS" : formatPrincipal(userPrincipal(options.user)),
        sourceAddress: source,
        surface: "wire",
        operation: "AUTHENTICATE",
        resource: null,
        outcome: "failure",
        request: "SaslAuthenticate",
        detail: `${mechanism ?? "SASL"} on listener ${this.connection.listenerName}: ${detail}${nowBlocked ? "; further attempts from this address are refused for a while" : ""}`,
      });
    }
    await new Promise((resolve) => setTimeout(resolve, this.options.failedAuthenticationDelayMs));
  }

  private decode(frame: Buffer): DecodedRequest {
    const decoded = this.apis.decode(frame, this.connection);
    if (!("handler" in decoded)) throw new CloseConnection(`Unsupported ApiVersions version during SASL authentication from ${this.connection.remoteAddress}`);
    return decoded;
  }

  private encodeHandshake(decoded: DecodedRequest, errorCode: number): ResponseBytes {
    return this.apis.encode(decoded.header, decoded.handler, { errorCode, mechanisms: this.options.mechanisms });
  }

  private context(decoded: DecodedRequest): RequestContext {
    return {
      apiKey: decoded.header.requestApiKey,
      apiVersion: decoded.header.requestApiVersion,
      correlationId: decoded.header.correlationId,
      clientId: decoded.header.clientId ?? "",
      connection: this.connection,
      clientHost: `/${this.connection.remoteAddress}`,
      principal: this.connection.principal,
      apiName: "",
      recordFetchBytes: () => 0,
      admitControllerMutation: () => true,
    };
  }
}
