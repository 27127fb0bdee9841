import { CLUSTER_RESOURCE_NAME, formatPrincipal, type AclOperation, type AuditOutcome, type ResourceType } from "@skein/broker";
import { RestError } from "../errors/rest-error.js";
import { AUTHORIZATION_FAILED } from "./http-auth-error.js";
import type { HttpIdentity } from "./http-identity.js";
import type { ServiceSecurity } from "./service-security.js";

/** Kafka's messages for its authorization exceptions, which the REST Proxy passes on in its 403s. */
function deniedMessage(resourceType: ResourceType, name: string): string {
  switch (resourceType) {
    case "TOPIC":
      return `Not authorized to access topics: [${name}]`;
    case "GROUP":
      return `Not authorized to access group: ${name}`;
    case "CLUSTER":
      return "Cluster authorization failed.";
    case "TRANSACTIONAL_ID":
      return `Transactional Id authorization failed: ${name}`;
    default:
      return "Request is not authorized";
  }
}

/**
 * The HTTP edge's questions to the engine's authorizer, with the request's principal and address: the same
 * `Authorizer` the Kafka listener asks, so one ACL gives one answer on every surface. A denial of something a client
 * asked for is 403/40301 with Kafka's message and is audited; resources merely filtered out of a listing are not,
 * as Kafka leaves them out of its logs.
 */
export class HttpAuthorizer {
  constructor(private readonly security: ServiceSecurity) {}

  /** Whether ACLs are enforced (`authorizer.class.name` is set). */
  get enabled(): boolean {
    return this.security.broker.authorizationEnabled;
  }

  /** Whether the identity may perform `operation` on the resource. */
  authorize(identity: HttpIdentity, operation: AclOperation, resourceType: ResourceType, name: string): boolean {
    return this.security.broker.authorize({ principal: identity.principal, clientAddress: identity.sourceAddress }, operation, resourceType, name);
  }

  /** Throws 403/40301 (and audits the denial) unless the identity may perform `operation` on the resource. */
  require(identity: HttpIdentity, operation: AclOperation, resourceType: ResourceType, name: string, request: string): void {
    if (this.authorize(identity, operation, resourceType, name)) return;
    this.audit(identity, operation, resourceType, name, "denied", request);
    throw new RestError(403, AUTHORIZATION_FAILED, deniedMessage(resourceType, name));
  }

  /** `require` on the cluster. */
  requireCluster(identity: HttpIdentity, operation: AclOperation, request: string): void {
    this.require(identity, operation, "CLUSTER", CLUSTER_RESOURCE_NAME, request);
  }

  /**
   * Kafka's CreateTopics rule: CREATE on the cluster, else CREATE on the topic. @throws 403/40301
   */
  requireCreateTopic(identity: HttpIdentity, topic: string, request: string): void {
    if (this.authorize(identity, "CREATE", "CLUSTER", CLUSTER_RESOURCE_NAME)) return;
    this.require(identity, "CREATE", "TOPIC", topic, request);
  }

  /** Whether the identity may create the topic (as a produce's auto-creation asks). */
  mayCreateTopic(identity: HttpIdentity, topic: string): boolean {
    return this.authorize(identity, "CREATE", "CLUSTER", CLUSTER_RESOURCE_NAME) || this.authorize(identity, "CREATE", "TOPIC", topic);
  }

  /** The items whose resource the identity may perform `operation` on, in order: listings hide the rest. */
  filter<T>(identity: HttpIdentity, operation: AclOperation, resourceType: ResourceType, items: readonly T[], nameOf: (item: T) => string): T[] {
    return items.filter((item) => this.authorize(identity, operation, resourceType, nameOf(item)));
  }

  /** The operations of `candidates` the identity may perform on the resource (the v3 `authorized_operations`). */
  authorizedOperations(identity: HttpIdentity, resourceType: ResourceType, name: string, candidates: readonly AclOperation[]): AclOperation[] {
    return candidates.filter((operation) => this.authorize(identity, operation, resourceType, name));
  }

  /** Whether the identity is one of `super.users`. */
  isSuperUser(identity: HttpIdentity): boolean {
    return this.security.broker.authorizer?.isSuperUser(identity.principal) ?? false;
  }

  /** Records a change made over HTTP, a denial or a failure in the audit log, naming the surface. */
  audit(identity: HttpIdentity, operation: AclOperation | string, resourceType: string, name: string, outcome: AuditOutcome, request: string, detail?: string): void {
    this.security.broker.recordAudit({
      principal: formatPrincipal(identity.principal),
      sourceAddress: identity.sourceAddress,
      surface: identity.surface,
      operation,
      resource: { type: resourceType, name },
      outcome,
      request,
      ...(detail === undefined ? {} : { detail }),
    });
  }
}
