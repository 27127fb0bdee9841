import { LogDirFullError, type KafkaError } from "@skein/broker";
import { RestError } from "./rest-error.js";

/** Skein's code for a produce (or any write) refused because the data directory's disk is full: 507 Insufficient Storage. */
export const LOG_DIR_FULL = 50701;

/**
 * Kafka errors as the REST Proxy answers them (its KafkaExceptionMapper): a fixed table first, then retriable
 * errors as 500/50003, invalid topics as 400/40002 and every other Kafka error as 500/50002. Skein adds a full disk
 * (KAFKA_STORAGE_ERROR from LogDirFullError) as 507/50701, and corrupt records as 500/50002.
 */
const BY_NAME: Record<string, [status: number, errorCode: number]> = {
  BROKER_NOT_AVAILABLE: [503, 50302],
  INVALID_REPLICATION_FACTOR: [400, 40002],
  MESSAGE_TOO_LARGE: [413, 413],
  SECURITY_DISABLED: [400, 40002],
  UNSUPPORTED_VERSION: [400, 40002],
  INVALID_PARTITIONS: [400, 40002],
  INVALID_REQUEST: [400, 40002],
  UNKNOWN_SERVER_ERROR: [400, 40002],
  UNKNOWN_TOPIC_OR_PARTITION: [404, 40403],
  UNKNOWN_TOPIC_ID: [404, 40403],
  POLICY_VIOLATION: [400, 40002],
  TOPIC_ALREADY_EXISTS: [400, 40002],
  INVALID_CONFIG: [400, 40002],
  TOPIC_DELETION_DISABLED: [400, 40002],
  THROTTLING_QUOTA_EXCEEDED: [429, 42901],
  INVALID_TOPIC_EXCEPTION: [400, 40002],
  // Client mistakes the REST Proxy's table predates; answered as the bad input they are, not as broker failures.
  INVALID_RECORD: [400, 40002],
  INVALID_TIMESTAMP: [400, 40002],
  INVALID_REQUIRED_ACKS: [400, 40002],
  RECORD_LIST_TOO_LARGE: [413, 413],
  OFFSET_OUT_OF_RANGE: [416, 41601],
  // Records found corrupt on disk: a server fault, never retried into the same bytes (the message names the
  // partition and offsets; the engine quarantines the range, so the next read moves past it).
  CORRUPT_MESSAGE: [500, 50002],
};

const AUTHENTICATION = new Set(["SASL_AUTHENTICATION_FAILED", "ILLEGAL_SASL_STATE", "UNSUPPORTED_SASL_MECHANISM"]);
const AUTHORIZATION = new Set([
  "TOPIC_AUTHORIZATION_FAILED",
  "GROUP_AUTHORIZATION_FAILED",
  "CLUSTER_AUTHORIZATION_FAILED",
  "TRANSACTIONAL_ID_AUTHORIZATION_FAILED",
  "DELEGATION_TOKEN_AUTHORIZATION_FAILED",
]);

/** The REST error for an engine error, keeping the engine's message. */
export function restErrorForKafka(error: KafkaError): RestError {
  const [status, errorCode] = statusFor(error);
  return new RestError(status, errorCode, error.message);
}

function statusFor(error: KafkaError): [number, number] {
  if (error instanceof LogDirFullError) return [507, LOG_DIR_FULL];
  if (AUTHENTICATION.has(error.errorName)) return [401, 40101];
  if (AUTHORIZATION.has(error.errorName)) return [403, 40301];
  const fixed = BY_NAME[error.errorName];
  if (fixed) return fixed;
  if (error.retriable) return [500, 50003];
  return [500, 50002];
}
