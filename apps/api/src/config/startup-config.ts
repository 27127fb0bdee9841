import { resolve } from "node:path";
import type { ServiceCommandLine } from "./service-command-line.js";
import { readServiceConfig, type ServiceConfig } from "./service-config.js";
import { loadStaticBrokerConfig, type StaticBrokerConfig } from "./static-broker-config.js";

/** Everything the service starts with: its own settings and the static broker configs for the engine. */
export interface StartupConfig {
  service: ServiceConfig;
  broker: StaticBrokerConfig;
}

/**
 * Reads the command line's server.properties (else SKEIN_CONFIG's), the environment and the overrides. The data
 * directory follows the same order as broker configs, since SKEIN_DATA_DIR is the environment's `log.dirs`:
 * `--override log.dirs`, else SKEIN_DATA_DIR, else `log.dirs` of server.properties, else ./data; a relative path is
 * relative to the working directory, as Kafka takes it.
 * @throws StartupConfigError
 */
export function loadStartupConfig(commandLine: ServiceCommandLine, env: NodeJS.ProcessEnv, cwd = process.cwd()): StartupConfig {
  const file = commandLine.configFile ?? (env.SKEIN_CONFIG?.trim() || undefined);
  const broker = loadStaticBrokerConfig({ file: file === undefined ? null : resolve(cwd, file), env, overrides: commandLine.overrides });
  const service = readServiceConfig(env);
  const logDirs = broker.logDirs;
  const fromDataDirVariable = Boolean(env.SKEIN_DATA_DIR?.trim());
  if (logDirs !== null && (logDirs.origin.kind === "override" || !fromDataDirVariable)) return { service: { ...service, dataDir: resolve(cwd, logDirs.path) }, broker };
  return { service, broker };
}
