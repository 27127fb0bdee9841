import { InvalidConfigError } from "../../errors.js";
import type { BrokerConfigName } from "./broker-config-defs.js";
import { BROKER_CONFIG_DEFS, DYNAMIC_BROKER_CONFIGS, isBrokerConfigName } from "./broker-config-defs.js";
import type { ConfigKey, ConfigValue } from "./config-def.js";
import type { ConfigSource, ConfigSynonym } from "./config-source.js";
import type { TopicConfigName, TopicConfigValue } from "./topic-config-defs.js";
import { TOPIC_CONFIG_DEFS } from "./topic-config-defs.js";

/** A synonym together with its parsed value. */
export interface TypedConfigSynonym<T> extends ConfigSynonym {
  typedValue: T;
}

interface Layer {
  source: ConfigSource;
  raw: Readonly<Record<string, string>>;
  parsed: ReadonlyMap<string, unknown>;
}

const MS_PER_UNIT = { minutes: 60_000, hours: 3_600_000 } as const;

/** Runtime broker config overrides, as `kafka-configs --alter --entity-type brokers` sets them. */
export interface DynamicBrokerConfigs {
  /** For this broker (`--entity-name 0`): DYNAMIC_BROKER_CONFIG. */
  broker?: Record<string, string>;
  /** For every broker (`--entity-default`): DYNAMIC_DEFAULT_BROKER_CONFIG. */
  clusterDefault?: Record<string, string>;
}

/**
 * The broker's configuration: `server.properties` (STATIC_BROKER_CONFIG) under dynamic overrides, each value
 * validated with Kafka's rules. Precedence per name: this broker's dynamic config, the cluster-wide dynamic
 * default, the static config, then Kafka's default. Keys Skein does not know are kept as they are (Kafka allows
 * custom configs). Immutable: `withDynamicConfigs` returns a new one.
 */
export class BrokerConfig {
  private readonly layers: readonly Layer[];

  /** @throws InvalidConfigError naming the key when a value is invalid or a read-only config is set dynamically. */
  constructor(
    readonly staticConfigs: Readonly<Record<string, string>> = {},
    readonly dynamicConfigs: Readonly<DynamicBrokerConfigs> = {},
  ) {
    this.layers = [
      parseLayer("DYNAMIC_BROKER_CONFIG", dynamicConfigs.broker ?? {}),
      parseLayer("DYNAMIC_DEFAULT_BROKER_CONFIG", dynamicConfigs.clusterDefault ?? {}),
      parseLayer("STATIC_BROKER_CONFIG", staticConfigs),
    ];
    this.checkLogTimes();
  }

  /** A copy with other dynamic overrides (the static configs stay). */
  withDynamicConfigs(dynamicConfigs: DynamicBrokerConfigs): BrokerConfig {
    return new BrokerConfig(this.staticConfigs, dynamicConfigs);
  }

  /** The effective value of a known config; `null` only for configs without a default that nothing sets. */
  get<K extends BrokerConfigName>(name: K): ConfigValue<(typeof BROKER_CONFIG_DEFS)[K]> {
    const head = this.synonyms(name)[0];
    return (head === undefined ? null : head.typedValue) as ConfigValue<(typeof BROKER_CONFIG_DEFS)[K]>;
  }

  /** Every place `name` is set, highest precedence first, ending with Kafka's default when there is one. */
  synonyms(name: string): TypedConfigSynonym<unknown>[] {
    const synonyms: TypedConfigSynonym<unknown>[] = [];
    for (const layer of this.layers) {
      const value = layer.raw[name];
      if (value !== undefined) synonyms.push({ name, value, source: layer.source, typedValue: layer.parsed.get(name) ?? value });
    }
    if (isBrokerConfigName(name)) {
      const key = BROKER_CONFIG_DEFS[name] as ConfigKey<unknown>;
      if (key.defaultValue !== null) {
        synonyms.push({ name, value: key.format(key.defaultValue), source: "DEFAULT_CONFIG", typedValue: key.defaultValue });
      }
    }
    return synonyms;
  }

