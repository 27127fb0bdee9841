/** Where a config value comes from, with Kafka's `ConfigSource` names (DescribeConfigs, Confluent REST v3). */
export type ConfigSource =
  | "DYNAMIC_TOPIC_CONFIG"
  | "DYNAMIC_BROKER_CONFIG"
  | "DYNAMIC_DEFAULT_BROKER_CONFIG"
  | "STATIC_BROKER_CONFIG"
  | "DEFAULT_CONFIG"
  | "UNKNOWN";

/** One place a config is set: a synonym in DescribeConfigs, highest precedence first. */
export interface ConfigSynonym {
  name: string;
  value: string | null;
  source: ConfigSource;
}
