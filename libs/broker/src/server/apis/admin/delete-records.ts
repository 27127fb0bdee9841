import { ApiKey, decodeDeleteRecordsRequest, encodeDeleteRecordsResponse, type DeleteRecordsRequest, type DeleteRecordsResponseInput } from "@skein/protocol";
import { TopicAuthorizationFailedError } from "../../../errors.js";
import { defineApi } from "../../api-handler.js";
import type { BrokerServices } from "../../broker-services.js";
import { errorCode } from "../../error-codes.js";

/** DeleteRecords: moves each partition's log start offset to the given offset (-1: the high watermark). */
export function deleteRecordsApi(services: BrokerServices) {
  return defineApi<DeleteRecordsRequest, DeleteRecordsResponseInput>({
    apiKey: ApiKey.DeleteRecords,
    minVersion: 0,
    maxVersion: 2,
    decode: decodeDeleteRecordsRequest,
    encode: encodeDeleteRecordsResponse,
    async handle(request, context) {
      const topics = [];
      const authorized = services.auth.filterByAuthorized(context, "DELETE", "TOPIC", request.topics.map((t) => t.name));
      for (const topic of request.topics) {
        const partitions = [];
        for (const p of topic.partitions) {
          try {
            if (!authorized.has(topic.name)) throw new TopicAuthorizationFailedError();
            const lowWatermark = await services.broker.deleteRecords(topic.name, p.partitionIndex, p.offset);
            services.auth.recordChange(context, "DELETE", "TOPIC", `${topic.name}-${p.partitionIndex}`, null, `records before offset ${lowWatermark} deleted`);
            partitions.push({ partitionIndex: p.partitionIndex, lowWatermark, errorCode: 0 });
          } catch (error) {
            partitions.push({ partitionIndex: p.partitionIndex, lowWatermark: -1, errorCode: errorCode(error) });
          }
        }
        topics.push({ name: topic.name, partitions });
      }
      return { throttleTimeMs: 0, topics };
    },
    errorResponse: (request, error) => ({
      throttleTimeMs: 0,
      topics: request.topics.map((t) => ({ name: t.name, partitions: t.partitions.map((p) => ({ partitionIndex: p.partitionIndex, lowWatermark: -1, errorCode: error.code })) })),
    }),
  });
}
