import { createParamDecorator, type ExecutionContext } from "@nestjs/common";
import type { AuditSurface, KafkaPrincipal } from "@skein/broker";
import type { FastifyRequest } from "fastify";

/** How a request proved who it is. */
export type AuthenticationMethod = "none" | "basic" | "api-key" | "session";

/** Who an HTTP request or WebSocket acts as, and where it came from. */
export interface HttpIdentity {
  principal: KafkaPrincipal;
  method: AuthenticationMethod;
  /** The client's address, as ACL hosts are matched against it. */
  sourceAddress: string;
  /** Where it came in, for the audit log: the console (a session), the CLI (its User-Agent), REST or WebSocket. */
  surface: AuditSurface;
  /** The console session's token (method "session"), for logout and the CSRF token. */
  sessionToken?: string;
  /** The API key used (method "api-key"). */
  apiKeyId?: string;
}

declare module "fastify" {
  interface FastifyRequest {
    /** Set by the authentication hook before any route runs. */
    skeinIdentity?: HttpIdentity;
  }
}

/** The request's identity; the authentication hook set it before any authenticated route runs. */
export function identityOf(request: FastifyRequest): HttpIdentity {
  const identity = request.skeinIdentity;
  if (identity === undefined) throw new Error(`No identity for ${request.method} ${request.url}: the route is public and must not ask who calls it`);
  return identity;
}

/** Injects the request's `HttpIdentity` into a controller method. */
export const Identity = createParamDecorator((_: unknown, context: ExecutionContext) => identityOf(context.switchToHttp().getRequest<FastifyRequest>()));
