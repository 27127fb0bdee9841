import { ApiKey, decodeInitProducerIdRequest, encodeInitProducerIdResponse, type InitProducerIdRequest, type InitProducerIdResponseInput } from "@skein/protocol";
import { ClusterAuthorizationFailedError, InvalidRequestError, TransactionalIdAuthorizationFailedError } from "../../../errors.js";
import { defineApi } from "../../api-handler.js";
import type { BrokerServices } from "../../broker-services.js";
import { toKafkaError } from "../../error-codes.js";

/**
 * InitProducerId for idempotent producers (what Kafka's Java client and franz-go send first): always a new producer
 * id at epoch 0, as Kafka's coordinator answers a request without a transactional id. Transactional ids come with
 * transactions.
 */
export function initProducerIdApi(services: BrokerServices) {
  const failure = (code: number): InitProducerIdResponseInput => ({ throttleTimeMs: 0, errorCode: code, producerId: -1, producerEpoch: -1 });

  return defineApi<InitProducerIdRequest, InitProducerIdResponseInput>({
    apiKey: ApiKey.InitProducerId,
    minVersion: 0,
    maxVersion: 4,
    decode: decodeInitProducerIdRequest,
    encode: encodeInitProducerIdResponse,
    async handle(request, context) {
      // Kafka: WRITE on the transactional id; an idempotent producer needs IDEMPOTENT_WRITE on the cluster or WRITE on some topic.
      if (request.transactionalId !== null && !services.auth.authorize(context, "WRITE", "TRANSACTIONAL_ID", request.transactionalId)) return failure(new TransactionalIdAuthorizationFailedError().code);
      if (
        request.transactionalId === null &&
        !services.auth.authorizeCluster(context, "IDEMPOTENT_WRITE", { logIfDenied: false }) &&
        !services.auth.authorizeByResourceType(context, "WRITE", "TOPIC")
      ) {
        services.auth.authorizeCluster(context, "IDEMPOTENT_WRITE");
        return failure(new ClusterAuthorizationFailedError().code);
      }
      try {
        if ((request.producerId === -1) !== (request.producerEpoch === -1)) {
          throw new InvalidRequestError(`Producer id ${request.producerId} and epoch ${request.producerEpoch} must both be set or both be -1.`);
        }
        if (request.transactionalId !== null) throw new InvalidRequestError(`Transactions (transactional.id ${request.transactionalId}) are not supported by Skein yet.`);
        const { producerId, producerEpoch } = await services.broker.initProducerId();
        return { throttleTimeMs: 0, errorCode: 0, producerId, producerEpoch };
      } catch (error) {
        return failure(toKafkaError(error).code);
      }
    },
    errorResponse: (_request, error) => failure(error.code),
  });
}
