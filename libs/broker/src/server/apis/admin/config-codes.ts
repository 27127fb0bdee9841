import type { ConfigType } from "../../../cluster/config/config-def.js";
import type { ConfigSource } from "../../../cluster/config/config-source.js";

/** Kafka's config resource types (`ConfigResource.Type`) as DescribeConfigs/AlterConfigs send them. */
export const ConfigResourceType = { TOPIC: 2, BROKER: 4, BROKER_LOGGER: 8, CLIENT_METRICS: 16, GROUP: 32 } as const;

const SOURCE_CODES: Record<ConfigSource, number> = {
  UNKNOWN: 0,
  DYNAMIC_TOPIC_CONFIG: 1,
  DYNAMIC_BROKER_CONFIG: 2,
  DYNAMIC_DEFAULT_BROKER_CONFIG: 3,
  STATIC_BROKER_CONFIG: 4,
  DEFAULT_CONFIG: 5,
};

const TYPE_CODES: Record<ConfigType, number> = { UNKNOWN: 0, BOOLEAN: 1, STRING: 2, INT: 3, SHORT: 4, LONG: 5, DOUBLE: 6, LIST: 7, CLASS: 8, PASSWORD: 9 };

/** DescribeConfigs' `config_source` code for a source. */
export function configSourceCode(source: ConfigSource): number {
  return SOURCE_CODES[source];
}

/** DescribeConfigs' `config_type` code for a type. */
export function configTypeCode(type: ConfigType): number {
  return TYPE_CODES[type];
}
