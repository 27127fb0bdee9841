import { describe, expect, it } from "vitest";
import { BrokerConfig } from "./broker-config.js";
import type { ConfigEntry } from "./describe-configs.js";
import { describeBrokerConfigs, describeTopicConfigs } from "./describe-configs.js";

const find = (entries: ConfigEntry[], name: string) => {
  const entry = entries.find((e) => e.name === name);
  if (entry === undefined) throw new Error(`no entry ${name}`);
  return entry;
};

describe("describeTopicConfigs", () => {
  it("lists every topic config, sorted by name", () => {
    const names = describeTopicConfigs(new BrokerConfig(), {}).map((e) => e.name);
    expect(names).toEqual([
      "cleanup.policy",
      "compression.type",
      "delete.retention.ms",
      "file.delete.delay.ms",
      "flush.messages",
      "flush.ms",
      "index.interval.bytes",
      "max.compaction.lag.ms",
      "max.message.bytes",
      "message.timestamp.after.max.ms",
      "message.timestamp.before.max.ms",
      "message.timestamp.type",
      "min.cleanable.dirty.ratio",
      "min.compaction.lag.ms",
      "min.insync.replicas",
      "preallocate",
      "retention.bytes",
      "retention.ms",
      "segment.bytes",
      "segment.index.bytes",
      "segment.jitter.ms",
      "segment.ms",
      "unclean.leader.election.enable",
    ]);
  });

  it("describes a default as Kafka does, with the broker default as its synonym", () => {
    const entries = describeTopicConfigs(new BrokerConfig(), {});
    const retention = find(entries, "retention.ms");
    expect({ ...retention, documentation: undefined }).toEqual({
      name: "retention.ms",
      value: "604800000",
      source: "DEFAULT_CONFIG",
      isDefault: true,
      isReadOnly: false,
      isSensitive: false,
      synonyms: [{ name: "log.retention.hours", value: "168", source: "DEFAULT_CONFIG" }],
      type: "LONG",
      documentation: undefined,
      validValues: null,
    });
    expect(retention.documentation).toMatch(/retain/);
    expect(find(entries, "flush.messages")).toMatchObject({
      value: "9223372036854775807",
      synonyms: [{ name: "log.flush.interval.messages", value: "9223372036854775807", source: "DEFAULT_CONFIG" }],
    });
    expect(find(entries, "min.cleanable.dirty.ratio")).toMatchObject({ value: "0.5", type: "DOUBLE" });
    expect(find(entries, "cleanup.policy")).toMatchObject({ value: "delete", type: "LIST" });
  });

  it("describes an override as DYNAMIC_TOPIC_CONFIG, in Kafka's format, above the broker's synonyms", () => {
    const broker = new BrokerConfig({ "log.retention.hours": "72" });
    const entries = describeTopicConfigs(broker, {
      "retention.ms": " 1000 ",
      "cleanup.policy": "compact , delete",
      "min.cleanable.dirty.ratio": "1",
      preallocate: "TRUE",
    });
    expect(find(entries, "retention.ms")).toMatchObject({
      value: "1000",
      source: "DYNAMIC_TOPIC_CONFIG",
      isDefault: false,
      synonyms: [
        { name: "retention.ms", value: "1000", source: "DYNAMIC_TOPIC_CONFIG" },
        { name: "log.retention.hours", value: "72", source: "STATIC_BROKER_CONFIG" },
        { name: "log.retention.hours", value: "168", source: "DEFAULT_CONFIG" },
      ],
    });
    expect(find(entries, "cleanup.policy").value).toBe("compact,delete");
    expect(find(entries, "min.cleanable.dirty.ratio").value).toBe("1.0");
    expect(find(entries, "preallocate").value).toBe("true");
  });

  it("describes an inherited broker value with the broker's source and the topic's unit", () => {
    const broker = new BrokerConfig({ "log.retention.hours": "72" }, { clusterDefault: { "log.segment.bytes": "1048576" } });
    const entries = describeTopicConfigs(broker, {});
    expect(find(entries, "retention.ms")).toMatchObject({ value: "259200000", source: "STATIC_BROKER_CONFIG", isDefault: false });
    expect(find(entries, "segment.bytes")).toMatchObject({
      value: "1048576",
      source: "DYNAMIC_DEFAULT_BROKER_CONFIG",
      synonyms: [
        { name: "log.segment.bytes", value: "1048576", source: "DYNAMIC_DEFAULT_BROKER_CONFIG" },
        { name: "log.segment.bytes", value: "1073741824", source: "DEFAULT_CONFIG" },
      ],
    });
  });
});

