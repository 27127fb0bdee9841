import { readFileSync } from "node:fs";
import { BROKER_CONFIG_DEFS, BrokerConfig, perListenerConfigName } from "@skein/broker";
import { parseProperties, PropertiesSyntaxError } from "./java-properties.js";
import { closestName } from "./closest-name.js";
import { StartupConfigError } from "./startup-config-error.js";
import { unusedKafkaConfigReason } from "./unused-kafka-configs.js";

/** Where a static broker config was set. */
export type ConfigOrigin = { kind: "file"; line: number } | { kind: "env"; variable: string } | { kind: "override" };

/** The static broker configs (Kafka's STATIC_BROKER_CONFIG) from every source, checked. */
export interface StaticBrokerConfig {
  /** The server.properties file read (absolute), or null. */
  file: string | null;
  /** Broker configs for the engine, by Kafka's names; each value trimmed, as Kafka trims them. */
  configs: Record<string, string>;
  /** Where each config in `configs` was set (the source that won). */
  origins: Record<string, ConfigOrigin>;
  /** Kafka's `log.dirs` (or `log.dir`): the data directory, when set in the file or by --override. */
  logDirs: { path: string; origin: ConfigOrigin } | null;
  /** What was ignored and why, one line each: Kafka logs such configs and starts anyway. */
  warnings: string[];
}

export interface StaticConfigSources {
  /** server.properties (absolute path), or null for none. */
  file: string | null;
  /** `SKEIN_`-prefixed variables name broker configs: SKEIN_NUM_PARTITIONS is num.partitions. */
  env: NodeJS.ProcessEnv;
  /** `--override name=value` pairs, in order. */
  overrides: readonly (readonly [string, string])[];
}

/** The configs the service reads itself instead of passing them to the engine: where the logs live. */
const LOG_DIRS = ["log.dirs", "log.dir"] as const;

/** The environment variable of broker config `name`: `SKEIN_` and the name in upper case with `_` for `.`. */
export function brokerConfigVariable(name: string): string {
  return `SKEIN_${name.toUpperCase().replaceAll(".", "_")}`;
}

const BROKER_CONFIG_NAMES = Object.keys(BROKER_CONFIG_DEFS);
const VARIABLES = new Map(BROKER_CONFIG_NAMES.map((name) => [brokerConfigVariable(name), name]));

/**
 * Reads the static broker configs. Precedence, lowest first: Kafka's defaults, server.properties, `SKEIN_`
 * variables, `--override` (dynamic configs set at runtime with `skein configs --alter` sit above all of these, as in
 * Kafka). Only names of broker configs Skein knows are taken from the environment, so service settings such as
 * SKEIN_DATA_DIR keep their meaning. Kafka configs Skein does not use and unknown names are ignored with a warning,
 * as Kafka logs them; an invalid value stops start-up, as it stops Kafka, with where it was set.
 * @throws StartupConfigError
 */
export function loadStaticBrokerConfig(sources: StaticConfigSources): StaticBrokerConfig {
  const settings = new Map<string, { value: string; origin: ConfigOrigin }>();
  const ignored: { name: string; origin: ConfigOrigin }[] = [];
  const set = (name: string, value: string, origin: ConfigOrigin) => {
    if (Object.hasOwn(BROKER_CONFIG_DEFS, name) || (LOG_DIRS as readonly string[]).includes(name) || perListenerConfigName(name) !== undefined) settings.set(name, { value: value.trim(), origin });
    else ignored.push({ name, origin });
  };
  if (sources.file !== null) for (const entry of readPropertiesFile(sources.file)) set(entry.key, entry.value, { kind: "file", line: entry.line });
  const warnings: string[] = [];
  for (const [variable, value] of Object.entries(sources.env)) {
    if (value === undefined || !variable.startsWith("SKEIN_")) continue;
    const name = VARIABLES.get(variable);
    if (name !== undefined) set(name, value, { kind: "env", variable });
    else warnings.push(...misspeltVariable(variable));
  }
  for (const [name, value] of sources.overrides) set(name, value, { kind: "override" });

  const configs: Record<string, string> = {};
  const origins: Record<string, ConfigOrigin> = {};
  for (const [name, { value, origin }] of settings) {
    if ((LOG_DIRS as readonly string[]).includes(name)) continue;
    checkValue(name, value, origin, sources.file);
    configs[name] = value;
    origins[name] = origin;
  }
  try {
    new BrokerConfig(configs);
  } catch (error) {
    throw new StartupConfigError(`Invalid static broker configs: ${(error as Error).message}`);
  }
  return { file: sources.file, configs, origins, logDirs: logDirsOf(settings, sources.file), warnings: [...ignoredWarnings(ignored), ...warnings] };
}

