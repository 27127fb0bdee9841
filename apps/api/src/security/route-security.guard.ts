import { Injectable, type CanActivate, type ExecutionContext } from "@nestjs/common";
import { Reflector } from "@nestjs/core";
import type { FastifyRequest } from "fastify";
import { identityOf } from "./http-identity.js";
import { HttpAuthorizer } from "./http-authorizer.js";
import { resolveName, ROUTE_SECURITY, routeLabel, type RouteSecurity } from "./route-security.js";

/**
 * Checks each route's declared ACLs before it runs (Nest's global guard). A route that declares nothing is refused
 * with 500, so that no new route can be served without saying how it is authorized (a test also lists them all).
 */
@Injectable()
export class RouteSecurityGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly authorizer: HttpAuthorizer,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== "http") return true;
    const security = this.reflector.get<RouteSecurity | undefined>(ROUTE_SECURITY, context.getHandler());
    if (security === undefined) throw new Error(`${context.getClass().name}.${context.getHandler().name} declares no authorization (@RequireAcl, @AuthorizeInHandler, @AuthenticatedOnly or @PublicRoute)`);
    if (security.kind !== "acls") return true;
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const identity = identityOf(request);
    for (const acl of security.acls) this.authorizer.require(identity, acl.operation, acl.resourceType, resolveName(acl.name, request), routeLabel(request));
    return true;
  }
}
