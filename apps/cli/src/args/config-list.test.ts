import { describe, expect, it } from "vitest";
import { parseAddConfig, parseDeleteConfig } from "./config-list.js";

describe("--add-config and --delete-config", () => {
  it("splits entries at commas outside brackets and unwraps list values", () => {
    expect(parseAddConfig("retention.ms=10000,leader.replication.throttled.replicas=[0:1,1:1],cleanup.policy=compact")).toEqual([
      ["retention.ms", "10000"],
      ["leader.replication.throttled.replicas", "0:1,1:1"],
      ["cleanup.policy", "compact"],
    ]);
  });

  it("names the bad entry", () => {
    expect(() => parseAddConfig("retention.ms")).toThrow(/Invalid entry 'retention.ms' in --add-config/);
    expect(() => parseDeleteConfig(" , ")).toThrow(/at least one/);
  });

  it("reads names to delete", () => {
    expect(parseDeleteConfig("retention.ms, segment.ms")).toEqual(["retention.ms", "segment.ms"]);
  });
});
