import { describe, expect, it } from "vitest";
import { InvalidConfigError } from "../../errors.js";
import { BrokerConfig } from "./broker-config.js";
import { resolveLogConfig, validateTopicConfigs } from "./log-config.js";

function validationError(overrides: Record<string, string>, broker?: BrokerConfig): string {
  try {
    validateTopicConfigs(overrides, broker);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidConfigError);
    return (error as Error).message;
  }
  throw new Error(`expected ${JSON.stringify(overrides)} to be refused`);
}

describe("resolveLogConfig", () => {
  it("gives Kafka 3.9's defaults when nothing is set", () => {
    expect(resolveLogConfig(new BrokerConfig(), {})).toEqual({
      cleanupPolicy: ["delete"],
      compact: false,
      delete: true,
      retentionMs: 604800000,
      retentionBytes: -1,
      segmentBytes: 1073741824,
      segmentMs: 604800000,
      segmentJitterMs: 0,
      segmentIndexBytes: 10485760,
      indexIntervalBytes: 4096,
      maxMessageBytes: 1048588,
      messageTimestampType: "CreateTime",
      messageTimestampBeforeMaxMs: Number.POSITIVE_INFINITY,
      messageTimestampAfterMaxMs: Number.POSITIVE_INFINITY,
      minInSyncReplicas: 1,
      flushMessages: Number.POSITIVE_INFINITY,
      flushMs: Number.POSITIVE_INFINITY,
      minCleanableDirtyRatio: 0.5,
      deleteRetentionMs: 86400000,
      minCompactionLagMs: 0,
      maxCompactionLagMs: Number.POSITIVE_INFINITY,
      fileDeleteDelayMs: 60000,
      preallocate: false,
      compressionType: "producer",
      uncleanLeaderElectionEnable: false,
    });
  });

  it("is frozen, down to the cleanup policy list", () => {
    const config = resolveLogConfig(new BrokerConfig(), { "cleanup.policy": "compact" });
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.cleanupPolicy)).toBe(true);
  });

  it("takes the topic override over the broker's dynamic and static values", () => {
    const broker = new BrokerConfig({ "log.retention.ms": "1000" }, { clusterDefault: { "log.retention.ms": "5000" } });
    expect(resolveLogConfig(broker, {}).retentionMs).toBe(5000);
    expect(resolveLogConfig(broker, { "retention.ms": " 42 " }).retentionMs).toBe(42);
    expect(resolveLogConfig(new BrokerConfig({ "log.retention.ms": "1000" }), {}).retentionMs).toBe(1000);
  });

  it("follows Kafka's synonym order: log.retention.ms, then .minutes, then .hours", () => {
    expect(resolveLogConfig(new BrokerConfig({ "log.retention.hours": "72" }), {}).retentionMs).toBe(259200000);
    expect(resolveLogConfig(new BrokerConfig({ "log.retention.hours": "72", "log.retention.minutes": "30" }), {}).retentionMs).toBe(1800000);
    const all = new BrokerConfig({ "log.retention.hours": "72", "log.retention.minutes": "30", "log.retention.ms": "1234" });
    expect(resolveLogConfig(all, {}).retentionMs).toBe(1234);
  });

  it("uses a higher-precedence synonym from static config over a lower one set dynamically", () => {
    const broker = new BrokerConfig({ "log.roll.ms": "5000" }, { clusterDefault: { "log.flush.interval.ms": "700" } });
    const config = resolveLogConfig(broker, {});
    expect(config.segmentMs).toBe(5000);
    expect(config.flushMs).toBe(700);
  });

  it("derives segment.ms, segment.jitter.ms and flush.ms from their secondary synonyms", () => {
    const broker = new BrokerConfig({
      "log.roll.hours": "2",
      "log.roll.jitter.hours": "1",
      "log.flush.scheduler.interval.ms": "3000",
    });
    const config = resolveLogConfig(broker, {});
    expect([config.segmentMs, config.segmentJitterMs, config.flushMs]).toEqual([7200000, 3600000, 3000]);
  });

  it("maps every topic config to its broker synonym", () => {
    const broker = new BrokerConfig({
      "log.segment.bytes": "2048",
      "log.index.size.max.bytes": "4096",
      "log.index.interval.bytes": "100",
      "log.flush.interval.messages": "10",
      "log.retention.bytes": "123456",
      "message.max.bytes": "5000",
      "log.cleaner.delete.retention.ms": "11",
      "log.cleaner.min.compaction.lag.ms": "12",
      "log.cleaner.max.compaction.lag.ms": "13",
      "log.segment.delete.delay.ms": "14",
      "log.cleaner.min.cleanable.ratio": "0.1",
      "log.cleanup.policy": "compact",
      "unclean.leader.election.enable": "true",
      "min.insync.replicas": "2",
      "compression.type": "zstd",
      "log.preallocate": "true",
      "log.message.timestamp.type": "LogAppendTime",
      "log.message.timestamp.before.max.ms": "15",
      "log.message.timestamp.after.max.ms": "16",
    });
    expect(resolveLogConfig(broker, {})).toMatchObject({
      segmentBytes: 2048,
      segmentIndexBytes: 4096,
      indexIntervalBytes: 100,
      flushMessages: 10,
      retentionBytes: 123456,
      maxMessageBytes: 5000,
      deleteRetentionMs: 11,
      minCompactionLagMs: 12,
      maxCompactionLagMs: 13,
      fileDeleteDelayMs: 14,
      minCleanableDirtyRatio: 0.1,
      cleanupPolicy: ["compact"],
      compact: true,
      delete: false,
      uncleanLeaderElectionEnable: true,
      minInSyncReplicas: 2,
      compressionType: "zstd",
      preallocate: true,
      messageTimestampType: "LogAppendTime",
      messageTimestampBeforeMaxMs: 15,
      messageTimestampAfterMaxMs: 16,
    });
  });

  it("reads both cleanup policies", () => {
    const config = resolveLogConfig(new BrokerConfig(), { "cleanup.policy": "compact, delete" });
    expect([config.cleanupPolicy, config.compact, config.delete]).toEqual([["compact", "delete"], true, true]);
  });

  it("accepts tiny segments, down to Kafka 3.9's minimum of 14 bytes", () => {
    expect(resolveLogConfig(new BrokerConfig(), { "segment.bytes": "14", "segment.index.bytes": "4" })).toMatchObject({
      segmentBytes: 14,
      segmentIndexBytes: 4,
    });
  });

  it("turns a negative broker retention into -1", () => {
    expect(resolveLogConfig(new BrokerConfig({ "log.retention.ms": "-5" }), {}).retentionMs).toBe(-1);
  });
});

