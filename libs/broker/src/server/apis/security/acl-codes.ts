import { InvalidRequestError } from "../../../errors.js";
import {
  aclOperationCode,
  aclOperationOf,
  patternTypeCode,
  patternTypeOf,
  permissionTypeCode,
  permissionTypeOf,
  resourceTypeCode,
  resourceTypeOf,
  type AclBinding,
  type AclBindingFilter,
} from "../../../security/acl.js";

/** The wire fields of an ACL filter (DescribeAcls' request, each DeleteAcls filter). */
export interface WireAclFilter {
  resourceTypeFilter: number;
  resourceNameFilter: string | null;
  patternTypeFilter: number;
  principalFilter: string | null;
  hostFilter: string | null;
  operation: number;
  permissionType: number;
}

/** The wire fields of a binding (CreateAcls' creations, DeleteAcls' matching ACLs). */
export interface WireAcl {
  resourceType: number;
  resourceName: string;
  patternType: number;
  principal: string;
  host: string;
  operation: number;
  permissionType: number;
}

/** A filter from its wire codes; a code Kafka does not define is INVALID_REQUEST (Kafka's "unknown" filters). */
export function aclFilterFromWire(f: WireAclFilter, version: number): AclBindingFilter {
  const resourceType = resourceTypeOf(f.resourceTypeFilter);
  const patternType = patternTypeOf(f.patternTypeFilter);
  const operation = aclOperationOf(f.operation);
  const permissionType = permissionTypeOf(f.permissionType);
  if (resourceType === "UNKNOWN" || patternType === "UNKNOWN") throw new InvalidRequestError("Unknown patternFilter.");
  if (operation === "UNKNOWN" || permissionType === "UNKNOWN") throw new InvalidRequestError("Unknown entryFilter.");
  if (version === 0 && patternType !== "LITERAL") throw new InvalidRequestError("Version 0 only supports literal resource pattern types");
  return {
    pattern: { resourceType, name: f.resourceNameFilter, patternType },
    entry: { principal: f.principalFilter, host: f.hostFilter, operation, permissionType },
  };
}

/** A binding from its wire codes; ANY, MATCH and unknown codes are INVALID_REQUEST (Kafka's `validateNewAcl`). */
export function aclFromWire(a: WireAcl, version: number): AclBinding {
  const resourceType = resourceTypeOf(a.resourceType);
  const patternType = patternTypeOf(a.patternType);
  const operation = aclOperationOf(a.operation);
  const permissionType = permissionTypeOf(a.permissionType);
  if (resourceType === "ANY" || resourceType === "UNKNOWN") throw new InvalidRequestError(`Invalid resourceType ${resourceType}`);
  if (patternType !== "LITERAL" && patternType !== "PREFIXED") throw new InvalidRequestError(`Invalid patternType ${patternType}`);
  if (version === 0 && patternType !== "LITERAL") throw new InvalidRequestError("Version 0 only supports literal resource pattern types");
  if (operation === "ANY" || operation === "UNKNOWN") throw new InvalidRequestError(`Invalid operation ${operation}`);
  if (permissionType === "ANY" || permissionType === "UNKNOWN") throw new InvalidRequestError(`Invalid permissionType ${permissionType}`);
  return { pattern: { resourceType, name: a.resourceName, patternType }, entry: { principal: a.principal, host: a.host, operation, permissionType } };
}

/** A binding's wire codes. */
export function aclToWire(binding: AclBinding): WireAcl {
  const { pattern: p, entry: e } = binding;
  return {
    resourceType: resourceTypeCode(p.resourceType),
    resourceName: p.name,
    patternType: patternTypeCode(p.patternType),
    principal: e.principal,
    host: e.host,
    operation: aclOperationCode(e.operation),
    permissionType: permissionTypeCode(e.permissionType),
  };
}
