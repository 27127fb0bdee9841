import {
  ApiKey,
  decodeDescribeTopicPartitionsRequest,
  encodeDescribeTopicPartitionsResponse,
  type DescribeTopicPartitionsRequest,
  type DescribeTopicPartitionsResponseDescribeTopicPartitionsResponseTopicInput,
  type DescribeTopicPartitionsResponseInput,
} from "@skein/protocol";
import { InvalidRequestError, TopicAuthorizationFailedError, UnknownTopicOrPartitionError } from "../../errors.js";
import { defineApi } from "../api-handler.js";
import type { BrokerServices } from "../broker-services.js";

const ZERO_UUID = "AAAAAAAAAAAAAAAAAAAAAA";

/**
 * DescribeTopicPartitions (KIP-966, what `kafka-topics --describe` uses from Kafka 3.8): topics sorted by name,
 * their partitions paged by `response_partition_limit` with a cursor. Skein has no eligible leader replicas (ELR),
 * so those lists are empty.
 */
export function describeTopicPartitionsApi(services: BrokerServices) {
  const { broker } = services;
  const failed = (name: string, code: number): DescribeTopicPartitionsResponseDescribeTopicPartitionsResponseTopicInput => ({ errorCode: code, name, topicId: ZERO_UUID, isInternal: false, partitions: [] });

  return defineApi<DescribeTopicPartitionsRequest, DescribeTopicPartitionsResponseInput>({
    apiKey: ApiKey.DescribeTopicPartitions,
    minVersion: 0,
    maxVersion: 0,
    decode: decodeDescribeTopicPartitionsRequest,
    encode: encodeDescribeTopicPartitionsResponse,
    handle(request, context) {
      const cursor = request.cursor;
      // As Metadata: a listing leaves out topics the principal may not DESCRIBE; a topic asked for by name is refused.
      const listing = request.topics.length === 0;
      const requested = listing
        ? broker
            .listTopics({ includeInternal: true })
            .map((t) => t.name)
            .filter((name) => services.auth.authorize(context, "DESCRIBE", "TOPIC", name, { logIfDenied: false }))
        : [...new Set(request.topics.map((t) => t.name))].sort();
      if (cursor && request.topics.length > 0 && !requested.includes(cursor.topicName)) {
        throw new InvalidRequestError(`The cursor topic ${cursor.topicName} is not among the requested topics.`);
      }
      let remaining = Math.max(1, request.responsePartitionLimit);
      const topics: DescribeTopicPartitionsResponseDescribeTopicPartitionsResponseTopicInput[] = [];
      let nextCursor: { topicName: string; partitionIndex: number } | null = null;
      for (const name of requested.filter((n) => !cursor || n >= cursor.topicName)) {
        if (remaining === 0) {
          nextCursor = { topicName: name, partitionIndex: 0 };
          break;
        }
        if (!listing && !services.auth.authorize(context, "DESCRIBE", "TOPIC", name)) {
          topics.push(failed(name, new TopicAuthorizationFailedError().code));
          continue;
        }
        const topic = broker.findTopic(name);
        if (!topic) {
          topics.push(failed(name, new UnknownTopicOrPartitionError().code));
          continue;
        }
        const first = cursor && cursor.topicName === name ? cursor.partitionIndex : 0;
        const partitions = topic.partitions.slice(first, first + remaining);
        remaining -= partitions.length;
        if (first + partitions.length < topic.partitions.length) nextCursor = { topicName: name, partitionIndex: first + partitions.length };
        topics.push({
          errorCode: 0,
          name,
          topicId: topic.topicId,
          isInternal: topic.internal,
          partitions: partitions.map((p) => ({
            errorCode: 0,
            partitionIndex: p.partition,
            leaderId: p.leader,
            leaderEpoch: p.leaderEpoch,
            replicaNodes: p.replicas,
            isrNodes: p.isr,
            eligibleLeaderReplicas: [],
            lastKnownElr: [],
            offlineReplicas: [],
          })),
          topicAuthorizedOperations: services.auth.authorizedOperations(context, "TOPIC", name),
        });
        if (nextCursor) break;
      }
      return { throttleTimeMs: 0, topics, nextCursor };
    },
    errorResponse: (request, error) => ({ throttleTimeMs: 0, topics: request.topics.map((t) => failed(t.name, error.code)), nextCursor: null }),
  });
}
