import { ApiKey, decodeListOffsetsRequest, encodeListOffsetsResponse, type ListOffsetsRequest, type ListOffsetsResponseInput, type ListOffsetsResponseListOffsetsPartitionResponseInput } from "@skein/protocol";
import { InvalidRequestError, TopicAuthorizationFailedError, type KafkaError } from "../../../errors.js";
import { defineApi } from "../../api-handler.js";
import type { BrokerServices } from "../../broker-services.js";
import { toKafkaError } from "../../error-codes.js";
import { checkLeaderEpoch } from "./leader-epoch.js";

/**
 * ListOffsets: latest (-1: the high watermark, or the last stable offset for read_committed), earliest (-2), the
 * record with the largest timestamp (-3, v7+), or the first offset at or after a timestamp; -1/-1 when no record is
 * that recent.
 */
export function listOffsetsApi(services: BrokerServices) {
  const { broker } = services;
  const failure = (partitionIndex: number, error: KafkaError): ListOffsetsResponseListOffsetsPartitionResponseInput => ({ partitionIndex, errorCode: error.code, timestamp: -1, offset: -1, leaderEpoch: -1 });

  async function lookup(topic: string, partitionIndex: number, timestamp: number, currentLeaderEpoch: number, readCommitted: boolean, version: number): Promise<ListOffsetsResponseListOffsetsPartitionResponseInput> {
    try {
      const epoch = checkLeaderEpoch(broker, topic, partitionIndex, currentLeaderEpoch);
      const leaderEpoch = version >= 4 ? epoch : -1;
      if (timestamp === -1) {
        const offsets = broker.partitionOffsets(topic, partitionIndex);
        return { partitionIndex, errorCode: 0, timestamp: -1, offset: readCommitted ? offsets.lastStableOffset : offsets.highWatermark, leaderEpoch };
      }
      const found = await broker.offsetForTimestamp(topic, partitionIndex, timestamp, readCommitted ? "read_committed" : "read_uncommitted");
      if (found === null) return { partitionIndex, errorCode: 0, timestamp: -1, offset: -1, leaderEpoch: -1 };
      return { partitionIndex, errorCode: 0, timestamp: found.timestamp, offset: found.offset, leaderEpoch };
    } catch (error) {
      return failure(partitionIndex, toKafkaError(error));
    }
  }

  return defineApi<ListOffsetsRequest, ListOffsetsResponseInput>({
    apiKey: ApiKey.ListOffsets,
    minVersion: 1,
    maxVersion: 7,
    decode: decodeListOffsetsRequest,
    encode: encodeListOffsetsResponse,
    async handle(request, context) {
      const readCommitted = context.apiVersion >= 2 && request.isolationLevel === 1;
      const describable = services.auth.filterByAuthorized(context, "DESCRIBE", "TOPIC", request.topics.map((t) => t.name));
      const topics = await Promise.all(
        request.topics.map(async (t) => {
          const seen = new Map<number, number>();
          for (const p of t.partitions) seen.set(p.partitionIndex, (seen.get(p.partitionIndex) ?? 0) + 1);
          const partitions = await Promise.all(
            t.partitions.map((p) =>
              !describable.has(t.name)
                ? failure(p.partitionIndex, new TopicAuthorizationFailedError())
                : seen.get(p.partitionIndex)! > 1
                ? failure(p.partitionIndex, new InvalidRequestError(`Partition ${t.name}-${p.partitionIndex} is listed more than once.`))
                : lookup(t.name, p.partitionIndex, p.timestamp, p.currentLeaderEpoch, readCommitted, context.apiVersion),
            ),
          );
          return { name: t.name, partitions };
        }),
      );
      return { throttleTimeMs: 0, topics };
    },
    errorResponse: (request, error) => ({ topics: request.topics.map((t) => ({ name: t.name, partitions: t.partitions.map((p) => failure(p.partitionIndex, error)) })) }),
  });
}
