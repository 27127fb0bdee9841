import { parseOptions } from "./args/parser.js";
import { basicAuthorization, resolveCredentials } from "./client/credentials.js";
import { RestClient } from "./client/rest-client.js";
import { resolveServer } from "./client/server-address.js";
import { COMMON_OPTIONS, zookeeperNote, type Command, type CommandContext } from "./commands/command.js";
import { configsCommand } from "./commands/configs.js";
import { consoleConsumerCommand } from "./commands/console-consumer.js";
import { consoleProducerCommand } from "./commands/console-producer.js";
import { consumerGroupsCommand } from "./commands/consumer-groups.js";
import { topicsCommand } from "./commands/topics.js";
import { UsageError } from "./errors.js";
import { commandHelp, generalHelp } from "./help.js";

/** Every `skein` command, in the order `skein --help` lists them. */
export const COMMANDS: readonly Command[] = [topicsCommand, consoleProducerCommand, consoleConsumerCommand, consumerGroupsCommand, configsCommand];

/** Kafka's script names work too: `skein kafka-topics.sh --list`. */
function findCommand(name: string): Command | undefined {
  const bare = name.replace(/^kafka-/, "").replace(/\.sh$/, "");
  return COMMANDS.find((c) => c.name === bare);
}

export type CliIo = Omit<CommandContext, "client" | "json">;

/** Runs one command line; resolves to the exit code. Errors are printed as one line on standard error. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    (name === undefined ? io.stderr : io.stdout).write(generalHelp(COMMANDS));
    return name === undefined ? 2 : 0;
  }
  const command = findCommand(name);
  if (!command) {
    io.stderr.write(`Error: unknown command '${name}'. Commands: ${COMMANDS.map((c) => c.name).join(", ")} (see skein --help)\n`);
    return 2;
  }
  try {
    const options = parseOptions(rest, [...command.options, ...COMMON_OPTIONS], command.name);
    if (options.has("help")) {
      io.stdout.write(commandHelp(command));
      return 0;
    }
    const output = options.value("output") ?? "text";
    if (output !== "text" && output !== "json") throw new UsageError(`--output must be text or json, got '${output}'`);
    const credentials = resolveCredentials(options.value("command-config"), io.env);
    const client = new RestClient(resolveServer(options.value("bootstrap-server"), io.env), fetch, credentials && basicAuthorization(credentials));
    if (options.has("zookeeper")) io.stderr.write(zookeeperNote(options.value("zookeeper")!, client.baseUrl));
    return await command.run(options, { ...io, client, json: output === "json" });
  } catch (error) {
    io.stderr.write(`Error: ${(error as Error).message}\n`);
    if (io.env.SKEIN_DEBUG) io.stderr.write(`${(error as Error).stack}\n`);
    return error instanceof UsageError ? 2 : 1;
  }
}
