import type { Broker } from "../../../broker.js";
import type { ConfigChange, ConfigEntry } from "../../../broker-types.js";
import { InvalidRequestError } from "../../../errors.js";
import { ConfigResourceType } from "./config-codes.js";

/**
 * The config resources the admin APIs address: a topic, this broker by id, or the cluster-wide broker default
 * (an empty name). Per-broker dynamic configs are kept cluster-wide, which is the same thing on one broker.
 */
export function describeResource(broker: Broker, resourceType: number, resourceName: string): ConfigEntry[] {
  if (resourceType === ConfigResourceType.TOPIC) return broker.describeTopicConfigs(resourceName);
  if (resourceType === ConfigResourceType.BROKER) {
    checkBrokerName(broker, resourceName);
    return broker.describeBrokerConfigs();
  }
  throw new InvalidRequestError(`Unsupported resource type ${resourceType} for configs: Skein has topic (2) and broker (4) configs.`);
}

/** Applies config changes to a resource. */
export function alterResource(broker: Broker, resourceType: number, resourceName: string, changes: ConfigChange[], validateOnly: boolean): Promise<void> {
  if (resourceType === ConfigResourceType.TOPIC) return broker.alterTopicConfigs(resourceName, changes, { validateOnly });
  if (resourceType === ConfigResourceType.BROKER) {
    checkBrokerName(broker, resourceName);
    return broker.alterBrokerConfigs(changes, { validateOnly });
  }
  throw new InvalidRequestError(`Unsupported resource type ${resourceType} for configs: Skein has topic (2) and broker (4) configs.`);
}

/** The dynamic overrides currently set on a resource: what AlterConfigs (which replaces them all) starts from. */
export function dynamicOverrides(broker: Broker, resourceType: number, resourceName: string): Record<string, string> {
  const dynamic = describeResource(broker, resourceType, resourceName).filter((c) =>
    resourceType === ConfigResourceType.TOPIC ? c.source === "DYNAMIC_TOPIC_CONFIG" : c.source === "DYNAMIC_DEFAULT_BROKER_CONFIG" || c.source === "DYNAMIC_BROKER_CONFIG",
  );
  return Object.fromEntries(dynamic.map((c) => [c.name, c.synonyms[0]?.value ?? c.value ?? ""]));
}

function checkBrokerName(broker: Broker, name: string): void {
  if (name !== "" && name !== String(broker.brokerId)) {
    throw new InvalidRequestError(`Unexpected broker id, expected ${broker.brokerId} or empty string, but received ${name}`);
  }
}
