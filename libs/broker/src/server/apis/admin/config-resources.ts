import type { Broker } from "../../../broker.js";
import type { ConfigChange, ConfigEntry } from "../../../broker-types.js";
import { ClusterAuthorizationFailedError, InvalidRequestError, TopicAuthorizationFailedError, type KafkaError } from "../../../errors.js";
import type { AuthHelper } from "../../auth-helper.js";
import { toKafkaError } from "../../error-codes.js";
import type { RequestContext } from "../../request-context.js";
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

/**
 * Checks the principal may describe (DESCRIBE_CONFIGS) or change (ALTER_CONFIGS) a resource's configs: on the topic
 * for topic configs, on the cluster for broker configs, as Kafka's `ConfigHelper` and `KafkaApis` do.
 * @throws TopicAuthorizationFailedError, ClusterAuthorizationFailedError
 */
export function authorizeConfigResource(auth: AuthHelper, context: RequestContext, operation: "DESCRIBE_CONFIGS" | "ALTER_CONFIGS", resourceType: number, resourceName: string): void {
  if (resourceType === ConfigResourceType.TOPIC) {
    if (!auth.authorize(context, operation, "TOPIC", resourceName)) throw new TopicAuthorizationFailedError();
  } else if (resourceType === ConfigResourceType.BROKER || resourceType === ConfigResourceType.BROKER_LOGGER) {
    if (!auth.authorizeCluster(context, operation)) throw new ClusterAuthorizationFailedError();
  }
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
  request: { auth: AuthHelper; context: RequestContext },
): Promise<ResourceResult[]> {
  const results: ResourceResult[] = [];
  for (const resource of resources) {
    const { resourceType, resourceName } = resource;
    const audited = resourceType === ConfigResourceType.TOPIC ? "TOPIC" : "CLUSTER";
    let changes: ConfigChange[] = [];
    try {
      authorizeConfigResource(request.auth, request.context, "ALTER_CONFIGS", resourceType, resourceName);
      changes = changesOf(resource);
      await alterResource(broker, resourceType, resourceName, changes, validateOnly);
      if (!validateOnly) request.auth.recordChange(request.context, "ALTER_CONFIGS", audited, resourceName, null, describeChanges(changes));
      results.push({ errorCode: 0, errorMessage: null, resourceType, resourceName });
    } catch (error) {
      const e = toKafkaError(error);
      if (!validateOnly && !(e instanceof TopicAuthorizationFailedError) && !(e instanceof ClusterAuthorizationFailedError)) {
        request.auth.recordChange(request.context, "ALTER_CONFIGS", audited, resourceName, e, describeChanges(changes));
      }
      results.push({ errorCode: e.code, errorMessage: e.message, resourceType, resourceName });
    }
  }
  return results;
}

/** `retention.ms=1000, cleanup.policy removed`, for audit records (secrets are not shown). */
function describeChanges(changes: readonly ConfigChange[]): string {
  return changes.map((c) => (c.value === null ? `${c.name} removed` : /password|\.key$|certificate/.test(c.name) ? `${c.name} set` : `${c.name}=${c.value}`)).join(", ");
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
