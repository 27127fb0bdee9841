import {
  ApiKey,
  decodeOffsetFetchRequest,
  encodeOffsetFetchResponse,
  type OffsetFetchRequest,
  type OffsetFetchResponseInput,
  type OffsetFetchResponseOffsetFetchResponseTopicInput,
} from "@skein/protocol";
import { GroupAuthorizationFailedError, TopicAuthorizationFailedError } from "../../../errors.js";
import { defineApi } from "../../api-handler.js";
import type { RequestContext } from "../../request-context.js";
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

  /**
   * The group's offsets (DESCRIBE on the group needed), as Kafka shows them: topics the principal may not DESCRIBE
   * are left out of an "all topics" answer, and answered TOPIC_AUTHORIZATION_FAILED when asked for by name.
   */
  function fetchTopics(context: RequestContext, groupId: string, topics: readonly { name: string; partitionIndexes: readonly number[] }[] | null, requireStable: boolean): OffsetFetchResponseOffsetFetchResponseTopicInput[] {
    if (!services.auth.authorize(context, "DESCRIBE", "GROUP", groupId)) throw new GroupAuthorizationFailedError();
    const describable = (name: string, logIfDenied: boolean) => services.auth.authorize(context, "DESCRIBE", "TOPIC", name, { logIfDenied });
    const allowed = topics?.filter((t) => describable(t.name, true));
    const offsets = groups.fetchOffsets(groupId, allowed?.map((t) => ({ topic: t.name, partitions: [...t.partitionIndexes] })), { requireStable }).filter((p) => topics !== null || describable(p.topic, false));
    const committed = groupByTopic(offsets, (p) => ({ partitionIndex: p.partition, committedOffset: p.offset, committedLeaderEpoch: p.leaderEpoch, metadata: p.metadata, errorCode: errorCode(p.error) }));
    const denied = (topics ?? [])
      .filter((t) => !allowed!.includes(t))
      .map((t) => ({ name: t.name, partitions: t.partitionIndexes.map((partitionIndex) => ({ partitionIndex, committedOffset: -1, committedLeaderEpoch: -1, metadata: "", errorCode: new TopicAuthorizationFailedError().code })) }));
    return [...committed, ...denied];
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
              return { groupId: g.groupId, topics: fetchTopics(context, g.groupId, g.topics, request.requireStable), errorCode: 0 };
            } catch (error) {
              return { groupId: g.groupId, topics: [], errorCode: errorCode(error) };
            }
          }),
        };
      }
      try {
        return { throttleTimeMs: 0, topics: fetchTopics(context, request.groupId, request.topics, context.apiVersion >= 7 && request.requireStable), errorCode: 0 };
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
