import { createHmac, randomBytes } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import { ANONYMOUS, formatPrincipal, normalizeHost, userPrincipal, type AuditSurface, type KafkaPrincipal, type Logger } from "@skein/broker";
import { API_KEY_ID } from "./api-keys.js";
import { clearedSessionCookie, CSRF_HEADER, MAX_CREDENTIAL_BYTES, presentedCredentials } from "./http-credentials.js";
import { AUTHENTICATION_FAILED, CSRF_TOKEN_INVALID, HttpAuthError, TOO_MANY_AUTHENTICATION_FAILURES } from "./http-auth-error.js";
import type { AuthenticationMethod, HttpIdentity } from "./http-identity.js";
import { HttpSessions } from "./http-sessions.js";
import type { HttpSecuritySettings } from "./http-security-settings.js";
import { verifyAgainstNobody } from "./password-hash.js";
import type { ServiceSecurity } from "./service-security.js";

/** What the authenticator needs of an HTTP request or a WebSocket upgrade. */
export interface AuthenticationRequest {
  headers: IncomingHttpHeaders;
  /** The peer's address. */
  sourceAddress: string;
  /** The HTTP method (a change made with a session cookie needs its CSRF token). */
  method: string;
  transport: "http" | "ws";
}

/** Verified Basic credentials are remembered this long, so a busy client costs one password hash a minute. */
const VERIFIED_CACHE_MS = 60_000;
const VERIFIED_CACHE_MAX = 10_000;
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Who an HTTP request or WebSocket is (the REST Proxy's BASIC authentication, API keys, console sessions), with the
 * safe defaults: failed attempts counted per source address by the engine's limiter shared with the Kafka listener
 * (a refused source answers 429 without its credentials being checked), password hashes compared in constant time,
 * an unknown user costing the same hash as a wrong password, every failure and each first success audited.
 * Without authentication (`NONE`) everyone is `User:ANONYMOUS`, as on a PLAINTEXT Kafka listener.
 */
export class HttpAuthenticator {
  private readonly verified = new Map<string, { user: string; method: AuthenticationMethod; apiKeyId?: string; until: number }>();
  /** Keys the cache by an HMAC, so memory holds nothing a password could be recovered from. */
  private readonly cacheKey = randomBytes(32);

  constructor(
    private readonly security: ServiceSecurity,
    private readonly sessions: HttpSessions,
    readonly settings: HttpSecuritySettings,
    private readonly logger?: Logger,
  ) {
    security.on("credentialsChanged", (users) => {
      if (users === "all") this.verified.clear();
      else for (const [key, entry] of this.verified) if (users.includes(entry.user)) this.verified.delete(key);
      this.sessions.forgetCached();
    });
  }

  /** Whether requests must authenticate. */
  get enabled(): boolean {
    return this.settings.authentication === "BASIC";
  }

  /** Who the request is. @throws HttpAuthError (401, 403 for a missing CSRF token, 429 for a refused source) */
  async authenticate(request: AuthenticationRequest): Promise<HttpIdentity> {
    const source = normalizeHost(request.sourceAddress);
    if (!this.enabled) return this.identity(ANONYMOUS, "none", request);
    const presented = presentedCredentials(request.headers);
    switch (presented.kind) {
      case "none":
        throw this.unauthenticated("Authentication required: send HTTP Basic credentials (a user's password or an API key), or sign in to the console.", request);
      case "malformed":
        this.refuseBlocked(source);
        this.fail(source, presented.claimedUser ?? null, request, presented.reason);
        throw this.unauthenticated(presented.reason, request);
      case "session":
        return this.fromSession(presented.token, request);
      case "basic":
        return this.fromBasic(presented.user, presented.password, request);
    }
  }

  /**
   * Checks a console sign-in and starts a session. @throws HttpAuthError 401 for wrong credentials, 429 while the
   * source is refused
   */
  async login(user: string, password: string, request: AuthenticationRequest): Promise<{ token: string; identity: HttpIdentity; expiresAt: number }> {
    const source = normalizeHost(request.sourceAddress);
    this.refuseBlocked(source);
    if (Buffer.byteLength(user) + Buffer.byteLength(password) > MAX_CREDENTIAL_BYTES || !(await this.checkPassword(user, password))) {
      this.fail(source, user, request, "console sign-in with a wrong user name or password");
      throw new HttpAuthError(401, AUTHENTICATION_FAILED, "Authentication failed: wrong user name or password.");
    }
    const { token, session } = await this.sessions.create(user, source);
    const identity: HttpIdentity = { ...this.identity(userPrincipal(user), "session", request), surface: "console", sessionToken: token };
    this.audit(identity, "success", "console sign-in");
    return { token, identity, expiresAt: session.expiresAt };
  }

  /** Ends the identity's console session. */
  async logout(identity: HttpIdentity): Promise<void> {
    if (identity.sessionToken === undefined) return;
    await this.sessions.delete(identity.sessionToken);
    this.audit(identity, "success", "console sign-out");
  }

  private async fromSession(token: string, request: AuthenticationRequest): Promise<HttpIdentity> {
    const session = await this.sessions.find(token);
    const secure = this.settings.secureCookies;
    if (session === null) {
      this.security.broker.recordAudit({ principal: formatPrincipal(ANONYMOUS), sourceAddress: normalizeHost(request.sourceAddress), surface: "console", operation: "AUTHENTICATE", resource: null, outcome: "failure", request: "console session", detail: "unknown or expired session cookie" });
      throw new HttpAuthError(401, AUTHENTICATION_FAILED, "Your session has expired or is not known: sign in again.", { "set-cookie": clearedSessionCookie(secure) });
    }
    const identity: HttpIdentity = { ...this.identity(userPrincipal(session.user), "session", request), surface: "console", sessionToken: token };
    if (request.transport === "http" && !SAFE_METHODS.has(request.method.toUpperCase()) && !HttpSessions.checkCsrfToken(token, headerValue(request.headers[CSRF_HEADER]))) {
      this.security.broker.recordAudit({ ...this.auditBase(identity), operation: "AUTHENTICATE", resource: null, outcome: "failure", request: `${request.method} with a session`, detail: "missing or wrong CSRF token" });
      throw new HttpAuthError(403, CSRF_TOKEN_INVALID, "Missing or wrong CSRF token: a change made with a console session must carry its X-CSRF-Token header.");
    }
    if (request.transport === "ws" && !sameOrigin(request.headers)) {
      throw new HttpAuthError(403, CSRF_TOKEN_INVALID, "A WebSocket signed in with a console session must come from the console's own origin.");
    }
    return identity;
  }

  private async fromBasic(user: string, password: string, request: AuthenticationRequest): Promise<HttpIdentity> {
    const source = normalizeHost(request.sourceAddress);
    this.refuseBlocked(source);
    const key = createHmac("sha256", this.cacheKey).update(`${user}\u0000${password}`).digest("base64");
    const now = Date.now();
    const cached = this.verified.get(key);
    if (cached !== undefined && cached.until > now) {
      return { ...this.identity(userPrincipal(cached.user), cached.method, request), ...(cached.apiKeyId ? { apiKeyId: cached.apiKeyId } : {}) };
    }
    let verified: { user: string; method: AuthenticationMethod; apiKeyId?: string } | null = null;
    if (API_KEY_ID.test(user)) {
      const owner = await this.security.apiKeys.verify(user, password);
      if (owner !== null) verified = { user: owner, method: "api-key", apiKeyId: user };
    }
    if (verified === null && (await this.checkPassword(user, password))) verified = { user, method: "basic" };
    if (verified === null) {
      this.fail(source, user, request, "HTTP Basic with a wrong user name, password or API key");
      throw this.unauthenticated("Authentication failed", request);
    }
    if (this.verified.size >= VERIFIED_CACHE_MAX) this.verified.clear();
    this.verified.set(key, { ...verified, until: now + VERIFIED_CACHE_MS });
    const identity = { ...this.identity(userPrincipal(verified.user), verified.method, request), ...(verified.apiKeyId ? { apiKeyId: verified.apiKeyId } : {}) };
    this.audit(identity, "success", verified.method === "api-key" ? `API key ${verified.apiKeyId}` : "HTTP Basic");
    return identity;
  }

  /** A user's password: its HTTP hash, else its SCRAM credential; an unknown user costs a hash all the same. */
  private async checkPassword(user: string, password: string): Promise<boolean> {
    const http = await this.security.users.verifyPassword(user, password);
    if (http !== null) return http;
    const credentials = this.security.broker.authenticator.credentials;
    const hasScram = (await credentials.scramCredential(user, "SCRAM-SHA-512")) !== null || (await credentials.scramCredential(user, "SCRAM-SHA-256")) !== null;
    return hasScram ? this.security.broker.authenticator.verifyPlain(user, password) : verifyAgainstNobody(password);
  }

  private refuseBlocked(source: string): void {
    const blockedMs = this.security.broker.authenticationLimiter.blockedForMs(source);
    if (blockedMs > 0) {
      const seconds = Math.ceil(blockedMs / 1000);
      throw new HttpAuthError(429, TOO_MANY_AUTHENTICATION_FAILURES, `Too many failed authentications from ${source}: try again in ${seconds} s.`, { "retry-after": String(seconds) });
    }
  }

  private fail(source: string, user: string | null, request: AuthenticationRequest, detail: string): void {
    const principal = user === null || user === "" ? ANONYMOUS : userPrincipal(user.slice(0, 256));
    this.security.broker.recordAudit({ principal: formatPrincipal(principal), sourceAddress: source, surface: surfaceOf(request, "basic"), operation: "AUTHENTICATE", resource: null, outcome: "failure", request: request.transport === "ws" ? "WebSocket upgrade" : "HTTP", detail });
    if (this.security.broker.authenticationLimiter.recordFailure(source)) this.logger?.warn(`Authentication: ${source} is refused for a while after repeated failed authentications`);
  }

  private audit(identity: HttpIdentity, outcome: "success", request: string): void {
    this.security.broker.recordAudit({ ...this.auditBase(identity), operation: "AUTHENTICATE", resource: null, outcome, request });
  }

  private auditBase(identity: HttpIdentity) {
    return { principal: formatPrincipal(identity.principal), sourceAddress: identity.sourceAddress, surface: identity.surface };
  }

  private identity(principal: KafkaPrincipal, method: AuthenticationMethod, request: AuthenticationRequest): HttpIdentity {
    return { principal, method, sourceAddress: normalizeHost(request.sourceAddress), surface: surfaceOf(request, method) };
  }

  /** 401, with Basic's challenge for programs; the console (which says who it is) gets none, so browsers do not prompt. */
  private unauthenticated(message: string, request: AuthenticationRequest): HttpAuthError {
    const fromConsole = headerValue(request.headers["x-skein-client"]) === "console";
    return new HttpAuthError(401, AUTHENTICATION_FAILED, message, fromConsole ? {} : { "www-authenticate": 'Basic realm="Skein", charset="UTF-8"' });
  }
}

/** Where a request came in, for the audit log. */
export function surfaceOf(request: { headers: IncomingHttpHeaders; transport: "http" | "ws" }, method: AuthenticationMethod): AuditSurface {
  if (method === "session" || headerValue(request.headers["x-skein-client"]) === "console") return "console";
  if (/^skein-cli\//.test(headerValue(request.headers["user-agent"]) ?? "")) return "cli";
  return request.transport === "ws" ? "ws" : "rest";
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** Whether a WebSocket upgrade's Origin (when a browser sent one) is the service itself. */
function sameOrigin(headers: IncomingHttpHeaders): boolean {
  const origin = headerValue(headers.origin);
  if (origin === undefined) return true;
  try {
    return new URL(origin).host === headers.host;
  } catch {
    return false;
  }
}
