import { ApiKey, decodeOffsetCommitRequest, encodeOffsetCommitResponse, type OffsetCommitRequest, type OffsetCommitResponseInput } from "@skein/protocol";
import { GroupAuthorizationFailedError, TopicAuthorizationFailedError, type KafkaError } from "../../../errors.js";
import { defineApi } from "../../api-handler.js";
import type { BrokerServices } from "../../broker-services.js";
import { errorCode, toKafkaError } from "../../error-codes.js";
import { groupByTopic } from "../by-topic.js";

/**
 * OffsetCommit into `__consumer_offsets` through the group coordinator. A group-level refusal (ILLEGAL_GENERATION,
 * UNKNOWN_MEMBER_ID, REBALANCE_IN_PROGRESS…) is reported on every partition, as Kafka does.
 */
export function offsetCommitApi(services: BrokerServices) {
  const everyPartition = (request: OffsetCommitRequest, error: KafkaError): OffsetCommitResponseInput => ({
    throttleTimeMs: 0,
    topics: request.topics.map((t) => ({ name: t.name, partitions: t.partitions.map((p) => ({ partitionIndex: p.partitionIndex, errorCode: error.code })) })),
  });

  return defineApi<OffsetCommitRequest, OffsetCommitResponseInput>({
    apiKey: ApiKey.OffsetCommit,
    minVersion: 2,
    maxVersion: 9,
    decode: decodeOffsetCommitRequest,
    encode: encodeOffsetCommitResponse,
    async handle(request, context) {
      if (!services.auth.authorize(context, "READ", "GROUP", request.groupId)) return everyPartition(request, new GroupAuthorizationFailedError());
      const readable = services.auth.filterByAuthorized(context, "READ", "TOPIC", request.topics.map((t) => t.name));
      try {
        const results = await services.groups.commitOffsets({
          groupId: request.groupId,
          generationId: request.generationIdOrMemberEpoch,
          memberId: request.memberId,
          groupInstanceId: request.groupInstanceId,
          offsets: request.topics
            .filter((t) => readable.has(t.name))
            .flatMap((t) => t.partitions.map((p) => ({ topic: t.name, partition: p.partitionIndex, offset: p.committedOffset, leaderEpoch: p.committedLeaderEpoch, metadata: p.committedMetadata }))),
        });
        // A commit from outside the group (no generation: kafka-consumer-groups --reset-offsets) changes where the group reads.
        if (request.generationIdOrMemberEpoch < 0 && request.memberId === "") {
          for (const r of results) services.auth.recordChange(context, "READ", "GROUP", request.groupId, r.error, `offset of ${r.topic}-${r.partition} reset`);
        }
        const denied = request.topics.filter((t) => !readable.has(t.name)).flatMap((t) => t.partitions.map((p) => ({ topic: t.name, partition: p.partitionIndex, error: new TopicAuthorizationFailedError() })));
        return { throttleTimeMs: 0, topics: groupByTopic([...results, ...denied], (r) => ({ partitionIndex: r.partition, errorCode: errorCode(r.error) })) };
      } catch (error) {
        return everyPartition(request, toKafkaError(error));
      }
    },
    errorResponse: everyPartition,
  });
}