  /**
   * The broker-level values of topic config `name`: the synonyms of each of its broker configs in Kafka's order
   * (`log.retention.ms`, then `.minutes`, then `.hours`), converted to the topic config's unit. The first is the
   * topic's default.
   */
  logConfigSynonyms<K extends TopicConfigName>(name: K): TypedConfigSynonym<TopicConfigValue<K>>[] {
    const def = TOPIC_CONFIG_DEFS[name];
    const unlimitedBelowZero = "negativeBrokerValueIsUnlimited" in def;
    return def.synonyms.flatMap(({ name: brokerName, unit }) =>
      this.synonyms(brokerName).map((synonym) => {
        let typedValue = synonym.typedValue;
        if (unit !== undefined) typedValue = (typedValue as number) * MS_PER_UNIT[unit];
        if (unlimitedBelowZero && (typedValue as number) < 0) typedValue = -1;
        return { ...synonym, typedValue: typedValue as TopicConfigValue<K> };
      }),
    );
  }

  /** Every config name to describe: the known ones and any unknown key set somewhere, sorted. */
  names(): string[] {
    const names = new Set<string>(Object.keys(BROKER_CONFIG_DEFS));
    for (const layer of this.layers) for (const name of Object.keys(layer.raw)) names.add(name);
    return [...names].sort();
  }

  /** Whether `name` may be changed at runtime. */
  isDynamic(name: string): boolean {
    return isBrokerConfigName(name) && DYNAMIC_BROKER_CONFIGS.has(name);
  }

  get brokerId(): number {
    return this.get("broker.id");
  }
  get numPartitions(): number {
    return this.get("num.partitions");
  }
  get defaultReplicationFactor(): number {
    return this.get("default.replication.factor");
  }
  get autoCreateTopicsEnable(): boolean {
    return this.get("auto.create.topics.enable");
  }
  get deleteTopicEnable(): boolean {
    return this.get("delete.topic.enable");
  }
  get logRetentionCheckIntervalMs(): number {
    return this.get("log.retention.check.interval.ms");
  }
  get logCleanerEnable(): boolean {
    return this.get("log.cleaner.enable");
  }
  get logCleanerBackoffMs(): number {
    return this.get("log.cleaner.backoff.ms");
  }
  get logFlushOffsetCheckpointIntervalMs(): number {
    return this.get("log.flush.offset.checkpoint.interval.ms");
  }
  get offsetsTopicNumPartitions(): number {
    return this.get("offsets.topic.num.partitions");
  }
  /** As configured (Kafka's default is 3); whoever creates `__consumer_offsets` clamps it to the live brokers. */
  get offsetsTopicReplicationFactor(): number {
    return this.get("offsets.topic.replication.factor");
  }
  get offsetsRetentionMinutes(): number {
    return this.get("offsets.retention.minutes");
  }
  get offsetsRetentionMs(): number {
    return this.offsetsRetentionMinutes * MS_PER_UNIT.minutes;
  }
  get groupMinSessionTimeoutMs(): number {
    return this.get("group.min.session.timeout.ms");
  }
  get groupMaxSessionTimeoutMs(): number {
    return this.get("group.max.session.timeout.ms");
  }
  get groupInitialRebalanceDelayMs(): number {
    return this.get("group.initial.rebalance.delay.ms");
  }

  /** Kafka's `KafkaConfig.validateValues` checks of the derived log times. */
  private checkLogTimes(): void {
    const roll = this.logConfigSynonyms("segment.ms")[0]!.typedValue;
    if (roll < 1) throw requirementFailed("log.roll.ms must be greater than or equal to 1");
    const jitter = this.logConfigSynonyms("segment.jitter.ms")[0]!.typedValue;
    if (jitter < 0) throw requirementFailed("log.roll.jitter.ms must be greater than or equal to 0");
    const retention = this.logConfigSynonyms("retention.ms")[0]!.typedValue;
    if (retention < 1 && retention !== -1) {
      throw requirementFailed("log.retention.ms must be unlimited (-1) or, greater than or equal to 1");
    }
  }
}

function parseLayer(source: ConfigSource, raw: Readonly<Record<string, string>>): Layer {
  if (source !== "STATIC_BROKER_CONFIG") {
    const readOnly = Object.keys(raw).filter((name) => isBrokerConfigName(name) && !DYNAMIC_BROKER_CONFIGS.has(name));
    if (readOnly.length > 0) {
      throw new InvalidConfigError(`Cannot update these configs dynamically: Set(${readOnly.join(", ")})`);
    }
  }
  const parsed = new Map<string, unknown>();
  for (const [name, value] of Object.entries(raw)) {
    if (isBrokerConfigName(name)) parsed.set(name, (BROKER_CONFIG_DEFS[name] as ConfigKey<unknown>).parse(name, value));
  }
  return { source, raw: { ...raw }, parsed };
}

function requirementFailed(message: string): InvalidConfigError {
  return new InvalidConfigError(`requirement failed: ${message}`);
}
