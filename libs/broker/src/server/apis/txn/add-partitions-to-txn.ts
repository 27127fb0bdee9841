import {
  ApiKey,
  decodeAddPartitionsToTxnRequest,
  encodeAddPartitionsToTxnResponse,
  type AddPartitionsToTxnRequest,
  type AddPartitionsToTxnRequestAddPartitionsToTxnTransaction,
  type AddPartitionsToTxnResponseAddPartitionsToTxnResultInput,
  type AddPartitionsToTxnResponseAddPartitionsToTxnTopicResultInput,
  type AddPartitionsToTxnResponseInput,
} from "@skein/protocol";
import { isInternalTopic } from "../../../cluster/topic-name.js";
import { ClusterAuthorizationFailedError, InvalidRequestError, OperationNotAttemptedError, TopicAuthorizationFailedError, TransactionalIdAuthorizationFailedError, UnknownTopicOrPartitionError, type KafkaError } from "../../../errors.js";
import type { TxnPartition } from "../../../txn/transaction-metadata.js";
import type { RequestContext } from "../../request-context.js";
import { defineApi } from "../../api-handler.js";
import type { BrokerServices } from "../../broker-services.js";
import { toKafkaError } from "../../error-codes.js";
import { errorForVersion } from "./txn-errors.js";

/**
 * AddPartitionsToTxn. v0–3 come from producers: one transaction, its partitions added (a partition that does not
 * exist fails the request: UNKNOWN_TOPIC_OR_PARTITION for it and OPERATION_NOT_ATTEMPTED for the rest; internal
 * topics are TOPIC_AUTHORIZATION_FAILED, as Kafka's authorizer answers producers — offsets go through
 * AddOffsetsToTxn). v4+ is the broker-to-broker form (KIP-890): several transactions, each either added or, with
 * `verify_only`, only checked against the open transaction. PRODUCER_FENCED reads INVALID_PRODUCER_EPOCH before v2;
 * TRANSACTION_ABORTABLE reads INVALID_TXN_STATE before v5.
 */
