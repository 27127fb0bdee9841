import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { inMetadataDatabase } from "../errors/metadata-database-errors.js";
import type { MetadataClient } from "../metadata/prisma-client.js";

/** A signed-in console session. */
export interface HttpSession {
  user: string;
  createdAt: number;
  expiresAt: number;
}

function tokenHash(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** The console's sessions stay in memory for this long between database reads (logout on this node is at once). */
const CACHE_MS = 5_000;
/** Session tokens: 32 random bytes in base64url. */
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

/**
 * Console sessions: the cookie carries a random token, the database keeps its SHA-256 with the user and expiry, so
 * a stolen database holds no usable session, a forged cookie matches nothing, and every node sharing the database
 * honours the session. The CSRF token is derived from the session token (HMAC), so it needs no storage and is
 * useless without the cookie.
 */
export class HttpSessions {
  private readonly cache = new Map<string, { session: HttpSession | null; until: number }>();

  constructor(
    private readonly prisma: MetadataClient,
    private readonly lifetimeMs: number,
  ) {}

  /** Starts a session for `user`; the token goes into the cookie and nowhere else. */
  async create(user: string, sourceAddress: string): Promise<{ token: string; session: HttpSession }> {
    const token = randomBytes(32).toString("base64url");
    const createdAt = new Date();
    const expiresAt = new Date(createdAt.getTime() + this.lifetimeMs);
    await inMetadataDatabase("start a session", () =>
      this.prisma.$transaction([
        this.prisma.httpSession.deleteMany({ where: { expiresAt: { lt: createdAt } } }),
        this.prisma.httpSession.create({ data: { tokenHash: tokenHash(token), user, sourceAddress, createdAt, expiresAt } }),
      ]),
    );
    return { token, session: { user, createdAt: createdAt.getTime(), expiresAt: expiresAt.getTime() } };
  }

  /** The live session of a token, or null (unknown, malformed or expired). */
  async find(token: string): Promise<HttpSession | null> {
    if (!TOKEN.test(token)) return null;
    const key = tokenHash(token);
    const now = Date.now();
    const cached = this.cache.get(key);
    if (cached !== undefined && cached.until > now) return cached.session !== null && cached.session.expiresAt > now ? cached.session : null;
    const row = await inMetadataDatabase("read a session", () => this.prisma.httpSession.findUnique({ where: { tokenHash: key } }));
    const session = row === null || row.expiresAt.getTime() <= now ? null : { user: row.user, createdAt: row.createdAt.getTime(), expiresAt: row.expiresAt.getTime() };
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(key, { session, until: now + CACHE_MS });
    return session;
  }

  /** Ends a session (logout). */
  async delete(token: string): Promise<void> {
    const key = tokenHash(token);
    this.cache.delete(key);
    await inMetadataDatabase("end a session", () => this.prisma.httpSession.deleteMany({ where: { tokenHash: key } }));
  }

  /** Forgets cached sessions (a user was deleted). */
  forgetCached(): void {
    this.cache.clear();
  }

  /** The CSRF token of a session: what the console sends back in `X-CSRF-Token` on every change. */
  static csrfToken(sessionToken: string): string {
    return createHmac("sha256", sessionToken).update("skein csrf").digest("base64url");
  }

  /** Whether `candidate` is the session's CSRF token, compared in constant time. */
  static checkCsrfToken(sessionToken: string, candidate: string | undefined): boolean {
    if (candidate === undefined) return false;
    const expected = Buffer.from(HttpSessions.csrfToken(sessionToken));
    const given = Buffer.from(candidate);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
}
