import { ClusterAuthorizationFailedError } from "../../../errors.js";
import { ApiKey, decodeWriteTxnMarkersRequest, encodeWriteTxnMarkersResponse, type WriteTxnMarkersRequest, type WriteTxnMarkersResponseInput } from "@skein/protocol";
import { writeTransactionMarkers } from "../../../txn/transaction-markers.js";
import { defineApi } from "../../api-handler.js";
import type { BrokerServices } from "../../broker-services.js";
import { groupByTopic } from "../by-topic.js";

/**
 * WriteTxnMarkers: writes commit or abort markers for producers to the listed partitions (this broker leads them
 * all). Kafka's coordinators send it to partition leaders; on one broker the coordinator writes its markers
 * directly, and this API serves the Admin client's `abortTransaction` (what `kafka-transactions --abort` sends to
 * end a hanging transaction). A marker for `__consumer_offsets` also completes the producer's offset commits.
 * Errors are per partition: INVALID_PRODUCER_EPOCH for an older epoch, TRANSACTION_COORDINATOR_FENCED for an older
 * coordinator epoch, UNKNOWN_TOPIC_OR_PARTITION.
 */
export function writeTxnMarkersApi(services: BrokerServices) {
  return defineApi<WriteTxnMarkersRequest, WriteTxnMarkersResponseInput>({
    apiKey: ApiKey.WriteTxnMarkers,
    minVersion: 0,
    maxVersion: 1,
    decode: decodeWriteTxnMarkersRequest,
    encode: encodeWriteTxnMarkersResponse,
    async handle(request, context) {
      // Kafka: CLUSTER_ACTION on the cluster (what brokers, and Admin's abortTransaction, are granted).
      if (!services.auth.authorizeCluster(context, "CLUSTER_ACTION")) throw new ClusterAuthorizationFailedError();
      const markers = await Promise.all(
        request.markers.map(async (marker) => {
          const partitions = marker.topics.flatMap((t) => t.partitionIndexes.map((partition) => ({ topic: t.name, partition })));
          const outcomes = await writeTransactionMarkers(
            services.broker,
            services.groups,
            marker.producerId,
            marker.producerEpoch,
            marker.coordinatorEpoch,
            marker.transactionResult ? "COMMIT" : "ABORT",
            partitions,
          );
          const topics = groupByTopic(
            outcomes.map((o) => ({ topic: o.partition.topic, partition: o.partition.partition, errorCode: o.error?.code ?? 0 })),
            (o) => ({ partitionIndex: o.partition, errorCode: o.errorCode }),
          );
          return { producerId: marker.producerId, topics };
        }),
      );
      return { markers };
    },
    errorResponse: (request, error) => ({
      markers: request.markers.map((m) => ({
        producerId: m.producerId,
        topics: m.topics.map((t) => ({ name: t.name, partitions: t.partitionIndexes.map((p) => ({ partitionIndex: p, errorCode: error.code })) })),
      })),
    }),
  });
}
