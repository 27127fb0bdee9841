import { ApiKey, decodeDescribeConfigsRequest, encodeDescribeConfigsResponse, type DescribeConfigsRequest, type DescribeConfigsResponseInput } from "@skein/protocol";
import { defineApi } from "../../api-handler.js";
import type { BrokerServices } from "../../broker-services.js";
import { toKafkaError } from "../../error-codes.js";
import { ConfigResourceType, configSourceCode, configTypeCode } from "./config-codes.js";
import { authorizeConfigResource, describeResource } from "./config-resources.js";
import type { ConfigEntry } from "../../../broker-types.js";

/**
 * The synonyms as Kafka's brokers list them on the wire, so that `kafka-configs --describe` prints what it prints
 * against Kafka: Kafka drops every synonym before the first one named like the config itself, which for a topic
 * config leaves only the topic's own override (the broker-level synonyms all have other names). The REST API and
 * the console show the full resolution chain instead.
 */
function kafkaSynonyms(entry: ConfigEntry, resourceType: number): ConfigEntry["synonyms"] {
  if (resourceType === ConfigResourceType.TOPIC) return entry.synonyms.filter((s) => s.source === "DYNAMIC_TOPIC_CONFIG");
  const first = entry.synonyms.findIndex((s) => s.name === entry.name);
  return first < 0 ? [] : entry.synonyms.slice(first);
}

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
            authorizeConfigResource(services.auth, context, "DESCRIBE_CONFIGS", resource.resourceType, resource.resourceName);
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
                synonyms: request.includeSynonyms ? kafkaSynonyms(c, resource.resourceType).map((s) => ({ name: s.name, value: s.value, source: configSourceCode(s.source) })) : [],
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
