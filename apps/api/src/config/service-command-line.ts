import { StartupConfigError } from "./startup-config-error.js";

/** The service's command line, after Kafka's `kafka-server-start.sh server.properties [--override name=value]*`. */
export interface ServiceCommandLine {
  /** The server.properties path as given (a bare path or `--config PATH`), or undefined. */
  configFile: string | undefined;
  /** `--override name=value` pairs, in order; they win over the file and the environment. */
  overrides: [string, string][];
  help: boolean;
  version: boolean;
}

/** What `--help` prints. */
export const SERVICE_USAGE = [
  "Usage: npm start -- [server.properties] [--config FILE] [--override name=value]...",
  "       node apps/api/dist/main.js [server.properties] [--config FILE] [--override name=value]...",
  "",
  "Starts Skein. Static broker configs (Kafka's names and server.properties syntax) come from, lowest first:",
  "Kafka's defaults, the server.properties file (a path, --config FILE or SKEIN_CONFIG), SKEIN_ variables",
  "(SKEIN_NUM_PARTITIONS=3 sets num.partitions), then --override. log.dirs names the data directory, in the same",
  "order with SKEIN_DATA_DIR as its variable. Service settings: PORT, HOST, SKEIN_DATA_DIR, DATABASE_URL,",
  "SKEIN_LOG_LEVEL (error, warn, info, debug, trace), NO_COLOR.",
  "",
  "  --config FILE           the server.properties to read (as SKEIN_CONFIG)",
  "  --override name=value   a broker config that wins over the file and the environment; repeatable",
  "  --version               print the version",
  "  --help                  print this help",
  "",
].join("\n");

/** Parses the service's arguments; throws StartupConfigError for anything it does not take. */
export function parseServiceCommandLine(argv: readonly string[]): ServiceCommandLine {
  const result: ServiceCommandLine = { configFile: undefined, overrides: [], help: false, version: false };
  const setConfigFile = (path: string) => {
    if (result.configFile !== undefined) throw new StartupConfigError(`Only one server.properties may be given, got ${result.configFile} and ${path}`);
    if (path.trim() === "") throw new StartupConfigError("The server.properties path is empty");
    result.configFile = path;
  };
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i]!;
    const eq = word.indexOf("=");
    const [flag, inline] = word.startsWith("--") && eq !== -1 ? [word.slice(0, eq), word.slice(eq + 1)] : [word, undefined];
    const value = () => {
      if (inline !== undefined) return inline;
      if (i + 1 >= argv.length) throw new StartupConfigError(`${flag} needs a value (see --help)`);
      return argv[++i]!;
    };
    switch (flag) {
      case "--help":
      case "-h":
        result.help = true;
        break;
      case "--version":
        result.version = true;
        break;
      case "--config":
        setConfigFile(value());
        break;
      case "--override": {
        const pair = value();
        const at = pair.indexOf("=");
        if (at <= 0) throw new StartupConfigError(`--override needs name=value, got '${pair}'`);
        result.overrides.push([pair.slice(0, at).trim(), pair.slice(at + 1)]);
        break;
      }
      default:
        if (word.startsWith("-")) throw new StartupConfigError(`Unknown option ${flag} (see --help)`);
        setConfigFile(word);
    }
  }
  return result;
}
