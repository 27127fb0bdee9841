import { ApiKey, decodeOffsetCommitRequest, encodeOffsetCommitResponse, type OffsetCommitRequest, type OffsetCommitResponseInput } from "@skein/protocol";
import type { KafkaError } from "../../../errors.js";
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
    async handle(request) {
      try {
        const results = await services.groups.commitOffsets({
          groupId: request.groupId,
          generationId: request.generationIdOrMemberEpoch,
          memberId: request.memberId,
          groupInstanceId: request.groupInstanceId,
          offsets: request.topics.flatMap((t) =>
            t.partitions.map((p) => ({ topic: t.name, partition: p.partitionIndex, offset: p.committedOffset, leaderEpoch: p.committedLeaderEpoch, metadata: p.committedMetadata })),
          ),
        });
        return { throttleTimeMs: 0, topics: groupByTopic(results, (r) => ({ partitionIndex: r.partition, errorCode: errorCode(r.error) })) };
      } catch (error) {
        return everyPartition(request, toKafkaError(error));
      }
    },
    errorResponse: everyPartition,
  });
}
