import { aclOperationCode, type AclOperation, type ResourceType } from "../security/acl.js";

/** Kafka's value for "authorized operations were not requested". */
export const AUTHORIZED_OPERATIONS_OMITTED = -2147483648;

/** The operations each resource type has (Kafka's `AclEntry.supportedOperations`), the candidates of authorized-operations fields. */
const SUPPORTED_OPERATIONS: Record<ResourceType, readonly AclOperation[]> = {
  TOPIC: ["READ", "WRITE", "CREATE", "DESCRIBE", "DELETE", "ALTER", "DESCRIBE_CONFIGS", "ALTER_CONFIGS"],
  GROUP: ["READ", "DESCRIBE", "DELETE", "DESCRIBE_CONFIGS", "ALTER_CONFIGS"],
  CLUSTER: ["CREATE", "CLUSTER_ACTION", "DESCRIBE_CONFIGS", "ALTER_CONFIGS", "IDEMPOTENT_WRITE", "ALTER", "DESCRIBE"],
  TRANSACTIONAL_ID: ["DESCRIBE", "WRITE"],
  DELEGATION_TOKEN: ["DESCRIBE"],
  USER: ["CREATE_TOKENS", "DESCRIBE_TOKENS"],
};

/** The operations Kafka reports on a resource type. */
export function supportedOperations(resourceType: ResourceType): readonly AclOperation[] {
  return SUPPORTED_OPERATIONS[resourceType];
}

/** The 32-bit field Metadata, DescribeGroups and DescribeCluster return: bit n set for operation code n. */
export function operationsBitField(operations: readonly AclOperation[]): number {
  let field = 0;
  for (const operation of operations) field |= 1 << aclOperationCode(operation);
  return field;
}
