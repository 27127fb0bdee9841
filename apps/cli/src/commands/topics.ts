import { keyValues, type ParsedOptions } from "../args/parser.js";
import {
  createTopic,
  deleteTopic,
  findTopic,
  getTopic,
  increasePartitions,
  listConfigs,
  listPartitions,
  listReplicas,
  listTopics,
  UnknownTopicError,
} from "../client/admin-api.js";
import { ApiError, type RestClient } from "../client/rest-client.js";
import { CommandError, UsageError } from "../errors.js";
import { formatTopicDescription, type TopicDescription } from "../format/topic-description.js";
import { writeJson, ZOOKEEPER_OPTION, type Command, type CommandContext } from "./command.js";

const ACTIONS = ["list", "create", "describe", "delete", "alter"] as const;

/** `skein topics`: Kafka's kafka-topics.sh. */
export const topicsCommand: Command = {
  name: "topics",
  summary: "Create, list, describe, alter and delete topics (kafka-topics.sh).",
  description:
    "Creates, lists, describes, alters and deletes topics. Exactly one of --list, --create, --describe, --alter, --delete. " +
    "--describe prints Kafka's layout: a topic line with PartitionCount, ReplicationFactor and the configs that differ from the defaults, " +
    "then one line per partition with its Leader, Replicas and Isr. Partitions can only be increased.",
  options: [
    { name: "list", kind: "flag", description: "List all topics." },
    { name: "create", kind: "flag", description: "Create a topic." },
    { name: "describe", kind: "flag", description: "Describe one topic (--topic) or all of them." },
    { name: "alter", kind: "flag", description: "Increase the partition count of a topic (--partitions)." },
    { name: "delete", kind: "flag", description: "Delete a topic." },
    { name: "topic", kind: "value", valueName: "<String: topic>", description: "The topic." },
    { name: "partitions", kind: "value", valueName: "<Integer>", description: "Partition count, for --create (default: the broker's num.partitions) and --alter." },
    { name: "replication-factor", kind: "value", valueName: "<Integer>", description: "Replication factor for --create (default: the broker's)." },
    { name: "config", kind: "list", valueName: "<name=value>", description: "A topic config for --create; repeatable." },
    { name: "if-not-exists", kind: "flag", description: "With --create: succeed when the topic already exists." },
    { name: "if-exists", kind: "flag", description: "With --alter, --delete or --describe: succeed when the topic does not exist." },
    { name: "exclude-internal", kind: "flag", description: "With --list or --describe: leave out internal topics." },
    ZOOKEEPER_OPTION,
  ],
  examples: [
    "skein topics --bootstrap-server localhost:8080 --list",
    "skein topics --create --topic first_topic --partitions 3 --replication-factor 1",
    "skein topics --create --topic bank-account --config cleanup.policy=compact --config segment.ms=5000",
    "skein topics --describe --topic first_topic",
    "skein topics --alter --topic config-test --partitions 3",
    "skein topics --delete --topic first_topic",
    "skein topics --list --output json",
  ],
  async run(options, context) {
    const actions = ACTIONS.filter((a) => options.has(a));
    if (actions.length !== 1) throw new UsageError("Exactly one of --list, --create, --describe, --alter, --delete is required");
    switch (actions[0]!) {
      case "list":
        return list(options, context);
      case "create":
        return create(options, context);
      case "describe":
        return describe(options, context);
      case "alter":
        return alter(options, context);
      case "delete":
        return remove(options, context);
    }
  },
};

async function list(options: ParsedOptions, context: CommandContext): Promise<number> {
  const names = (await listTopics(context.client))
    .filter((t) => !(options.has("exclude-internal") && t.is_internal))
    .map((t) => t.topic_name)
    .sort();
  if (context.json) writeJson(context, names);
  else for (const name of names) context.stdout.write(`${name}\n`);
  return 0;
}

