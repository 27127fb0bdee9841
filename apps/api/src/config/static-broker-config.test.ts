import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { StartupConfigError } from "./startup-config-error.js";
import { brokerConfigVariable, loadStaticBrokerConfig } from "./static-broker-config.js";

describe("loadStaticBrokerConfig", () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "skein-static-config-"));
    file = join(dir, "server.properties");
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const load = (text: string | null, env: NodeJS.ProcessEnv = {}, overrides: [string, string][] = []) => {
    if (text !== null) writeFileSync(file, text);
    return loadStaticBrokerConfig({ file: text === null ? null : file, env, overrides });
  };

  it("reads the broker configs of a server.properties with Kafka's names, trimmed, with their lines", () => {
    const config = load("# Kafka's sample, edited\nnum.partitions=3\nlog.retention.check.interval.ms = 10000 \nlog.cleaner.backoff.ms: 1000\n");
    expect(config.configs).toEqual({ "num.partitions": "3", "log.retention.check.interval.ms": "10000", "log.cleaner.backoff.ms": "1000" });
    expect(config.origins["log.cleaner.backoff.ms"]).toEqual({ kind: "file", line: 4 });
    expect(config.warnings).toEqual([]);
    expect(config.file).toBe(file);
  });

  it("lets SKEIN_ variables override the file and --override override both", () => {
    const config = load("num.partitions=3\nlog.cleaner.backoff.ms=1000\nmessage.max.bytes=2000000\n", { SKEIN_NUM_PARTITIONS: "5", SKEIN_LOG_CLEANER_BACKOFF_MS: "2000" }, [["log.cleaner.backoff.ms", "3000"]]);
    expect(config.configs).toEqual({ "num.partitions": "5", "log.cleaner.backoff.ms": "3000", "message.max.bytes": "2000000" });
    expect(config.origins["num.partitions"]).toEqual({ kind: "env", variable: "SKEIN_NUM_PARTITIONS" });
    expect(config.origins["log.cleaner.backoff.ms"]).toEqual({ kind: "override" });
  });

  it("maps only broker config names from the environment, so service settings keep their meaning", () => {
    const config = load(null, { SKEIN_DATA_DIR: "/data", SKEIN_KAFKA_PORT: "9092", SKEIN_LOG_LEVEL: "debug", SKEIN_SERVER: "x", SKEIN_AUTO_CREATE_TOPICS_ENABLE: "false", NUM_PARTITIONS: "9" });
    expect(config.configs).toEqual({ "auto.create.topics.enable": "false" });
    expect(config.warnings).toEqual([]);
    expect(brokerConfigVariable("log.retention.check.interval.ms")).toBe("SKEIN_LOG_RETENTION_CHECK_INTERVAL_MS");
  });

  it("warns about a SKEIN_ variable one letter away from a broker config's", () => {
    expect(load(null, { SKEIN_NUM_PARTITION: "3" }).warnings).toEqual(["Ignoring SKEIN_NUM_PARTITION: not a broker config variable; did you mean SKEIN_NUM_PARTITIONS?"]);
  });

  it("ignores Kafka's configs that Skein does not use with one line per reason, and unknown names with a suggestion", () => {
    const kafkaSample = [
      "broker.id=0",
      "inter.broker.listener.name=PLAINTEXT",
      "num.network.threads=3",
      "socket.send.buffer.bytes=102400",
      "zookeeper.connect=localhost:2181",
      "zookeeper.connection.timeout.ms=18000",
      "num.partition=3",
      "my.custom.thing=1",
    ].join("\n");
    const config = load(kafkaSample);
    expect(config.configs).toEqual({ "broker.id": "0" });
    expect(config.warnings).toEqual([
      "Ignoring Kafka configs Skein does not use (Skein runs one broker: no inter-broker listener, and the pre-listeners names are gone (use listeners and advertised.listeners)): inter.broker.listener.name (line 2)",
      "Ignoring Kafka configs Skein does not use (Skein runs in one Node.js process, without thread pools or socket tuning): num.network.threads (line 3), socket.send.buffer.bytes (line 4)",
      "Ignoring Kafka configs Skein does not use (Skein has no ZooKeeper): zookeeper.connect (line 5), zookeeper.connection.timeout.ms (line 6)",
      "Ignoring num.partition (line 7): not a broker config Skein knows; did you mean num.partitions?",
      "Ignoring my.custom.thing (line 8): not a broker config Skein knows",
    ]);
  });

  it("takes Kafka's listener, TLS, SASL and authorizer configs, per listener too, checking each value", () => {
    const config = load(
      [
        "listeners=PLAINTEXT://:9092,SASL_SSL://:9094",
        "listener.name.sasl_ssl.ssl.keystore.location=/etc/skein/broker.pem",
        "listener.name.sasl_ssl.sasl.enabled.mechanisms=SCRAM-SHA-512",
        "authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer",
        "super.users=User:admin",
        "ssl.cipher.suites=TLS_AES_128_GCM_SHA256",
      ].join("\n"),
    );
    expect(config.configs).toEqual({
      listeners: "PLAINTEXT://:9092,SASL_SSL://:9094",
      "listener.name.sasl_ssl.ssl.keystore.location": "/etc/skein/broker.pem",
      "listener.name.sasl_ssl.sasl.enabled.mechanisms": "SCRAM-SHA-512",
      "authorizer.class.name": "org.apache.kafka.metadata.authorizer.StandardAuthorizer",
      "super.users": "User:admin",
    });
    expect(config.warnings).toEqual([
      "Ignoring Kafka configs Skein does not use (Skein's TLS and SASL do not use them (Skein reads PEM and PKCS12 stores, and serves PLAIN and SCRAM; see docs/kafka-protocol.md)): ssl.cipher.suites (line 6)",
    ]);
    expect(() => load("listener.name.sasl_ssl.sasl.enabled.mechanisms=GSSAPI")).toThrow(/line 1: Invalid value GSSAPI for configuration sasl.enabled.mechanisms/);
  });

  it("refuses an invalid value, naming where it was set and Kafka's reason", () => {
    expect(() => load("# c\nnum.partitions=three\n")).toThrow(`${file} line 2: Invalid value three for configuration num.partitions: Not a number of type INT`);
    expect(() => load(null, { SKEIN_NUM_PARTITIONS: "0" })).toThrow(/^SKEIN_NUM_PARTITIONS: Invalid value 0 for configuration num.partitions: Value must be at least 1$/);
    expect(() => load(null, {}, [["log.cleanup.policy", "sometimes"]])).toThrow(/^--override: Invalid value sometimes for configuration log.cleanup.policy/);
    expect(() => load("log.retention.ms=0")).toThrow(StartupConfigError);
  });

  it("reads log.dirs (before log.dir) as the one data directory", () => {
    expect(load("log.dir=/a\nlog.dirs=/b").logDirs).toEqual({ path: "/b", origin: { kind: "file", line: 2 } });
    expect(load("log.dirs=/a", {}, [["log.dirs", "/c"]]).logDirs).toEqual({ path: "/c", origin: { kind: "override" } });
    expect(load("num.partitions=1").logDirs).toBeNull();
    expect(() => load("log.dirs=/a,/b")).toThrow(`${file} line 1: log.dirs must name exactly one directory (Skein keeps one data directory), got '/a,/b'`);
  });

  it("says when the file cannot be read or parsed", () => {
    expect(() => loadStaticBrokerConfig({ file: join(dir, "missing.properties"), env: {}, overrides: [] })).toThrow(`Cannot read the broker config file ${join(dir, "missing.properties")}: no such file`);
    expect(() => load("a=\\u00zz")).toThrow(`${file}: line 1: malformed \\uxxxx escape`);
  });
});
