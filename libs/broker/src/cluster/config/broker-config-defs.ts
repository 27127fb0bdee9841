import { SECURITY_CONFIG_DEFS } from "../../security/security-config-defs.js";
import type { TimestampType } from "../../storage/record.js";
import {
  atLeast,
  between,
  booleanConfig,
  doubleConfig,
  freeStringConfig,
  intConfig,
  listConfig,
  LONG_MAX_VALUE,
  longConfig,
  shortConfig,
  stringConfig,
} from "./config-def.js";

/**
 * The broker configs Skein knows, with Kafka 3.9's names, types, defaults and validators (`ServerLogConfigs`,
 * `CleanerConfig`, `ServerConfigs`, `ReplicationConfigs`, `GroupCoordinatorConfig`, `ProducerStateManagerConfig`,
 * `TransactionLogConfig`, `TransactionStateManagerConfig`).
 */
export const CLEANUP_POLICIES = ["compact", "delete"] as const;
export type CleanupPolicy = (typeof CLEANUP_POLICIES)[number];

/** Kafka's `BrokerCompressionType` names, in Kafka's order. */
export const BROKER_COMPRESSION_TYPES = ["uncompressed", "zstd", "lz4", "snappy", "gzip", "producer"] as const;
export type BrokerCompressionType = (typeof BROKER_COMPRESSION_TYPES)[number];

export const TIMESTAMP_TYPES = ["CreateTime", "LogAppendTime"] as const satisfies readonly TimestampType[];

const DAY_HOURS = 24;

