import {
  ACL_OPERATIONS,
  PATTERN_TYPES,
  PERMISSION_TYPES,
  RESOURCE_TYPES,
  parseEnumName,
  type AclBinding,
  type AclBindingFilter,
  type AclOperation,
  type AclPermissionType,
  type PatternType,
  type ResourceType,
} from "@skein/broker";
import type { ResourceLinks } from "../common/resource-links.js";
import { RestError } from "../errors/rest-error.js";

/** The REST Proxy's `AclData`. */
export interface AclData {
  kind: "KafkaAcl";
  metadata: { self: string };
  cluster_id: string;
  resource_type: ResourceType;
  resource_name: string;
  pattern_type: PatternType;
  principal: string;
  host: string;
  operation: AclOperation;
  permission: AclPermissionType;
}

/** The ACL resource types the REST Proxy names (Kafka's USER resource is not among them). */
const REST_RESOURCE_TYPES = RESOURCE_TYPES.filter((t) => t !== "USER");

/** The query string of one ACL's search (its `metadata.self`), in the REST Proxy's parameter order. */
function aclQuery(fields: Record<string, string>): string {
  return new URLSearchParams(fields).toString();
}

/** An ACL as the REST Proxy answers it. */
export function aclData(links: ResourceLinks, clusterId: string, binding: AclBinding): AclData {
  const fields = {
    resource_type: binding.pattern.resourceType,
    resource_name: binding.pattern.name,
    pattern_type: binding.pattern.patternType,
    principal: binding.entry.principal,
    host: binding.entry.host,
    operation: binding.entry.operation,
    permission: binding.entry.permissionType,
  };
  return { kind: "KafkaAcl", metadata: { self: `${links.url("v3", "clusters", clusterId, "acls")}?${aclQuery(fields)}` }, cluster_id: clusterId, ...fields };
}

function enumValue<T extends string>(field: string, value: unknown, values: readonly T[], extra: readonly string[] = []): T {
  if (typeof value !== "string") throw new RestError(400, 400, `${field} must be a string.`);
  const parsed = parseEnumName([...values, ...extra] as T[], value);
  if (parsed === undefined) throw new RestError(400, 400, `${field} must be one of ${[...values, ...extra].join(", ")}; got '${value}'.`);
  return parsed;
}

function requiredString(body: Record<string, unknown>, field: string): string {
  const value = body[field];
  if (value === undefined || value === null) throw new RestError(422, 42206, `Payload error. ${field} is required.`);
  if (typeof value !== "string") throw new RestError(400, 400, `${field} must be a string.`);
  return value;
}

/** One `CreateAclRequestData` as a binding: every field required, concrete values only (no ANY or MATCH). */
export function aclFromCreateRequest(body: unknown): AclBinding {
  if (typeof body !== "object" || body === null || Array.isArray(body)) throw new RestError(422, 42206, "Payload error. Request body is empty. Data is required.");
  const fields = body as Record<string, unknown>;
  return {
    pattern: {
      resourceType: enumValue("resource_type", requiredString(fields, "resource_type"), REST_RESOURCE_TYPES),
      name: requiredString(fields, "resource_name"),
      patternType: enumValue("pattern_type", requiredString(fields, "pattern_type"), PATTERN_TYPES),
    },
    entry: {
      principal: requiredString(fields, "principal"),
      host: requiredString(fields, "host"),
      operation: enumValue("operation", requiredString(fields, "operation"), ACL_OPERATIONS),
      permissionType: enumValue("permission", requiredString(fields, "permission"), PERMISSION_TYPES),
    },
  };
}

/**
 * A search (GET) or deletion (DELETE) filter from the query: absent values match anything. A deletion must name the
 * resource type, pattern type, operation and permission (ANY allowed), as the REST Proxy requires.
 */
export function aclFilterFromQuery(query: Record<string, unknown>, forDeletion: boolean): AclBindingFilter {
  const text = (field: string): string | undefined => {
    const value = query[field];
    if (value === undefined || value === "") return undefined;
    if (typeof value !== "string") throw new RestError(400, 400, `${field} must be given once.`);
    return value;
  };
  const required = (field: string): string => {
    const value = text(field);
    if (value === undefined && forDeletion) throw new RestError(400, 400, `${field} cannot be unspecified or UNKNOWN`);
    return value ?? "ANY";
  };
  const resourceType = required("resource_type");
  if (resourceType.toUpperCase() === "UNKNOWN") throw new RestError(400, 400, "resource_type cannot be unspecified or UNKNOWN");
  return {
    pattern: {
      resourceType: enumValue("resource_type", resourceType, REST_RESOURCE_TYPES, ["ANY"]),
      name: text("resource_name") ?? null,
      patternType: enumValue("pattern_type", required("pattern_type"), PATTERN_TYPES, ["ANY", "MATCH"]),
    },
    entry: {
      principal: text("principal") ?? null,
      host: text("host") ?? null,
      operation: enumValue("operation", required("operation"), ACL_OPERATIONS, ["ANY"]),
      permissionType: enumValue("permission", required("permission"), PERMISSION_TYPES, ["ANY"]),
    },
  } as AclBindingFilter;
}
