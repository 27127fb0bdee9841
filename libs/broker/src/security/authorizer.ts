import { EventEmitter } from "node:events";
import type { Logger } from "../broker-types.js";
import { KafkaError, UnknownServerError } from "../errors.js";
import {
  aclKey,
  aclMatchesFilter,
  ANY_ACL,
  validateAclBinding,
  WILDCARD,
  type AclBinding,
  type AclBindingFilter,
  type AclOperation,
  type ResourceType,
} from "./acl.js";
import type { AclStore } from "./acl-store.js";
import { formatPrincipal, parsePrincipal, USER_TYPE, type KafkaPrincipal } from "./principal.js";

/** Who asks: the principal and the address it connects from (an ACL's host is matched against it). */
export interface AuthorizableRequest {
  principal: KafkaPrincipal;
  clientAddress: string;
}

export interface AuthorizerOptions {
  /** Kafka's `super.users`: principals (`User:admin`) allowed everything whatever the ACLs say. */
  superUsers?: readonly string[];
  /** Kafka's `allow.everyone.if.no.acl.found`: the answer for a resource no ACL names (default false: denied). */
  allowEveryoneIfNoAclFound?: boolean;
  logger?: Logger;
}

/** Why a request was allowed or denied, as Kafka's authorizer log says it. */
export type AuthorizationRule =
  | { kind: "SuperUser" }
  | { kind: "DefaultAllow" | "DefaultDeny" }
  | { kind: "NoMatchingAllow" }
  | { kind: "MatchingAcl"; acl: AclBinding };

export interface AuthorizationDecision {
  allowed: boolean;
  rule: AuthorizationRule;
}

/** Operations an ALLOW ACL grants besides its own (Kafka's implied operations). */
const IMPLIED_BY: Partial<Record<AclOperation, readonly AclOperation[]>> = {
  DESCRIBE: ["DESCRIBE", "READ", "WRITE", "DELETE", "ALTER"],
  DESCRIBE_CONFIGS: ["DESCRIBE_CONFIGS", "ALTER_CONFIGS"],
};

interface IndexedAcl {
  binding: AclBinding;
  principal: KafkaPrincipal;
  host: string;
}

interface ResourceTypeAcls {
  literal: Map<string, IndexedAcl[]>;
  prefixed: IndexedAcl[];
}

/**
 * Kafka's ACL authorizer (`StandardAuthorizer`'s semantics): a request is allowed when the principal is a super user,
 * or when an ALLOW ACL on a pattern matching the resource (the literal name, the `*` wildcard, or a prefix) names the
 * principal (or `User:*`), the client's host (or `*`) and the operation (or ALL, or one implying it), and no DENY ACL
 * matches the same way — DENY wins, and a DENY never implies anything. A resource no ACL names at all gets
 * `allow.everyone.if.no.acl.found`. The ACLs are kept in memory, so authorizing never waits; changes go through the
 * store first and are seen by every edge of the process at once (`change` is emitted after each).
 */
