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
  { name: "output", kind: "value", valueName: "<text|json>", description: "Output format: Kafka's text (default) or json for scripts." },
  { name: "help", kind: "flag", description: "Print this help." },
];

/** Writes one value as indented JSON and a newline. */
export function writeJson(context: CommandContext, value: unknown): void {
  context.stdout.write(JSON.stringify(value, null, 2) + "\n");
}
