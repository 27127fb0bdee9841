import { ApiKey, decodeInitProducerIdRequest, encodeInitProducerIdResponse, type InitProducerIdRequest, type InitProducerIdResponseInput } from "@skein/protocol";
import { ClusterAuthorizationFailedError, InvalidRequestError, TransactionalIdAuthorizationFailedError, type KafkaError } from "../../../errors.js";
import { defineApi } from "../../api-handler.js";
import type { BrokerServices } from "../../broker-services.js";
import { toKafkaError } from "../../error-codes.js";
import { errorForVersion } from "./txn-errors.js";

/**
 * InitProducerId: without a transactional id (idempotent producers) a new producer id at epoch 0; with one, the
 * transaction coordinator's answer (the id's producer id at a new epoch, fencing earlier instances; an open
 * transaction is aborted first and answered CONCURRENT_TRANSACTIONS). v3+ may name the producer's current id and
 * epoch (KIP-360). PRODUCER_FENCED reads INVALID_PRODUCER_EPOCH before v4.
 */
export function initProducerIdApi(services: BrokerServices) {
  const failure = (error: KafkaError): InitProducerIdResponseInput => ({ throttleTimeMs: 0, errorCode: error.code, producerId: -1, producerEpoch: -1 });

  return defineApi<InitProducerIdRequest, InitProducerIdResponseInput>({
    apiKey: ApiKey.InitProducerId,
    minVersion: 0,
    maxVersion: 5,
    decode: decodeInitProducerIdRequest,
    encode: encodeInitProducerIdResponse,
    async handle(request, context) {
      // Kafka: WRITE on the transactional id; an idempotent producer needs IDEMPOTENT_WRITE on the cluster or WRITE on some topic.
      if (request.transactionalId !== null && !services.auth.authorize(context, "WRITE", "TRANSACTIONAL_ID", request.transactionalId)) return failure(new TransactionalIdAuthorizationFailedError());
      if (
        request.transactionalId === null &&
        !services.auth.authorizeCluster(context, "IDEMPOTENT_WRITE", { logIfDenied: false }) &&
        !services.auth.authorizeByResourceType(context, "WRITE", "TOPIC")
      ) {
        services.auth.authorizeCluster(context, "IDEMPOTENT_WRITE");
        return failure(new ClusterAuthorizationFailedError());
      }
      try {
        if ((request.producerId === -1) !== (request.producerEpoch === -1)) {
          throw new InvalidRequestError(`Producer id ${request.producerId} and epoch ${request.producerEpoch} must both be set or both be -1.`);
        }
        const expected = request.producerId === -1 ? null : { producerId: request.producerId, producerEpoch: request.producerEpoch };
        const { producerId, producerEpoch } = await services.transactions.initProducerId(request.transactionalId, request.transactionTimeoutMs, expected);
        return { throttleTimeMs: 0, errorCode: 0, producerId, producerEpoch };
      } catch (error) {
        return failure(errorForVersion(toKafkaError(error), context.apiVersion, 4));
      }
    },
    errorResponse: (_request, error) => failure(error),
  });
}
