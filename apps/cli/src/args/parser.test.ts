import { describe, expect, it } from "vitest";
import { UsageError } from "../errors.js";
import { keyValues, parseOptions, type OptionSpec } from "./parser.js";

const specs: OptionSpec[] = [
  { name: "topic", kind: "value", description: "" },
  { name: "create", kind: "flag", description: "" },
  { name: "config", kind: "list", description: "" },
  { name: "shift-by", kind: "value", description: "" },
  { name: "bootstrap-server", kind: "value", aliases: ["broker-list"], description: "" },
];

describe("parseOptions", () => {
  it("reads flags, values in both spellings, and repeated list options in order", () => {
    const options = parseOptions(["--create", "--topic", "first_topic", "--config", "a=1", "--config=b=2"], specs, "topics");
    expect(options.has("create")).toBe(true);
    expect(options.value("topic")).toBe("first_topic");
    expect(options.values("config")).toEqual(["a=1", "b=2"]);
  });

  it("takes the next word as a value even when it looks like an option or is empty", () => {
    const options = parseOptions(["--shift-by", "-2", "--topic", ""], specs, "consumer-groups");
    expect(options.integer("shift-by")).toBe(-2);
    expect(options.value("topic")).toBe("");
  });

  it("maps aliases to the canonical name", () => {
    expect(parseOptions(["--broker-list", "localhost:8080"], specs, "console-producer").value("bootstrap-server")).toBe("localhost:8080");
  });

  it("refuses unknown options, positional words, missing values and values on flags", () => {
    expect(() => parseOptions(["--nope"], specs, "topics")).toThrow(/Unknown option --nope for skein topics/);
    expect(() => parseOptions(["first_topic"], specs, "topics")).toThrow(UsageError);
    expect(() => parseOptions(["--topic"], specs, "topics")).toThrow(/--topic needs a value/);
    expect(() => parseOptions(["--create=yes"], specs, "topics")).toThrow(/takes no value/);
  });

  it("refuses an option of Kafka's tools that the command does not take with what to do instead", () => {
    expect(() => parseOptions(["--zookeeper", "127.0.0.1:2181"], specs, "console-producer")).toThrow(
      "Unknown option --zookeeper for skein console-producer: Skein has no ZooKeeper; name the Skein server with --bootstrap-server <host:port> (see skein console-producer --help)",
    );
  });

  it("checks integers and required options", () => {
    const options = parseOptions(["--topic", "x", "--shift-by", "3.5"], specs, "t");
    expect(() => options.integer("shift-by")).toThrow(/--shift-by must be an integer/);
    expect(() => options.required("create")).toThrow(/Missing required option --create/);
    expect(() => parseOptions(["--shift-by", "0"], specs, "t").integer("shift-by", { min: 1 })).toThrow(/of at least 1/);
  });
});

describe("keyValues", () => {
  it("splits at the first '=' and keeps empty values (key.separator=)", () => {
    expect([...keyValues(["parse.key=true", "key.separator=", "x=a=b"], "--property")]).toEqual([
      ["parse.key", "true"],
      ["key.separator", ""],
      ["x", "a=b"],
    ]);
    expect(() => keyValues(["novalue"], "--config")).toThrow(/Invalid --config 'novalue': expected key=value/);
  });
});
