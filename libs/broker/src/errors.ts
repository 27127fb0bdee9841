import type { CorruptRange } from "./broker-types.js";

/**
 * Kafka's error codes as typed errors: one class per code, so callers can `instanceof` them and the edges
 * (REST, wire protocol) map `code` and `errorName` once.
 */
export abstract class KafkaError extends Error {
  /** Kafka's numeric error code (as on the wire). */
  abstract readonly code: number;
  /** Kafka's error name, e.g. `UNKNOWN_TOPIC_OR_PARTITION`. */
  abstract readonly errorName: string;
  /** Whether a client may retry the same request and expect it to succeed. */
  readonly retriable: boolean = false;

  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

function defineError(code: number, errorName: string, defaultMessage: string, retriable = false) {
  return class extends KafkaError {
    readonly code = code;
    readonly errorName = errorName;
    override readonly retriable = retriable;
    constructor(message: string = defaultMessage) {
      super(message);
    }
  };
}

export class UnknownServerError extends defineError(-1, "UNKNOWN_SERVER_ERROR", "The server experienced an unexpected error when processing the request.") {}
export class OffsetOutOfRangeError extends defineError(1, "OFFSET_OUT_OF_RANGE", "The requested offset is not within the range of offsets maintained by the server.") {}
export class CorruptRecordError extends defineError(2, "CORRUPT_MESSAGE", "This message has failed its CRC checksum, exceeds the valid size, has a null key for a compacted topic, or is otherwise corrupt.", true) {}
/**
 * CORRUPT_MESSAGE for records found corrupt on disk: `range` says which offsets of which partition, and whether they
 * were quarantined (later reads skip them) or not yet (reads of them keep failing). Null when the range is not known.
 */
export class CorruptRangeError extends CorruptRecordError {
  constructor(
    message: string,
    readonly range: CorruptRange | null,
  ) {
    super(message);
  }
}
export class UnknownTopicOrPartitionError extends defineError(3, "UNKNOWN_TOPIC_OR_PARTITION", "This server does not host this topic-partition.", true) {}
export class LeaderNotAvailableError extends defineError(5, "LEADER_NOT_AVAILABLE", "There is no leader for this topic-partition as we are in the middle of a leadership election.", true) {}
export class NotLeaderOrFollowerError extends defineError(6, "NOT_LEADER_OR_FOLLOWER", "For requests intended only for the leader, this error indicates that the broker is not the current leader. For requests intended for any replica, this error indicates that the broker is not a replica of the topic partition.", true) {}
export class RequestTimedOutError extends defineError(7, "REQUEST_TIMED_OUT", "The request timed out.", true) {}
export class MessageTooLargeError extends defineError(10, "MESSAGE_TOO_LARGE", "The request included a message larger than the max message size the server will accept.") {}
export class NetworkError extends defineError(13, "NETWORK_EXCEPTION", "The server disconnected before a response was received.", true) {}
export class CoordinatorLoadInProgressError extends defineError(14, "COORDINATOR_LOAD_IN_PROGRESS", "The coordinator is loading and hence can't process requests.", true) {}
export class CoordinatorNotAvailableError extends defineError(15, "COORDINATOR_NOT_AVAILABLE", "The coordinator is not available.", true) {}
export class NotCoordinatorError extends defineError(16, "NOT_COORDINATOR", "This is not the correct coordinator.", true) {}
export class InvalidTopicError extends defineError(17, "INVALID_TOPIC_EXCEPTION", "The request attempted to perform an operation on an invalid topic.") {}
export class RecordListTooLargeError extends defineError(18, "RECORD_LIST_TOO_LARGE", "The request included message batch larger than the configured segment size on the server.") {}
export class NotEnoughReplicasError extends defineError(19, "NOT_ENOUGH_REPLICAS", "Messages are rejected since there are fewer in-sync replicas than required.", true) {}
export class NotEnoughReplicasAfterAppendError extends defineError(20, "NOT_ENOUGH_REPLICAS_AFTER_APPEND", "Messages are written to the log, but to fewer in-sync replicas than required.", true) {}
export class InvalidRequiredAcksError extends defineError(21, "INVALID_REQUIRED_ACKS", "Produce request specified an invalid value for required acks.") {}
export class IllegalGenerationError extends defineError(22, "ILLEGAL_GENERATION", "Specified group generation id is not valid.") {}
export class InconsistentGroupProtocolError extends defineError(23, "INCONSISTENT_GROUP_PROTOCOL", "The group member's supported protocols are incompatible with those of existing members or first group member tried to join with empty protocol type or empty protocol list.") {}
export class InvalidGroupIdError extends defineError(24, "INVALID_GROUP_ID", "The configured groupId is invalid.") {}
export class UnknownMemberIdError extends defineError(25, "UNKNOWN_MEMBER_ID", "The coordinator is not aware of this member.") {}
export class InvalidSessionTimeoutError extends defineError(26, "INVALID_SESSION_TIMEOUT", "The session timeout is not within the range allowed by the broker (as configured by group.min.session.timeout.ms and group.max.session.timeout.ms).") {}
export class RebalanceInProgressError extends defineError(27, "REBALANCE_IN_PROGRESS", "The group is rebalancing, so a rejoin is needed.") {}
export class InvalidCommitOffsetSizeError extends defineError(28, "INVALID_COMMIT_OFFSET_SIZE", "The committing offset data size is not valid.") {}
export class TopicAuthorizationFailedError extends defineError(29, "TOPIC_AUTHORIZATION_FAILED", "Topic authorization failed.") {}
export class GroupAuthorizationFailedError extends defineError(30, "GROUP_AUTHORIZATION_FAILED", "Group authorization failed.") {}
export class ClusterAuthorizationFailedError extends defineError(31, "CLUSTER_AUTHORIZATION_FAILED", "Cluster authorization failed.") {}
/** One rejected record of a produced batch, as Produce v8+ reports it (`record_errors`): its index in the batch and why. */
export interface RecordError {
  batchIndex: number;
  message: string | null;
}

export class InvalidTimestampError extends defineError(32, "INVALID_TIMESTAMP", "The timestamp of the message is out of acceptable range.") {
  /** The records that had a bad timestamp (or another record error), for Produce v8's `record_errors`. */
  readonly recordErrors: readonly RecordError[];
  constructor(message?: string, recordErrors: readonly RecordError[] = []) {
    super(message);
    this.recordErrors = recordErrors;
  }
}
export class UnsupportedSaslMechanismError extends defineError(33, "UNSUPPORTED_SASL_MECHANISM", "The broker does not support the requested SASL mechanism.") {}
export class IllegalSaslStateError extends defineError(34, "ILLEGAL_SASL_STATE", "Request is not valid given the current SASL state.") {}
export class UnsupportedVersionError extends defineError(35, "UNSUPPORTED_VERSION", "The version of API is not supported.") {}
export class TopicAlreadyExistsError extends defineError(36, "TOPIC_ALREADY_EXISTS", "Topic with this name already exists.") {}
export class InvalidPartitionsError extends defineError(37, "INVALID_PARTITIONS", "Number of partitions is below 1.") {}
export class InvalidReplicationFactorError extends defineError(38, "INVALID_REPLICATION_FACTOR", "Replication factor is below 1 or larger than the number of available brokers.") {}
export class InvalidReplicaAssignmentError extends defineError(39, "INVALID_REPLICA_ASSIGNMENT", "Replica assignment is invalid.") {}
export class InvalidConfigError extends defineError(40, "INVALID_CONFIG", "Configuration is invalid.") {}
export class NotControllerError extends defineError(41, "NOT_CONTROLLER", "This is not the correct controller for this cluster.", true) {}
export class InvalidRequestError extends defineError(42, "INVALID_REQUEST", "This most likely occurs because of a request being malformed by the client library or the message was sent to an incompatible broker.") {}
export class UnsupportedForMessageFormatError extends defineError(43, "UNSUPPORTED_FOR_MESSAGE_FORMAT", "The message format version on the broker does not support the request.") {}
export class PolicyViolationError extends defineError(44, "POLICY_VIOLATION", "Request parameters do not satisfy the configured policy.") {}
export class OutOfOrderSequenceNumberError extends defineError(45, "OUT_OF_ORDER_SEQUENCE_NUMBER", "The broker received an out of order sequence number.") {}
export class DuplicateSequenceNumberError extends defineError(46, "DUPLICATE_SEQUENCE_NUMBER", "The broker received a duplicate sequence number.") {}
export class InvalidProducerEpochError extends defineError(47, "INVALID_PRODUCER_EPOCH", "Producer attempted to produce with an old epoch.") {}
export class InvalidTxnStateError extends defineError(48, "INVALID_TXN_STATE", "The producer attempted a transactional operation in an invalid state.") {}
export class InvalidProducerIdMappingError extends defineError(49, "INVALID_PRODUCER_ID_MAPPING", "The producer attempted to use a producer id which is not currently assigned to its transactional id.") {}
export class InvalidTransactionTimeoutError extends defineError(50, "INVALID_TRANSACTION_TIMEOUT", "The transaction timeout is larger than the maximum value allowed by the broker (as configured by transaction.max.timeout.ms).") {}
export class ConcurrentTransactionsError extends defineError(51, "CONCURRENT_TRANSACTIONS", "The producer attempted to update a transaction while another concurrent operation on the same transaction was ongoing.", true) {}
export class TransactionCoordinatorFencedError extends defineError(52, "TRANSACTION_COORDINATOR_FENCED", "Indicates that the transaction coordinator sending a WriteTxnMarker is no longer the current coordinator for a given producer.") {}
export class TransactionalIdAuthorizationFailedError extends defineError(53, "TRANSACTIONAL_ID_AUTHORIZATION_FAILED", "Transactional Id authorization failed.") {}
export class SecurityDisabledError extends defineError(54, "SECURITY_DISABLED", "Security features are disabled.") {}
export class OperationNotAttemptedError extends defineError(55, "OPERATION_NOT_ATTEMPTED", "The broker did not attempt to execute this operation. This may happen for batched RPCs where some operations in the batch failed, causing the broker to respond without trying the rest.") {}
export class KafkaStorageError extends defineError(56, "KAFKA_STORAGE_ERROR", "Disk error when trying to access log file on the disk.", true) {}
/**
 * The data directory has no room for the write: Kafka's KAFKA_STORAGE_ERROR (56), so the wire and the edges map it
 * as any storage error, with a message that says the disk is full (its path and free bytes). Nothing was written.
 */
export class LogDirFullError extends KafkaStorageError {}
export class SaslAuthenticationFailedError extends defineError(58, "SASL_AUTHENTICATION_FAILED", "SASL Authentication failed.") {}
export class UnknownProducerIdError extends defineError(59, "UNKNOWN_PRODUCER_ID", "This exception is raised by the broker if it could not locate the producer metadata associated with the producerId in question.") {}
export class InvalidPrincipalTypeError extends defineError(67, "INVALID_PRINCIPAL_TYPE", "Supplied principalType is not supported.") {}
export class NonEmptyGroupError extends defineError(68, "NON_EMPTY_GROUP", "The group is not empty.") {}
export class GroupIdNotFoundError extends defineError(69, "GROUP_ID_NOT_FOUND", "The group id does not exist.") {}
export class FetchSessionIdNotFoundError extends defineError(70, "FETCH_SESSION_ID_NOT_FOUND", "The fetch session ID was not found.", true) {}
export class InvalidFetchSessionEpochError extends defineError(71, "INVALID_FETCH_SESSION_EPOCH", "The fetch session epoch is invalid.", true) {}
export class TopicDeletionDisabledError extends defineError(73, "TOPIC_DELETION_DISABLED", "Topic deletion is disabled.") {}
export class FencedLeaderEpochError extends defineError(74, "FENCED_LEADER_EPOCH", "The leader epoch in the request is older than the epoch on the broker.", true) {}
export class UnknownLeaderEpochError extends defineError(75, "UNKNOWN_LEADER_EPOCH", "The leader epoch in the request is newer than the epoch on the broker.", true) {}
export class UnsupportedCompressionTypeError extends defineError(76, "UNSUPPORTED_COMPRESSION_TYPE", "The requesting client does not support the compression type of given partition.") {}
export class MemberIdRequiredError extends defineError(79, "MEMBER_ID_REQUIRED", "The group member needs to have a valid member id before actually entering a consumer group.") {}
export class PreferredLeaderNotAvailableError extends defineError(80, "PREFERRED_LEADER_NOT_AVAILABLE", "The preferred leader was not available.", true) {}
export class GroupMaxSizeReachedError extends defineError(81, "GROUP_MAX_SIZE_REACHED", "The consumer group has reached its max size.") {}
export class EligibleLeadersNotAvailableError extends defineError(83, "ELIGIBLE_LEADERS_NOT_AVAILABLE", "Eligible topic partition leaders are not available.", true) {}
export class ElectionNotNeededError extends defineError(84, "ELECTION_NOT_NEEDED", "Leader election not needed for topic partition.", true) {}
export class GroupSubscribedToTopicError extends defineError(86, "GROUP_SUBSCRIBED_TO_TOPIC", "The consumer group is actively subscribed to the topic.") {}
export class InvalidRecordError extends defineError(87, "INVALID_RECORD", "This record has failed the validation on broker and hence will be rejected.") {
  /** The rejected records of the batch, for Produce v8's `record_errors` (empty when the batch as a whole is invalid). */
  readonly recordErrors: readonly RecordError[];
  constructor(message?: string, recordErrors: readonly RecordError[] = []) {
    super(message);
    this.recordErrors = recordErrors;
  }
}
export class UnstableOffsetCommitError extends defineError(88, "UNSTABLE_OFFSET_COMMIT", "There are unstable offsets that need to be cleared.", true) {}
export class ThrottlingQuotaExceededError extends defineError(89, "THROTTLING_QUOTA_EXCEEDED", "The throttling quota has been exceeded.", true) {}
export class ProducerFencedError extends defineError(90, "PRODUCER_FENCED", "There is a newer producer with the same transactionalId which fences the current one.") {}
export class ResourceNotFoundError extends defineError(91, "RESOURCE_NOT_FOUND", "A request illegally referred to a resource that does not exist.") {}
export class DuplicateResourceError extends defineError(92, "DUPLICATE_RESOURCE", "A request illegally referred to the same resource twice.") {}
export class UnacceptableCredentialError extends defineError(93, "UNACCEPTABLE_CREDENTIAL", "Requested credential would not meet criteria for acceptability.") {}
export class UnknownTopicIdError extends defineError(100, "UNKNOWN_TOPIC_ID", "This server does not host this topic ID.", true) {}
export class TransactionalIdNotFoundError extends defineError(105, "TRANSACTIONAL_ID_NOT_FOUND", "The transactionalId could not be found.") {}
export class TransactionAbortableError extends defineError(120, "TRANSACTION_ABORTABLE", "The server encountered an error with the transaction. The client can abort the transaction to continue using this transactional ID.") {}

export class InconsistentTopicIdError extends defineError(103, "INCONSISTENT_TOPIC_ID", "The log's topic ID did not match the topic ID in the request.", true) {}