import { readFileSync } from "node:fs";
import { BROKER_CONFIG_DEFS, isBrokerConfigName } from "@skein/broker";
import { describeOrigin, type ConfigOrigin, type StaticBrokerConfig } from "../config/static-broker-config.js";

/** Skein's version: the service package's. */
export function serviceVersion(): string {
  return (JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string }).version;
}

/**
 * The start log's config line: the file read, how many static broker configs there are, and those whose value is not
 * Kafka's default (with where each was set, unless the file), so the line stays short for a full server.properties.
 */
export function staticConfigLine(config: StaticBrokerConfig): string {
  const source = config.file === null ? "no server.properties (--config FILE or SKEIN_CONFIG names one)" : config.file;
  const where = (origin: ConfigOrigin) => (origin.kind === "file" ? "" : ` (${describeOrigin(origin, config.file)})`);
  const changed = Object.entries(config.configs)
    .filter(([name, value]) => !isKafkaDefault(name, value))
    .map(([name, value]) => `${name}=${value}${where(config.origins[name]!)}`);
  if (config.logDirs !== null) changed.push(`log.dirs=${config.logDirs.path}${where(config.logDirs.origin)}`);
  const count = Object.keys(config.configs).length + (config.logDirs === null ? 0 : 1);
  if (count === 0) return `Config    ${source}; Kafka's defaults`;
  return `Config    ${source}; ${count} static broker config(s), ${changed.length === 0 ? "all at Kafka's defaults" : `not at Kafka's defaults: ${changed.join(", ")}`}`;
}

/** Whether `value` means the same as Kafka's default for broker config `name` (`168` and ` 168` do). */
function isKafkaDefault(name: string, value: string): boolean {
  if (!isBrokerConfigName(name)) return false;
  const key = BROKER_CONFIG_DEFS[name] as unknown as { defaultValue: unknown; parse(name: string, raw: string): unknown; format(value: unknown): string };
  return key.defaultValue !== null && key.format(key.parse(name, value)) === key.format(key.defaultValue);
}

/** What start-up found: the start log's recovery line. */
export function recoveryLine(state: { newDataDir: boolean; cleanShutdown: boolean; repairs: number }): string {
  const repaired = state.repairs === 0 ? "nothing to repair" : `${state.repairs} repair(s), listed above`;
  if (state.newDataDir) return "Recovery  new data directory";
  if (state.cleanShutdown) return `Recovery  the last run shut down cleanly: ${repaired}`;
  return `Recovery  the last run did not shut down cleanly: logs recovered from their checkpoints, ${repaired}`;
}
