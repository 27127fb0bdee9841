import { UsageError } from "../errors.js";

/** A flag takes no value; a value option takes one; a list option may be repeated and keeps every value. */
export type OptionKind = "flag" | "value" | "list";

export interface OptionSpec {
  /** Canonical name without the leading dashes, as Kafka's tools spell it (`bootstrap-server`). */
  name: string;
  kind: OptionKind;
  /** Other spellings accepted for the same option (`broker-list`). */
  aliases?: string[];
  /** Placeholder shown in help (`<String: topic>`). */
  valueName?: string;
  description: string;
}

/**
 * Options of Kafka's tools that a command does not take, with what to do instead: refused with advice, never with a
 * bare "Unknown option".
 */
const FOREIGN_OPTIONS: Record<string, string> = {
  zookeeper: "Skein has no ZooKeeper; name the Skein server with --bootstrap-server <host:port>",
};

/** The options of one command line, by canonical name. */
export class ParsedOptions {
  constructor(private readonly entries: ReadonlyMap<string, string[]>) {}

  has(name: string): boolean {
    return this.entries.has(name);
  }

  /** The option's value (the last one when given twice), or undefined. */
  value(name: string): string | undefined {
    const values = this.entries.get(name);
    return values?.[values.length - 1];
  }

  /** Every value given for a repeatable option, in order. */
  values(name: string): string[] {
    return this.entries.get(name) ?? [];
  }

  /** The option's value, or a usage error naming the option when it is missing. */
  required(name: string, because = ""): string {
    const value = this.value(name);
    if (value === undefined) throw new UsageError(`Missing required option --${name}${because ? ` ${because}` : ""}`);
    return value;
  }

  /** An integer option, checked; undefined when absent. */
  integer(name: string, { min = Number.MIN_SAFE_INTEGER }: { min?: number } = {}): number | undefined {
    const raw = this.value(name);
    if (raw === undefined) return undefined;
    const parsed = Number(raw);
    if (!/^-?\d+$/.test(raw.trim()) || !Number.isSafeInteger(parsed) || parsed < min) {
      throw new UsageError(`--${name} must be an integer${min > Number.MIN_SAFE_INTEGER ? ` of at least ${min}` : ""}, got '${raw}'`);
    }
    return parsed;
  }
}

/**
 * Parses `--name value`, `--name=value` and flags against a command's option table. A value option always takes the
 * next word, so negative numbers (`--shift-by -2`) and empty strings (`key.separator=`) work as values.
 */
export function parseOptions(argv: readonly string[], specs: readonly OptionSpec[], command: string): ParsedOptions {
  const byName = new Map<string, OptionSpec>();
  for (const spec of specs) {
    byName.set(spec.name, spec);
    for (const alias of spec.aliases ?? []) byName.set(alias, spec);
  }
  const entries = new Map<string, string[]>();
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i]!;
    if (!word.startsWith("--") || word === "--") {
      throw new UsageError(`Unexpected argument '${word}' (options start with --; see skein ${command} --help)`);
    }
    const eq = word.indexOf("=");
    const name = eq === -1 ? word.slice(2) : word.slice(2, eq);
    const spec = byName.get(name);
    if (!spec) {
      const advice = Object.hasOwn(FOREIGN_OPTIONS, name) ? `: ${FOREIGN_OPTIONS[name]}` : "";
      throw new UsageError(`Unknown option --${name} for skein ${command}${advice} (see skein ${command} --help)`);
    }
    let value: string;
    if (spec.kind === "flag") {
      if (eq !== -1) throw new UsageError(`Option --${name} takes no value`);
      value = "";
    } else if (eq !== -1) {
      value = word.slice(eq + 1);
    } else {
      if (i + 1 >= argv.length) throw new UsageError(`Option --${name} needs a value${spec.valueName ? ` ${spec.valueName}` : ""}`);
      value = argv[++i]!;
    }
    const list = entries.get(spec.name) ?? [];
    list.push(value);
    entries.set(spec.name, list);
  }
  return new ParsedOptions(entries);
}

/** Splits `k=v` into its key and value; the value may itself hold `=`. */
export function splitKeyValue(text: string, option: string): [string, string] {
  const eq = text.indexOf("=");
  if (eq <= 0) throw new UsageError(`Invalid ${option} '${text}': expected key=value`);
  return [text.slice(0, eq).trim(), text.slice(eq + 1)];
}

/** Key=value pairs of a repeatable option (`--property parse.key=true --property key.separator=,`). */
export function keyValues(values: readonly string[], option: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const text of values) {
    const [key, value] = splitKeyValue(text, option);
    map.set(key, value);
  }
  return map;
}
