import type { Broker } from "../../../broker.js";
import type { ConfigChange, ConfigEntry } from "../../../broker-types.js";
import { InvalidRequestError, type KafkaError } from "../../../errors.js";
import { toKafkaError } from "../../error-codes.js";
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

/** One resource's result in AlterConfigs and IncrementalAlterConfigs responses. */
export interface ResourceResult {
  errorCode: number;
  errorMessage: string | null;
  resourceType: number;
  resourceName: string;
}

/**
 * Alters each resource in turn with the changes `changesOf` computes for it (AlterConfigs and
 * IncrementalAlterConfigs differ only there), each with its own result.
 */
export async function alterResources<R extends { resourceType: number; resourceName: string }>(
  broker: Broker,
  resources: readonly R[],
  validateOnly: boolean,
  changesOf: (resource: R) => ConfigChange[],
): Promise<ResourceResult[]> {
  const results: ResourceResult[] = [];
  for (const resource of resources) {
    const { resourceType, resourceName } = resource;
    try {
      await alterResource(broker, resourceType, resourceName, changesOf(resource), validateOnly);
      results.push({ errorCode: 0, errorMessage: null, resourceType, resourceName });
    } catch (error) {
      const e = toKafkaError(error);
      results.push({ errorCode: e.code, errorMessage: e.message, resourceType, resourceName });
    }
  }
  return results;
}

/** Every resource failed with one error (the response to a request that failed as a whole). */
export function failedResources(resources: readonly { resourceType: number; resourceName: string }[], error: KafkaError): ResourceResult[] {
  return resources.map((r) => ({ errorCode: error.code, errorMessage: error.message, resourceType: r.resourceType, resourceName: r.resourceName }));
}

function checkBrokerName(broker: Broker, name: string): void {
  if (name !== "" && name !== String(broker.brokerId)) {
    throw new InvalidRequestError(`Unexpected broker id, expected ${broker.brokerId} or empty string, but received ${name}`);
  }
}
