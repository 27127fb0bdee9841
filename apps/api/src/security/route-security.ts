import { SetMetadata, applyDecorators } from "@nestjs/common";
import { CLUSTER_RESOURCE_NAME, type AclOperation, type ResourceType } from "@skein/broker";
import type { FastifyRequest } from "fastify";

/** Where an ACL check finds the resource's name: a route parameter, the one cluster, or a fixed name. */
export type ResourceName = { param: string } | { cluster: true } | { literal: string };

/** One ACL a route requires. */
export interface AclRequirement {
  operation: AclOperation;
  resourceType: ResourceType;
  name: ResourceName;
}

/** How a route is authorized: by its `@RequireAcl`s, in its handler (listings, names in the body), or for any signed-in principal. */
export type RouteSecurity = { kind: "acls"; acls: AclRequirement[] } | { kind: "in-handler"; reason: string } | { kind: "authenticated"; reason: string } | { kind: "public"; reason: string };

/** A change the audit log records for the route: its operation and resource (or none for the route's own recording). */
export interface AuditedChange {
  operation: AclOperation;
  resourceType: ResourceType | "BROKER" | "USER" | "API_KEY" | "CLIENT_QUOTA" | "ACL";
  name: ResourceName | { body: string };
}

export const ROUTE_SECURITY = "skein:route-security";
export const AUDITED_CHANGE = "skein:audited-change";

/** The route param as a resource name. */
export const param = (name: string): ResourceName => ({ param: name });
/** The cluster (`kafka-cluster`). */
export const CLUSTER: ResourceName = { cluster: true };

/**
 * The ACLs a route requires, checked before it runs with Kafka's operation for the equivalent request (produce:
 * WRITE on the topic; describe configs: DESCRIBE_CONFIGS; ...). Every check must pass; a denial is 403/40301.
 */
export function RequireAcl(...acls: [AclOperation, ResourceType, ResourceName][]): MethodDecorator {
  return SetMetadata(ROUTE_SECURITY, { kind: "acls", acls: acls.map(([operation, resourceType, name]) => ({ operation, resourceType, name })) } satisfies RouteSecurity);
}

/** The route authorizes in its handler (it filters a listing, or the resource's name is in the body). */
export function AuthorizeInHandler(reason: string): MethodDecorator {
  return SetMetadata(ROUTE_SECURITY, { kind: "in-handler", reason } satisfies RouteSecurity);
}

/** Any authenticated principal may use the route, as Kafka lets any client describe the cluster and its brokers. */
export function AuthenticatedOnly(reason: string): MethodDecorator {
  return SetMetadata(ROUTE_SECURITY, { kind: "authenticated", reason } satisfies RouteSecurity);
}

/** The route answers without authentication (sign-in, health checks). */
export function PublicRoute(reason: string): MethodDecorator {
  return SetMetadata(ROUTE_SECURITY, { kind: "public", reason } satisfies RouteSecurity);
}

/**
 * Audits the route as a change (success or failure, once it answered; a denial is audited by the check): topics,
 * partitions, configs, ACLs, users, quotas, offset resets and deletions, record deletions.
 */
export function AuditedChange(operation: AclOperation, resourceType: AuditedChange["resourceType"], name: AuditedChange["name"]): MethodDecorator {
  return applyDecorators(SetMetadata(AUDITED_CHANGE, { operation, resourceType, name } satisfies AuditedChange));
}

/** The resource name a `ResourceName` denotes for this request. */
export function resolveName(name: ResourceName | { body: string }, request: FastifyRequest): string {
  if ("cluster" in name) return CLUSTER_RESOURCE_NAME;
  if ("literal" in name) return name.literal;
  if ("body" in name) {
    const value = (request.body as Record<string, unknown> | null | undefined)?.[name.body];
    return typeof value === "string" ? value : "(none)";
  }
  const value = (request.params as Record<string, string> | undefined)?.[name.param];
  if (value === undefined) throw new Error(`Route ${request.routeOptions.url} has no parameter ${name.param}`);
  return value;
}

/** `POST /v3/clusters/:cluster_id/topics`: the route as the audit log names it. */
export function routeLabel(request: FastifyRequest): string {
  return `${request.method} ${request.routeOptions.url ?? request.url.split("?")[0]}`;
}
