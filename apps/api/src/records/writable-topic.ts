import { isInternalTopic, UnknownTopicOrPartitionError, validateTopicName, type Broker } from "@skein/broker";
import { RestError } from "../errors/rest-error.js";

/**
 * Checks, before a produce starts, that the topic exists or will be created by it, as the REST Proxy's producer
 * finds with auto-creation on: 404/40403 when `auto.create.topics.enable` is off (or the name is internal), and
 * the engine's 40002 for a name no topic may have.
 */
export function requireWritableTopic(broker: Broker, topicName: string): void {
  if (topicExists(broker, topicName)) return;
  if (!broker.config("auto.create.topics.enable") || isInternalTopic(topicName)) {
    throw new RestError(404, 40403, "This server does not host this topic-partition.");
  }
  validateTopicName(topicName);
}

/** The number of partitions of a topic, or undefined when it does not exist (yet). */
export function partitionCountOf(broker: Broker, topicName: string): number | undefined {
  try {
    return broker.describeTopic(topicName).partitions.length;
  } catch (error) {
    if (error instanceof UnknownTopicOrPartitionError) return undefined;
    throw error;
  }
}

function topicExists(broker: Broker, topicName: string): boolean {
  try {
    broker.partitionOffsets(topicName, 0);
    return true;
  } catch (error) {
    if (error instanceof UnknownTopicOrPartitionError) return false;
    throw error;
  }
}