export class Authorizer extends EventEmitter<{ change: [] }> {
  private byType = new Map<ResourceType, ResourceTypeAcls>();
  private all: AclBinding[] = [];
  private readonly superUsers: ReadonlySet<string>;
  private readonly allowEveryoneIfNoAclFound: boolean;
  private unwatch: (() => void) | undefined;
  private mutations: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly store: AclStore,
    options: AuthorizerOptions,
  ) {
    super();
    this.superUsers = new Set((options.superUsers ?? []).map((p) => formatPrincipal(parsePrincipal(p.trim()))));
    this.allowEveryoneIfNoAclFound = options.allowEveryoneIfNoAclFound ?? false;
  }

  /** Loads every ACL from `store` and follows its changes. */
  static async open(store: AclStore, options: AuthorizerOptions = {}): Promise<Authorizer> {
    const authorizer = new Authorizer(store, options);
    authorizer.index(await store.load());
    authorizer.unwatch = store.watch?.(() => {
      authorizer.reload().catch((error: Error) => options.logger?.warn(`Reloading ACLs failed: ${error.message}`));
    });
    return authorizer;
  }

  /** Whether the principal is one of `super.users`. */
  isSuperUser(principal: KafkaPrincipal): boolean {
    return this.superUsers.has(formatPrincipal(principal));
  }

  /** Whether `request` may perform `operation` on the named resource (a concrete name, never a pattern). */
  authorize(request: AuthorizableRequest, operation: AclOperation, resourceType: ResourceType, resourceName: string): boolean {
    return this.decide(request, operation, resourceType, resourceName).allowed;
  }

  /** `authorize` with the rule that decided, for audit records and logs. */
  decide(request: AuthorizableRequest, operation: AclOperation, resourceType: ResourceType, resourceName: string): AuthorizationDecision {
    if (this.isSuperUser(request.principal)) return { allowed: true, rule: { kind: "SuperUser" } };
    const host = normalizeHost(request.clientAddress);
    let resourceHasAcls = false;
    let allow: AclBinding | undefined;
    for (const acl of this.matchingAcls(resourceType, resourceName)) {
      resourceHasAcls = true;
      if (!principalMatches(acl.principal, request.principal) || (acl.host !== WILDCARD && acl.host !== host)) continue;
      const entry = acl.binding.entry;
      if (entry.permissionType === "DENY") {
        if (entry.operation === "ALL" || entry.operation === operation) return { allowed: false, rule: { kind: "MatchingAcl", acl: acl.binding } };
      } else if (allow === undefined && (entry.operation === "ALL" || (IMPLIED_BY[operation] ?? [operation]).includes(entry.operation))) {
        allow = acl.binding;
      }
    }
    if (allow !== undefined) return { allowed: true, rule: { kind: "MatchingAcl", acl: allow } };
    if (resourceHasAcls) return { allowed: false, rule: { kind: "NoMatchingAllow" } };
    return this.allowEveryoneIfNoAclFound ? { allowed: true, rule: { kind: "DefaultAllow" } } : { allowed: false, rule: { kind: "DefaultDeny" } };
  }

  /**
   * Whether `request` may perform `operation` on at least one resource of the type (Kafka's
   * `authorizeByResourceType`, KIP-679): true for super users and when an unnamed resource would be allowed;
   * otherwise when some ALLOW ACL for the principal and host is not covered by a DENY (a wildcard DENY covers all,
   * a literal DENY its name, a prefixed DENY every name it prefixes). InitProducerId uses it: IDEMPOTENT_WRITE on the
   * cluster or WRITE on any topic.
   */
  authorizeByResourceType(request: AuthorizableRequest, operation: AclOperation, resourceType: ResourceType): boolean {
    if (this.authorize(request, operation, resourceType, "hardcode")) return true;
    const host = normalizeHost(request.clientAddress);
    const acls = this.byType.get(resourceType);
    if (acls === undefined) return false;
    const denyLiteral = new Set<string>();
    const denyPrefixed = new Set<string>();
    const allowLiteral: string[] = [];
    const allowPrefixed: string[] = [];
    let wildcardAllow = false;
    const everyAcl = [...[...acls.literal.values()].flat(), ...acls.prefixed];
    for (const acl of everyAcl) {
      const { pattern, entry } = acl.binding;
      if (acl.host !== WILDCARD && acl.host !== host) continue;
      if (!principalMatches(acl.principal, request.principal)) continue;
      if (entry.operation !== operation && entry.operation !== "ALL") continue;
      const names = entry.permissionType === "DENY" ? (pattern.patternType === "LITERAL" ? denyLiteral : denyPrefixed) : null;
      if (names !== null) {
        if (pattern.patternType === "LITERAL" && pattern.name === WILDCARD) return false;
        names.add(pattern.name);
      } else if (pattern.patternType === "LITERAL") {
        if (pattern.name === WILDCARD) wildcardAllow = true;
        else allowLiteral.push(pattern.name);
      } else {
        allowPrefixed.push(pattern.name);
      }
    }
    if (wildcardAllow) return true;
    const deniedByPrefix = (name: string) => {
      for (let i = 1; i <= name.length; i++) if (denyPrefixed.has(name.slice(0, i))) return true;
      return false;
    };
    return allowLiteral.some((name) => !denyLiteral.has(name) && !deniedByPrefix(name)) || allowPrefixed.some((name) => !deniedByPrefix(name));
  }

  /** The operations of `candidates` the request may perform on the resource (Kafka's authorized operations fields). */
  authorizedOperations(request: AuthorizableRequest, resourceType: ResourceType, resourceName: string, candidates: readonly AclOperation[]): AclOperation[] {
    return candidates.filter((operation) => this.authorize(request, operation, resourceType, resourceName));
  }

  /** The ACLs `filter` selects (every ACL by default). */
  acls(filter: AclBindingFilter = ANY_ACL): AclBinding[] {
    return this.all.filter((binding) => aclMatchesFilter(filter, binding)).map((b) => structuredClone(b));
  }

  /**
   * Adds ACLs (CreateAcls): each binding is checked, the valid ones are stored together, and the answer has one entry
   * per binding, null for success or the error (INVALID_REQUEST for a bad binding; the store's failure for all).
   */
  createAcls(bindings: readonly AclBinding[]): Promise<(KafkaError | null)[]> {
    return this.serialize(async () => {
      const results: (KafkaError | null)[] = bindings.map((binding) => {
        try {
          validateAclBinding(binding);
          return null;
        } catch (error) {
          return asKafkaError(error);
        }
      });
      const valid = bindings.filter((_, i) => results[i] === null);
      if (valid.length === 0) return results;
      try {
        await this.store.add(valid);
      } catch (error) {
        const failure = asKafkaError(error);
        return results.map((r) => r ?? failure);
      }
      const known = new Set(this.all.map(aclKey));
      const added = valid.filter((b) => !known.has(aclKey(b)) && known.add(aclKey(b)));
      this.index([...this.all, ...added.map((b) => structuredClone(b))]);
      this.emit("change");
      return results;
    });
  }

  /**
   * Removes every ACL each filter selects (DeleteAcls); the answer has, per filter, the ACLs it removed or the
   * store's error.
   */
  deleteAcls(filters: readonly AclBindingFilter[]): Promise<{ error: KafkaError | null; deleted: AclBinding[] }[]> {
    return this.serialize(async () => {
      const perFilter = filters.map((filter) => this.all.filter((binding) => aclMatchesFilter(filter, binding)));
      const removed = new Map(perFilter.flat().map((b) => [aclKey(b), b]));
      if (removed.size === 0) return perFilter.map(() => ({ error: null, deleted: [] }));
      try {
        await this.store.remove([...removed.values()]);
      } catch (error) {
        const failure = asKafkaError(error);
        return perFilter.map(() => ({ error: failure, deleted: [] }));
      }
      this.index(this.all.filter((b) => !removed.has(aclKey(b))));
      this.emit("change");
      return perFilter.map((deleted) => ({ error: null, deleted: deleted.map((b) => structuredClone(b)) }));
    });
  }

  /** Reads every ACL from the store again (another process changed them). */
  reload(): Promise<void> {
    return this.serialize(async () => {
      this.index(await this.store.load());
      this.emit("change");
    });
  }

  /** Stops following the store (the store itself belongs to whoever opened it). */
  close(): void {
    this.unwatch?.();
    this.unwatch = undefined;
  }

  private *matchingAcls(resourceType: ResourceType, name: string): Generator<IndexedAcl> {
    const acls = this.byType.get(resourceType);
    if (acls === undefined) return;
    yield* acls.literal.get(name) ?? [];
    if (name !== WILDCARD) yield* acls.literal.get(WILDCARD) ?? [];
    for (const acl of acls.prefixed) if (name.startsWith(acl.binding.pattern.name)) yield acl;
  }

  private index(bindings: AclBinding[]): void {
    const byType = new Map<ResourceType, ResourceTypeAcls>();
    for (const binding of bindings) {
      const { resourceType, patternType, name } = binding.pattern;
      let acls = byType.get(resourceType);
      if (acls === undefined) byType.set(resourceType, (acls = { literal: new Map(), prefixed: [] }));
      const indexed = { binding, principal: parsePrincipal(binding.entry.principal), host: normalizeHost(binding.entry.host) };
      if (patternType === "PREFIXED") acls.prefixed.push(indexed);
      else acls.literal.set(name, [...(acls.literal.get(name) ?? []), indexed]);
    }
    this.byType = byType;
    this.all = bindings;
  }

  /** Changes run one at a time, so a reload never overtakes a write. */
  private serialize<T>(change: () => Promise<T>): Promise<T> {
    const next = this.mutations.then(change, change);
    this.mutations = next.catch(() => undefined);
    return next;
  }
}

/** The ACL's principal is the request's, or `User:*` (which Kafka matches against principals of any type). */
function principalMatches(aclPrincipal: KafkaPrincipal, principal: KafkaPrincipal): boolean {
  if (aclPrincipal.principalType === USER_TYPE && aclPrincipal.name === WILDCARD) return true;
  return aclPrincipal.principalType === principal.principalType && aclPrincipal.name === principal.name;
}

function asKafkaError(error: unknown): KafkaError {
  return error instanceof KafkaError ? error : new UnknownServerError(error instanceof Error ? error.message : String(error));
}

/** A client address as Kafka writes hosts in ACLs: an IPv4 client over an IPv6 socket (`::ffff:10.0.0.1`) is `10.0.0.1`. */
export function normalizeHost(address: string): string {
  return address.startsWith("::ffff:") && address.includes(".") ? address.slice(7) : address;
}
