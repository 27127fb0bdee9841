import { describe, expect, it } from "vitest";
import { InvalidConfigError } from "../../errors.js";
import { BrokerConfig } from "./broker-config.js";

function configError(create: () => unknown): string {
  try {
    create();
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidConfigError);
    return (error as Error).message;
  }
  throw new Error("expected an InvalidConfigError");
}

describe("BrokerConfig", () => {
  it("has Kafka's defaults (broker.id 0 for a single Skein broker)", () => {
    const config = new BrokerConfig();
    expect({
      brokerId: config.brokerId,
      numPartitions: config.numPartitions,
      defaultReplicationFactor: config.defaultReplicationFactor,
      autoCreateTopicsEnable: config.autoCreateTopicsEnable,
      deleteTopicEnable: config.deleteTopicEnable,
      logRetentionCheckIntervalMs: config.logRetentionCheckIntervalMs,
      logCleanerEnable: config.logCleanerEnable,
      logCleanerBackoffMs: config.logCleanerBackoffMs,
      logFlushOffsetCheckpointIntervalMs: config.logFlushOffsetCheckpointIntervalMs,
      offsetsTopicNumPartitions: config.offsetsTopicNumPartitions,
      offsetsTopicReplicationFactor: config.offsetsTopicReplicationFactor,
      offsetsRetentionMinutes: config.offsetsRetentionMinutes,
      offsetsRetentionMs: config.offsetsRetentionMs,
      groupMinSessionTimeoutMs: config.groupMinSessionTimeoutMs,
      groupMaxSessionTimeoutMs: config.groupMaxSessionTimeoutMs,
      groupInitialRebalanceDelayMs: config.groupInitialRebalanceDelayMs,
    }).toEqual({
      brokerId: 0,
      numPartitions: 1,
      defaultReplicationFactor: 1,
      autoCreateTopicsEnable: true,
      deleteTopicEnable: true,
      logRetentionCheckIntervalMs: 300000,
      logCleanerEnable: true,
      logCleanerBackoffMs: 15000,
      logFlushOffsetCheckpointIntervalMs: 60000,
      offsetsTopicNumPartitions: 50,
      offsetsTopicReplicationFactor: 3,
      offsetsRetentionMinutes: 10080,
      offsetsRetentionMs: 604800000,
      groupMinSessionTimeoutMs: 6000,
      groupMaxSessionTimeoutMs: 1800000,
      groupInitialRebalanceDelayMs: 3000,
    });
  });

  it("has Kafka's log.* defaults, and null for the synonyms Kafka leaves unset", () => {
    const config = new BrokerConfig();
    expect(config.get("log.retention.hours")).toBe(168);
    expect(config.get("log.retention.ms")).toBeNull();
    expect(config.get("log.retention.minutes")).toBeNull();
    expect(config.get("log.roll.ms")).toBeNull();
    expect(config.get("log.roll.hours")).toBe(168);
    expect(config.get("log.segment.bytes")).toBe(1073741824);
    expect(config.get("log.cleanup.policy")).toEqual(["delete"]);
    expect(config.get("log.flush.interval.messages")).toBe(Number.POSITIVE_INFINITY);
    expect(config.get("log.cleaner.min.cleanable.ratio")).toBe(0.5);
    expect(config.get("message.max.bytes")).toBe(1048588);
    expect(config.get("log.index.size.max.bytes")).toBe(10485760);
  });

  it("reads static configs as server.properties gives them", () => {
    const config = new BrokerConfig({ "num.partitions": " 3 ", "auto.create.topics.enable": "FALSE", "log.retention.hours": "72" });
    expect(config.numPartitions).toBe(3);
    expect(config.autoCreateTopicsEnable).toBe(false);
    expect(config.get("log.retention.hours")).toBe(72);
  });

  it("refuses invalid values, naming the key, with Kafka's wording", () => {
    expect(configError(() => new BrokerConfig({ "num.partitions": "many" }))).toBe(
      "Invalid value many for configuration num.partitions: Not a number of type INT",
    );
    expect(configError(() => new BrokerConfig({ "num.partitions": "0" }))).toBe(
      "Invalid value 0 for configuration num.partitions: Value must be at least 1",
    );
    expect(configError(() => new BrokerConfig({}, { clusterDefault: { "log.cleanup.policy": "archive" } }))).toBe(
      "Invalid value archive for configuration log.cleanup.policy: String must be one of: compact, delete",
    );
  });

  it("keeps unknown keys, statically and dynamically", () => {
    const config = new BrokerConfig({ "listeners": "PLAINTEXT://:9092" }, { clusterDefault: { "custom.flag": "on" } });
    expect(config.names()).toContain("listeners");
    expect(config.names()).toContain("custom.flag");
    expect(config.synonyms("listeners")).toEqual([
      { name: "listeners", value: "PLAINTEXT://:9092", source: "STATIC_BROKER_CONFIG", typedValue: "PLAINTEXT://:9092" },
    ]);
  });

  it("lets this broker's dynamic config win over the cluster default, which wins over the static one", () => {
    const config = new BrokerConfig(
      { "log.retention.bytes": "100" },
      { clusterDefault: { "log.retention.bytes": "200" }, broker: { "log.retention.bytes": "300" } },
    );
    expect(config.get("log.retention.bytes")).toBe(300);
    expect(config.synonyms("log.retention.bytes").map(({ value, source }) => [value, source])).toEqual([
      ["300", "DYNAMIC_BROKER_CONFIG"],
      ["200", "DYNAMIC_DEFAULT_BROKER_CONFIG"],
      ["100", "STATIC_BROKER_CONFIG"],
      ["-1", "DEFAULT_CONFIG"],
    ]);
    expect(new BrokerConfig({ "log.retention.bytes": "100" }, { clusterDefault: { "log.retention.bytes": "200" } }).get("log.retention.bytes")).toBe(200);
  });

  it("refuses dynamic values for read-only configs, as Kafka does", () => {
    expect(configError(() => new BrokerConfig({}, { clusterDefault: { "num.partitions": "2", "log.retention.hours": "1" } }))).toBe(
      "Cannot update these configs dynamically: Set(num.partitions, log.retention.hours)",
    );
    expect(configError(() => new BrokerConfig({}, { broker: { "broker.id": "1" } }))).toBe(
      "Cannot update these configs dynamically: Set(broker.id)",
    );
  });

  it("knows which configs are dynamic", () => {
    const config = new BrokerConfig();
    expect(config.isDynamic("log.retention.ms")).toBe(true);
    expect(config.isDynamic("log.cleaner.backoff.ms")).toBe(true);
    expect(config.isDynamic("log.retention.hours")).toBe(false);
    expect(config.isDynamic("num.partitions")).toBe(false);
    expect(config.isDynamic("custom.flag")).toBe(false);
  });

  it("applies Kafka's checks of the derived log times", () => {
    expect(configError(() => new BrokerConfig({ "log.roll.ms": "0" }))).toBe(
      "requirement failed: log.roll.ms must be greater than or equal to 1",
    );
    expect(configError(() => new BrokerConfig({ "log.roll.jitter.ms": "-1" }))).toBe(
      "requirement failed: log.roll.jitter.ms must be greater than or equal to 0",
    );
    expect(configError(() => new BrokerConfig({ "log.retention.minutes": "0" }))).toBe(
      "requirement failed: log.retention.ms must be unlimited (-1) or, greater than or equal to 1",
    );
    expect(() => new BrokerConfig({ "log.retention.ms": "-5" })).not.toThrow();
  });

  it("converts synonyms to the topic config's unit in Kafka's order", () => {
    const config = new BrokerConfig({ "log.retention.minutes": "30", "log.retention.hours": "72" });
    expect(config.logConfigSynonyms("retention.ms").map(({ name, value, source, typedValue }) => [name, value, source, typedValue])).toEqual([
      ["log.retention.minutes", "30", "STATIC_BROKER_CONFIG", 1800000],
      ["log.retention.hours", "72", "STATIC_BROKER_CONFIG", 259200000],
      ["log.retention.hours", "168", "DEFAULT_CONFIG", 604800000],
    ]);
  });

  it("turns a negative broker retention into -1, as Kafka's broker does", () => {
    expect(new BrokerConfig({ "log.retention.ms": "-5" }).logConfigSynonyms("retention.ms")[0]!.typedValue).toBe(-1);
    expect(new BrokerConfig({ "log.retention.hours": "-2" }).logConfigSynonyms("retention.ms")[0]!.typedValue).toBe(-1);
  });

  it("makes a new config for new dynamic configs and leaves the old one alone", () => {
    const before = new BrokerConfig({ "log.segment.bytes": "1000" });
    const after = before.withDynamicConfigs({ clusterDefault: { "log.segment.bytes": "2000" } });
    expect(after.get("log.segment.bytes")).toBe(2000);
    expect(before.get("log.segment.bytes")).toBe(1000);
    expect(after.staticConfigs).toEqual({ "log.segment.bytes": "1000" });
  });
});