export const BROKER_CONFIG_DEFS = {
  "broker.id": intConfig("The broker's id (Kafka defaults to -1 and generates one; a single Skein broker is 0).", 0),
  "num.partitions": intConfig("The default number of partitions per topic.", 1, atLeast(1)),
  "default.replication.factor": intConfig("The default replication factor for automatically created topics.", 1),
  "auto.create.topics.enable": booleanConfig("Enable auto creation of topics on the server.", true),
  "delete.topic.enable": booleanConfig("Enables topic deletion; deleting a topic has no effect when this is off.", true),
  "min.insync.replicas": intConfig("The minimum number of replicas that must acknowledge a write with acks=all.", 1, atLeast(1)),
  "message.max.bytes": intConfig("The largest record batch size allowed by Kafka, after compression.", 1048588, atLeast(0)),
  "compression.type": stringConfig("The final compression type for topics: a codec, 'uncompressed', or 'producer' to keep the producer's.", "producer", BROKER_COMPRESSION_TYPES),
  "unclean.leader.election.enable": booleanConfig("Whether replicas outside the ISR may be elected leader as a last resort.", false),

  "log.segment.bytes": intConfig("The maximum size of a single log file.", 1073741824, atLeast(14)),
  "log.roll.ms": longConfig("The maximum time before a new log segment is rolled out (in milliseconds); log.roll.hours applies when unset.", null),
  "log.roll.hours": intConfig("The maximum time before a new log segment is rolled out (in hours), secondary to log.roll.ms.", 7 * DAY_HOURS, atLeast(1)),
  "log.roll.jitter.ms": longConfig("The maximum jitter subtracted from logRollTimeMillis (in milliseconds); log.roll.jitter.hours applies when unset.", null),
  "log.roll.jitter.hours": intConfig("The maximum jitter subtracted from logRollTimeMillis (in hours), secondary to log.roll.jitter.ms.", 0, atLeast(0)),
  "log.retention.ms": longConfig("The number of milliseconds to keep a log file before deleting it; -1 means no time limit.", null),
  "log.retention.minutes": intConfig("The number of minutes to keep a log file before deleting it, secondary to log.retention.ms.", null),
  "log.retention.hours": intConfig("The number of hours to keep a log file before deleting it, tertiary to log.retention.ms.", 7 * DAY_HOURS),
  "log.retention.bytes": longConfig("The maximum size of the log before deleting it; -1 means no size limit.", -1),
  "log.retention.check.interval.ms": longConfig("How often the log cleaner checks whether any log is eligible for deletion.", 300000, atLeast(1)),
  "log.cleanup.policy": listConfig("The default cleanup policy for segments beyond the retention window: delete, compact, or both.", ["delete"], CLEANUP_POLICIES),
  "log.index.size.max.bytes": intConfig("The maximum size in bytes of the offset index.", 10485760, atLeast(4)),
  "log.index.interval.bytes": intConfig("The interval with which an entry is added to the offset index.", 4096, atLeast(0)),
  "log.flush.interval.messages": longConfig("The number of messages accumulated on a log partition before they are flushed to disk.", LONG_MAX_VALUE, atLeast(1)),
  "log.flush.interval.ms": longConfig("The maximum time a message stays in memory before it is flushed to disk; log.flush.scheduler.interval.ms applies when unset.", null),
  "log.flush.scheduler.interval.ms": longConfig("How often the log flusher checks whether any log needs to be flushed to disk.", LONG_MAX_VALUE),
  "log.flush.offset.checkpoint.interval.ms": intConfig("How often the record of the last flush, the log recovery point, is updated.", 60000, atLeast(0)),
  "log.segment.delete.delay.ms": longConfig("The time to wait before deleting a file from the filesystem.", 60000, atLeast(0)),
  "log.preallocate": booleanConfig("Whether to preallocate the file when creating a new segment.", false),
  "log.message.timestamp.type": stringConfig("Whether a message's timestamp is its create time or its log append time.", "CreateTime", TIMESTAMP_TYPES),
  "log.message.timestamp.before.max.ms": longConfig("How far a CreateTime timestamp may lie before the broker's time.", LONG_MAX_VALUE, atLeast(0)),
  "log.message.timestamp.after.max.ms": longConfig("How far a CreateTime timestamp may lie after the broker's time.", LONG_MAX_VALUE, atLeast(0)),

  "max.broker.partitions": intConfig(
    "The most partitions this broker hosts across all topics (KIP-578); creating topics or partitions beyond it is refused with POLICY_VIOLATION. Skein's default is 10000 (Kafka's is unlimited).",
    10000,
    atLeast(1),
  ),
  "log.dir.nearly.full.ratio": doubleConfig("Skein: the share of the data directory's filesystem in use from which the log dir is reported nearly full (still writable).", 0.9, between(0, 1)),
  "log.dir.min.free.bytes": longConfig("Skein: appends are refused with KAFKA_STORAGE_ERROR (disk full) while the data directory's filesystem has fewer usable bytes than this.", 1048576, atLeast(0)),
  "log.dir.space.check.interval.ms": longConfig("Skein: how often the data directory's free space is measured in the background.", 5000, atLeast(1)),
  "metadata.store.timeout.ms": longConfig("Skein: how long a write to the metadata store may take before the admin operation fails with REQUEST_TIMED_OUT, so a store that never answers cannot hold every later admin operation.", 30000, atLeast(1)),
  "log.scrubber.enable": booleanConfig("Skein: verify the CRC32C of every closed segment in the background, quarantining corrupt ranges before a reader meets them.", true),
  "log.scrubber.bytes.per.second": longConfig("Skein: the most bytes per second the scrubber reads.", 1048576, atLeast(1)),
  "log.scrubber.pass.interval.ms": longConfig("Skein: the least time from the start of one scrubber pass over every closed segment to the start of the next.", 3600000, atLeast(0)),

  "log.cleaner.enable": booleanConfig("Enable the log cleaner process to run on the server.", true),
  "log.cleaner.backoff.ms": longConfig("The amount of time to sleep when there are no logs to clean.", 15000, atLeast(0)),
  "log.cleaner.min.cleanable.ratio": doubleConfig("The minimum ratio of dirty log to total log for a log to be eligible for cleaning.", 0.5, between(0, 1)),
  "log.cleaner.delete.retention.ms": longConfig("How long delete tombstones are retained in compacted topics.", 86400000, atLeast(0)),
  "log.cleaner.min.compaction.lag.ms": longConfig("The minimum time a message will remain uncompacted in the log.", 0, atLeast(0)),
  "log.cleaner.max.compaction.lag.ms": longConfig("The maximum time a message will remain ineligible for compaction in the log.", LONG_MAX_VALUE, atLeast(1)),

  "offsets.topic.num.partitions": intConfig("The number of partitions for the offset commit topic.", 50, atLeast(1)),
  "offsets.topic.replication.factor": shortConfig("The replication factor for the offsets topic (Skein clamps it to the number of brokers).", 3, atLeast(1)),
  "offsets.retention.minutes": intConfig("How long committed offsets of an empty group are kept before they are discarded.", 7 * DAY_HOURS * 60, atLeast(1)),
  "group.min.session.timeout.ms": intConfig("The minimum allowed session timeout for registered consumers.", 6000),
  "group.max.session.timeout.ms": intConfig("The maximum allowed session timeout for registered consumers.", 1800000),
  "group.initial.rebalance.delay.ms": intConfig("How long the coordinator waits for more consumers to join a new group before the first rebalance.", 3000),

  "broker.rack": freeStringConfig("The rack of the broker, used for rack-aware replica placement.", null),
  "broker.session.timeout.ms": intConfig("How long a broker's cluster membership (its etcd lease) lasts without a heartbeat; then it counts as dead and loses its leaderships.", 9000, atLeast(1000)),
  "replica.lag.time.max.ms": longConfig("A follower that has not fetched up to the leader's log end for this long is removed from the ISR.", 30000, atLeast(1)),
  "replica.fetch.max.bytes": intConfig("The number of bytes of messages to attempt to fetch for each partition.", 1048576, atLeast(0)),
  "replica.fetch.response.max.bytes": intConfig("Maximum bytes expected for the entire fetch response.", 10485760, atLeast(0)),
  "replica.fetch.wait.max.ms": intConfig("The maximum wait time for each fetcher request issued by follower replicas.", 500, atLeast(0)),
  "replica.fetch.backoff.ms": intConfig("The amount of time to sleep when a fetch partition error occurs.", 1000, atLeast(0)),
  "replica.socket.timeout.ms": intConfig("The socket timeout for network requests to other brokers.", 30000),
  "auto.leader.rebalance.enable": booleanConfig("Enables automatic leader balancing: the controller moves leadership back to preferred replicas periodically.", true),
  "leader.imbalance.check.interval.seconds": longConfig("The frequency with which the partition rebalance check is triggered by the controller.", 300, atLeast(1)),
  "transaction.state.log.num.partitions": intConfig("The number of partitions for the transaction topic (should not change after deployment).", 50, atLeast(1)),
  "transaction.state.log.replication.factor": shortConfig("The replication factor for the transaction topic (Skein clamps it to the number of brokers).", 3, atLeast(1)),
  "transaction.state.log.min.isr": intConfig("The min.insync.replicas of the transaction topic (Skein clamps it to the number of brokers).", 2, atLeast(1)),
  "transaction.state.log.segment.bytes": intConfig("The transaction topic segment bytes should be kept relatively small in order to facilitate faster log compaction and cache loads.", 104857600, atLeast(1)),
  "transaction.max.timeout.ms": intConfig("The maximum allowed timeout for transactions; a client asking for more gets INVALID_TRANSACTION_TIMEOUT from InitProducerId.", 900000, atLeast(1)),
  "transactional.id.expiration.ms": intConfig("The time the transaction coordinator keeps a transactional id without any transaction status update before it expires it.", 604800000, atLeast(1)),
  "transaction.abort.timed.out.transaction.cleanup.interval.ms": intConfig("The interval at which to roll back transactions that have timed out.", 10000, atLeast(1)),
  "transaction.remove.expired.transaction.cleanup.interval.ms": intConfig("The interval at which to remove transactions that have expired due to transactional.id.expiration.ms passing.", 3600000, atLeast(1)),
  "transaction.partition.verification.enable": booleanConfig("Enable verification that checks that the partition has been added to the transaction before writing transactional records to the partition.", true),

  "producer.id.expiration.ms": intConfig("The time a partition remembers an idempotent producer after its last write; its next batch may then use any sequence.", 86400000, atLeast(1)),
  "producer.id.expiration.check.interval.ms": intConfig("How often the partitions look for producer ids past producer.id.expiration.ms.", 600000, atLeast(1)),

  ...SECURITY_CONFIG_DEFS,
};

