import { describe, expect, it } from "vitest";
import { InvalidConfigError } from "../../errors.js";
import { BROKER_CONFIG_DEFS } from "./broker-config-defs.js";
import type { ConfigKey } from "./config-def.js";
import { formatJavaDouble, formatLong, LONG_MAX_VALUE } from "./config-def.js";
import { TOPIC_CONFIG_DEFS } from "./topic-config-defs.js";

const topicKey = (name: keyof typeof TOPIC_CONFIG_DEFS) => TOPIC_CONFIG_DEFS[name].key as ConfigKey<unknown>;

function parseError(key: ConfigKey<unknown>, name: string, raw: string): string {
  try {
    key.parse(name, raw);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidConfigError);
    return (error as Error).message;
  }
  throw new Error(`expected ${name}=${JSON.stringify(raw)} to be refused`);
}

describe("LONG configs", () => {
  const retentionMs = topicKey("retention.ms");

  it("parses trimmed decimal values with an optional sign", () => {
    expect(retentionMs.parse("retention.ms", " 86400000 ")).toBe(86400000);
    expect(retentionMs.parse("retention.ms", "+7")).toBe(7);
    expect(retentionMs.parse("retention.ms", "-1")).toBe(-1);
  });

  it("refuses what Java's Long.parseLong refuses, with Kafka's message and the untrimmed value", () => {
    expect(parseError(retentionMs, "retention.ms", "abc")).toBe("Invalid value abc for configuration retention.ms: Not a number of type LONG");
    expect(parseError(retentionMs, "retention.ms", "1.5")).toBe("Invalid value 1.5 for configuration retention.ms: Not a number of type LONG");
    expect(parseError(retentionMs, "retention.ms", " 1e3")).toBe("Invalid value  1e3 for configuration retention.ms: Not a number of type LONG");
    expect(parseError(retentionMs, "retention.ms", "")).toBe("Invalid value  for configuration retention.ms: Not a number of type LONG");
    expect(parseError(retentionMs, "retention.ms", "9223372036854775808")).toBe(
      "Invalid value 9223372036854775808 for configuration retention.ms: Not a number of type LONG",
    );
  });

  it("checks the range with Kafka's message", () => {
    expect(parseError(retentionMs, "retention.ms", "-2")).toBe("Invalid value -2 for configuration retention.ms: Value must be at least -1");
  });

  it("holds Long.MAX_VALUE and anything above 2^53-1 as Infinity, and formats it back as Long.MAX_VALUE", () => {
    expect(LONG_MAX_VALUE).toBe(Number.POSITIVE_INFINITY);
    expect(retentionMs.parse("retention.ms", "9223372036854775807")).toBe(Number.POSITIVE_INFINITY);
    expect(retentionMs.parse("retention.ms", "9007199254740991")).toBe(9007199254740991);
    expect(retentionMs.parse("retention.ms", "9007199254740992")).toBe(Number.POSITIVE_INFINITY);
    expect(retentionMs.format(Number.POSITIVE_INFINITY)).toBe("9223372036854775807");
    expect(formatLong(Number.NEGATIVE_INFINITY)).toBe("-9223372036854775808");
    expect(formatLong(-1)).toBe("-1");
  });
});

describe("INT and SHORT configs", () => {
  it("refuses values outside 32 bits as Java's Integer.parseInt does", () => {
    const segmentBytes = topicKey("segment.bytes");
    expect(segmentBytes.parse("segment.bytes", "2147483647")).toBe(2147483647);
    expect(parseError(segmentBytes, "segment.bytes", "2147483648")).toBe(
      "Invalid value 2147483648 for configuration segment.bytes: Not a number of type INT",
    );
    expect(parseError(segmentBytes, "segment.bytes", "13")).toBe("Invalid value 13 for configuration segment.bytes: Value must be at least 14");
  });

  it("refuses values outside 16 bits for SHORT", () => {
    const rf = BROKER_CONFIG_DEFS["offsets.topic.replication.factor"] as ConfigKey<unknown>;
    expect(rf.type).toBe("SHORT");
    expect(rf.parse("offsets.topic.replication.factor", "32767")).toBe(32767);
    expect(parseError(rf, "offsets.topic.replication.factor", "32768")).toBe(
      "Invalid value 32768 for configuration offsets.topic.replication.factor: Not a number of type SHORT",
    );
  });
});