export function addPartitionsToTxnApi(services: BrokerServices) {
  const { broker, transactions } = services;

  function topicResults(partitions: readonly TxnPartition[], errorOf: (p: TxnPartition, i: number) => KafkaError | null): AddPartitionsToTxnResponseAddPartitionsToTxnTopicResultInput[] {
    const byTopic = new Map<string, { partitionIndex: number; partitionErrorCode: number }[]>();
    partitions.forEach((p, i) => {
      const list = byTopic.get(p.topic) ?? [];
      list.push({ partitionIndex: p.partition, partitionErrorCode: errorOf(p, i)?.code ?? 0 });
      byTopic.set(p.topic, list);
    });
    return [...byTopic].map(([name, resultsByPartition]) => ({ name, resultsByPartition }));
  }

  /** Partitions that do not exist, or that producers may not add: each with its error. */
  function checkPartitions(partitions: readonly TxnPartition[], fromClient: boolean): Map<number, KafkaError> {
    const errors = new Map<number, KafkaError>();
    partitions.forEach((p, i) => {
      if (fromClient && isInternalTopic(p.topic)) errors.set(i, new TopicAuthorizationFailedError(`Producers add ${p.topic} partitions with AddOffsetsToTxn, not AddPartitionsToTxn.`));
      else if (!broker.findTopic(p.topic) || p.partition < 0 || p.partition >= broker.findTopic(p.topic)!.partitions.length) {
        errors.set(i, new UnknownTopicOrPartitionError(`This server does not host this topic-partition: ${p.topic}-${p.partition}.`));
      }
    });
    return errors;
  }

  async function handleTransaction(txn: AddPartitionsToTxnRequestAddPartitionsToTxnTransaction, version: number, context: RequestContext): Promise<AddPartitionsToTxnResponseAddPartitionsToTxnResultInput> {
    const partitions = txn.topics.flatMap((t) => t.partitions.map((partition) => ({ topic: t.name, partition })));
    const convert = (error: KafkaError | null) => (error === null ? null : errorForVersion(error, version, 2, 5));
    // Producers (v0–3) need WRITE on the transactional id and on each topic, as Kafka's KafkaApis checks.
    if (version < 4 && !services.auth.authorize(context, "WRITE", "TRANSACTIONAL_ID", txn.transactionalId)) {
      return { transactionalId: txn.transactionalId, topicResults: topicResults(partitions, () => new TransactionalIdAuthorizationFailedError()) };
    }
    const invalid = checkPartitions(partitions, version < 4);
    if (version < 4) {
      const writable = services.auth.filterByAuthorized(context, "WRITE", "TOPIC", partitions.map((p) => p.topic));
      partitions.forEach((p, i) => {
        if (!writable.has(p.topic)) invalid.set(i, new TopicAuthorizationFailedError());
      });
    }
    if (invalid.size > 0) {
      const notAttempted = new OperationNotAttemptedError(`Not added: another partition of the request failed.`);
      return { transactionalId: txn.transactionalId, topicResults: topicResults(partitions, (_p, i) => invalid.get(i) ?? notAttempted) };
    }
    if (txn.verifyOnly) {
      const errors = transactions.verifyPartitionsInTxn(txn.transactionalId, txn.producerId, txn.producerEpoch, partitions);
      return { transactionalId: txn.transactionalId, topicResults: topicResults(partitions, (_p, i) => convert(errors[i] ?? null)) };
    }
    let error: KafkaError | null = null;
    try {
      await transactions.addPartitionsToTxn(txn.transactionalId, txn.producerId, txn.producerEpoch, partitions);
    } catch (err) {
      error = convert(toKafkaError(err));
    }
    return { transactionalId: txn.transactionalId, topicResults: topicResults(partitions, () => error) };
  }

  return defineApi<AddPartitionsToTxnRequest, AddPartitionsToTxnResponseInput>({
    apiKey: ApiKey.AddPartitionsToTxn,
    minVersion: 0,
    maxVersion: 5,
    decode: decodeAddPartitionsToTxnRequest,
    encode: encodeAddPartitionsToTxnResponse,
    async handle(request, context) {
      const version = context.apiVersion;
      if (version < 4) {
        const result = await handleTransaction(
          { transactionalId: request.v3AndBelowTransactionalId, producerId: request.v3AndBelowProducerId, producerEpoch: request.v3AndBelowProducerEpoch, verifyOnly: false, topics: request.v3AndBelowTopics },
          version,
          context,
        );
        return { throttleTimeMs: 0, errorCode: 0, resultsByTransaction: [], resultsByTopicV3AndBelow: result.topicResults };
      }
      // v4+ comes from brokers: CLUSTER_ACTION on the cluster.
      if (!services.auth.authorizeCluster(context, "CLUSTER_ACTION")) return { throttleTimeMs: 0, errorCode: new ClusterAuthorizationFailedError().code, resultsByTransaction: [], resultsByTopicV3AndBelow: [] };
      if (request.transactions.some((t) => t.transactionalId === null)) throw new InvalidRequestError("Transactional ID can not be null in request.");
      const results = await Promise.all(request.transactions.map((txn) => handleTransaction(txn, version, context)));
      return { throttleTimeMs: 0, errorCode: 0, resultsByTransaction: results, resultsByTopicV3AndBelow: [] };
    },
    errorResponse: (request, error, context) =>
      context.apiVersion < 4
        ? { throttleTimeMs: 0, errorCode: 0, resultsByTransaction: [], resultsByTopicV3AndBelow: request.v3AndBelowTopics.map((t) => ({ name: t.name, resultsByPartition: t.partitions.map((p) => ({ partitionIndex: p, partitionErrorCode: error.code })) })) }
        : { throttleTimeMs: 0, errorCode: error.code, resultsByTransaction: [], resultsByTopicV3AndBelow: [] },
  });
}
