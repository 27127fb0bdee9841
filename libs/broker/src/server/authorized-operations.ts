/**
 * Kafka's ACL operation codes (`AclOperation`) and the 32-bit fields Metadata and DescribeGroups/DescribeCluster
 * return when a client asks for the operations it may perform. Until an authorizer exists every supported operation
 * is allowed, which is what Kafka reports when no authorizer is configured.
 */
export const AclOperation = {
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
} as const;

/** Kafka's value for "authorized operations were not requested". */
export const AUTHORIZED_OPERATIONS_OMITTED = -2147483648;

const O = AclOperation;
const TOPIC_OPERATIONS = [O.READ, O.WRITE, O.CREATE, O.DELETE, O.ALTER, O.DESCRIBE, O.DESCRIBE_CONFIGS, O.ALTER_CONFIGS];
const GROUP_OPERATIONS = [O.READ, O.DELETE, O.DESCRIBE];
const CLUSTER_OPERATIONS = [O.CREATE, O.ALTER, O.DESCRIBE, O.CLUSTER_ACTION, O.DESCRIBE_CONFIGS, O.ALTER_CONFIGS, O.IDEMPOTENT_WRITE, O.CREATE_TOKENS, O.DESCRIBE_TOKENS];

function toBitField(operations: readonly number[]): number {
  let field = 0;
  for (const op of operations) field |= 1 << op;
  return field;
}

export const ALL_TOPIC_OPERATIONS = toBitField(TOPIC_OPERATIONS);
export const ALL_GROUP_OPERATIONS = toBitField(GROUP_OPERATIONS);
export const ALL_CLUSTER_OPERATIONS = toBitField(CLUSTER_OPERATIONS);
