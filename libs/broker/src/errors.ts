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
export class RequestTimedOutError extends defineError(7, "REQUEST_TIMED_OUT", "The request timed out.", true) {}
export class MessageTooLargeError extends defineError(10, "MESSAGE_TOO_LARGE", "The request included a message larger than the max message size the server will accept.") {}
export class CoordinatorNotAvailableError extends defineError(15, "COORDINATOR_NOT_AVAILABLE", "The coordinator is not available.", true) {}
export class NotCoordinatorError extends defineError(16, "NOT_COORDINATOR", "This is not the correct coordinator.", true) {}
export class InvalidTopicError extends defineError(17, "INVALID_TOPIC_EXCEPTION", "The request attempted to perform an operation on an invalid topic.") {}
export class RecordListTooLargeError extends defineError(18, "RECORD_LIST_TOO_LARGE", "The request included message batch larger than the configured segment size on the server.") {}
export class NotEnoughReplicasError extends defineError(19, "NOT_ENOUGH_REPLICAS", "Messages are rejected since there are fewer in-sync replicas than required.", true) {}
export class InvalidRequiredAcksError extends defineError(21, "INVALID_REQUIRED_ACKS", "Produce request specified an invalid value for required acks.") {}
export class IllegalGenerationError extends defineError(22, "ILLEGAL_GENERATION", "Specified group generation id is not valid.") {}
export class InconsistentGroupProtocolError extends defineError(23, "INCONSISTENT_GROUP_PROTOCOL", "The group member's supported protocols are incompatible with those of existing members or first group member tried to join with empty protocol type or empty protocol list.") {}
export class InvalidGroupIdError extends defineError(24, "INVALID_GROUP_ID", "The configured groupId is invalid.") {}
export class UnknownMemberIdError extends defineError(25, "UNKNOWN_MEMBER_ID", "The coordinator is not aware of this member.") {}
export class InvalidSessionTimeoutError extends defineError(26, "INVALID_SESSION_TIMEOUT", "The session timeout is not within the range allowed by the broker (as configured by group.min.session.timeout.ms and group.max.session.timeout.ms).") {}
export class RebalanceInProgressError extends defineError(27, "REBALANCE_IN_PROGRESS", "The group is rebalancing, so a rejoin is needed.") {}
export class InvalidCommitOffsetSizeError extends defineError(28, "INVALID_COMMIT_OFFSET_SIZE", "The committing offset data size is not valid.") {}
export class InvalidTimestampError extends defineError(32, "INVALID_TIMESTAMP", "The timestamp of the message is out of acceptable range.") {}
export class TopicAlreadyExistsError extends defineError(36, "TOPIC_ALREADY_EXISTS", "Topic with this name already exists.") {}
export class InvalidPartitionsError extends defineError(37, "INVALID_PARTITIONS", "Number of partitions is below 1.") {}
export class InvalidReplicationFactorError extends defineError(38, "INVALID_REPLICATION_FACTOR", "Replication factor is below 1 or larger than the number of available brokers.") {}
export class InvalidConfigError extends defineError(40, "INVALID_CONFIG", "Configuration is invalid.") {}
export class InvalidRequestError extends defineError(42, "INVALID_REQUEST", "This most likely occurs because of a request being malformed by the client library or the message was sent to an incompatible broker.") {}
export class PolicyViolationError extends defineError(44, "POLICY_VIOLATION", "Request parameters do not satisfy the configured policy.") {}
export class KafkaStorageError extends defineError(56, "KAFKA_STORAGE_ERROR", "Disk error when trying to access log file on the disk.", true) {}
/**
 * The data directory has no room for the write: Kafka's KAFKA_STORAGE_ERROR (56), so the wire and the edges map it
 * as any storage error, with a message that says the disk is full (its path and free bytes). Nothing was written.
 */
export class LogDirFullError extends KafkaStorageError {}
export class NonEmptyGroupError extends defineError(68, "NON_EMPTY_GROUP", "The group is not empty.") {}
export class GroupIdNotFoundError extends defineError(69, "GROUP_ID_NOT_FOUND", "The group id does not exist.") {}
export class TopicDeletionDisabledError extends defineError(73, "TOPIC_DELETION_DISABLED", "Topic deletion is disabled.") {}
export class MemberIdRequiredError extends defineError(79, "MEMBER_ID_REQUIRED", "The group member needs to have a valid member id before actually entering a consumer group.") {}
export class GroupMaxSizeReachedError extends defineError(81, "GROUP_MAX_SIZE_REACHED", "The consumer group has reached its max size.") {}
export class GroupSubscribedToTopicError extends defineError(86, "GROUP_SUBSCRIBED_TO_TOPIC", "The consumer group is actively subscribed to the topic.") {}
export class InvalidRecordError extends defineError(87, "INVALID_RECORD", "This record has failed the validation on broker and hence will be rejected.") {}
export class UnknownTopicIdError extends defineError(100, "UNKNOWN_TOPIC_ID", "This server does not host this topic ID.", true) {}
