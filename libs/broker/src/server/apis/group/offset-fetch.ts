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
 * them for a null list (v2+). v8+ asks for several groups at once.
 */
export function offsetFetchApi(services: BrokerServices) {
  const { groups } = services;

  function fetchTopics(groupId: string, topics: readonly { name: string; partitionIndexes: readonly number[] }[] | null): OffsetFetchResponseOffsetFetchResponseTopicInput[] {
    const offsets = groups.fetchOffsets(groupId, topics?.map((t) => ({ topic: t.name, partitions: [...t.partitionIndexes] })));
    return groupByTopic(offsets, (p) => ({ partitionIndex: p.partition, committedOffset: p.offset, committedLeaderEpoch: p.leaderEpoch, metadata: p.metadata, errorCode: 0 }));
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
              return { groupId: g.groupId, topics: fetchTopics(g.groupId, g.topics), errorCode: 0 };
            } catch (error) {
              return { groupId: g.groupId, topics: [], errorCode: errorCode(error) };
            }
          }),
        };
      }
      try {
        return { throttleTimeMs: 0, topics: fetchTopics(request.groupId, request.topics), errorCode: 0 };
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
