import type { FastifyInstance, FastifyRequest } from "fastify";
import { restErrorFor } from "../errors/rest-error-for.js";
import { HttpAuthError } from "./http-auth-error.js";
import type { HttpAuthenticator } from "./http-authenticator.js";

/** Routes that answer without credentials: sign-in, health checks, the API docs and the console's static files. */
const PUBLIC_ROUTES = new Set(["/", "/healthz", "/readyz", "/auth/login", "/auth/session", "/openapi.json"]);
const PUBLIC_PREFIXES = ["/console/", "/docs"];

/** Whether a matched route pattern answers without authentication. */
export function isPublicRoute(route: string): boolean {
  return PUBLIC_ROUTES.has(route) || PUBLIC_PREFIXES.some((prefix) => route.startsWith(prefix));
}

/**
 * Authenticates every request before its body is read or its route runs (Fastify's onRequest hook), so a request
 * without valid credentials costs no parsing: 401/40101, 403/40302 for a console change without its CSRF token,
 * 429/42901 while its source is refused. Requests that match no route are authenticated too (401 before 404), so
 * the API's shape is not shown to strangers.
 */
export function registerAuthentication(fastify: FastifyInstance, authenticator: HttpAuthenticator): void {
  fastify.addHook("onRequest", async (request: FastifyRequest, reply) => {
    const route = request.is404 ? undefined : request.routeOptions.url;
    if (route !== undefined && isPublicRoute(route)) return;
    try {
      request.skeinIdentity = await authenticator.authenticate({ headers: request.headers, sourceAddress: request.ip, method: request.method, transport: "http" });
    } catch (error) {
      const rest = restErrorFor(error);
      if (error instanceof HttpAuthError) void reply.headers(error.headers);
      return reply.code(rest.status).type("application/json").send(rest.body);
    }
  });
}
