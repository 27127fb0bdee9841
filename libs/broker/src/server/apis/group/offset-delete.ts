import { ApiKey, decodeOffsetDeleteRequest, encodeOffsetDeleteResponse, type OffsetDeleteRequest, type OffsetDeleteResponseInput } from "@skein/protocol";
import { GroupAuthorizationFailedError, TopicAuthorizationFailedError } from "../../../errors.js";
import { defineApi } from "../../api-handler.js";
import type { BrokerServices } from "../../broker-services.js";
import { errorCode } from "../../error-codes.js";
import { groupByTopic } from "../by-topic.js";

/** OffsetDelete: forgets a group's offsets for partitions its members no longer consume (GROUP_SUBSCRIBED_TO_TOPIC otherwise). */
export function offsetDeleteApi(services: BrokerServices) {
  return defineApi<OffsetDeleteRequest, OffsetDeleteResponseInput>({
    apiKey: ApiKey.OffsetDelete,
    minVersion: 0,
    maxVersion: 0,
    decode: decodeOffsetDeleteRequest,
    encode: encodeOffsetDeleteResponse,
    async handle(request, context) {
      if (!services.auth.authorize(context, "DELETE", "GROUP", request.groupId)) return { errorCode: new GroupAuthorizationFailedError().code, throttleTimeMs: 0, topics: [] };
      const readable = services.auth.filterByAuthorized(context, "READ", "TOPIC", request.topics.map((t) => t.name));
      const results = await services.groups.deleteOffsets(
        request.groupId,
        request.topics.filter((t) => readable.has(t.name)).map((t) => ({ topic: t.name, partitions: t.partitions.map((p) => p.partitionIndex) })),
      );
      for (const r of results) services.auth.recordChange(context, "DELETE", "GROUP", request.groupId, r.error, `offsets of ${r.topic}-${r.partition} deleted`);
      const denied = request.topics.filter((t) => !readable.has(t.name)).flatMap((t) => t.partitions.map((p) => ({ topic: t.name, partition: p.partitionIndex, error: new TopicAuthorizationFailedError() })));
      return { errorCode: 0, throttleTimeMs: 0, topics: groupByTopic([...results, ...denied], (r) => ({ partitionIndex: r.partition, errorCode: errorCode(r.error) })) };
    },
    errorResponse: (_request, error) => ({ errorCode: error.code, throttleTimeMs: 0, topics: [] }),
  });
}