async function create(options: ParsedOptions, context: CommandContext): Promise<number> {
  const topic = options.required("topic", "for --create");
  const configs = [...keyValues(options.values("config"), "--config")].map(([name, value]) => ({ name, value }));
  const partitions = options.integer("partitions", { min: 1 });
  const replicationFactor = options.integer("replication-factor", { min: 1 });
  try {
    const created = await createTopic(context.client, {
      topic_name: topic,
      ...(partitions !== undefined && { partitions_count: partitions }),
      ...(replicationFactor !== undefined && { replication_factor: replicationFactor }),
      configs,
    });
    if (context.json) writeJson(context, { topic: created.topic_name, partition_count: created.partitions_count, replication_factor: created.replication_factor });
    else context.stdout.write(`Created topic ${topic}.\n`);
  } catch (error) {
    // The REST Proxy answers 40002 for an existing topic and for every other bad request alike (a replication
    // factor above the broker count, a bad config, a '.'/'_' collision): only the topic itself tells them apart.
    // Kafka checks existence first, so an existing topic is always the reason it gives.
    if (options.has("if-not-exists") && error instanceof ApiError && error.status < 500 && (await findTopic(context.client, topic)) !== null) return 0;
    throw error;
  }
  return 0;
}

async function describe(options: ParsedOptions, context: CommandContext): Promise<number> {
  const topic = options.value("topic");
  let names: string[];
  if (topic !== undefined) {
    try {
      await getTopic(context.client, topic);
    } catch (error) {
      if (options.has("if-exists") && error instanceof UnknownTopicError) return 0;
      throw error;
    }
    names = [topic];
  } else {
    names = (await listTopics(context.client))
      .filter((t) => !(options.has("exclude-internal") && t.is_internal))
      .map((t) => t.topic_name)
      .sort();
  }
  const descriptions = await Promise.all(names.map((name) => describeTopic(context.client, name)));
  if (context.json) writeJson(context, descriptions);
  else for (const description of descriptions) context.stdout.write(formatTopicDescription(description));
  return 0;
}

/** Gathers a topic's description from its v3 resources: the topic, its configs, partitions and replicas. */
export async function describeTopic(client: RestClient, topic: string): Promise<TopicDescription> {
  const [data, configs, partitions] = await Promise.all([getTopic(client, topic), listConfigs(client, { type: "topic", name: topic }), listPartitions(client, topic)]);
  const replicas = await Promise.all(partitions.map((p) => listReplicas(client, topic, p.partition_id)));
  return {
    topic,
    partitionCount: data.partitions_count,
    replicationFactor: data.replication_factor,
    configs: configs.filter((c) => !c.is_default).map((c) => [c.name, c.is_sensitive ? null : c.value]),
    partitions: partitions.map((p, i) => {
      const set = replicas[i]!;
      return {
        partition: p.partition_id,
        leader: set.find((r) => r.is_leader)?.broker_id ?? null,
        replicas: set.map((r) => r.broker_id),
        isr: set.filter((r) => r.is_in_sync).map((r) => r.broker_id),
      };
    }),
  };
}

async function alter(options: ParsedOptions, context: CommandContext): Promise<number> {
  const topic = options.required("topic", "for --alter");
  const partitions = options.integer("partitions", { min: 1 });
  if (partitions === undefined) throw new UsageError("--alter needs --partitions (configs are altered with skein configs)");
  let current: number;
  try {
    current = (await getTopic(context.client, topic)).partitions_count;
  } catch (error) {
    if (options.has("if-exists") && error instanceof UnknownTopicError) return 0;
    throw error;
  }
  // Kafka's refusal, before asking: the service would refuse it too (40002).
  if (partitions < current) {
    throw new CommandError(`Topic currently has ${current} partitions, which is higher than the requested ${partitions}.`);
  }
  if (partitions === current) throw new CommandError(`Topic already has ${current} partitions.`);
  const altered = await increasePartitions(context.client, topic, partitions);
  if (context.json) writeJson(context, { topic, partition_count: altered.partitions_count });
  return 0;
}

async function remove(options: ParsedOptions, context: CommandContext): Promise<number> {
  const topic = options.required("topic", "for --delete");
  try {
    await deleteTopic(context.client, topic);
  } catch (error) {
    if (options.has("if-exists") && error instanceof UnknownTopicError) return 0;
    throw error;
  }
  if (context.json) writeJson(context, { topic, deleted: true });
  return 0;
}