describe("describeBrokerConfigs", () => {
  const broker = new BrokerConfig(
    { "num.partitions": "3", "custom.setting": "PLAINTEXT://:9092" },
    { clusterDefault: { "log.retention.bytes": "1000" } },
  );
  const entries = describeBrokerConfigs(broker);

  it("is sorted by name and includes unknown keys", () => {
    const names = entries.map((e) => e.name);
    expect(names).toEqual([...names].sort());
    expect(names).toContain("custom.setting");
    expect(names).toContain("offsets.topic.replication.factor");
  });

  it("describes defaults, static and dynamic values with their sources", () => {
    expect(find(entries, "broker.id")).toMatchObject({
      value: "0",
      source: "DEFAULT_CONFIG",
      isDefault: true,
      isReadOnly: true,
      type: "INT",
      synonyms: [{ name: "broker.id", value: "0", source: "DEFAULT_CONFIG" }],
    });
    expect(find(entries, "num.partitions")).toMatchObject({
      value: "3",
      source: "STATIC_BROKER_CONFIG",
      isDefault: false,
      isReadOnly: true,
      synonyms: [
        { name: "num.partitions", value: "3", source: "STATIC_BROKER_CONFIG" },
        { name: "num.partitions", value: "1", source: "DEFAULT_CONFIG" },
      ],
    });
    expect(find(entries, "log.retention.bytes")).toMatchObject({
      value: "1000",
      source: "DYNAMIC_DEFAULT_BROKER_CONFIG",
      isReadOnly: false,
    });
  });

  it("describes a config without a default that nothing sets as a null value", () => {
    expect(find(entries, "log.retention.ms")).toMatchObject({ value: null, source: "DEFAULT_CONFIG", synonyms: [], type: "LONG" });
  });

  it("describes an unknown key as it was given, of UNKNOWN type and read-only", () => {
    expect(find(entries, "custom.setting")).toEqual({
      name: "custom.setting",
      value: "PLAINTEXT://:9092",
      source: "STATIC_BROKER_CONFIG",
      isDefault: false,
      isReadOnly: true,
      isSensitive: false,
      synonyms: [{ name: "custom.setting", value: "PLAINTEXT://:9092", source: "STATIC_BROKER_CONFIG" }],
      type: "UNKNOWN",
      documentation: null,
      validValues: null,
    });
  });

  it("formats LONG and DOUBLE values as Kafka does", () => {
    expect(find(entries, "log.flush.interval.messages").value).toBe("9223372036854775807");
    expect(find(entries, "log.cleaner.min.cleanable.ratio").value).toBe("0.5");
    expect(find(entries, "offsets.topic.replication.factor")).toMatchObject({ value: "3", type: "SHORT" });
  });

  it("marks only passwords sensitive and documents every known config", () => {
    for (const entry of entries) {
      expect(entry.isSensitive, entry.name).toBe(entry.type === "PASSWORD");
      if (entry.type !== "UNKNOWN") expect(entry.documentation, entry.name).toBeTruthy();
    }
  });

  it("never shows a password, wherever it was set", () => {
    const described = describeBrokerConfigs(new BrokerConfig({ "ssl.keystore.password": "hunter2" }));
    expect(find(described, "ssl.keystore.password")).toMatchObject({
      value: null,
      isSensitive: true,
      type: "PASSWORD",
      source: "STATIC_BROKER_CONFIG",
      synonyms: [{ name: "ssl.keystore.password", value: null, source: "STATIC_BROKER_CONFIG" }],
    });
    expect(JSON.stringify(described)).not.toContain("hunter2");
  });
});
