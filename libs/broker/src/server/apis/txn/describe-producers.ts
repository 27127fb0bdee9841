import { TopicAuthorizationFailedError } from "../../../errors.js";
import { ApiKey, decodeDescribeProducersRequest, encodeDescribeProducersResponse, type DescribeProducersRequest, type DescribeProducersResponseInput, type DescribeProducersResponsePartitionResponseInput } from "@skein/protocol";
import { validateTopicName } from "../../../cluster/topic-name.js";
import type { KafkaError } from "../../../errors.js";
import { defineApi } from "../../api-handler.js";
import type { BrokerServices } from "../../broker-services.js";
import { toKafkaError } from "../../error-codes.js";

/**
 * DescribeProducers (KIP-664): the producers each partition remembers — epoch, last sequence and write, coordinator
 * epoch, and the first offset of a transaction still open there (-1 when none): how `kafka-transactions` finds
 * hanging transactions. An invalid topic name or an unknown topic fails its partitions.
 */
export function describeProducersApi(services: BrokerServices) {
  const { broker } = services;
  const failure = (partitionIndex: number, error: KafkaError): DescribeProducersResponsePartitionResponseInput => ({ partitionIndex, errorCode: error.code, errorMessage: error.message, activeProducers: [] });

  return defineApi<DescribeProducersRequest, DescribeProducersResponseInput>({
    apiKey: ApiKey.DescribeProducers,
    minVersion: 0,
    maxVersion: 0,
    decode: decodeDescribeProducersRequest,
    encode: encodeDescribeProducersResponse,
    handle(request, context) {
      const readable = services.auth.filterByAuthorized(context, "READ", "TOPIC", request.topics.map((t) => t.name));
      return {
        throttleTimeMs: 0,
        topics: request.topics.map((t) => ({
          name: t.name,
          partitions: t.partitionIndexes.map((partitionIndex) => {
            try {
              if (!readable.has(t.name)) throw new TopicAuthorizationFailedError();
              validateTopicName(t.name);
              const producers = broker.partitionProducers(t.name, partitionIndex);
              return {
                partitionIndex,
                errorCode: 0,
                errorMessage: null,
                activeProducers: producers.map((p) => ({
                  producerId: p.producerId,
                  producerEpoch: p.producerEpoch,
                  lastSequence: p.lastSequence,
                  lastTimestamp: p.lastTimestamp,
                  // -1 until a marker of the producer was written here.
                  coordinatorEpoch: p.coordinatorEpoch,
                  currentTxnStartOffset: p.currentTxnStartOffset,
                })),
              };
            } catch (error) {
              return failure(partitionIndex, toKafkaError(error));
            }
          }),
        })),
      };
    },
    errorResponse: (request, error) => ({ throttleTimeMs: 0, topics: request.topics.map((t) => ({ name: t.name, partitions: t.partitionIndexes.map((p) => failure(p, error)) })) }),
  });
}
