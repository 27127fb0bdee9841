import { ApiKey, decodeTxnOffsetCommitRequest, encodeTxnOffsetCommitResponse, type TxnOffsetCommitRequest, type TxnOffsetCommitResponseInput } from "@skein/protocol";
import { GROUP_METADATA_TOPIC_NAME } from "../../../cluster/topic-name.js";
import { CoordinatorLoadInProgressError, CoordinatorNotAvailableError, GroupAuthorizationFailedError, InvalidCommitOffsetSizeError, KafkaStorageError, MessageTooLargeError, NotCoordinatorError, NotEnoughReplicasError, RecordListTooLargeError, TopicAuthorizationFailedError, TransactionalIdAuthorizationFailedError, UnknownTopicOrPartitionError, type KafkaError } from "../../../errors.js";
import type { OffsetCommitPartitionResult } from "../../../group/group-types.js";
import { defineApi } from "../../api-handler.js";
import type { BrokerServices } from "../../broker-services.js";
import { errorCode, toKafkaError } from "../../error-codes.js";
import { groupByTopic } from "../by-topic.js";
import { errorForVersion } from "./txn-errors.js";

/**
 * TxnOffsetCommit: a producer commits a group's offsets inside its transaction (KIP-98; KIP-447 adds the member and
 * generation from v3). The group's `__consumer_offsets` partition must be in the transaction (AddOffsetsToTxn;
 * KIP-890 checks it), the offsets stay pending until the transaction's marker, and OffsetFetch with
 * `require_stable` answers UNSTABLE_OFFSET_COMMIT meanwhile. Errors of the log are converted as Kafka's
 * `maybeConvertOffsetCommitError` does; PRODUCER_FENCED reads INVALID_PRODUCER_EPOCH, TRANSACTION_ABORTABLE reads
 * INVALID_TXN_STATE before v4, COORDINATOR_LOAD_IN_PROGRESS reads COORDINATOR_NOT_AVAILABLE before v2.
 */
export function txnOffsetCommitApi(services: BrokerServices) {
  const { broker, groups, transactions } = services;

  const convert = (error: KafkaError, version: number): KafkaError => {
    if (error instanceof UnknownTopicOrPartitionError || error instanceof NotEnoughReplicasError) return new CoordinatorNotAvailableError(error.message);
    if (error instanceof KafkaStorageError) return new NotCoordinatorError(error.message);
    if (error instanceof MessageTooLargeError || error instanceof RecordListTooLargeError) return new InvalidCommitOffsetSizeError(error.message);
    if (error instanceof CoordinatorLoadInProgressError && version < 2) return new CoordinatorNotAvailableError(error.message);
    return errorForVersion(error, version, Number.POSITIVE_INFINITY, 4);
  };

  const everyPartition = (request: TxnOffsetCommitRequest, error: KafkaError): TxnOffsetCommitResponseInput => ({
    throttleTimeMs: 0,
    topics: request.topics.map((t) => ({ name: t.name, partitions: t.partitions.map((p) => ({ partitionIndex: p.partitionIndex, errorCode: error.code })) })),
  });

  return defineApi<TxnOffsetCommitRequest, TxnOffsetCommitResponseInput>({
    apiKey: ApiKey.TxnOffsetCommit,
    minVersion: 0,
    maxVersion: 4,
    decode: decodeTxnOffsetCommitRequest,
    encode: encodeTxnOffsetCommitResponse,
    async handle(request, context) {
      const version = context.apiVersion;
      // Kafka: WRITE on the transactional id, READ on the group, READ on each topic.
      if (!services.auth.authorize(context, "WRITE", "TRANSACTIONAL_ID", request.transactionalId)) return everyPartition(request, new TransactionalIdAuthorizationFailedError());
      if (!services.auth.authorize(context, "READ", "GROUP", request.groupId)) return everyPartition(request, new GroupAuthorizationFailedError());
      const readable = services.auth.filterByAuthorized(context, "READ", "TOPIC", request.topics.map((t) => t.name));
      // Partitions that do not exist are answered alone; the others are committed.
      const results: OffsetCommitPartitionResult[] = [];
      const valid = request.topics.flatMap((t) =>
        t.partitions.flatMap((p) => {
          if (!readable.has(t.name)) {
            results.push({ topic: t.name, partition: p.partitionIndex, error: new TopicAuthorizationFailedError() });
            return [];
          }
          const known = broker.findTopic(t.name);
          if (!known || p.partitionIndex < 0 || p.partitionIndex >= known.partitions.length) {
            results.push({ topic: t.name, partition: p.partitionIndex, error: new UnknownTopicOrPartitionError(`This server does not host this topic-partition: ${t.name}-${p.partitionIndex}.`) });
            return [];
          }
          return [{ topic: t.name, partition: p.partitionIndex, offset: p.committedOffset, leaderEpoch: p.committedLeaderEpoch, metadata: p.committedMetadata }];
        }),
      );
      if (valid.length > 0) {
        try {
          if (broker.config("transaction.partition.verification.enable")) {
            const offsetsPartition = { topic: GROUP_METADATA_TOPIC_NAME, partition: groups.partitionFor(request.groupId) };
            const [unverified] = transactions.verifyPartitionsInTxn(request.transactionalId, request.producerId, request.producerEpoch, [offsetsPartition]);
            if (unverified) throw unverified;
          }
          results.push(
            ...(await groups.commitTransactionalOffsets({
              groupId: request.groupId,
              transactionalId: request.transactionalId,
              producerId: request.producerId,
              producerEpoch: request.producerEpoch,
              generationId: request.generationId,
              memberId: request.memberId,
              groupInstanceId: request.groupInstanceId,
              offsets: valid,
            })),
          );
        } catch (error) {
          const converted = convert(toKafkaError(error), version);
          results.push(...valid.map((o) => ({ topic: o.topic, partition: o.partition, error: converted })));
        }
      }
      return { throttleTimeMs: 0, topics: groupByTopic(results, (r) => ({ partitionIndex: r.partition, errorCode: errorCode(r.error) })) };
    },
    errorResponse: everyPartition,
  });
}
