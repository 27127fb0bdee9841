import { InvalidConfigError } from "../../errors.js";
import type { TimestampType } from "../../storage/record.js";
import type { BrokerCompressionType, CleanupPolicy } from "./broker-config-defs.js";
import type { TypedConfigSynonym } from "./broker-config.js";
import { BrokerConfig } from "./broker-config.js";
import { formatLong } from "./config-def.js";
import type { TopicConfigName, TopicConfigValue } from "./topic-config-defs.js";
import { isTopicConfigName, TOPIC_CONFIG_DEFS } from "./topic-config-defs.js";

/**
 * A topic's effective log configuration (Kafka's `LogConfig`): each topic config from the topic's override, else
 * from the broker's synonyms, else Kafka's default. Durations are milliseconds; LONG "never" values such as
 * `flush.messages`' default are `Infinity` (see `LONG_MAX_VALUE`).
 */
export interface LogConfig {
  readonly cleanupPolicy: readonly CleanupPolicy[];
  /** `cleanup.policy` includes "compact". */
  readonly compact: boolean;
  /** `cleanup.policy` includes "delete". */
  readonly delete: boolean;
  /** -1: no time limit. */
  readonly retentionMs: number;
  /** -1: no size limit. */
  readonly retentionBytes: number;
  readonly segmentBytes: number;
  readonly segmentMs: number;
  readonly segmentJitterMs: number;
  readonly segmentIndexBytes: number;
  readonly indexIntervalBytes: number;
  readonly maxMessageBytes: number;
  readonly messageTimestampType: TimestampType;
  readonly messageTimestampBeforeMaxMs: number;
  readonly messageTimestampAfterMaxMs: number;
  readonly minInSyncReplicas: number;
  readonly flushMessages: number;
  readonly flushMs: number;
  readonly minCleanableDirtyRatio: number;
  readonly deleteRetentionMs: number;
  readonly minCompactionLagMs: number;
  readonly maxCompactionLagMs: number;
  readonly fileDeleteDelayMs: number;
  readonly preallocate: boolean;
  readonly compressionType: BrokerCompressionType;
  readonly uncleanLeaderElectionEnable: boolean;
}

/**
 * Every place topic config `name` is set for a topic, highest precedence first: the topic's override
 * (DYNAMIC_TOPIC_CONFIG), then the broker's synonyms. The first one is the effective value.
 */
export function topicConfigSynonyms<K extends TopicConfigName>(
  broker: BrokerConfig,
  overrides: Readonly<Record<string, string>>,
  name: K,
): TypedConfigSynonym<TopicConfigValue<K>>[] {
  const brokerSynonyms = broker.logConfigSynonyms(name);
  const raw = overrides[name];
  if (raw === undefined) return brokerSynonyms;
  const key = TOPIC_CONFIG_DEFS[name].key as unknown as {
    parse(name: string, raw: string): TopicConfigValue<K>;
    format(value: TopicConfigValue<K>): string;
  };
  const typedValue = key.parse(name, raw);
  return [{ name, value: key.format(typedValue), source: "DYNAMIC_TOPIC_CONFIG", typedValue }, ...brokerSynonyms];
}

/**
 * Resolves a topic's log configuration from its overrides and the broker's configuration.
 * @throws InvalidConfigError with Kafka's message for an unknown name, an invalid value, or
 * `min.compaction.lag.ms` above `max.compaction.lag.ms` (the broker's values included).
 */
export function resolveLogConfig(broker: BrokerConfig, overrides: Readonly<Record<string, string>>): LogConfig {
  for (const name of Object.keys(overrides)) {
    if (!isTopicConfigName(name)) throw new InvalidConfigError(`Unknown topic config name: ${name}`);
  }
  // Resolve in Kafka's definition order, so that the first invalid value reported is the one Kafka reports.
  const values = new Map<TopicConfigName, unknown>();
  for (const name of Object.keys(TOPIC_CONFIG_DEFS) as TopicConfigName[]) {
    values.set(name, topicConfigSynonyms(broker, overrides, name)[0]!.typedValue);
  }
  const value = <K extends TopicConfigName>(name: K) => values.get(name) as TopicConfigValue<K>;

  const minCompactionLagMs = value("min.compaction.lag.ms");
  const maxCompactionLagMs = value("max.compaction.lag.ms");
  if (minCompactionLagMs > maxCompactionLagMs) {
    throw new InvalidConfigError(
      `conflict topic config setting min.compaction.lag.ms (${formatLong(minCompactionLagMs)}) > ` +
        `max.compaction.lag.ms (${formatLong(maxCompactionLagMs)})`,
    );
  }

  const cleanupPolicy = Object.freeze([...value("cleanup.policy")]);
  return Object.freeze({
    cleanupPolicy,
    compact: cleanupPolicy.includes("compact"),
    delete: cleanupPolicy.includes("delete"),
    retentionMs: value("retention.ms"),
    retentionBytes: value("retention.bytes"),
    segmentBytes: value("segment.bytes"),
    segmentMs: value("segment.ms"),
    segmentJitterMs: value("segment.jitter.ms"),
    segmentIndexBytes: value("segment.index.bytes"),
    indexIntervalBytes: value("index.interval.bytes"),
    maxMessageBytes: value("max.message.bytes"),
    messageTimestampType: value("message.timestamp.type"),
    messageTimestampBeforeMaxMs: value("message.timestamp.before.max.ms"),
    messageTimestampAfterMaxMs: value("message.timestamp.after.max.ms"),
    minInSyncReplicas: value("min.insync.replicas"),
    flushMessages: value("flush.messages"),
    flushMs: value("flush.ms"),
    minCleanableDirtyRatio: value("min.cleanable.dirty.ratio"),
    deleteRetentionMs: value("delete.retention.ms"),
    minCompactionLagMs,
    maxCompactionLagMs,
    fileDeleteDelayMs: value("file.delete.delay.ms"),
    preallocate: value("preallocate"),
    compressionType: value("compression.type"),
    uncleanLeaderElectionEnable: value("unclean.leader.election.enable"),
  });
}

/**
 * Checks topic config overrides as Kafka does on CreateTopics and AlterConfigs, against `broker`'s values (Kafka's
 * defaults when not given). Values are strings and are trimmed.
 * @throws InvalidConfigError with Kafka's message, e.g. "Unknown topic config name: foo" or
 * "Invalid value -2 for configuration retention.ms: Value must be at least -1".
 */
export function validateTopicConfigs(overrides: Readonly<Record<string, string>>, broker: BrokerConfig = new BrokerConfig()): void {
  resolveLogConfig(broker, overrides);
}
