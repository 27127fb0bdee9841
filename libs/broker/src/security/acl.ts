import { InvalidRequestError } from "../errors.js";
import { parsePrincipal } from "./principal.js";

/**
 * Kafka's ACL model (`org.apache.kafka.common.acl` and `.resource`): a binding of a resource pattern (resource type,
 * name, LITERAL or PREFIXED) to an access control entry (principal, host, operation, ALLOW or DENY), and the filters
 * DescribeAcls and DeleteAcls take (ANY and MATCH). Names are Kafka's enum names; the wire codes are Kafka's too.
 */

export const RESOURCE_TYPES = ["TOPIC", "GROUP", "CLUSTER", "TRANSACTIONAL_ID", "DELEGATION_TOKEN", "USER"] as const;
export type ResourceType = (typeof RESOURCE_TYPES)[number];

export const PATTERN_TYPES = ["LITERAL", "PREFIXED"] as const;
export type PatternType = (typeof PATTERN_TYPES)[number];

export const ACL_OPERATIONS = [
  "ALL",
  "READ",
  "WRITE",
  "CREATE",
  "DELETE",
  "ALTER",
  "DESCRIBE",
  "CLUSTER_ACTION",
  "DESCRIBE_CONFIGS",
  "ALTER_CONFIGS",
  "IDEMPOTENT_WRITE",
  "CREATE_TOKENS",
  "DESCRIBE_TOKENS",
] as const;
export type AclOperation = (typeof ACL_OPERATIONS)[number];

export const PERMISSION_TYPES = ["ALLOW", "DENY"] as const;
export type AclPermissionType = (typeof PERMISSION_TYPES)[number];

/** The name of the one CLUSTER resource (`kafka-cluster`). */
export const CLUSTER_RESOURCE_NAME = "kafka-cluster";
/** A LITERAL resource name or ACL host that matches every name or host. */
export const WILDCARD = "*";

export interface ResourcePattern {
  resourceType: ResourceType;
  name: string;
  patternType: PatternType;
}

export interface AccessControlEntry {
  /** `User:alice`, or `User:*` for every user. */
  principal: string;
  /** A client address (`10.0.0.1`), or `*` for every host. */
  host: string;
  operation: AclOperation;
  permissionType: AclPermissionType;
}

/** One ACL. */
export interface AclBinding {
  pattern: ResourcePattern;
  entry: AccessControlEntry;
}

/** What DescribeAcls and DeleteAcls select by: ANY matches every value, a null name/principal/host matches any. */
export interface AclBindingFilter {
  pattern: {
    resourceType: ResourceType | "ANY";
    name: string | null;
    /** MATCH selects every pattern that applies to `name`: the literal name, `*`, and prefixes of it. */
    patternType: PatternType | "ANY" | "MATCH";
  };
  entry: {
    principal: string | null;
    host: string | null;
    operation: AclOperation | "ANY";
    permissionType: AclPermissionType | "ANY";
  };
}

/** A filter matching every ACL. */
export const ANY_ACL: AclBindingFilter = Object.freeze({
  pattern: { resourceType: "ANY", name: null, patternType: "ANY" },
  entry: { principal: null, host: null, operation: "ANY", permissionType: "ANY" },
}) as AclBindingFilter;

// Kafka's wire codes (ResourceType, PatternType, AclOperation, AclPermissionType `code()`).
const RESOURCE_TYPE_CODES: Record<ResourceType | "ANY" | "UNKNOWN", number> = { UNKNOWN: 0, ANY: 1, TOPIC: 2, GROUP: 3, CLUSTER: 4, TRANSACTIONAL_ID: 5, DELEGATION_TOKEN: 6, USER: 7 };
const PATTERN_TYPE_CODES: Record<PatternType | "ANY" | "MATCH" | "UNKNOWN", number> = { UNKNOWN: 0, ANY: 1, MATCH: 2, LITERAL: 3, PREFIXED: 4 };
const OPERATION_CODES: Record<AclOperation | "ANY" | "UNKNOWN", number> = {
  UNKNOWN: 0,
  ANY: 1,
  ALL: 2,
  READ: 3,
  WRITE: 4,
  CREATE: 5,
  DELETE: 6,
  ALTER: 7,
  DESCRIBE: 8,
  CLUSTER_ACTION: 9,
  DESCRIBE_CONFIGS: 10,
  ALTER_CONFIGS: 11,
  IDEMPOTENT_WRITE: 12,
  CREATE_TOKENS: 13,
  DESCRIBE_TOKENS: 14,
};
const PERMISSION_CODES: Record<AclPermissionType | "ANY" | "UNKNOWN", number> = { UNKNOWN: 0, ANY: 1, DENY: 2, ALLOW: 3 };

function inverse<K extends string>(codes: Record<K, number>): Map<number, K> {
  return new Map(Object.entries(codes).map(([name, code]) => [code as number, name as K]));
}
const RESOURCE_TYPE_NAMES = inverse(RESOURCE_TYPE_CODES);
const PATTERN_TYPE_NAMES = inverse(PATTERN_TYPE_CODES);
const OPERATION_NAMES = inverse(OPERATION_CODES);
const PERMISSION_NAMES = inverse(PERMISSION_CODES);

/** Kafka's wire code of a resource type (ANY is 1, UNKNOWN 0). */
export const resourceTypeCode = (type: ResourceType | "ANY" | "UNKNOWN"): number => RESOURCE_TYPE_CODES[type];
/** Kafka's wire code of a pattern type (ANY 1, MATCH 2). */
export const patternTypeCode = (type: PatternType | "ANY" | "MATCH" | "UNKNOWN"): number => PATTERN_TYPE_CODES[type];
/** Kafka's wire code of an operation (ANY 1, ALL 2). */
export const aclOperationCode = (operation: AclOperation | "ANY" | "UNKNOWN"): number => OPERATION_CODES[operation];
/** Kafka's wire code of a permission type (ANY 1). */
export const permissionTypeCode = (type: AclPermissionType | "ANY" | "UNKNOWN"): number => PERMISSION_CODES[type];

