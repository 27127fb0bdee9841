import { ApiKey, decodeAlterConfigsRequest, encodeAlterConfigsResponse, type AlterConfigsRequest, type AlterConfigsResponseInput } from "@skein/protocol";
import type { ConfigChange } from "../../../broker-types.js";
import { defineApi } from "../../api-handler.js";
import type { BrokerServices } from "../../broker-services.js";
import { alterResources, dynamicOverrides, failedResources } from "./config-resources.js";

/** AlterConfigs (the legacy, non-incremental API): the given configs replace every dynamic override of the resource. */
export function alterConfigsApi(services: BrokerServices) {
  return defineApi<AlterConfigsRequest, AlterConfigsResponseInput>({
    apiKey: ApiKey.AlterConfigs,
    minVersion: 0,
    maxVersion: 2,
    decode: decodeAlterConfigsRequest,
    encode: encodeAlterConfigsResponse,
    async handle(request, context) {
      const responses = await alterResources(services.broker, request.resources, request.validateOnly, (resource) => {
        const given = new Map(resource.configs.map((c) => [c.name, c.value]));
        const changes: ConfigChange[] = Object.keys(dynamicOverrides(services.broker, resource.resourceType, resource.resourceName))
          .filter((name) => !given.has(name))
          .map((name) => ({ name, value: null }));
        for (const [name, value] of given) changes.push({ name, value });
        return changes;
      }, { auth: services.auth, context });
      return { throttleTimeMs: 0, responses };
    },
    errorResponse: (request, error) => ({ throttleTimeMs: 0, responses: failedResources(request.resources, error) }),
  });
}
