/** The console's sign-in against the service's `/auth` routes: who is signed in, sign in, sign out, and the CSRF token. */

/** What `GET /auth/session` answers. */
export interface Session {
  signed_in: boolean;
  /** `SKEIN_AUTHENTICATION_METHOD`: NONE (everyone is User:ANONYMOUS) or BASIC (users sign in). */
  authentication: "NONE" | "BASIC";
  authorization: boolean;
  user?: string;
  principal?: string;
  method?: "none" | "basic" | "api-key" | "session";
  csrf_token?: string;
  super_user?: boolean;
  cluster_operations?: string[];
}

/** Says the console made the request: a 401 then comes without Basic's challenge, so the browser shows no password prompt. */
export const CONSOLE_CLIENT_HEADER = { "X-Skein-Client": "console" } as const;

// The session's CSRF token, sent in X-CSRF-Token with every change: the cookie alone (HttpOnly, SameSite) is not enough.
let csrfToken: string | undefined;

/** Headers a change (POST, PUT, PATCH, DELETE) made with the session cookie must carry. */
export function csrfHeaders(method: string): Record<string, string> {
  return csrfToken !== undefined && method !== "GET" && method !== "HEAD" ? { "X-CSRF-Token": csrfToken } : {};
}

async function call(method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }> {
  const response = await fetch(path, {
    method,
    headers: { Accept: "application/json", ...CONSOLE_CLIENT_HEADER, ...csrfHeaders(method), ...(body === undefined ? {} : { "Content-Type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
    cache: "no-store",
    credentials: "same-origin",
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

/** Who is signed in (never fails for want of a session: `signed_in` says). */
export async function getSession(): Promise<Session> {
  const { status, body } = await call("GET", "/auth/session");
  if (status !== 200) throw new Error(`GET /auth/session answered ${status}`);
  const session = body as Session;
  csrfToken = session.csrf_token;
  return session;
}

/** Signs in with a user's password; the service sets the session cookie. Throws with the service's message. */
export async function signIn(username: string, password: string): Promise<Session> {
  const { status, body } = await call("POST", "/auth/login", { username, password });
  if (status !== 200) throw new Error((body as { message?: string } | undefined)?.message ?? `Sign-in failed (HTTP ${status})`);
  const session = body as Session;
  csrfToken = session.csrf_token;
  return session;
}

/** Ends the session on the service (the cookie stops working everywhere) and forgets the CSRF token. */
export async function signOut(): Promise<void> {
  const { status } = await call("POST", "/auth/logout");
  csrfToken = undefined;
  if (status !== 204 && status !== 401) throw new Error(`Sign-out failed (HTTP ${status})`);
}
