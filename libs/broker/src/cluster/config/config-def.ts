import { InvalidConfigError } from "../../errors.js";

/**
 * Config definitions after Kafka's `ConfigDef`: typed keys that parse the string values of `server.properties` and
 * of config requests, validate them and throw `InvalidConfigError` with Kafka's exact wording
 * (`Invalid value abc for configuration retention.ms: Not a number of type LONG`).
 */

/** Kafka's config types, as DescribeConfigs reports them; `UNKNOWN` is a name no definition knows. */
export type ConfigType = "BOOLEAN" | "STRING" | "INT" | "SHORT" | "LONG" | "DOUBLE" | "LIST" | "CLASS" | "PASSWORD" | "UNKNOWN";

/**
 * Kafka's `Long.MAX_VALUE`, the "never" of `flush.messages`, `flush.ms`, `max.compaction.lag.ms` and the like.
 * A JS number cannot hold 2^63−1, so every LONG above 2^53−1 is held as `Infinity` (and below −(2^53−1) as
 * `-Infinity`): comparisons and sums then behave as "never", and such values are described as Kafka's
 * `9223372036854775807` (`-9223372036854775808`).
 */
export const LONG_MAX_VALUE = Number.POSITIVE_INFINITY;

const LONG_MAX_TEXT = "9223372036854775807";
const LONG_MIN_TEXT = "-9223372036854775808";

/** One config's type, default, validation and documentation. */
export interface ConfigKey<T, D extends T | null = T | null> {
  readonly type: Exclude<ConfigType, "UNKNOWN">;
  /** The value when nothing sets the config; `null` where Kafka defines no default. */
  readonly defaultValue: D;
  readonly documentation: string;
  /** The only values (or list items) allowed, for an enumerated STRING or LIST config (Kafka's `ValidString`, `ValidList`). */
  readonly validValues?: readonly string[];
  /** Parses and validates a string value (trimmed first, as Kafka does); throws `InvalidConfigError`. */
  parse(name: string, raw: string): T;
  /** The value as Kafka describes it (`ConfigDef.convertToString`). */
  format(value: T): string;
  /** A secret (Kafka's PASSWORD type): described as null, never shown. */
  readonly sensitive?: boolean;
}

/** The value type a config key yields: nullable when the key has no default. */
export type ConfigValue<K> = K extends ConfigKey<infer T, infer D> ? (null extends D ? T | null : T) : never;

/** Kafka's `Range`: bounds for numeric configs, inclusive. */
export interface Range {
  readonly min?: number;
  readonly max?: number;
}

/** Kafka's `Range.atLeast`. */
export function atLeast(min: number): Range {
  return { min };
}

/** Kafka's `Range.between`. */
export function between(min: number, max: number): Range {
  return { min, max };
}

/** Kafka's `ConfigException(name, value, message)` as an `InvalidConfigError`. */
export function invalidValue(name: string, value: string, message: string): InvalidConfigError {
  return new InvalidConfigError(`Invalid value ${value} for configuration ${name}: ${message}`);
}

export function booleanConfig<D extends boolean | null>(documentation: string, defaultValue: D): ConfigKey<boolean, D> {
  return {
    type: "BOOLEAN",
    defaultValue,
    documentation,
    parse(name, raw) {
      const trimmed = raw.trim().toLowerCase();
      if (trimmed === "true") return true;
      if (trimmed === "false") return false;
      throw invalidValue(name, raw, "Expected value to be either true or false");
    },
    format: (value) => String(value),
  };
}

/** A STRING config restricted to `validStrings` (Kafka's `ValidString.in`, case-sensitive). */
export function stringConfig<const V extends string, D extends NoInfer<V> | null>(
  documentation: string,
  defaultValue: D,
  validStrings: readonly V[],
): ConfigKey<V, D> {
  return {
    type: "STRING",
    defaultValue,
    documentation,
    validValues: validStrings,
    parse(name, raw) {
      return checkOneOf(name, raw.trim(), validStrings);
    },
    format: (value) => value,
  };
}

/** A free-form STRING config (a name such as `broker.rack`). */
export function freeStringConfig<D extends string | null>(documentation: string, defaultValue: D): ConfigKey<string, D> {
  return {
    type: "STRING",
    defaultValue,
    documentation,
    parse: (_name, raw) => raw.trim(),
    format: (value) => value,
  };
}

/** A LIST config whose items are restricted to `validStrings` (Kafka's `ValidList.in`). */
export function listConfig<const V extends string, D extends readonly NoInfer<V>[] | null>(
  documentation: string,
  defaultValue: D,
  validStrings: readonly V[],
): ConfigKey<readonly V[], D> {
  return {
    type: "LIST",
    defaultValue,
    documentation,
    validValues: validStrings,
    parse(name, raw) {
      const trimmed = raw.trim();
      if (trimmed === "") return [];
      return trimmed.split(/\s*,\s*/).map((item) => checkOneOf(name, item, validStrings));
    },
    format: (value) => value.join(","),
  };
}

/** A STRING config taking any value (a path, a host, a principal list). */
export function textConfig<D extends string | null>(documentation: string, defaultValue: D): ConfigKey<string, D> {
  return { type: "STRING", defaultValue, documentation, parse: (_name, raw) => raw.trim(), format: (value) => value };
}

