import type { BrokerConfig } from "./broker-config.js";
import { BROKER_CONFIG_DEFS, isBrokerConfigName } from "./broker-config-defs.js";
import type { ConfigKey, ConfigType } from "./config-def.js";
import type { ConfigSource, ConfigSynonym } from "./config-source.js";
import { topicConfigSynonyms } from "./log-config.js";
import type { TopicConfigName } from "./topic-config-defs.js";
import { TOPIC_CONFIG_DEFS } from "./topic-config-defs.js";

/**
 * DescribeConfigs for topics and for the broker: what `kafka-configs --describe --all`, the REST API (Confluent
 * v3 `source`, `synonyms`, `is_default`, `is_read_only`, `is_sensitive`) and the console show.
 *
 * Synonyms are listed in the order the value is actually resolved (each broker synonym's dynamic, default-dynamic,
 * static and default values before the next synonym's), so the first synonym is always where the value comes
 * from. Kafka lists them grouped by source instead and drops those before the first-named synonym, which can hide
 * `log.retention.hours` behind `retention.ms`; the sources and names are Kafka's.
 */
export interface ConfigEntry {
  name: string;
  /** The effective value as Kafka formats it; `null` when nothing sets a config that has no default. */
  value: string | null;
  source: ConfigSource;
  /** `source` is DEFAULT_CONFIG. */
  isDefault: boolean;
  isReadOnly: boolean;
  isSensitive: boolean;
  synonyms: ConfigSynonym[];
  type: ConfigType;
  /** `null` for configs Skein does not know. */
  documentation: string | null;
  /** The values allowed for an enumerated config (for a LIST, each item's); `null` for any other. */
  validValues: readonly string[] | null;
}

/** Every topic config of a topic with `overrides`, sorted by name. */
export function describeTopicConfigs(broker: BrokerConfig, overrides: Readonly<Record<string, string>>): ConfigEntry[] {
  return (Object.keys(TOPIC_CONFIG_DEFS) as TopicConfigName[]).sort().map((name) => {
    const key = TOPIC_CONFIG_DEFS[name].key as ConfigKey<unknown>;
    const synonyms = topicConfigSynonyms(broker, overrides, name);
    const head = synonyms[0]!;
    return entry({
      name,
      value: key.format(head.typedValue),
      synonyms,
      isReadOnly: false,
      type: key.type,
      documentation: key.documentation,
      validValues: key.validValues ?? null,
    });
  });
}

/** Every broker config: the known ones and any unknown key that is set, sorted by name. */
export function describeBrokerConfigs(broker: BrokerConfig): ConfigEntry[] {
  return broker.names().map((name) => {
    const synonyms = broker.synonyms(name);
    const head = synonyms[0];
    const key = isBrokerConfigName(name) ? (BROKER_CONFIG_DEFS[name] as ConfigKey<unknown>) : undefined;
    let value: string | null = null;
    if (head !== undefined) value = key === undefined ? head.value : key.format(head.typedValue);
    if (key?.sensitive) return hidden(entry({ name, value: null, synonyms, isReadOnly: !broker.isDynamic(name), type: key.type, documentation: key.documentation, validValues: key.validValues ?? null }));
    return entry({
      name,
      value,
      synonyms,
      isReadOnly: !broker.isDynamic(name),
      type: key?.type ?? "UNKNOWN",
      documentation: key?.documentation ?? null,
      validValues: key?.validValues ?? null,
    });
  });
}

/** A secret as Kafka describes it: no value anywhere, marked sensitive. */
function hidden(described: ConfigEntry): ConfigEntry {
  return { ...described, value: null, isSensitive: true, synonyms: described.synonyms.map((s) => ({ ...s, value: null })) };
}

function entry(fields: Omit<ConfigEntry, "source" | "isDefault" | "isSensitive">): ConfigEntry {
  const synonyms = fields.synonyms.map(({ name, value, source }) => ({ name, value, source }));
  const source = synonyms[0]?.source ?? "DEFAULT_CONFIG";
  return { ...fields, synonyms, source, isDefault: source === "DEFAULT_CONFIG", isSensitive: false };
}
