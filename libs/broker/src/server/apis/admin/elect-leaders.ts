import { ApiKey, decodeElectLeadersRequest, encodeElectLeadersResponse, type ElectLeadersRequest, type ElectLeadersResponseInput } from "@skein/protocol";
import type { ElectionResult, ElectionType } from "../../../controller/cluster-controller.js";
import { ClusterAuthorizationFailedError, InvalidRequestError, type KafkaError } from "../../../errors.js";
import { defineApi } from "../../api-handler.js";
import type { BrokerServices } from "../../broker-services.js";

const ELECTION_TYPES: Record<number, ElectionType> = { 0: "preferred", 1: "unclean" };

/**
 * ElectLeaders (KIP-183, KIP-460; `kafka-leader-election`): the controller elects the preferred replica (or, unclean,
 * any live replica of a leaderless partition) for the partitions asked, or for all of them when the list is null —
 * then answering only for those that needed an election. Another broker answers NOT_CONTROLLER (v1+; per partition
 * in v0, which has no top-level error), and the admin client asks the controller named by Metadata.
 */
export function electLeadersApi(services: BrokerServices) {
  const { broker } = services;

  const answer = (results: ElectionResult[], order: string[]): ElectLeadersResponseInput["replicaElectionResults"] => {
    const byTopic = new Map<string, ElectionResult[]>(order.map((topic) => [topic, []]));
    for (const r of results) {
      if (!byTopic.has(r.topic)) byTopic.set(r.topic, []);
      byTopic.get(r.topic)!.push(r);
    }
    return [...byTopic].map(([topic, list]) => ({
      topic,
      partitionResult: list.map((r) => ({ partitionId: r.partition, errorCode: r.error?.code ?? 0, errorMessage: r.error?.message ?? null })),
    }));
  };
  const failed = (request: ElectLeadersRequest, error: KafkaError, version: number): ElectLeadersResponseInput => ({
    throttleTimeMs: 0,
    errorCode: version >= 1 ? error.code : 0,
    replicaElectionResults: (request.topicPartitions ?? []).map((t) => ({
      topic: t.topic,
      partitionResult: t.partitions.map((partitionId) => ({ partitionId, errorCode: error.code, errorMessage: error.message })),
    })),
  });

  return defineApi<ElectLeadersRequest, ElectLeadersResponseInput>({
    apiKey: ApiKey.ElectLeaders,
    minVersion: 0,
    maxVersion: 2,
    decode: decodeElectLeadersRequest,
    encode: encodeElectLeadersResponse,
    async handle(request, context) {
      // Kafka: ALTER on the cluster.
      if (!services.auth.authorizeCluster(context, "ALTER")) return failed(request, new ClusterAuthorizationFailedError(), context.apiVersion);
      const type = ELECTION_TYPES[request.electionType];
      if (type === undefined) return failed(request, new InvalidRequestError(`Unknown election type ${request.electionType}.`), context.apiVersion);
      const partitions = request.topicPartitions?.flatMap((t) => t.partitions.map((partition) => ({ topic: t.topic, partition }))) ?? null;
      const results = await broker.electLeaders(type, partitions);
      return { throttleTimeMs: 0, errorCode: 0, replicaElectionResults: answer(results, request.topicPartitions?.map((t) => t.topic) ?? []) };
    },
    errorResponse: (request, error, context) => failed(request, error, context.apiVersion),
  });
}
