import type { ApiError } from "../client/rest-client.js";
import type { ConfigData } from "../client/v3-types.js";
import { CommandError } from "../errors.js";

/**
 * kafka-configs.sh's describe layout: a heading, then per config
 * `  name=value sensitive=false synonyms={SOURCE:name=value, ...}`.
 */
export function formatConfigDescription(heading: string, configs: readonly ConfigData[]): string {
  const lines = [heading];
  for (const config of configs) {
    const value = config.is_sensitive ? null : config.value;
    const synonyms = config.synonyms.map((s) => `${s.source}:${s.name}=${config.is_sensitive ? null : s.value}`).join(", ");
    lines.push(`  ${config.name}=${value} sensitive=${config.is_sensitive} synonyms={${synonyms}}`);
  }
  return lines.join("\n") + "\n";
}

/** A refused config change as one line that names the config(s), even when the service's message does not. */
export function namedConfigError(error: ApiError, names: readonly string[]): CommandError {
  if (names.some((name) => error.message.includes(name))) return new CommandError(error.message);
  return new CommandError(`Invalid config(s): ${names.join(",")}: ${error.message}`);
}
