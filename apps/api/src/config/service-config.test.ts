import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { readServiceConfig } from "./service-config.js";

describe("readServiceConfig", () => {
  it("defaults to port 8080 on all interfaces, ./data and SQLite", () => {
    expect(readServiceConfig({})).toEqual({ port: 8080, host: "0.0.0.0", dataDir: resolve("data"), databaseUrl: undefined, producerAcks: -1, brokerConfig: {} });
  });

  it("reads PORT, HOST, SKEIN_DATA_DIR, DATABASE_URL and SKEIN_PRODUCER_ACKS", () => {
    const config = readServiceConfig({ PORT: "9090", HOST: "127.0.0.1", SKEIN_DATA_DIR: "/var/lib/skein", DATABASE_URL: "postgresql://u@db/skein", SKEIN_PRODUCER_ACKS: "1" });
    expect(config).toEqual({ port: 9090, host: "127.0.0.1", dataDir: "/var/lib/skein", databaseUrl: "postgresql://u@db/skein", producerAcks: 1, brokerConfig: {} });
  });

  it.each([
    ["0", 0],
    ["1", 1],
    ["all", -1],
    ["ALL", -1],
    ["-1", -1],
  ])("takes SKEIN_PRODUCER_ACKS=%s as Kafka's acks", (acks, expected) => {
    expect(readServiceConfig({ SKEIN_PRODUCER_ACKS: acks }).producerAcks).toBe(expected);
  });

  it.each(["2", "none", "leader"])("refuses SKEIN_PRODUCER_ACKS=%s", (acks) => {
    expect(() => readServiceConfig({ SKEIN_PRODUCER_ACKS: acks })).toThrow(/^SKEIN_PRODUCER_ACKS: Invalid acks/);
  });

  it("treats empty variables as unset", () => {
    expect(readServiceConfig({ PORT: "", DATABASE_URL: " " })).toMatchObject({ port: 8080, databaseUrl: undefined });
  });

  it.each(["http", "-1", "65536", "80.5"])("refuses PORT=%s", (port) => {
    expect(() => readServiceConfig({ PORT: port })).toThrow(/PORT must be an integer/);
  });

  it("reads broker configs from SKEIN_BROKER_* as Confluent's images name them", () => {
    const config = readServiceConfig({
      SKEIN_BROKER_LOG_DIR_NEARLY_FULL_RATIO: "0.8",
      SKEIN_BROKER_NUM_PARTITIONS: "3",
      SKEIN_BROKER_SOME__UNDERSCORED___DASHED: "x",
      SKEIN_OTHER: "y",
    });
    expect(config.brokerConfig).toEqual({ "log.dir.nearly.full.ratio": "0.8", "num.partitions": "3", "some_underscored-dashed": "x" });
  });
});
