import { UnknownTopicOrPartitionError, type Broker } from "@skein/broker";
import { RestError } from "../errors/rest-error.js";
import type { HttpAuthorizer } from "./http-authorizer.js";
import type { HttpIdentity } from "./http-identity.js";

/**
 * Kafka's rules for a produce, on every HTTP path (REST v3, v2, WebSocket): WRITE on the topic (else 403/40301), and a
 * topic that does not exist yet is auto-created only for a principal that may CREATE it (on the cluster or the
 * topic); for anyone else it does not exist (404/40403), as Kafka's Metadata answers UNKNOWN_TOPIC_OR_PARTITION.
 */
export function authorizeProduce(authz: HttpAuthorizer, broker: Broker, identity: HttpIdentity, topic: string, request: string): void {
  authz.require(identity, "WRITE", "TOPIC", topic, request);
  if (!authz.enabled || topicExists(broker, topic) || authz.mayCreateTopic(identity, topic)) return;
  throw new RestError(404, 40403, "This server does not host this topic-partition.");
}

function topicExists(broker: Broker, topic: string): boolean {
  try {
    broker.describeTopic(topic);
    return true;
  } catch (error) {
    if (error instanceof UnknownTopicOrPartitionError) return false;
    throw error;
  }
}