describe("DOUBLE configs", () => {
  const ratio = topicKey("min.cleanable.dirty.ratio");

  it("parses what Java's Double.parseDouble accepts", () => {
    expect(ratio.parse("min.cleanable.dirty.ratio", " 0.25 ")).toBe(0.25);
    expect(ratio.parse("min.cleanable.dirty.ratio", ".5")).toBe(0.5);
    expect(ratio.parse("min.cleanable.dirty.ratio", "5e-1")).toBe(0.5);
    expect(ratio.parse("min.cleanable.dirty.ratio", "0.75d")).toBe(0.75);
    expect(parseError(ratio, "min.cleanable.dirty.ratio", "half")).toBe(
      "Invalid value half for configuration min.cleanable.dirty.ratio: Not a number of type DOUBLE",
    );
  });

  it("checks the range and prints the value as Java does", () => {
    expect(parseError(ratio, "min.cleanable.dirty.ratio", "1.5")).toBe(
      "Invalid value 1.5 for configuration min.cleanable.dirty.ratio: Value must be no more than 1",
    );
    expect(parseError(ratio, "min.cleanable.dirty.ratio", "2")).toBe(
      "Invalid value 2.0 for configuration min.cleanable.dirty.ratio: Value must be no more than 1",
    );
    expect(parseError(ratio, "min.cleanable.dirty.ratio", "-0.1")).toBe(
      "Invalid value -0.1 for configuration min.cleanable.dirty.ratio: Value must be at least 0",
    );
  });

  it("formats doubles as Java's Double.toString", () => {
    expect(formatJavaDouble(0.5)).toBe("0.5");
    expect(formatJavaDouble(1)).toBe("1.0");
    expect(formatJavaDouble(0)).toBe("0.0");
    expect(formatJavaDouble(1e7)).toBe("1.0E7");
    expect(formatJavaDouble(123456789.5)).toBe("1.234567895E8");
    expect(formatJavaDouble(0.00015)).toBe("1.5E-4");
    expect(formatJavaDouble(0.001)).toBe("0.001");
  });
});

describe("BOOLEAN configs", () => {
  const preallocate = topicKey("preallocate");

  it("accepts true and false in any case, trimmed", () => {
    expect(preallocate.parse("preallocate", "TRUE")).toBe(true);
    expect(preallocate.parse("preallocate", " false ")).toBe(false);
    expect(preallocate.format(true)).toBe("true");
  });

  it("refuses anything else with Kafka's message", () => {
    expect(parseError(preallocate, "preallocate", "yes")).toBe(
      "Invalid value yes for configuration preallocate: Expected value to be either true or false",
    );
  });
});

describe("STRING configs with valid values", () => {
  it("accepts only the listed values, case-sensitively, with Kafka's message", () => {
    const compression = topicKey("compression.type");
    expect(compression.parse("compression.type", " zstd ")).toBe("zstd");
    expect(parseError(compression, "compression.type", "GZIP")).toBe(
      "Invalid value GZIP for configuration compression.type: String must be one of: uncompressed, zstd, lz4, snappy, gzip, producer",
    );
    const timestampType = topicKey("message.timestamp.type");
    expect(parseError(timestampType, "message.timestamp.type", "createtime")).toBe(
      "Invalid value createtime for configuration message.timestamp.type: String must be one of: CreateTime, LogAppendTime",
    );
  });
});

describe("LIST configs", () => {
  const cleanupPolicy = topicKey("cleanup.policy");

  it("splits on commas with surrounding whitespace and joins with bare commas", () => {
    expect(cleanupPolicy.parse("cleanup.policy", " compact , delete ")).toEqual(["compact", "delete"]);
    expect(cleanupPolicy.parse("cleanup.policy", "  ")).toEqual([]);
    expect(cleanupPolicy.format(["compact", "delete"])).toBe("compact,delete");
  });

  it("refuses an unknown item, or an empty one, with Kafka's message", () => {
    expect(parseError(cleanupPolicy, "cleanup.policy", "delete,forever")).toBe(
      "Invalid value forever for configuration cleanup.policy: String must be one of: compact, delete",
    );
    expect(parseError(cleanupPolicy, "cleanup.policy", "delete,")).toBe(
      "Invalid value  for configuration cleanup.policy: String must be one of: compact, delete",
    );
  });
});