/** The name for a wire code; UNKNOWN for a code Kafka does not define. */
export const resourceTypeOf = (code: number): ResourceType | "ANY" | "UNKNOWN" => RESOURCE_TYPE_NAMES.get(code) ?? "UNKNOWN";
export const patternTypeOf = (code: number): PatternType | "ANY" | "MATCH" | "UNKNOWN" => PATTERN_TYPE_NAMES.get(code) ?? "UNKNOWN";
export const aclOperationOf = (code: number): AclOperation | "ANY" | "UNKNOWN" => OPERATION_NAMES.get(code) ?? "UNKNOWN";
export const permissionTypeOf = (code: number): AclPermissionType | "ANY" | "UNKNOWN" => PERMISSION_NAMES.get(code) ?? "UNKNOWN";

/** Parses a name case-insensitively (`topic`, `Read`, `prefixed`), as Kafka's `fromString`; undefined when unknown. */
export function parseEnumName<T extends string>(values: readonly T[], text: string): T | undefined {
  const upper = text.trim().toUpperCase();
  return values.find((v) => v === upper);
}

/**
 * Checks a binding before it is stored, with Kafka's messages (`AclControlManager.validateNewAcl` and the broker's
 * CreateAcls checks): a non-empty name, `kafka-cluster` for CLUSTER, a `Type:name` principal, a non-empty host.
 * @throws InvalidRequestError
 */
export function validateAclBinding(binding: AclBinding): void {
  const { pattern, entry } = binding;
  if (!(RESOURCE_TYPES as readonly string[]).includes(pattern.resourceType)) throw new InvalidRequestError(`Invalid resourceType ${pattern.resourceType}`);
  if (!(PATTERN_TYPES as readonly string[]).includes(pattern.patternType)) throw new InvalidRequestError(`Invalid patternType ${pattern.patternType}`);
  if (!(ACL_OPERATIONS as readonly string[]).includes(entry.operation)) throw new InvalidRequestError(`Invalid operation ${entry.operation}`);
  if (!(PERMISSION_TYPES as readonly string[]).includes(entry.permissionType)) throw new InvalidRequestError(`Invalid permissionType ${entry.permissionType}`);
  if (pattern.name === "") throw new InvalidRequestError("Invalid empty resource name");
  if (pattern.resourceType === "CLUSTER" && pattern.name !== CLUSTER_RESOURCE_NAME) {
    throw new InvalidRequestError(`The only valid name for the CLUSTER resource is ${CLUSTER_RESOURCE_NAME}`);
  }
  try {
    parsePrincipal(entry.principal);
  } catch (error) {
    throw new InvalidRequestError((error as Error).message);
  }
  if (entry.host === "") throw new InvalidRequestError("Invalid empty host: use * for every host");
}

/** Kafka's `ResourcePatternFilter.matches`. */
export function patternMatchesFilter(filter: AclBindingFilter["pattern"], pattern: ResourcePattern): boolean {
  if (filter.resourceType !== "ANY" && filter.resourceType !== pattern.resourceType) return false;
  if (filter.patternType !== "ANY" && filter.patternType !== "MATCH" && filter.patternType !== pattern.patternType) return false;
  if (filter.name === null) return true;
  if (filter.patternType === "ANY" || filter.patternType === pattern.patternType) return filter.name === pattern.name;
  // MATCH: every pattern that applies to the named resource.
  return pattern.patternType === "LITERAL" ? filter.name === pattern.name || pattern.name === WILDCARD : filter.name.startsWith(pattern.name);
}

/** Kafka's `AccessControlEntryFilter.matches`. */
export function entryMatchesFilter(filter: AclBindingFilter["entry"], entry: AccessControlEntry): boolean {
  if (filter.principal !== null && filter.principal !== entry.principal) return false;
  if (filter.host !== null && filter.host !== entry.host) return false;
  if (filter.operation !== "ANY" && filter.operation !== entry.operation) return false;
  return filter.permissionType === "ANY" || filter.permissionType === entry.permissionType;
}

/** Whether `binding` is selected by `filter`. */
export function aclMatchesFilter(filter: AclBindingFilter, binding: AclBinding): boolean {
  return patternMatchesFilter(filter.pattern, binding.pattern) && entryMatchesFilter(filter.entry, binding.entry);
}

/** Whether two bindings are the same ACL. */
export function sameAcl(a: AclBinding, b: AclBinding): boolean {
  return aclKey(a) === aclKey(b);
}

/** A string identifying a binding, for sets and maps. */
export function aclKey(binding: AclBinding): string {
  const { pattern: p, entry: e } = binding;
  return JSON.stringify([p.resourceType, p.patternType, p.name, e.principal, e.host, e.operation, e.permissionType]);
}

/** `(principal=User:alice, host=*, operation=READ, permissionType=ALLOW)` on `ResourcePattern(resourceType=TOPIC, name=orders, patternType=LITERAL)`, as Kafka prints ACLs. */
export function formatAcl(binding: AclBinding): string {
  const { pattern: p, entry: e } = binding;
  return `(pattern=ResourcePattern(resourceType=${p.resourceType}, name=${p.name}, patternType=${p.patternType}), entry=(principal=${e.principal}, host=${e.host}, operation=${e.operation}, permissionType=${e.permissionType}))`;
}
