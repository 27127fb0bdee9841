import type { BrokerConfigName } from "./broker-config-defs.js";
import { BROKER_COMPRESSION_TYPES, CLEANUP_POLICIES, TIMESTAMP_TYPES } from "./broker-config-defs.js";
import type { ConfigKey } from "./config-def.js";
import { atLeast, between, booleanConfig, doubleConfig, intConfig, listConfig, longConfig, stringConfig } from "./config-def.js";

/**
 * The topic configs Skein supports, with Kafka 3.9's names, types and validators (`LogConfig`, `TopicConfig`), in
 * Kafka's definition order (the order in which values are validated), and their broker synonyms in Kafka's order
 * of precedence (`ServerTopicConfigSynonyms`). A topic's default is its broker synonym's value, so the keys here
 * carry no default of their own: the last synonym of every chain has Kafka's default.
 */
export interface BrokerSynonym {
  name: BrokerConfigName;
  /** The broker config's unit when the topic config is in milliseconds (`log.retention.hours` for `retention.ms`). */
  unit?: "minutes" | "hours";
}

export interface TopicConfigDef<T> {
  key: ConfigKey<T, null>;
  synonyms: readonly BrokerSynonym[];
  /** Kafka's broker turns any negative retention into -1, "unlimited" (`KafkaConfig.logRetentionTimeMillis`). */
  negativeBrokerValueIsUnlimited?: true;
}

function topicConfig<T>(key: ConfigKey<T, null>, ...synonyms: (BrokerConfigName | BrokerSynonym)[]): TopicConfigDef<T> {
  return { key, synonyms: synonyms.map((s) => (typeof s === "string" ? { name: s } : s)) };
}

export const TOPIC_CONFIG_DEFS = {
  "segment.bytes": topicConfig(
    intConfig("The segment file size for the log; retention and cleaning work a whole file at a time.", null, atLeast(14)),
    "log.segment.bytes",
  ),
  "segment.ms": topicConfig(
    longConfig("The time after which the log rolls to a new segment even if the active one is not full.", null, atLeast(1)),
    "log.roll.ms",
    { name: "log.roll.hours", unit: "hours" },
  ),
  "segment.jitter.ms": topicConfig(
    longConfig("The maximum random jitter subtracted from the scheduled segment roll time.", null, atLeast(0)),
    "log.roll.jitter.ms",
    { name: "log.roll.jitter.hours", unit: "hours" },
  ),
  "segment.index.bytes": topicConfig(
    intConfig("The size of the index that maps offsets to file positions.", null, atLeast(4)),
    "log.index.size.max.bytes",
  ),
  "flush.messages": topicConfig(
    longConfig("The number of messages after which the log is fsynced; the default never forces one.", null, atLeast(1)),
    "log.flush.interval.messages",
  ),
  "flush.ms": topicConfig(
    longConfig("The time after which the log is fsynced; the default never forces one.", null, atLeast(0)),
    "log.flush.interval.ms",
    "log.flush.scheduler.interval.ms",
  ),
  "retention.bytes": topicConfig(
    longConfig("The maximum size a partition can grow to before old segments are discarded (delete policy); -1 means no limit.", null),
    "log.retention.bytes",
  ),
  "retention.ms": {
    ...topicConfig(
      longConfig("The maximum time a log is retained before old segments are discarded (delete policy); -1 means no limit.", null, atLeast(-1)),
      "log.retention.ms",
      { name: "log.retention.minutes", unit: "minutes" },
      { name: "log.retention.hours", unit: "hours" },
    ),
    negativeBrokerValueIsUnlimited: true,
  },
  "max.message.bytes": topicConfig(
    intConfig("The largest record batch size allowed, after compression.", null, atLeast(0)),
    "message.max.bytes",
  ),
  "index.interval.bytes": topicConfig(
    intConfig("How often, in bytes of log, an entry is added to the offset index.", null, atLeast(0)),
    "log.index.interval.bytes",
  ),
  "delete.retention.ms": topicConfig(
    longConfig("The time delete tombstones are retained in compacted topics.", null, atLeast(0)),
    "log.cleaner.delete.retention.ms",
  ),
  "min.compaction.lag.ms": topicConfig(
    longConfig("The minimum time a message remains uncompacted in the log.", null, atLeast(0)),
    "log.cleaner.min.compaction.lag.ms",
  ),
  "max.compaction.lag.ms": topicConfig(
    longConfig("The maximum time a message remains ineligible for compaction in the log.", null, atLeast(1)),
    "log.cleaner.max.compaction.lag.ms",
  ),
  "file.delete.delay.ms": topicConfig(
    longConfig("The time to wait before deleting a file from the filesystem.", null, atLeast(0)),
    "log.segment.delete.delay.ms",
  ),
  "min.cleanable.dirty.ratio": topicConfig(
    doubleConfig("The minimum ratio of dirty log to total log before the compactor cleans the log.", null, between(0, 1)),
    "log.cleaner.min.cleanable.ratio",
  ),
  "cleanup.policy": topicConfig(
    listConfig("The retention policy for old log segments: \"delete\", \"compact\", or both.", null, CLEANUP_POLICIES),
    "log.cleanup.policy",
  ),
  "unclean.leader.election.enable": topicConfig(
    booleanConfig("Whether replicas outside the ISR may be elected leader as a last resort, at the risk of data loss.", null),
    "unclean.leader.election.enable",
  ),
  "min.insync.replicas": topicConfig(
    intConfig("The minimum number of replicas that must acknowledge a write when the producer sets acks=all.", null, atLeast(1)),
    "min.insync.replicas",
  ),
  "compression.type": topicConfig(
    stringConfig("The final compression type for the topic: a codec, 'uncompressed', or 'producer' to keep the producer's.", null, BROKER_COMPRESSION_TYPES),
    "compression.type",
  ),
  preallocate: topicConfig(
    booleanConfig("Whether to preallocate the file on disk when creating a new log segment.", null),
    "log.preallocate",
  ),
  "message.timestamp.type": topicConfig(
    stringConfig("Whether a message's timestamp is its create time (CreateTime) or its log append time (LogAppendTime).", null, TIMESTAMP_TYPES),
    "log.message.timestamp.type",
  ),
  "message.timestamp.before.max.ms": topicConfig(
    longConfig("How far a CreateTime timestamp may lie before the broker's time.", null, atLeast(0)),
    "log.message.timestamp.before.max.ms",
  ),
  "message.timestamp.after.max.ms": topicConfig(
    longConfig("How far a CreateTime timestamp may lie after the broker's time.", null, atLeast(0)),
    "log.message.timestamp.after.max.ms",
  ),
};

export type TopicConfigName = keyof typeof TOPIC_CONFIG_DEFS;

/** The type of a topic config's value. */
export type TopicConfigValue<K extends TopicConfigName> = (typeof TOPIC_CONFIG_DEFS)[K] extends TopicConfigDef<infer T> ? T : never;

/** Whether `name` is a topic config Skein knows. */
export function isTopicConfigName(name: string): name is TopicConfigName {
  return Object.hasOwn(TOPIC_CONFIG_DEFS, name);
}
