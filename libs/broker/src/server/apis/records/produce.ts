import { ApiKey, decodeProduceRequest, encodeProduceResponse, type ProduceRequest, type ProduceResponseInput, type ProduceResponsePartitionProduceResponseInput } from "@skein/protocol";
import {
  InvalidRecordError,
  InvalidTimestampError,
  InvalidRequiredAcksError,
  TopicAuthorizationFailedError,
  TransactionalIdAuthorizationFailedError,
  UnsupportedCompressionTypeError,
  UnsupportedVersionError,
  type KafkaError,
} from "../../../errors.js";
import { BATCH_HEADER_SIZE, LOG_OVERHEAD, MAGIC_V2, compressionTypeOf, readBatchHeader } from "../../../storage/record-batch.js";
import type { Acks } from "../../../storage/log.js";
import { defineApi } from "../../api-handler.js";
import type { BrokerServices } from "../../broker-services.js";
import { CloseConnection } from "../../connection.js";
import { toKafkaError } from "../../error-codes.js";
import { verifyTransactionalProduce } from "../txn/produce-verification.js";

/** Produce versions advertised (0–2 only so that librdkafka sends compressed batches, KAFKA-18659) and served (3+). */
const MIN_SERVED_VERSION = 3;

/**
 * Produce: each partition's record batches are appended in request order (the engine's write is synchronous within
 * the call), then the response waits for what `acks` asks. With acks=0 there is no response, and an error closes
 * the connection so the client notices, as Kafka does.
 */
export function produceApi(services: BrokerServices) {
  const { broker } = services;

  const failure = (index: number, error: KafkaError): ProduceResponsePartitionProduceResponseInput => ({
    index,
    errorCode: error.code,
    baseOffset: -1,
    logAppendTimeMs: -1,
    logStartOffset: -1,
    recordErrors: error instanceof InvalidRecordError || error instanceof InvalidTimestampError ? error.recordErrors.map((r) => ({ batchIndex: r.batchIndex, batchIndexErrorMessage: r.message })) : [],
    errorMessage: error.message,
  });

  const everyPartition = (request: ProduceRequest, error: KafkaError): ProduceResponseInput => ({
    throttleTimeMs: 0,
    responses: request.topicData.map((t) => ({ name: t.name, partitionResponses: t.partitionData.map((p) => failure(p.index, error)) })),
  });

  return defineApi<ProduceRequest, ProduceResponseInput>({
    apiKey: ApiKey.Produce,
    minVersion: 0,
    maxVersion: 11,
    decode: decodeProduceRequest,
    encode: encodeProduceResponse,
    async handle(request, context) {
      const acks = request.acks;
      let refusal: KafkaError | null = null;
      if (context.apiVersion < MIN_SERVED_VERSION) refusal = new UnsupportedVersionError(`Produce v${context.apiVersion} is not supported: Skein needs Produce v3 or later (message format v2).`);
      else if (acks !== 0 && acks !== 1 && acks !== -1) refusal = new InvalidRequiredAcksError(`Invalid required acks ${acks}: use 0, 1 or -1 (all).`);
      else if (request.transactionalId !== null && !services.auth.authorize(context, "WRITE", "TRANSACTIONAL_ID", request.transactionalId)) refusal = new TransactionalIdAuthorizationFailedError();
      if (refusal !== null) {
        if (acks === 0) throw new CloseConnection(refusal.message);
        return everyPartition(request, refusal);
      }

      const writable = services.auth.filterByAuthorized(context, "WRITE", "TOPIC", request.topicData.map((t) => t.name));
      const topics = request.topicData.map((topic) => ({
        name: topic.name,
        partitions: topic.partitionData.map((p) => {
          const invalid = !writable.has(topic.name)
            ? new TopicAuthorizationFailedError()
            : (checkProduceRecords(context.apiVersion, p.records) ??
              verifyTransactionalProduce(broker, services.transactions, request.transactionalId, topic.name, p.index, p.records!, context.apiVersion));
          return invalid !== null
            ? Promise.resolve(failure(p.index, invalid))
            : broker.appendRecordBatches(topic.name, p.index, p.records!, { acks: acks as Acks, timeoutMs: request.timeoutMs }).then(
                (appended): ProduceResponsePartitionProduceResponseInput => ({
                  index: p.index,
                  errorCode: 0,
                  baseOffset: appended.baseOffset,
                  logAppendTimeMs: appended.logAppendTime,
                  logStartOffset: appended.logStartOffset,
                  recordErrors: [],
                  errorMessage: null,
                }),
                (error: unknown) => failure(p.index, toKafkaError(error)),
              );
        }),
      }));
      const responses = await Promise.all(topics.map(async (t) => ({ name: t.name, partitionResponses: await Promise.all(t.partitions) })));
      if (acks === 0) {
        const failed = responses.flatMap((t) => t.partitionResponses).find((p) => p.errorCode !== 0);
        if (failed) throw new CloseConnection(`acks=0 produce failed: ${failed.errorMessage}`);
        return null;
      }
      return { throttleTimeMs: 0, responses };
    },
    errorResponse: everyPartition,
  });
}

/**
 * Kafka's `ProduceRequest.validateRecords` for v3+: exactly one batch per partition, message format v2, and no zstd
 * before v7 (older clients could not read it back). Returns the partition's error, or null.
 */
function checkProduceRecords(version: number, records: Buffer | null): KafkaError | null {
  if (records === null || records.length < LOG_OVERHEAD) {
    return new InvalidRecordError(`Produce requests with version ${version} must have at least one record batch per partition`);
  }
  if (records.length >= BATCH_HEADER_SIZE) {
    const header = readBatchHeader(records);
    if (header.magic !== MAGIC_V2) return new InvalidRecordError(`Produce requests with version ${version} are only allowed to contain record batches with magic version 2`);
    if (version < 7 && compressionTypeOf(header.attributes) === "zstd") return new UnsupportedCompressionTypeError(`Produce requests with version ${version} are not allowed to use ZStandard compression`);
  }
  if (LOG_OVERHEAD + records.readInt32BE(8) < records.length) {
    return new InvalidRecordError(`Produce requests with version ${version} are only allowed to contain exactly one record batch per partition`);
  }
  return null;
}
