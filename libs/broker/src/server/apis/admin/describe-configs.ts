import { ApiKey, decodeDescribeConfigsRequest, encodeDescribeConfigsResponse, type DescribeConfigsRequest, type DescribeConfigsResponseInput } from "@skein/protocol";
import { defineApi } from "../../api-handler.js";
import type { BrokerServices } from "../../broker-services.js";
import { toKafkaError } from "../../error-codes.js";
import { configSourceCode, configTypeCode } from "./config-codes.js";
import { describeResource } from "./config-resources.js";

/** DescribeConfigs: values with their source, synonyms (when asked), type and documentation (v3+). */
export function describeConfigsApi(services: BrokerServices) {
  return defineApi<DescribeConfigsRequest, DescribeConfigsResponseInput>({
    apiKey: ApiKey.DescribeConfigs,
    minVersion: 1,
    maxVersion: 4,
    decode: decodeDescribeConfigsRequest,
    encode: encodeDescribeConfigsResponse,
    handle(request, context) {
      const withTypes = context.apiVersion >= 3;
      return {
        throttleTimeMs: 0,
        results: request.resources.map((resource) => {
          try {
            const keys = resource.configurationKeys === null ? null : new Set(resource.configurationKeys);
            const entries = describeResource(services.broker, resource.resourceType, resource.resourceName).filter((c) => keys === null || keys.has(c.name));
            return {
              errorCode: 0,
              errorMessage: null,
              resourceType: resource.resourceType,
              resourceName: resource.resourceName,
              configs: entries.map((c) => ({
                name: c.name,
                value: c.value,
                readOnly: c.isReadOnly,
                configSource: configSourceCode(c.source),
                isSensitive: c.isSensitive,
                synonyms: request.includeSynonyms ? c.synonyms.map((s) => ({ name: s.name, value: s.value, source: configSourceCode(s.source) })) : [],
                configType: withTypes ? configTypeCode(c.type) : 0,
                documentation: withTypes && request.includeDocumentation ? c.documentation : null,
              })),
            };
          } catch (error) {
            const e = toKafkaError(error);
            return { errorCode: e.code, errorMessage: e.message, resourceType: resource.resourceType, resourceName: resource.resourceName, configs: [] };
          }
        }),
      };
    },
    errorResponse: (request, error) => ({
      throttleTimeMs: 0,
      results: request.resources.map((r) => ({ errorCode: error.code, errorMessage: error.message, resourceType: r.resourceType, resourceName: r.resourceName, configs: [] })),
    }),
  });
}
