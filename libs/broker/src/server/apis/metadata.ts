import {
  ApiKey,
  decodeMetadataRequest,
  encodeMetadataResponse,
  type MetadataRequest,
  type MetadataResponseInput,
  type MetadataResponseMetadataResponseTopicInput,
} from "@skein/protocol";
import type { TopicDescription } from "../../broker-types.js";
import { KafkaError, TopicAuthorizationFailedError, UnknownTopicIdError, UnknownTopicOrPartitionError } from "../../errors.js";
import { CLUSTER_RESOURCE_NAME } from "../../security/acl.js";
import { defineApi } from "../api-handler.js";
import { AUTHORIZED_OPERATIONS_OMITTED } from "../authorized-operations.js";
import type { BrokerServices } from "../broker-services.js";
import { toKafkaError } from "../error-codes.js";
import type { RequestContext } from "../request-context.js";

const ZERO_UUID = "AAAAAAAAAAAAAAAAAAAAAA";

/**
 * Metadata: the live brokers (at the listener the client connected to), the controller and the requested topics (all
 * of them for a null list, or an empty list in v0) with each partition's leader, replicas and ISR. A missing topic is
 * created when the request allows it (`allow_auto_topic_creation`, always in v0–3) and `auto.create.topics.enable`
 * is true, as Kafka's brokers do. With ACLs, as Kafka: a listing shows only the topics the principal may DESCRIBE, a
 * topic asked for by name without DESCRIBE (or missing, without CREATE) is TOPIC_AUTHORIZATION_FAILED, so nothing
 * discloses whether it exists.
 */
export function metadataApi(services: BrokerServices) {
  const { broker, cluster, auth } = services;

  function topicMetadata(topic: TopicDescription, includeOperations: boolean, context: RequestContext): MetadataResponseMetadataResponseTopicInput {
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
      topicAuthorizedOperations: includeOperations ? auth.authorizedOperations(context, "TOPIC", topic.name) : AUTHORIZED_OPERATIONS_OMITTED,
    };
  }

  function failed(name: string | null, topicId: string, error: KafkaError): MetadataResponseMetadataResponseTopicInput {
    return { errorCode: error.code, name, topicId, isInternal: false, partitions: [] };
  }

  async function lookup(name: string, allowAutoCreate: boolean, includeOperations: boolean, context: RequestContext): Promise<MetadataResponseMetadataResponseTopicInput> {
    try {
      if (!auth.authorize(context, "DESCRIBE", "TOPIC", name)) throw new TopicAuthorizationFailedError();
      const existing = broker.findTopic(name);
      if (existing) return topicMetadata(existing, includeOperations, context);
      if (!allowAutoCreate) throw new UnknownTopicOrPartitionError(`This server does not host this topic: ${name}.`);
      if (broker.config("auto.create.topics.enable") && !auth.authorizeCluster(context, "CREATE", { logIfDenied: false }) && !auth.authorize(context, "CREATE", "TOPIC", name)) {
        throw new TopicAuthorizationFailedError();
      }
      return topicMetadata(await broker.autoCreateTopic(name), includeOperations, context);
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
        topics = broker
          .listTopics({ includeInternal: true })
          .filter((t) => auth.authorize(context, "DESCRIBE", "TOPIC", t.name, { logIfDenied: false }))
          .map((t) => topicMetadata(t, includeOperations, context));
      } else {
        const allowAutoCreate = version < 4 || request.allowAutoTopicCreation;
        topics = await Promise.all(
          request.topics!.map((requested) => {
            if (requested.name === null) {
              const byId = broker.findTopicById(requested.topicId);
              if (byId && !auth.authorize(context, "DESCRIBE", "TOPIC", byId.name)) return failed(null, requested.topicId, new TopicAuthorizationFailedError());
              return byId ? topicMetadata(byId, includeOperations, context) : failed(null, requested.topicId, new UnknownTopicIdError(`Topic id ${requested.topicId} does not exist.`));
            }
            return lookup(requested.name, allowAutoCreate, includeOperations, context);
          }),
        );
      }
      return {
        throttleTimeMs: 0,
        brokers: cluster.liveBrokers(context.connection.listenerName),
        clusterId: cluster.clusterId,
        controllerId: cluster.controllerId(),
        topics,
        clusterAuthorizedOperations:
          version >= 8 && version <= 10 && request.includeClusterAuthorizedOperations && auth.authorizeCluster(context, "DESCRIBE")
            ? auth.authorizedOperations(context, "CLUSTER", CLUSTER_RESOURCE_NAME)
            : AUTHORIZED_OPERATIONS_OMITTED,
      };
    },
    errorResponse: (request, error, context) => ({
      brokers: cluster.liveBrokers(context.connection.listenerName),
      clusterId: cluster.clusterId,
      controllerId: cluster.controllerId(),
      topics: (request.topics ?? []).map((t) => failed(t.name, t.topicId ?? ZERO_UUID, error)),
    }),
  });
}
