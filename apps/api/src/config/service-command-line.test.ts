import { describe, expect, it } from "vitest";
import { parseServiceCommandLine } from "./service-command-line.js";

describe("parseServiceCommandLine", () => {
  it("takes Kafka's form: a server.properties path and --override name=value", () => {
    expect(parseServiceCommandLine(["config/server.properties", "--override", "num.partitions=3", "--override=log.dirs=/x=y"])).toEqual({
      configFile: "config/server.properties",
      overrides: [
        ["num.partitions", "3"],
        ["log.dirs", "/x=y"],
      ],
      help: false,
      version: false,
    });
  });

  it("takes --config FILE and --config=FILE, and nothing at all", () => {
    expect(parseServiceCommandLine(["--config", "a.properties"]).configFile).toBe("a.properties");
    expect(parseServiceCommandLine(["--config=b.properties"]).configFile).toBe("b.properties");
    expect(parseServiceCommandLine([])).toEqual({ configFile: undefined, overrides: [], help: false, version: false });
  });

  it("reads --help and --version", () => {
    expect(parseServiceCommandLine(["--help"]).help).toBe(true);
    expect(parseServiceCommandLine(["--version"]).version).toBe(true);
  });

  it("refuses two files, unknown options, a missing value and an override without '='", () => {
    expect(() => parseServiceCommandLine(["a.properties", "--config", "b.properties"])).toThrow("Only one server.properties may be given, got a.properties and b.properties");
    expect(() => parseServiceCommandLine(["--daemon"])).toThrow("Unknown option --daemon (see --help)");
    expect(() => parseServiceCommandLine(["--config"])).toThrow("--config needs a value (see --help)");
    expect(() => parseServiceCommandLine(["--override", "num.partitions"])).toThrow("--override needs name=value, got 'num.partitions'");
  });
});
