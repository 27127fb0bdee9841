import { ConsoleLogger, type LogLevel } from "@nestjs/common";
import { StartupConfigError } from "../config/startup-config-error.js";

/** Nest's own start-up lines (module wiring, one line per route): for debugging routes, noise in an operator's log. */
const FRAMEWORK_CONTEXTS = new Set(["NestFactory", "InstanceLoader", "RoutesResolver", "RouterExplorer", "NestApplication", "WebSocketsController"]);

/** Levels from the most detailed; a level shows itself and everything after it. */
const LEVELS: readonly LogLevel[] = ["verbose", "debug", "log", "warn", "error", "fatal"];
/** SKEIN_LOG_LEVEL's names: Nest's, and log4j's as Kafka operators know them. */
const LEVEL_NAMES: Record<string, LogLevel> = { trace: "verbose", verbose: "verbose", debug: "debug", info: "log", log: "log", warn: "warn", error: "error", fatal: "fatal" };

/** How each level is printed: log4j's names, which Kafka's logs use. */
const LEVEL_LABELS: Record<LogLevel, string> = { verbose: "TRACE", debug: "DEBUG", log: "INFO", warn: "WARN", error: "ERROR", fatal: "FATAL" };

export interface ServiceLogOptions {
  /** The levels printed. */
  levels: LogLevel[];
  /** ANSI colours: only on a terminal, and never with NO_COLOR. */
  colors: boolean;
}

/**
 * The log settings from the environment: SKEIN_LOG_LEVEL (default info), colour when standard output is a terminal
 * unless NO_COLOR is set (https://no-color.org).
 * @throws StartupConfigError for an unknown level
 */
export function serviceLogOptions(env: NodeJS.ProcessEnv, stdoutIsTerminal: boolean): ServiceLogOptions {
  const name = env.SKEIN_LOG_LEVEL?.trim().toLowerCase() || "info";
  const level = LEVEL_NAMES[name];
  if (level === undefined) throw new StartupConfigError(`SKEIN_LOG_LEVEL must be one of ${Object.keys(LEVEL_NAMES).join(", ")}, got "${env.SKEIN_LOG_LEVEL}"`);
  return { levels: LEVELS.slice(LEVELS.indexOf(level)), colors: stdoutIsTerminal && !env.NO_COLOR };
}

/**
 * The service's log: one line per event as `<ISO time> <LEVEL> [<context>] <message>` with log4j's level names
 * (INFO, not Nest's LOG), Nest's start-up lines at debug level, colour only when asked for.
 */
export class ServiceLogger extends ConsoleLogger {
  constructor(options: ServiceLogOptions) {
    super({ logLevels: options.levels, colors: options.colors, timestamp: false });
  }

  override log(message: unknown, ...params: unknown[]): void {
    const context = params[params.length - 1];
    if (typeof context === "string" && FRAMEWORK_CONTEXTS.has(context)) this.debug(message, ...params);
    else super.log(message, ...params);
  }

  protected override formatMessage(
    logLevel: LogLevel,
    message: unknown,
    pidMessage: string,
    _formattedLogLevel: string,
    contextMessage: string,
    timestampDiff: string,
    params?: Record<string, unknown>,
  ): string {
    return super.formatMessage(logLevel, message, pidMessage, LEVEL_LABELS[logLevel].padStart(5), contextMessage, timestampDiff, params);
  }

  protected override formatPid(): string {
    return "";
  }

  protected override getTimestamp(): string {
    return new Date().toISOString();
  }
}
