import { describe, expect, it } from "vitest";
import { parseOptions, type OptionSpec } from "./parser.js";
import { parseDateTime, parseTopicScope, resetRequest } from "./reset-options.js";

const specs: OptionSpec[] = [
  ...["all-topics", "to-earliest", "to-latest", "to-current", "dry-run", "execute"].map((name) => ({ name, kind: "flag" as const, description: "" })),
  ...["to-offset", "shift-by", "to-datetime", "by-duration"].map((name) => ({ name, kind: "value" as const, description: "" })),
  { name: "topic", kind: "list", description: "" },
];
const request = (...argv: string[]) => resetRequest(parseOptions(argv, specs, "consumer-groups"));

describe("--reset-offsets options", () => {
  it("is a dry run unless --execute", () => {
    expect(request("--to-earliest", "--all-topics")).toEqual({ strategy: "to-earliest", dry_run: true });
    expect(request("--to-earliest", "--all-topics", "--execute")).toEqual({ strategy: "to-earliest", dry_run: false });
  });

  it("carries each strategy's value and the topic scope", () => {
    expect(request("--shift-by", "-2", "--topic", "first_topic")).toEqual({ strategy: "shift-by", value: -2, dry_run: true, topics: [{ topic_name: "first_topic" }] });
    expect(request("--to-offset", "5", "--topic", "t:0,2", "--execute")).toEqual({ strategy: "to-offset", value: 5, dry_run: false, topics: [{ topic_name: "t", partitions: [0, 2] }] });
    expect(request("--by-duration", "P1DT2H30M", "--all-topics").value).toBe("P1DT2H30M");
    expect(request("--to-datetime", "2026-11-25T10:00:00.000Z", "--all-topics").value).toBe("2026-11-25T10:00:00.000Z");
  });

  it("refuses a missing or double strategy or scope, and bad values", () => {
    expect(() => request("--all-topics")).toThrow(/exactly one of --to-earliest/);
    expect(() => request("--to-earliest", "--to-latest", "--all-topics")).toThrow(/exactly one/);
    expect(() => request("--to-earliest")).toThrow(/--all-topics or --topic/);
    expect(() => request("--to-earliest", "--all-topics", "--dry-run", "--execute")).toThrow(/cannot be used together/);
    expect(() => request("--by-duration", "1h", "--all-topics")).toThrow(/PnDTnHnM/);
    expect(() => request("--by-duration", "PT", "--all-topics")).toThrow(/PnDTnHnM/);
    expect(() => parseTopicScope("t:a")).toThrow(/topic:partition/);
    expect(() => parseDateTime("yesterday")).toThrow(/YYYY-MM-DDTHH:mm:SS.sss/);
  });
});
