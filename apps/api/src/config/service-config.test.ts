import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { readServiceConfig } from "./service-config.js";

describe("readServiceConfig", () => {
  it("defaults to port 8080 on loopback (no authentication configured), ./data and SQLite", () => {
    expect(readServiceConfig({})).toEqual({
      port: 8080,
      host: "127.0.0.1",
      hostExplicit: false,
      dataDir: resolve("data"),
      databaseUrl: undefined,
      kafkaPort: 9092,
      advertisedListener: { host: "127.0.0.1", port: undefined },
      producerAcks: -1,
      security: { authentication: "NONE", https: null, admin: undefined, allowUnauthenticated: false, sessionTimeoutMs: 8 * 60 * 60 * 1000 },
    });
  });

  it("reads PORT, HOST, SKEIN_DATA_DIR, DATABASE_URL and SKEIN_PRODUCER_ACKS", () => {
    const config = readServiceConfig({ PORT: "9090", HOST: "127.0.0.1", SKEIN_DATA_DIR: "/var/lib/skein", DATABASE_URL: "postgresql://u@db/skein", SKEIN_PRODUCER_ACKS: "1" });
    expect(config).toMatchObject({ port: 9090, host: "127.0.0.1", dataDir: "/var/lib/skein", databaseUrl: "postgresql://u@db/skein", producerAcks: 1 });
    expect(config.advertisedListener).toEqual({ host: "127.0.0.1", port: undefined });
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

  it("reads the Kafka listener's port and advertised address", () => {
    expect(readServiceConfig({ SKEIN_KAFKA_PORT: "19092", SKEIN_ADVERTISED_LISTENER: "PLAINTEXT://kafka.example:29092" })).toMatchObject({
      kafkaPort: 19092,
      advertisedListener: { host: "kafka.example", port: 29092 },
    });
    expect(readServiceConfig({ SKEIN_ADVERTISED_LISTENER: "[::1]:9093" }).advertisedListener).toEqual({ host: "::1", port: 9093 });
    expect(readServiceConfig({ HOST: "10.0.0.5" }).advertisedListener).toEqual({ host: "10.0.0.5", port: undefined });
  });

  it.each(["kafka.example", "host:port", "PLAINTEXT://h:70000"])("refuses SKEIN_ADVERTISED_LISTENER=%s", (value) => {
    expect(() => readServiceConfig({ SKEIN_ADVERTISED_LISTENER: value })).toThrow(/SKEIN_ADVERTISED_LISTENER/);
  });

  it.each(["http", "-1", "65536", "80.5"])("refuses PORT=%s", (port) => {
    expect(() => readServiceConfig({ PORT: port })).toThrow(/PORT must be an integer/);
  });

});