export type BrokerConfigName = keyof typeof BROKER_CONFIG_DEFS;

/** Whether `name` is a broker config Skein knows. */
export function isBrokerConfigName(name: string): name is BrokerConfigName {
  return Object.hasOwn(BROKER_CONFIG_DEFS, name);
}

/**
 * The broker configs that may be changed at runtime, as in Kafka's `DynamicBrokerConfig.AllDynamicConfigs`: the
 * first broker synonym of each topic config, the cleaner's backoff and the producer id expiration. Every other known
 * config is read-only.
 */
export const DYNAMIC_BROKER_CONFIGS: ReadonlySet<BrokerConfigName> = new Set<BrokerConfigName>([
  "log.segment.bytes",
  "log.roll.ms",
  "log.roll.jitter.ms",
  "log.index.size.max.bytes",
  "log.flush.interval.messages",
  "log.flush.interval.ms",
  "log.retention.bytes",
  "log.retention.ms",
  "message.max.bytes",
  "log.index.interval.bytes",
  "log.cleaner.delete.retention.ms",
  "log.cleaner.min.compaction.lag.ms",
  "log.cleaner.max.compaction.lag.ms",
  "log.segment.delete.delay.ms",
  "log.cleaner.min.cleanable.ratio",
  "log.cleanup.policy",
  "unclean.leader.election.enable",
  "min.insync.replicas",
  "compression.type",
  "log.preallocate",
  "log.message.timestamp.type",
  "log.message.timestamp.before.max.ms",
  "log.message.timestamp.after.max.ms",
  "log.cleaner.backoff.ms",
  "producer.id.expiration.ms",
]);
