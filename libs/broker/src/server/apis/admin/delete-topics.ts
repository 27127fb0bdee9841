import { ApiKey, decodeDeleteTopicsRequest, encodeDeleteTopicsResponse, type DeleteTopicsRequest, type DeleteTopicsResponseDeletableTopicResultInput, type DeleteTopicsResponseInput } from "@skein/protocol";
import { ThrottlingQuotaExceededError, TopicAuthorizationFailedError, UnknownTopicIdError, type KafkaError } from "../../../errors.js";
import type { RequestContext } from "../../request-context.js";
import { defineApi } from "../../api-handler.js";
import type { BrokerServices } from "../../broker-services.js";
import { toKafkaError } from "../../error-codes.js";

const ZERO_UUID = "AAAAAAAAAAAAAAAAAAAAAA";

/** DeleteTopics by name (v1–5) or by name or topic id (v6). */
export function deleteTopicsApi(services: BrokerServices) {
  const { broker } = services;
  const failed = (name: string | null, topicId: string, error: KafkaError): DeleteTopicsResponseDeletableTopicResultInput => ({ name, topicId, errorCode: error.code, errorMessage: error.message });

  async function remove(name: string | null, topicId: string, context: RequestContext): Promise<DeleteTopicsResponseDeletableTopicResultInput> {
    try {
      // Kafka: a topic named by id needs DESCRIBE before its existence is disclosed; deleting needs DELETE.
      if (name !== null && !services.auth.authorize(context, "DELETE", "TOPIC", name)) throw new TopicAuthorizationFailedError();
      const topic = name !== null ? broker.describeTopic(name) : broker.findTopicById(topicId);
      if (!topic) throw new UnknownTopicIdError(`Topic id ${topicId} does not exist.`);
      if (name === null && !(services.auth.authorize(context, "DESCRIBE", "TOPIC", topic.name) && services.auth.authorize(context, "DELETE", "TOPIC", topic.name))) throw new TopicAuthorizationFailedError();
      if (!context.admitControllerMutation(topic.partitions.length)) throw new ThrottlingQuotaExceededError();
      try {
        await broker.deleteTopic(topic.name);
      } catch (error) {
        services.auth.recordChange(context, "DELETE", "TOPIC", topic.name, toKafkaError(error));
        throw error;
      }
      services.auth.recordChange(context, "DELETE", "TOPIC", topic.name);
      return { name: topic.name, topicId: topic.topicId, errorCode: 0, errorMessage: null };
    } catch (error) {
      return failed(name, topicId, toKafkaError(error));
    }
  }

  const requested = (request: DeleteTopicsRequest, version: number) =>
    version >= 6 ? request.topics.map((t) => ({ name: t.name, topicId: t.topicId })) : request.topicNames.map((name) => ({ name, topicId: ZERO_UUID }));

  return defineApi<DeleteTopicsRequest, DeleteTopicsResponseInput>({
    apiKey: ApiKey.DeleteTopics,
    minVersion: 1,
    maxVersion: 6,
    decode: decodeDeleteTopicsRequest,
    encode: encodeDeleteTopicsResponse,
    async handle(request, context) {
      const responses: DeleteTopicsResponseDeletableTopicResultInput[] = [];
      for (const t of requested(request, context.apiVersion)) responses.push(await remove(t.name, t.topicId, context));
      return { throttleTimeMs: 0, responses };
    },
    errorResponse: (request, error, context) => ({ responses: requested(request, context.apiVersion).map((t) => failed(t.name, t.topicId, error)) }),
  });
}
