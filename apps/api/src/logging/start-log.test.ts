import { describe, expect, it } from "vitest";
import { recoveryLine, serviceVersion, staticConfigLine } from "./start-log.js";

describe("the start log", () => {
  it("names the server.properties and the static configs off Kafka's defaults, with their source unless the file", () => {
    const line = staticConfigLine({
      file: "/etc/skein/server.properties",
      configs: { "num.partitions": "3", "log.retention.hours": "168", "log.cleaner.backoff.ms": "1000", "message.max.bytes": "2000000" },
      origins: {
        "num.partitions": { kind: "file", line: 3 },
        "log.retention.hours": { kind: "file", line: 4 },
        "log.cleaner.backoff.ms": { kind: "env", variable: "SKEIN_LOG_CLEANER_BACKOFF_MS" },
        "message.max.bytes": { kind: "override" },
      },
      logDirs: { path: "/srv/skein", origin: { kind: "file", line: 1 } },
      warnings: [],
    });
    expect(line).toBe(
      "Config    /etc/skein/server.properties; 5 static broker config(s), not at Kafka's defaults: num.partitions=3, " +
        "log.cleaner.backoff.ms=1000 (SKEIN_LOG_CLEANER_BACKOFF_MS), message.max.bytes=2000000 (--override), log.dirs=/srv/skein",
    );
  });

  it("says when every static config is at Kafka's default, or there are none", () => {
    const defaults = { file: "/s.properties", configs: { "num.partitions": "1" }, origins: { "num.partitions": { kind: "file" as const, line: 1 } }, logDirs: null, warnings: [] };
    expect(staticConfigLine(defaults)).toBe("Config    /s.properties; 1 static broker config(s), all at Kafka's defaults");
    expect(staticConfigLine({ file: null, configs: {}, origins: {}, logDirs: null, warnings: [] })).toBe(
      "Config    no server.properties (--config FILE or SKEIN_CONFIG names one); Kafka's defaults",
    );
  });

  it("says what start-up recovered", () => {
    expect(recoveryLine({ newDataDir: true, cleanShutdown: false, repairs: 0 })).toBe("Recovery  new data directory");
    expect(recoveryLine({ newDataDir: false, cleanShutdown: true, repairs: 0 })).toBe("Recovery  the last run shut down cleanly: nothing to repair");
    expect(recoveryLine({ newDataDir: false, cleanShutdown: false, repairs: 2 })).toBe(
      "Recovery  the last run did not shut down cleanly: logs recovered from their checkpoints, 2 repair(s), listed above",
    );
  });

  it("reads the version from the service's package.json", () => {
    expect(serviceVersion()).toMatch(/^\d+\.\d+\.\d+/);
  });
});
