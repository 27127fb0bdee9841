import {
  ApiKey,
  decodeOffsetForLeaderEpochRequest,
  encodeOffsetForLeaderEpochResponse,
  type OffsetForLeaderEpochRequest,
  type OffsetForLeaderEpochResponseEpochEndOffsetInput,
  type OffsetForLeaderEpochResponseInput,
} from "@skein/protocol";
import { TopicAuthorizationFailedError, type KafkaError } from "../../../errors.js";
import { defineApi } from "../../api-handler.js";
import type { BrokerServices } from "../../broker-services.js";
import { toKafkaError } from "../../error-codes.js";
import { checkLeaderEpoch } from "./leader-epoch.js";

/**
 * OffsetForLeaderEpoch (KIP-101, KIP-279, KIP-320): for each partition, the largest leader epoch at or below the one
 * asked about and the offset where it ends on this leader. Followers truncate to it before fetching from a new
 * leader; consumers use it to detect log truncation after a leader change. `current_leader_epoch` fences stale
 * requesters (FENCED_LEADER_EPOCH / UNKNOWN_LEADER_EPOCH).
 */
export function offsetForLeaderEpochApi(services: BrokerServices) {
  const { broker } = services;
  const failure = (partition: number, error: KafkaError): OffsetForLeaderEpochResponseEpochEndOffsetInput => ({ errorCode: error.code, partition, leaderEpoch: -1, endOffset: -1 });

  return defineApi<OffsetForLeaderEpochRequest, OffsetForLeaderEpochResponseInput>({
    apiKey: ApiKey.OffsetForLeaderEpoch,
    minVersion: 2,
    maxVersion: 4,
    decode: decodeOffsetForLeaderEpochRequest,
    encode: encodeOffsetForLeaderEpochResponse,
    handle(request, context) {
      return {
        throttleTimeMs: 0,
        topics: request.topics.map((t) => ({
          topic: t.topic,
          partitions: t.partitions.map((p) => {
            try {
              // Kafka: DESCRIBE on the topic (CLUSTER_ACTION for a follower broker, which may do anything).
              if (!services.auth.authorizeCluster(context, "CLUSTER_ACTION", { logIfDenied: false }) && !services.auth.authorize(context, "DESCRIBE", "TOPIC", t.topic)) throw new TopicAuthorizationFailedError();
              checkLeaderEpoch(broker, t.topic, p.partition, p.currentLeaderEpoch);
              const found = broker.offsetForLeaderEpoch(t.topic, p.partition, p.currentLeaderEpoch, p.leaderEpoch);
              return { errorCode: 0, partition: p.partition, leaderEpoch: found.leaderEpoch, endOffset: found.endOffset };
            } catch (error) {
              return failure(p.partition, toKafkaError(error));
            }
          }),
        })),
      };
    },
    errorResponse: (request, error) => ({ throttleTimeMs: 0, topics: request.topics.map((t) => ({ topic: t.topic, partitions: t.partitions.map((p) => failure(p.partition, error)) })) }),
  });
}
