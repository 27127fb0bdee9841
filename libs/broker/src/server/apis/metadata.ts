import {
  ApiKey,
  decodeMetadataRequest,
  encodeMetadataResponse,
  type MetadataRequest,
  type MetadataResponseInput,
  type MetadataResponseMetadataResponseTopicInput,
} from "@skein/protocol";
import type { TopicDescription } from "../../broker-types.js";
import { KafkaError, UnknownTopicIdError, UnknownTopicOrPartitionError } from "../../errors.js";
import { defineApi } from "../api-handler.js";
import { ALL_CLUSTER_OPERATIONS, ALL_TOPIC_OPERATIONS, AUTHORIZED_OPERATIONS_OMITTED } from "../authorized-operations.js";
import type { BrokerServices } from "../broker-services.js";
import { toKafkaError } from "../error-codes.js";

const ZERO_UUID = "AAAAAAAAAAAAAAAAAAAAAA";

/**
 * Metadata: the live brokers, the controller and the requested topics (all of them for a null list, or an empty
 * list in v0) with each partition's leader, replicas and ISR. A missing topic is created when the request allows it
 * (`allow_auto_topic_creation`, always in v0–3) and `auto.create.topics.enable` is true, as Kafka's brokers do.
 */
export function metadataApi(services: BrokerServices) {
  const { broker, cluster } = services;

  function topicMetadata(topic: TopicDescription, includeOperations: boolean): MetadataResponseMetadataResponseTopicInput {
    return {
      errorCode: 0,
      name: topic.name,
      topicId: topic.topicId,
      isInternal: topic.internal,
      partitions: topic.partitions.map((p) => ({
        errorCode: 0,
        partitionIndex: p.partition,
        leaderId: p.leader,
        leaderEpoch: p.leaderEpoch,
        replicaNodes: p.replicas,
        isrNodes: p.isr,
        offlineReplicas: [],
      })),
      topicAuthorizedOperations: includeOperations ? ALL_TOPIC_OPERATIONS : AUTHORIZED_OPERATIONS_OMITTED,
    };
  }

  function failed(name: string | null, topicId: string, error: KafkaError): MetadataResponseMetadataResponseTopicInput {
    return { errorCode: error.code, name, topicId, isInternal: false, partitions: [] };
  }

  async function lookup(name: string, allowAutoCreate: boolean, includeOperations: boolean): Promise<MetadataResponseMetadataResponseTopicInput> {
    try {
      const existing = broker.findTopic(name);
      if (existing) return topicMetadata(existing, includeOperations);
      if (!allowAutoCreate) throw new UnknownTopicOrPartitionError(`This server does not host this topic: ${name}.`);
      return topicMetadata(await broker.autoCreateTopic(name), includeOperations);
    } catch (error) {
      return failed(name, ZERO_UUID, toKafkaError(error));
    }
  }

  return defineApi<MetadataRequest, MetadataResponseInput>({
    apiKey: ApiKey.Metadata,
    minVersion: 0,
    maxVersion: 12,
    decode: decodeMetadataRequest,
    encode: encodeMetadataResponse,
    async handle(request, context) {
      const version = context.apiVersion;
      const includeOperations = request.includeTopicAuthorizedOperations;
      const allTopics = request.topics === null || (version === 0 && request.topics.length === 0);
      let topics: MetadataResponseMetadataResponseTopicInput[];
      if (allTopics) {
        topics = broker.listTopics({ includeInternal: true }).map((t) => topicMetadata(t, includeOperations));
      } else {
        const allowAutoCreate = version < 4 || request.allowAutoTopicCreation;
        topics = await Promise.all(
          request.topics!.map((requested) => {
            if (requested.name === null) {
              const byId = broker.findTopicById(requested.topicId);
              return byId ? topicMetadata(byId, includeOperations) : failed(null, requested.topicId, new UnknownTopicIdError(`Topic id ${requested.topicId} does not exist.`));
            }
            return lookup(requested.name, allowAutoCreate, includeOperations);
          }),
        );
      }
      return {
        throttleTimeMs: 0,
        brokers: cluster.liveBrokers(),
        clusterId: cluster.clusterId,
        controllerId: cluster.controllerId(),
        topics,
        clusterAuthorizedOperations: version >= 8 && version <= 10 && request.includeClusterAuthorizedOperations ? ALL_CLUSTER_OPERATIONS : AUTHORIZED_OPERATIONS_OMITTED,
      };
    },
    errorResponse: (request, error) => ({
      brokers: cluster.liveBrokers(),
      clusterId: cluster.clusterId,
      controllerId: cluster.controllerId(),
      topics: (request.topics ?? []).map((t) => failed(t.name, t.topicId ?? ZERO_UUID, error)),
    }),
  });
}
