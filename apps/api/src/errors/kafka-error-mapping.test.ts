import {
  CoordinatorNotAvailableError,
  CorruptRangeError,
  CorruptRecordError,
  InvalidConfigError,
  InvalidPartitionsError,
  InvalidRecordError,
  InvalidReplicationFactorError,
  InvalidTimestampError,
  InvalidTopicError,
  KafkaStorageError,
  LogDirFullError,
  MessageTooLargeError,
  NonEmptyGroupError,
  OffsetOutOfRangeError,
  RecordListTooLargeError,
  TopicAlreadyExistsError,
  UnknownTopicIdError,
  UnknownTopicOrPartitionError,
  type KafkaError,
} from "@skein/broker";
import { describe, expect, it } from "vitest";
import { restErrorForKafka } from "./kafka-error-mapping.js";

describe("restErrorForKafka", () => {
  it.each<[KafkaError, number, number]>([
    [new UnknownTopicOrPartitionError(), 404, 40403],
    [new UnknownTopicIdError(), 404, 40403],
    [new TopicAlreadyExistsError("Topic 'orders' already exists."), 400, 40002],
    [new InvalidPartitionsError(), 400, 40002],
    [new InvalidReplicationFactorError(), 400, 40002],
    [new InvalidConfigError(), 400, 40002],
    [new InvalidTopicError(), 400, 40002],
    [new MessageTooLargeError(), 413, 413],
    [new CoordinatorNotAvailableError(), 500, 50003],
    [new KafkaStorageError(), 500, 50003],
    [new NonEmptyGroupError(), 500, 50002],
    [new InvalidRecordError(), 400, 40002],
    [new InvalidTimestampError(), 400, 40002],
    [new RecordListTooLargeError(), 413, 413],
    [new OffsetOutOfRangeError(), 416, 41601],
    [new LogDirFullError("The data directory /data is full: 0 bytes usable."), 507, 50701],
    [new CorruptRecordError(), 500, 50002],
    [new CorruptRangeError("orders-0: offsets 10 to 19 are corrupt", null), 500, 50002],
  ])("maps %s to HTTP %i with error code %i", (error, status, errorCode) => {
    const rest = restErrorForKafka(error);
    expect([rest.status, rest.errorCode]).toEqual([status, errorCode]);
    expect(rest.body).toEqual({ error_code: errorCode, message: error.message });
  });
});
