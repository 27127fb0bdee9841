import { ApiKey, decodeCreateTopicsRequest, encodeCreateTopicsResponse, type CreateTopicsRequest, type CreateTopicsRequestCreatableTopic, type CreateTopicsResponseCreatableTopicResultInput, type CreateTopicsResponseInput } from "@skein/protocol";
import { InvalidConfigError, InvalidReplicaAssignmentError, InvalidRequestError, ThrottlingQuotaExceededError, TopicAuthorizationFailedError, type KafkaError } from "../../../errors.js";
import type { RequestContext } from "../../request-context.js";
import { defineApi } from "../../api-handler.js";
import type { BrokerServices } from "../../broker-services.js";
import { toKafkaError } from "../../error-codes.js";
import { configSourceCode } from "./config-codes.js";

const ZERO_UUID = "AAAAAAAAAAAAAAAAAAAAAA";

/**
 * CreateTopics (with `validate_only`): Kafka's rules and errors come from the engine; -1 partitions or replication
 * factor (v4+) take the broker's defaults; a manual replica assignment must name live brokers only.
 */
export function createTopicsApi(services: BrokerServices) {
  const { broker, cluster } = services;

  function failed(name: string, error: KafkaError): CreateTopicsResponseCreatableTopicResultInput {
    return { name, topicId: ZERO_UUID, errorCode: error.code, errorMessage: error.message, numPartitions: -1, replicationFactor: -1, configs: null };
  }

  function manualAssignment(topic: CreateTopicsRequestCreatableTopic): { partitions: number; replicationFactor: number } | null {
    if (topic.assignments.length === 0) return null;
    if (topic.numPartitions !== -1 || topic.replicationFactor !== -1) {
      throw new InvalidRequestError("Both numPartitions or replicationFactor and replicasAssignments were set. Both cannot be used at the same time.");
    }
    const live = new Set(cluster.liveBrokers().map((b) => b.nodeId));
    const sizes = new Set<number>();
    topic.assignments.forEach((a, i) => {
      if (a.partitionIndex !== i) throw new InvalidReplicaAssignmentError("Partitions should be 0-based and consecutive in the replica assignment.");
      if (new Set(a.brokerIds).size !== a.brokerIds.length) throw new InvalidReplicaAssignmentError(`Duplicate brokers not allowed in replica assignment: ${a.brokerIds.join(", ")} for partition id ${i}.`);
      const unknown = a.brokerIds.filter((id) => !live.has(id));
      if (unknown.length > 0) throw new InvalidReplicaAssignmentError(`The manual partition assignment includes broker(s) ${unknown.join(", ")}, which are not registered.`);
      sizes.add(a.brokerIds.length);
    });
    if (sizes.size !== 1) throw new InvalidReplicaAssignmentError("All partitions should have the same number of replicas.");
    return { partitions: topic.assignments.length, replicationFactor: [...sizes][0]! };
  }

  async function create(topic: CreateTopicsRequestCreatableTopic, validateOnly: boolean, context: RequestContext): Promise<CreateTopicsResponseCreatableTopicResultInput> {
    const version = context.apiVersion;
    try {
      const partitionCount = topic.assignments.length || (topic.numPartitions === -1 ? Number(broker.config("num.partitions")) : topic.numPartitions);
      if (!validateOnly && !context.admitControllerMutation(partitionCount)) throw new ThrottlingQuotaExceededError(`The throttling quota has been exceeded.`);
      const configs: Record<string, string> = {};
      for (const c of topic.configs) {
        if (c.value === null) throw new InvalidConfigError(`Null value not supported for topic configs: ${c.name}`);
        configs[c.name] = c.value;
      }
      const manual = manualAssignment(topic);
      const created = await broker.createTopic({
        name: topic.name,
        partitions: manual?.partitions ?? (topic.numPartitions === -1 ? undefined : topic.numPartitions),
        replicationFactor: manual?.replicationFactor ?? (topic.replicationFactor === -1 ? undefined : topic.replicationFactor),
        configs,
        validateOnly,
      });
      const described = validateOnly || !services.auth.authorize(context, "DESCRIBE_CONFIGS", "TOPIC", topic.name, { logIfDenied: false }) ? null : broker.describeTopicConfigs(topic.name);
      if (!validateOnly) services.auth.recordChange(context, "CREATE", "TOPIC", topic.name, null, `${created.partitions.length} partitions`);
      return {
        name: topic.name,
        topicId: created.topicId,
        errorCode: 0,
        errorMessage: null,
        numPartitions: validateOnly ? (manual?.partitions ?? (topic.numPartitions === -1 ? Number(broker.config("num.partitions")) : topic.numPartitions)) : created.partitions.length,
        replicationFactor: created.replicationFactor,
        configs:
          version >= 5 && described
            ? described.map((c) => ({ name: c.name, value: c.value, readOnly: c.isReadOnly, configSource: configSourceCode(c.source), isSensitive: c.isSensitive }))
            : [],
      };
    } catch (error) {
      if (!validateOnly && !(error instanceof ThrottlingQuotaExceededError)) services.auth.recordChange(context, "CREATE", "TOPIC", topic.name, toKafkaError(error));
      return failed(topic.name, toKafkaError(error));
    }
  }

  return defineApi<CreateTopicsRequest, CreateTopicsResponseInput>({
    apiKey: ApiKey.CreateTopics,
    minVersion: 2,
    maxVersion: 7,
    decode: decodeCreateTopicsRequest,
    encode: encodeCreateTopicsResponse,
    async handle(request, context) {
      const counts = new Map<string, number>();
      for (const t of request.topics) counts.set(t.name, (counts.get(t.name) ?? 0) + 1);
      const results: CreateTopicsResponseCreatableTopicResultInput[] = [];
      // Kafka: CREATE on the cluster allows every topic, else CREATE on each topic.
      const clusterCreate = services.auth.authorizeCluster(context, "CREATE", { logIfDenied: false });
      for (const topic of request.topics) {
        if (counts.get(topic.name)! > 1) {
          results.push(failed(topic.name, new InvalidRequestError(`Create topics request from client \`${context.clientId}\` contains multiple entries for the following topics: ${topic.name}`)));
        } else if (!clusterCreate && !services.auth.authorize(context, "CREATE", "TOPIC", topic.name)) {
          results.push(failed(topic.name, new TopicAuthorizationFailedError()));
        } else {
          results.push(await create(topic, request.validateOnly, context));
        }
      }
      return { throttleTimeMs: 0, topics: results };
    },
    errorResponse: (request, error) => ({ topics: request.topics.map((t) => failed(t.name, error)) }),
  });
}
