import {
  ApiKey,
  decodeOffsetFetchRequest,
  encodeOffsetFetchResponse,
  type OffsetFetchRequest,
  type OffsetFetchResponseInput,
  type OffsetFetchResponseOffsetFetchResponseTopicInput,
} from "@skein/protocol";
import { defineApi } from "../../api-handler.js";
import type { BrokerServices } from "../../broker-services.js";
import { errorCode } from "../../error-codes.js";
import { groupByTopic } from "../by-topic.js";

/**
 * OffsetFetch: a group's committed offsets (−1 where it committed nothing) for the listed partitions, or all of
 * them for a null list (v2+). With `require_stable` (v7+, KIP-447) a partition an open transaction commits an offset
 * for answers UNSTABLE_OFFSET_COMMIT. v8+ asks for several groups at once.
 */
export function offsetFetchApi(services: BrokerServices) {
  const { groups } = services;

  function fetchTopics(groupId: string, topics: readonly { name: string; partitionIndexes: readonly number[] }[] | null, requireStable: boolean): OffsetFetchResponseOffsetFetchResponseTopicInput[] {
    const offsets = groups.fetchOffsets(groupId, topics?.map((t) => ({ topic: t.name, partitions: [...t.partitionIndexes] })), { requireStable });
    return groupByTopic(offsets, (p) => ({ partitionIndex: p.partition, committedOffset: p.offset, committedLeaderEpoch: p.leaderEpoch, metadata: p.metadata, errorCode: errorCode(p.error) }));
  }

  return defineApi<OffsetFetchRequest, OffsetFetchResponseInput>({
    apiKey: ApiKey.OffsetFetch,
    minVersion: 1,
    maxVersion: 8,
    decode: decodeOffsetFetchRequest,
    encode: encodeOffsetFetchResponse,
    handle(request, context) {
      if (context.apiVersion >= 8) {
        return {
          throttleTimeMs: 0,
          groups: request.groups.map((g) => {
            try {
              return { groupId: g.groupId, topics: fetchTopics(g.groupId, g.topics, request.requireStable), errorCode: 0 };
            } catch (error) {
              return { groupId: g.groupId, topics: [], errorCode: errorCode(error) };
            }
          }),
        };
      }
      try {
        return { throttleTimeMs: 0, topics: fetchTopics(request.groupId, request.topics, context.apiVersion >= 7 && request.requireStable), errorCode: 0 };
      } catch (error) {
        return { throttleTimeMs: 0, topics: [], errorCode: errorCode(error) };
      }
    },
    errorResponse: (request, error, context) =>
      context.apiVersion >= 8
        ? { groups: request.groups.map((g) => ({ groupId: g.groupId, topics: [], errorCode: error.code })) }
        : { topics: [], errorCode: error.code },
  });
}
