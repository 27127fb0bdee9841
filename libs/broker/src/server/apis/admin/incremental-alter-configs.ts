import { ApiKey, decodeIncrementalAlterConfigsRequest, encodeIncrementalAlterConfigsResponse, type IncrementalAlterConfigsRequest, type IncrementalAlterConfigsResponseInput } from "@skein/protocol";
import type { Broker } from "../../../broker.js";
import type { ConfigChange } from "../../../broker-types.js";
import { InvalidConfigError, InvalidRequestError } from "../../../errors.js";
import { defineApi } from "../../api-handler.js";
import type { BrokerServices } from "../../broker-services.js";
import { alterResources, describeResource, failedResources } from "./config-resources.js";

/** Kafka's `AlterConfigOp.OpType`. */
const OpType = { SET: 0, DELETE: 1, APPEND: 2, SUBTRACT: 3 } as const;

/**
 * IncrementalAlterConfigs (what `kafka-configs --alter` sends): SET and DELETE per config, and APPEND/SUBTRACT for
 * list configs, applied to the value in force.
 */
export function incrementalAlterConfigsApi(services: BrokerServices) {
  function toChanges(broker: Broker, resourceType: number, resourceName: string, configs: IncrementalAlterConfigsRequest["resources"][number]["configs"]): ConfigChange[] {
    const names = new Set<string>();
    let current: Map<string, { value: string | null; type: string }> | undefined;
    const currentOf = (name: string) => {
      current ??= new Map(describeResource(broker, resourceType, resourceName).map((c) => [c.name, { value: c.value, type: c.type }]));
      return current.get(name);
    };
    return configs.map((c) => {
      if (names.has(c.name)) throw new InvalidRequestError(`Error due to duplicate config keys: ${c.name}`);
      names.add(c.name);
      switch (c.configOperation) {
        case OpType.SET:
          return { name: c.name, value: c.value };
        case OpType.DELETE:
          return { name: c.name, value: null };
        case OpType.APPEND:
        case OpType.SUBTRACT: {
          const existing = currentOf(c.name);
          if (existing?.type !== "LIST") throw new InvalidConfigError(`Config value append is not allowed for config key: ${c.name}`);
          const items = (existing.value ?? "").split(",").map((s) => s.trim()).filter((s) => s.length > 0);
          const given = (c.value ?? "").split(",").map((s) => s.trim()).filter((s) => s.length > 0);
          const next = c.configOperation === OpType.APPEND ? [...items, ...given.filter((g) => !items.includes(g))] : items.filter((i) => !given.includes(i));
          return { name: c.name, value: next.join(",") };
        }
        default:
          throw new InvalidRequestError(`Unknown config operation ${c.configOperation} for ${c.name}.`);
      }
    });
  }

  return defineApi<IncrementalAlterConfigsRequest, IncrementalAlterConfigsResponseInput>({
    apiKey: ApiKey.IncrementalAlterConfigs,
    minVersion: 0,
    maxVersion: 1,
    decode: decodeIncrementalAlterConfigsRequest,
    encode: encodeIncrementalAlterConfigsResponse,
    async handle(request, context) {
      const responses = await alterResources(
        services.broker,
        request.resources,
        request.validateOnly,
        (resource) => toChanges(services.broker, resource.resourceType, resource.resourceName, resource.configs),
        { auth: services.auth, context },
      );
      return { throttleTimeMs: 0, responses };
    },
    errorResponse: (request, error) => ({ throttleTimeMs: 0, responses: failedResources(request.resources, error) }),
  });
}
