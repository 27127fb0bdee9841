import type { IncomingHttpHeaders } from "node:http";

/** The console's session cookie. */
export const SESSION_COOKIE = "skein_session";
/** The header the console sends its CSRF token in on every change. */
export const CSRF_HEADER = "x-csrf-token";
/** Credentials longer than this are refused before anything is checked (a Basic header of 8 KiB is no password). */
export const MAX_CREDENTIAL_BYTES = 4096;

/** What a request presents, before it is checked. */
export type PresentedCredentials =
  | { kind: "none" }
  | { kind: "basic"; user: string; password: string }
  | { kind: "session"; token: string }
  | { kind: "malformed"; reason: string; claimedUser?: string };

/**
 * Reads the credentials of a request: an `Authorization: Basic` header (a user's name and password, or an API key's
 * id and secret, as Confluent's REST endpoints take keys) wins over the console's session cookie.
 */
export function presentedCredentials(headers: IncomingHttpHeaders): PresentedCredentials {
  const authorization = headers.authorization;
  if (authorization !== undefined) return basicCredentials(authorization);
  const token = cookieValue(headers.cookie, SESSION_COOKIE);
  return token === undefined ? { kind: "none" } : { kind: "session", token };
}

function basicCredentials(header: string): PresentedCredentials {
  if (header.length > MAX_CREDENTIAL_BYTES) return { kind: "malformed", reason: `The Authorization header is longer than ${MAX_CREDENTIAL_BYTES} bytes` };
  const match = /^Basic[ \t]+([A-Za-z0-9+/]+={0,2})[ \t]*$/i.exec(header);
  if (!match) {
    const scheme = header.trim().split(/\s+/)[0] ?? "";
    return { kind: "malformed", reason: /^basic$/i.test(scheme) ? "Malformed Basic credentials: expected base64 of user:password" : `Unsupported authorization scheme '${scheme.slice(0, 32)}': use Basic` };
  }
  const decoded = Buffer.from(match[1]!, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon <= 0) return { kind: "malformed", reason: "Malformed Basic credentials: expected base64 of user:password" };
  return { kind: "basic", user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/** The value of one cookie in a Cookie header (RFC 6265's `name=value; name2=value2`), or undefined. */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  if (header === undefined) return undefined;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq === -1) continue;
    if (part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim().replace(/^"(.*)"$/, "$1");
  }
  return undefined;
}

/** The Set-Cookie header that starts a session (HttpOnly, SameSite=Strict, Secure over HTTPS). */
export function sessionCookie(token: string, maxAgeMs: number, secure: boolean): string {
  return `${SESSION_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${Math.floor(maxAgeMs / 1000)}${secure ? "; Secure" : ""}`;
}

/** The Set-Cookie header that ends one. */
export function clearedSessionCookie(secure: boolean): string {
  return `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0${secure ? "; Secure" : ""}`;
}
