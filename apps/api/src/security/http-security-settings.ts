import type { HttpAuthenticationMethod } from "../config/http-security-config.js";

/** What the HTTP edge's security needs of the service's settings. */
export interface HttpSecuritySettings {
  authentication: HttpAuthenticationMethod;
  /** How long a console sign-in lasts. */
  sessionTimeoutMs: number;
  /** Whether the session cookie is `Secure` (the service serves HTTPS). */
  secureCookies: boolean;
}

/** No authentication: every request is User:ANONYMOUS (the service then listens on loopback only, unless told). */
export const DEFAULT_HTTP_SECURITY: HttpSecuritySettings = { authentication: "NONE", sessionTimeoutMs: 8 * 60 * 60 * 1000, secureCookies: false };