/** Where a config was set, for messages: `config/server.properties line 12`, `SKEIN_NUM_PARTITIONS`, `--override`. */
export function describeOrigin(origin: ConfigOrigin, file: string | null): string {
  switch (origin.kind) {
    case "file":
      return `${file} line ${origin.line}`;
    case "env":
      return origin.variable;
    case "override":
      return "--override";
  }
}

function readPropertiesFile(file: string): ReturnType<typeof parseProperties> {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new StartupConfigError(`Cannot read the broker config file ${file}: ${code === "ENOENT" ? "no such file" : (error as Error).message}`);
  }
  try {
    return parseProperties(text);
  } catch (error) {
    if (error instanceof PropertiesSyntaxError) throw new StartupConfigError(`${file}: ${error.message}`);
    throw error;
  }
}

/** Checks one value with the engine's rules (Kafka's types, ranges and messages), naming where it was set. */
function checkValue(name: string, value: string, origin: ConfigOrigin, file: string | null): void {
  const base = perListenerConfigName(name);
  try {
    new BrokerConfig({ [base ?? name]: value });
  } catch (error) {
    throw new StartupConfigError(`${describeOrigin(origin, file)}: ${(error as Error).message}`);
  }
}

/** `log.dirs` wins over `log.dir`, as in Kafka; Skein keeps one data directory. */
function logDirsOf(settings: ReadonlyMap<string, { value: string; origin: ConfigOrigin }>, file: string | null): StaticBrokerConfig["logDirs"] {
  const setting = settings.get("log.dirs") ?? settings.get("log.dir");
  if (setting === undefined) return null;
  const dirs = setting.value.split(",").map((dir) => dir.trim()).filter(Boolean);
  if (dirs.length !== 1) {
    throw new StartupConfigError(`${describeOrigin(setting.origin, file)}: log.dirs must name exactly one directory (Skein keeps one data directory), got '${setting.value}'`);
  }
  return { path: dirs[0]!, origin: setting.origin };
}

/** One warning per reason for Kafka configs Skein does not use, one per unknown name with the nearest known name. */
function ignoredWarnings(ignored: readonly { name: string; origin: ConfigOrigin }[]): string[] {
  const where = (origin: ConfigOrigin) => (origin.kind === "file" ? `line ${origin.line}` : "--override");
  const byReason = new Map<string, string[]>();
  const unknown: string[] = [];
  for (const { name, origin } of ignored) {
    const reason = unusedKafkaConfigReason(name);
    if (reason === undefined) {
      const suggestion = closestName(name, [...BROKER_CONFIG_NAMES, ...LOG_DIRS]);
      unknown.push(`Ignoring ${name} (${where(origin)}): not a broker config Skein knows${suggestion ? `; did you mean ${suggestion}?` : ""}`);
    } else {
      byReason.set(reason, [...(byReason.get(reason) ?? []), `${name} (${where(origin)})`]);
    }
  }
  return [...[...byReason].map(([reason, names]) => `Ignoring Kafka configs Skein does not use (${reason}): ${names.join(", ")}`), ...unknown];
}

/** A SKEIN_ variable a letter or two away from a broker config's variable is most likely a typo of it. */
function misspeltVariable(variable: string): string[] {
  const suggestion = closestName(variable, [...VARIABLES.keys()]);
  return suggestion ? [`Ignoring ${variable}: not a broker config variable; did you mean ${suggestion}?`] : [];
}
