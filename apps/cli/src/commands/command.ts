import type { Readable, Writable } from "node:stream";
import type { OptionSpec, ParsedOptions } from "../args/parser.js";
import type { RestClient } from "../client/rest-client.js";

/** What a command runs with: its streams and the client for the server the options name. */
export interface CommandContext {
  stdin: Readable & { isTTY?: boolean };
  stdout: Writable;
  stderr: Writable & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  client: RestClient;
  /** `--output json`: print machine-readable JSON instead of Kafka's text. */
  json: boolean;
}

/** One `skein <name>` tool. */
export interface Command {
  name: string;
  /** One line for `skein --help`. */
  summary: string;
  /** A paragraph for `skein <name> --help`. */
  description: string;
  options: OptionSpec[];
  examples: string[];
  /** Runs the command; resolves to the exit code. */
  run(options: ParsedOptions, context: CommandContext): Promise<number>;
}

/** The options every command takes. */
export const COMMON_OPTIONS: OptionSpec[] = [
  {
    name: "bootstrap-server",
    kind: "value",
    aliases: ["broker-list"],
    valueName: "<server>",
    description: "The Skein service: an http(s) URL or host:port. Default: $SKEIN_SERVER, else http://localhost:8080.",
  },
  {
    name: "command-config",
    kind: "value",
    aliases: ["producer.config", "consumer.config"],
    valueName: "<file>",
    description:
      "A Kafka client properties file with the credentials to send (sasl.jaas.config's username and password, or basic.auth.user.info=user:password; an API key's id and secret work too); its other properties are not read. Default: $SKEIN_USER and $SKEIN_PASSWORD.",
  },
  { name: "output", kind: "value", valueName: "<text|json>", description: "Output format: Kafka's text (default) or json for scripts." },
  { name: "help", kind: "flag", description: "Print this help." },
];

/**
 * `--zookeeper host:port`, which Kafka's kafka-topics, kafka-console-consumer and kafka-consumer-groups took until
 * 2.x and kafka-configs until 3.x, and which older walk-throughs type everywhere. Skein has no ZooKeeper, and a
 * ZooKeeper address never names a Skein server, so the option is accepted and its address is not used: the command
 * talks to the server `--bootstrap-server` (or SKEIN_SERVER) names, and says so on standard error.
 */
export const ZOOKEEPER_OPTION: OptionSpec = {
  name: "zookeeper",
  kind: "value",
  valueName: "<host:port>",
  description: "Accepted for walk-throughs written for older Kafka, and not used: Skein has no ZooKeeper (the server is --bootstrap-server's).",
};

/** The one-line note for a `--zookeeper` that is accepted but not used. */
export function zookeeperNote(address: string, server: string): string {
  return `Note: Skein has no ZooKeeper, so --zookeeper ${address} is not used; talking to the Skein server at ${server} (choose it with --bootstrap-server or SKEIN_SERVER).\n`;
}

/** Writes one value as indented JSON and a newline. */
export function writeJson(context: CommandContext, value: unknown): void {
  context.stdout.write(JSON.stringify(value, null, 2) + "\n");
}
