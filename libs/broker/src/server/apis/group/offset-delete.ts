import { ApiKey, decodeOffsetDeleteRequest, encodeOffsetDeleteResponse, type OffsetDeleteRequest, type OffsetDeleteResponseInput } from "@skein/protocol";
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
    async handle(request) {
      const results = await services.groups.deleteOffsets(
        request.groupId,
        request.topics.map((t) => ({ topic: t.name, partitions: t.partitions.map((p) => p.partitionIndex) })),
      );
      return { errorCode: 0, throttleTimeMs: 0, topics: groupByTopic(results, (r) => ({ partitionIndex: r.partition, errorCode: errorCode(r.error) })) };
    },
    errorResponse: (_request, error) => ({ errorCode: error.code, throttleTimeMs: 0, topics: [] }),
  });
}