/** A CLASS config restricted to `validClasses` (Skein cannot load Java classes: it knows these names). */
export function classConfig<const V extends string, D extends NoInfer<V> | null>(documentation: string, defaultValue: D, validClasses: readonly V[]): ConfigKey<V, D> {
  return { ...stringConfig(documentation, defaultValue, validClasses), type: "CLASS" };
}

/** A PASSWORD config: any value, kept but never described (Kafka's `Password`). */
export function passwordConfig(documentation: string): ConfigKey<string, null> {
  return { type: "PASSWORD", defaultValue: null, documentation, parse: (_name, raw) => raw, format: () => "[hidden]", sensitive: true };
}

export function intConfig<D extends number | null>(documentation: string, defaultValue: D, range: Range = {}): ConfigKey<number, D> {
  return integerConfig("INT", 32, documentation, defaultValue, range);
}

export function shortConfig<D extends number | null>(documentation: string, defaultValue: D, range: Range = {}): ConfigKey<number, D> {
  return integerConfig("SHORT", 16, documentation, defaultValue, range);
}

/** A LONG config; see `LONG_MAX_VALUE` for how values beyond 2^53−1 are held. */
export function longConfig<D extends number | null>(documentation: string, defaultValue: D, range: Range = {}): ConfigKey<number, D> {
  return integerConfig("LONG", 64, documentation, defaultValue, range);
}

export function doubleConfig<D extends number | null>(documentation: string, defaultValue: D, range: Range = {}): ConfigKey<number, D> {
  return {
    type: "DOUBLE",
    defaultValue,
    documentation,
    parse(name, raw) {
      const trimmed = raw.trim();
      // Java's Double.parseDouble, without hexadecimal floats.
      if (!/^[+-]?(NaN|Infinity|(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?[fFdD]?)$/.test(trimmed)) {
        throw invalidValue(name, raw, "Not a number of type DOUBLE");
      }
      const value = Number(trimmed.replace(/[fFdD]$/, ""));
      checkRange(name, value, formatJavaDouble(value), range);
      return value;
    },
    format: formatJavaDouble,
  };
}

/** Formats a LONG as Kafka prints it, `±Infinity` as Long.MAX_VALUE / Long.MIN_VALUE. */
export function formatLong(value: number): string {
  if (value === Number.POSITIVE_INFINITY) return LONG_MAX_TEXT;
  if (value === Number.NEGATIVE_INFINITY) return LONG_MIN_TEXT;
  return String(value);
}

/** Formats a double as Java's `Double.toString` does (`0.5`, `1.0`, `1.0E7`). */
export function formatJavaDouble(value: number): string {
  if (Number.isNaN(value)) return "NaN";
  if (!Number.isFinite(value)) return value > 0 ? "Infinity" : "-Infinity";
  if (value === 0) return Object.is(value, -0) ? "-0.0" : "0.0";
  const magnitude = Math.abs(value);
  if (magnitude >= 1e-3 && magnitude < 1e7) {
    const text = String(value);
    return text.includes(".") ? text : `${text}.0`;
  }
  const [mantissa = "", exponent = ""] = value.toExponential().split("e");
  return `${mantissa.includes(".") ? mantissa : `${mantissa}.0`}E${Number(exponent)}`;
}

function integerConfig<D extends number | null>(
  type: "INT" | "SHORT" | "LONG",
  bits: 16 | 32 | 64,
  documentation: string,
  defaultValue: D,
  range: Range,
): ConfigKey<number, D> {
  const max = (1n << BigInt(bits - 1)) - 1n;
  const min = -(1n << BigInt(bits - 1));
  const format = type === "LONG" ? formatLong : String;
  return {
    type,
    defaultValue,
    documentation,
    parse(name, raw) {
      const trimmed = raw.trim();
      // Java's Integer/Short/Long.parseLong: an optional sign, decimal digits, within the type's range.
      const parsed = /^[+-]?\d+$/.test(trimmed) ? BigInt(trimmed) : undefined;
      if (parsed === undefined || parsed > max || parsed < min) {
        throw invalidValue(name, raw, `Not a number of type ${type}`);
      }
      const value = toSafeNumber(parsed);
      checkRange(name, value, format(value), range);
      return value;
    },
    format,
  };
}

function toSafeNumber(value: bigint): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) return Number.POSITIVE_INFINITY;
  if (value < BigInt(Number.MIN_SAFE_INTEGER)) return Number.NEGATIVE_INFINITY;
  return Number(value);
}

function checkRange(name: string, value: number, text: string, range: Range): void {
  if (range.min !== undefined && value < range.min) throw invalidValue(name, text, `Value must be at least ${range.min}`);
  if (range.max !== undefined && value > range.max) throw invalidValue(name, text, `Value must be no more than ${range.max}`);
}

function checkOneOf<V extends string>(name: string, value: string, validStrings: readonly V[]): V {
  if (!(validStrings as readonly string[]).includes(value)) {
    throw invalidValue(name, value, `String must be one of: ${validStrings.join(", ")}`);
  }
  return value as V;
}
