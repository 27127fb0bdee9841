import { ApiKey, decodeCreatePartitionsRequest, encodeCreatePartitionsResponse, type CreatePartitionsRequest, type CreatePartitionsRequestCreatePartitionsTopic, type CreatePartitionsResponseInput } from "@skein/protocol";
import { InvalidReplicaAssignmentError, ThrottlingQuotaExceededError, TopicAuthorizationFailedError } from "../../../errors.js";
import { defineApi } from "../../api-handler.js";
import type { BrokerServices } from "../../broker-services.js";
import { toKafkaError } from "../../error-codes.js";

/** CreatePartitions: raises a topic's partition count (a decrease is INVALID_PARTITIONS), with `validate_only`. */
export function createPartitionsApi(services: BrokerServices) {
  const { broker, cluster } = services;

  function checkAssignments(topic: CreatePartitionsRequestCreatePartitionsTopic, current: number, replicationFactor: number): void {
    if (topic.assignments === null) return;
    const added = topic.count - current;
    if (topic.assignments.length !== added) {
      throw new InvalidReplicaAssignmentError(`Increasing the number of partitions by ${added} but ${topic.assignments.length} assignments provided.`);
    }
    const live = new Set(cluster.liveBrokers().map((b) => b.nodeId));
    for (const a of topic.assignments) {
      if (a.brokerIds.length !== replicationFactor) throw new InvalidReplicaAssignmentError(`Inconsistent replication factor between partitions, partition 0 has ${replicationFactor} while partitions [${current}] have replication factors [${a.brokerIds.length}], respectively.`);
      const unknown = a.brokerIds.filter((id) => !live.has(id));
      if (unknown.length > 0) throw new InvalidReplicaAssignmentError(`Unknown broker(s) in replica assignment: ${unknown.join(", ")}.`);
    }
  }

  return defineApi<CreatePartitionsRequest, CreatePartitionsResponseInput>({
    apiKey: ApiKey.CreatePartitions,
    minVersion: 0,
    maxVersion: 3,
    decode: decodeCreatePartitionsRequest,
    encode: encodeCreatePartitionsResponse,
    async handle(request, context) {
      const results = [];
      for (const topic of request.topics) {
        try {
          if (!services.auth.authorize(context, "ALTER", "TOPIC", topic.name)) throw new TopicAuthorizationFailedError("The topic authorization is failed.");
          const described = broker.describeTopic(topic.name);
          if (topic.count > described.partitions.length) checkAssignments(topic, described.partitions.length, described.replicationFactor);
          if (!request.validateOnly && !context.admitControllerMutation(Math.max(0, topic.count - described.partitions.length))) throw new ThrottlingQuotaExceededError();
          await broker.createPartitions(topic.name, topic.count, { validateOnly: request.validateOnly });
          if (!request.validateOnly) services.auth.recordChange(context, "ALTER", "TOPIC", topic.name, null, `partitions raised to ${topic.count}`);
          results.push({ name: topic.name, errorCode: 0, errorMessage: null });
        } catch (error) {
          const e = toKafkaError(error);
          if (!request.validateOnly && !(e instanceof TopicAuthorizationFailedError) && !(e instanceof ThrottlingQuotaExceededError)) services.auth.recordChange(context, "ALTER", "TOPIC", topic.name, e, `partitions to ${topic.count}`);
          results.push({ name: topic.name, errorCode: e.code, errorMessage: e.message });
        }
      }
      return { throttleTimeMs: 0, results };
    },
    errorResponse: (request, error) => ({ throttleTimeMs: 0, results: request.topics.map((t) => ({ name: t.name, errorCode: error.code, errorMessage: error.message })) }),
  });
}