describe("validateTopicConfigs", () => {
  it("accepts valid overrides", () => {
    expect(() => validateTopicConfigs({ "retention.ms": "-1", "cleanup.policy": "compact", "max.message.bytes": "0" })).not.toThrow();
  });

  it("refuses an unknown name with Kafka's message", () => {
    expect(validationError({ "retention.ms": "1", foo: "bar" })).toBe("Unknown topic config name: foo");
    expect(validationError({ "log.retention.ms": "1" })).toBe("Unknown topic config name: log.retention.ms");
  });

  it("refuses invalid values with Kafka's messages", () => {
    expect(validationError({ "retention.ms": "abc" })).toBe("Invalid value abc for configuration retention.ms: Not a number of type LONG");
    expect(validationError({ "retention.ms": "-2" })).toBe("Invalid value -2 for configuration retention.ms: Value must be at least -1");
    expect(validationError({ "segment.bytes": "13" })).toBe("Invalid value 13 for configuration segment.bytes: Value must be at least 14");
    expect(validationError({ "segment.index.bytes": "3" })).toBe("Invalid value 3 for configuration segment.index.bytes: Value must be at least 4");
    expect(validationError({ "segment.ms": "0" })).toBe("Invalid value 0 for configuration segment.ms: Value must be at least 1");
    expect(validationError({ "min.insync.replicas": "0" })).toBe("Invalid value 0 for configuration min.insync.replicas: Value must be at least 1");
    expect(validationError({ "flush.messages": "0" })).toBe("Invalid value 0 for configuration flush.messages: Value must be at least 1");
    expect(validationError({ "max.compaction.lag.ms": "0" })).toBe("Invalid value 0 for configuration max.compaction.lag.ms: Value must be at least 1");
  });

  it("reports the first invalid value in Kafka's definition order", () => {
    expect(validationError({ "retention.ms": "x", "segment.bytes": "y" })).toBe(
      "Invalid value y for configuration segment.bytes: Not a number of type INT",
    );
  });

  it("refuses a minimum compaction lag above the maximum, the broker's values included", () => {
    expect(validationError({ "min.compaction.lag.ms": "100", "max.compaction.lag.ms": "50" })).toBe(
      "conflict topic config setting min.compaction.lag.ms (100) > max.compaction.lag.ms (50)",
    );
    const broker = new BrokerConfig({ "log.cleaner.max.compaction.lag.ms": "50" });
    expect(validationError({ "min.compaction.lag.ms": "100" }, broker)).toBe(
      "conflict topic config setting min.compaction.lag.ms (100) > max.compaction.lag.ms (50)",
    );
    expect(() => validateTopicConfigs({ "min.compaction.lag.ms": "100" })).not.toThrow();
  });
});
