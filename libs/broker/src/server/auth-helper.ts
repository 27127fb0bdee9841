import { CLUSTER_RESOURCE_NAME, type AclOperation, type ResourceType } from "../security/acl.js";
import type { BrokerSecurity } from "../security/broker-security.js";
import { formatPrincipal } from "../security/principal.js";
import { operationsBitField, supportedOperations } from "./authorized-operations.js";
import type { RequestContext } from "./request-context.js";

/**
 * Kafka's `AuthHelper`: how request handlers ask the authorizer, with the request's principal and client address.
 * Without an authorizer every request is allowed. A denial of something the client asked for explicitly is written
 * to the audit log; a resource merely filtered out of a listing (`logIfDenied: false`) is not, as Kafka logs them.
 */
export class AuthHelper {
  constructor(private readonly security: BrokerSecurity | null) {}

  /** Whether ACLs are enforced. */
  get enabled(): boolean {
    return this.security?.authorizer != null;
  }

  /** Whether the request's principal may perform `operation` on the resource. */
  authorize(context: RequestContext, operation: AclOperation, resourceType: ResourceType, resourceName: string, options: { logIfDenied?: boolean } = {}): boolean {
    const authorizer = this.security?.authorizer;
    if (authorizer == null) return true;
    const allowed = authorizer.authorize({ principal: context.principal, clientAddress: context.connection.remoteAddress }, operation, resourceType, resourceName);
    if (!allowed && options.logIfDenied !== false) {
      this.security!.recordAudit({
        principal: formatPrincipal(context.principal),
        sourceAddress: context.connection.remoteAddress,
        surface: "wire",
        operation,
        resource: { type: resourceType, name: resourceName },
        outcome: "denied",
        request: context.apiName,
      });
    }
    return allowed;
  }

  /** `authorize` on the cluster resource. */
  authorizeCluster(context: RequestContext, operation: AclOperation, options: { logIfDenied?: boolean } = {}): boolean {
    return this.authorize(context, operation, "CLUSTER", CLUSTER_RESOURCE_NAME, options);
  }

  /** The names among `names` the principal may perform `operation` on (each asked once). */
  filterByAuthorized(context: RequestContext, operation: AclOperation, resourceType: ResourceType, names: Iterable<string>, options: { logIfDenied?: boolean } = {}): Set<string> {
    const allowed = new Set<string>();
    for (const name of new Set(names)) if (this.authorize(context, operation, resourceType, name, options)) allowed.add(name);
    return allowed;
  }

  /** Kafka's `authorizeByResourceType`: `operation` on at least one resource of the type. */
  authorizeByResourceType(context: RequestContext, operation: AclOperation, resourceType: ResourceType): boolean {
    const authorizer = this.security?.authorizer;
    return authorizer == null || authorizer.authorizeByResourceType({ principal: context.principal, clientAddress: context.connection.remoteAddress }, operation, resourceType);
  }

  /** Audits a change made over the wire (a topic created, an ACL deleted, a group's offsets reset, …), or its failure. */
  recordChange(context: RequestContext, operation: AclOperation, resourceType: string, resourceName: string, error: { message: string } | null = null, detail?: string): void {
    this.security?.recordAudit({
      principal: formatPrincipal(context.principal),
      sourceAddress: context.connection.remoteAddress,
      surface: "wire",
      operation,
      resource: { type: resourceType, name: resourceName },
      outcome: error === null ? "success" : "failure",
      request: context.apiName,
      detail: error === null ? detail : [detail, error.message].filter(Boolean).join(": "),
    });
  }

  /** The authorized-operations bit field for a resource (every supported operation without an authorizer). */
  authorizedOperations(context: RequestContext, resourceType: ResourceType, resourceName: string): number {
    const candidates = supportedOperations(resourceType);
    return operationsBitField(candidates.filter((op) => this.authorize(context, op, resourceType, resourceName, { logIfDenied: false })));
  }
}
