import type { ParsedOptions } from "../args/parser.js";
import { parseAddConfig, parseDeleteConfig } from "../args/config-list.js";
import { alterConfigs, listBrokers, listConfigs, type ConfigEntity } from "../client/admin-api.js";
import { ApiError } from "../client/rest-client.js";
import type { ConfigData } from "../client/v3-types.js";
import { CommandError, UsageError } from "../errors.js";
import { formatConfigDescription, namedConfigError } from "../format/config-description.js";
import { writeJson, ZOOKEEPER_OPTION, type Command, type CommandContext } from "./command.js";

/** `skein configs`: Kafka's kafka-configs.sh for topics and brokers. */
export const configsCommand: Command = {
  name: "configs",
  summary: "Describe and alter topic and broker configs (kafka-configs.sh).",
  description:
    "Shows or changes the dynamic configs of a topic or a broker. --describe lists the configs set on the entity " +
    "(with --all, every config and where its value comes from). --alter with --add-config sets configs and with " +
    "--delete-config removes them, so the default applies again.",
  options: [
    { name: "entity-type", kind: "value", valueName: "<topics|brokers>", description: "The kind of entity." },
    { name: "entity-name", kind: "value", valueName: "<String>", description: "The topic name or broker id." },
    { name: "entity-default", kind: "flag", description: "With --entity-type brokers: the cluster-wide broker defaults." },
    { name: "topic", kind: "value", valueName: "<String>", description: "Shortcut for --entity-type topics --entity-name <topic>." },
    { name: "broker", kind: "value", valueName: "<Integer>", description: "Shortcut for --entity-type brokers --entity-name <id>." },
    { name: "broker-defaults", kind: "flag", description: "Shortcut for --entity-type brokers --entity-default." },
    { name: "describe", kind: "flag", description: "List the entity's configs." },
    { name: "all", kind: "flag", description: "With --describe: every config, not only the dynamic ones." },
    { name: "alter", kind: "flag", description: "Change configs (with --add-config and/or --delete-config)." },
    { name: "add-config", kind: "value", valueName: "<k=v,k2=[v1,v2]>", description: "Configs to set." },
    { name: "delete-config", kind: "value", valueName: "<k,k2>", description: "Configs to remove." },
    ZOOKEEPER_OPTION,
  ],
  examples: [
    "skein configs --entity-type topics --entity-name config-test --describe",
    "skein configs --entity-type topics --entity-name config-test --alter --add-config retention.ms=10000",
    "skein configs --entity-type topics --entity-name config-test --alter --delete-config retention.ms",
    "skein configs --entity-type brokers --entity-name 0 --describe --all",
    "skein configs --entity-type brokers --entity-default --alter --add-config log.retention.ms=86400000",
  ],
  async run(options, context) {
    const entity = await resolveEntity(options, context);
    if (options.has("describe") === options.has("alter")) throw new UsageError("Exactly one of --describe or --alter is required");
    return options.has("describe") ? describe(entity, options, context) : alter(entity, options, context);
  },
};

async function resolveEntity(options: ParsedOptions, context: CommandContext): Promise<ConfigEntity> {
  const topic = options.value("topic");
  if (topic !== undefined) return { type: "topic", name: topic };
  const broker = options.value("broker");
  if (options.has("broker-defaults")) return { type: "broker-defaults" };
  const type = broker !== undefined ? "brokers" : options.required("entity-type");
  const name = broker ?? options.value("entity-name");
  if (type === "topics") {
    if (name === undefined) throw new UsageError("--entity-name is required for --entity-type topics");
    return { type: "topic", name };
  }
  if (type !== "brokers") throw new UsageError(`--entity-type must be topics or brokers, got '${type}'`);
  if (options.has("entity-default")) return { type: "broker-defaults" };
  if (name === undefined) {
    // Kafka allows --describe of every broker; the CLI describes the one broker Skein runs.
    const brokers = await listBrokers(context.client);
    if (brokers.length === 0) throw new CommandError("The cluster reports no brokers");
    return { type: "broker", id: brokers[0]!.broker_id };
  }
  if (!/^\d+$/.test(name)) throw new UsageError(`The entity name for brokers must be a broker id, got '${name}'`);
  return { type: "broker", id: Number(name) };
}

function entityLabel(entity: ConfigEntity): string {
  switch (entity.type) {
    case "topic":
      return `topic ${entity.name}`;
    case "broker":
      return `broker ${entity.id}`;
    case "broker-defaults":
      return "brokers in the cluster";
  }
}

async function describe(entity: ConfigEntity, options: ParsedOptions, context: CommandContext): Promise<number> {
  const all = options.has("all");
  const configs = await listConfigs(context.client, entity);
  const dynamicSource = entity.type === "topic" ? "DYNAMIC_TOPIC_CONFIG" : entity.type === "broker" ? "DYNAMIC_BROKER_CONFIG" : "DYNAMIC_DEFAULT_BROKER_CONFIG";
  const shown = all ? configs : configs.filter((c) => c.source === dynamicSource);
  if (context.json) {
    writeJson(
      context,
      shown.map((c) => ({ name: c.name, value: c.is_sensitive ? null : c.value, source: c.source, is_default: c.is_default, is_read_only: c.is_read_only, is_sensitive: c.is_sensitive })),
    );
    return 0;
  }
  const heading = entity.type === "broker-defaults" ? `${all ? "All" : "Default"} configs for brokers in the cluster are:` : `${all ? "All" : "Dynamic"} configs for ${entityLabel(entity)} are:`;
  context.stdout.write(formatConfigDescription(heading, shown));
  if (!all && entity.type === "broker") noteStaticConfigs(context, entity.id, configs);
  return 0;
}

/** As in Kafka, --describe lists dynamic configs only; whoever just edited server.properties is told where theirs are. */
function noteStaticConfigs(context: CommandContext, brokerId: number, configs: readonly ConfigData[]): void {
  const names = configs.filter((c) => c.source === "STATIC_BROKER_CONFIG").map((c) => c.name);
  if (names.length === 0) return;
  context.stderr.write(`Broker ${brokerId} also has ${names.length} static config(s) (STATIC_BROKER_CONFIG, from server.properties or SKEIN_ variables): ${names.join(", ")}; --all lists them.\n`);
}

async function alter(entity: ConfigEntity, options: ParsedOptions, context: CommandContext): Promise<number> {
  const add = options.value("add-config");
  const remove = options.value("delete-config");
  if (add === undefined && remove === undefined) throw new UsageError("--alter needs --add-config and/or --delete-config");
  const sets = add === undefined ? [] : parseAddConfig(add);
  const deletes = remove === undefined ? [] : parseDeleteConfig(remove);
  const changes = [
    ...sets.map(([name, value]) => ({ name, value, operation: "SET" as const })),
    ...deletes.map((name) => ({ name, operation: "DELETE" as const })),
  ];
  try {
    await alterConfigs(context.client, entity, changes);
  } catch (error) {
    if (error instanceof ApiError && error.status < 500 && error.status !== 404) {
      throw namedConfigError(error, changes.map((c) => c.name));
    }
    throw error;
  }
  if (context.json) writeJson(context, { entity: entityLabel(entity), set: Object.fromEntries(sets), deleted: deletes });
  else context.stdout.write(entity.type === "broker-defaults" ? "Completed updating default config for brokers in the cluster.\n" : `Completed updating config for ${entityLabel(entity)}.\n`);
  return 0;
}
