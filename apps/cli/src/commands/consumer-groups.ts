import type { ParsedOptions } from "../args/parser.js";
import { resetRequest } from "../args/reset-options.js";
import { getBroker, partitionOffsets } from "../client/admin-api.js";
import { deleteGroup, deleteGroupOffsets, getGroup, listAssignments, listConsumers, listGroups, listLags, resetOffsets } from "../client/groups-api.js";
import { ApiError, type RestClient } from "../client/rest-client.js";
import type { ConsumerData } from "../client/v3-types.js";
import { CommandError, UsageError } from "../errors.js";
import {
  formatGroupMembers,
  formatGroupOffsets,
  formatGroupState,
  formatResetPlan,
  kafkaGroupState,
  type GroupMemberRow,
  type GroupOffsetRow,
} from "../format/group-tables.js";
import { writeJson, ZOOKEEPER_OPTION, type Command, type CommandContext } from "./command.js";

const ACTIONS = ["list", "describe", "reset-offsets", "delete", "delete-offsets"] as const;

/** `skein consumer-groups`: Kafka's kafka-consumer-groups.sh. */
export const consumerGroupsCommand: Command = {
  name: "consumer-groups",
  summary: "List, describe, reset offsets of and delete consumer groups (kafka-consumer-groups.sh).",
  description:
    "Lists consumer groups, describes one (its partitions with CURRENT-OFFSET, LOG-END-OFFSET and LAG; --members for its " +
    "members; --state for its state), resets its committed offsets, and deletes it. --reset-offsets prints the plan " +
    "and changes nothing unless --execute is given; the group must have no active members to execute.",
  options: [
    { name: "list", kind: "flag", description: "List all consumer groups." },
    { name: "describe", kind: "flag", description: "Describe a group: offsets and lag per partition (default), --members or --state." },
    { name: "reset-offsets", kind: "flag", description: "Reset the group's committed offsets (a plan unless --execute)." },
    { name: "delete", kind: "flag", description: "Delete a group that has no active members." },
    { name: "delete-offsets", kind: "flag", description: "Delete the group's offsets for a topic (--topic)." },
    { name: "group", kind: "list", valueName: "<String: group>", description: "The consumer group; repeatable." },
    { name: "all-groups", kind: "flag", description: "With --describe: every group." },
    { name: "members", kind: "flag", description: "With --describe: list the members." },
    { name: "state", kind: "flag", description: "With --describe: the group's coordinator, assignor, state and member count." },
    { name: "all-topics", kind: "flag", description: "With --reset-offsets: every topic the group has offsets for." },
    { name: "topic", kind: "list", valueName: "<topic[:p,p]>", description: "With --reset-offsets: a topic, or some of its partitions; repeatable." },
    { name: "to-earliest", kind: "flag", description: "Reset to the earliest offset." },
    { name: "to-latest", kind: "flag", description: "Reset to the latest offset." },
    { name: "to-current", kind: "flag", description: "Reset to the current committed offset." },
    { name: "to-offset", kind: "value", valueName: "<Long>", description: "Reset to this offset." },
    { name: "shift-by", kind: "value", valueName: "<Long>", description: "Move the committed offset by n (negative goes back)." },
    { name: "to-datetime", kind: "value", valueName: "<YYYY-MM-DDTHH:mm:SS.sss>", description: "Reset to the first offset at or after this time." },
    { name: "by-duration", kind: "value", valueName: "<PnDTnHnM>", description: "Reset to the first offset at or after this long ago." },
    { name: "dry-run", kind: "flag", description: "Only show the plan (the default)." },
    { name: "execute", kind: "flag", description: "Apply the reset." },
    ZOOKEEPER_OPTION,
  ],
  examples: [
    "skein consumer-groups --list",
    "skein consumer-groups --describe --group order",
    "skein consumer-groups --describe --group order --members",
    "skein consumer-groups --describe --group order --state",
    "skein consumer-groups --group product --reset-offsets --to-earliest --all-topics --execute",
    "skein consumer-groups --group product --reset-offsets --shift-by -2 --topic first_topic --execute",
    "skein consumer-groups --group product --reset-offsets --to-datetime 2026-11-25T10:00:00.000 --topic first_topic:0,1",
    "skein consumer-groups --delete --group product",
  ],
  async run(options, context) {
    const actions = ACTIONS.filter((a) => options.has(a));
    if (actions.length !== 1) throw new UsageError("Exactly one of --list, --describe, --reset-offsets, --delete, --delete-offsets is required");
    switch (actions[0]!) {
      case "list":
        return list(context);
      case "describe":
        return describe(options, context);
      case "reset-offsets":
        return reset(options, context);
      case "delete":
        return remove(options, context);
      case "delete-offsets":
        return removeOffsets(options, context);
    }
  },
};

function groupsOf(options: ParsedOptions): string[] {
  const groups = options.values("group");
  if (groups.length === 0) throw new UsageError("--group is required");
  return groups;
}

async function list(context: CommandContext): Promise<number> {
  const groups = (await listGroups(context.client)).map((g) => g.consumer_group_id).sort();
  if (context.json) writeJson(context, groups);
  else for (const group of groups) context.stdout.write(`${group}\n`);
  return 0;
}

async function describe(options: ParsedOptions, context: CommandContext): Promise<number> {
  const groups = options.has("all-groups") ? (await listGroups(context.client)).map((g) => g.consumer_group_id).sort() : groupsOf(options);
  const results: unknown[] = [];
  for (const group of groups) {
    if (options.has("state")) results.push(await describeState(context, group));
    else if (options.has("members")) results.push(await describeMembers(context, group));
    else results.push(await describeOffsets(context, group));
  }
  if (context.json) writeJson(context, options.has("all-groups") ? results : results[0]);
  return 0;
}

/** Kafka's note on stderr for a group that is empty or rebalancing; true when there is a table to print. */
function noteState(context: CommandContext, group: string, state: string, rows: number): boolean {
  if (context.json) return false;
  if (state === "EMPTY") context.stderr.write(`\nConsumer group '${group}' has no active members.\n`);
  else if (state !== "STABLE" && state !== "DEAD") context.stderr.write(`\nWarning: Consumer group '${group}' is rebalancing.\n`);
  else if (state === "DEAD") throw new CommandError(`Consumer group '${group}' does not exist.`);
  return rows > 0;
}

async function membersWithAssignments(client: RestClient, group: string): Promise<{ member: ConsumerData; partitions: { topic: string; partition: number }[] }[]> {
  const consumers = await listConsumers(client, group);
  return Promise.all(
    consumers.map(async (member) => ({
      member,
      partitions: (await listAssignments(client, group, member.consumer_id)).map((a) => ({ topic: a.topic_name, partition: a.partition_id })),
    })),
  );
}

/** The offsets view: committed partitions from /lags, plus assigned partitions that have no committed offset yet. */
export async function groupOffsetRows(client: RestClient, group: string): Promise<GroupOffsetRow[]> {
  const [lags, members] = await Promise.all([listLags(client, group), membersWithAssignments(client, group)]);
  const owner = new Map<string, ConsumerData>();
  for (const { member, partitions } of members) for (const p of partitions) owner.set(`${p.topic}:${p.partition}`, member);
  const rows: GroupOffsetRow[] = lags.map((lag) => {
    const member = owner.get(`${lag.topic_name}:${lag.partition_id}`);
    return {
      group,
      topic: lag.topic_name,
      partition: lag.partition_id,
      currentOffset: lag.current_offset,
      logEndOffset: lag.log_end_offset,
      lag: lag.lag,
      consumerId: member?.consumer_id ?? (lag.consumer_id || null),
      host: member?.host ?? lag.host ?? null,
      clientId: member?.client_id ?? (lag.client_id || null),
    };
  });
  const committed = new Set(rows.map((r) => `${r.topic}:${r.partition}`));
  for (const { member, partitions } of members) {
    for (const p of partitions) {
      if (committed.has(`${p.topic}:${p.partition}`)) continue;
      const offsets = await partitionOffsets(client, p.topic, p.partition);
      rows.push({ group, topic: p.topic, partition: p.partition, currentOffset: null, logEndOffset: offsets.latest_offset, lag: null, consumerId: member.consumer_id, host: member.host ?? null, clientId: member.client_id });
    }
  }
  return rows.sort((a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition);
}

async function describeOffsets(context: CommandContext, group: string): Promise<unknown> {
  const data = await getGroup(context.client, group);
  const rows = await groupOffsetRows(context.client, group);
  if (noteState(context, group, data.state, rows.length)) context.stdout.write(formatGroupOffsets(rows));
  return {
    group,
    state: kafkaGroupState(data.state),
    partitions: rows.map((r) => ({ topic: r.topic, partition: r.partition, current_offset: r.currentOffset, log_end_offset: r.logEndOffset, lag: r.lag, consumer_id: r.consumerId, host: r.host, client_id: r.clientId })),
  };
}

async function describeMembers(context: CommandContext, group: string): Promise<unknown> {
  const data = await getGroup(context.client, group);
  const members = await membersWithAssignments(context.client, group);
  const rows: GroupMemberRow[] = members.map(({ member, partitions }) => ({ group, consumerId: member.consumer_id, host: member.host ?? null, clientId: member.client_id, partitions: partitions.length }));
  if (noteState(context, group, data.state, rows.length)) context.stdout.write(formatGroupMembers(rows));
  return { group, members: members.map(({ member, partitions }) => ({ consumer_id: member.consumer_id, host: member.host ?? null, client_id: member.client_id, assignment: partitions })) };
}

async function describeState(context: CommandContext, group: string): Promise<unknown> {
  const [data, consumers] = await Promise.all([getGroup(context.client, group), listConsumers(context.client, group)]);
  const coordinatorId = Number(data.coordinator?.related.split("/").pop());
  let coordinator = "-";
  if (Number.isInteger(coordinatorId)) {
    const broker = await getBroker(context.client, coordinatorId);
    coordinator = `${broker.host ?? "-"}:${broker.port ?? "-"} (${coordinatorId})`;
  }
  const row = { group, coordinator, assignmentStrategy: data.partition_assignor, state: kafkaGroupState(data.state), members: consumers.length };
  if (!context.json) {
    if (data.state === "DEAD") throw new CommandError(`Consumer group '${group}' does not exist.`);
    context.stdout.write(formatGroupState(row));
  }
  return { group, coordinator, assignment_strategy: data.partition_assignor, state: row.state, members: row.members };
}

async function reset(options: ParsedOptions, context: CommandContext): Promise<number> {
  const request = resetRequest(options);
  if (!options.has("dry-run") && !options.has("execute") && !context.json) {
    context.stderr.write("WARN: No action will be performed as the --execute option is missing. Add --execute to apply the reset, or --dry-run to keep this behaviour explicitly.\n");
  }
  const plans = [];
  for (const group of groupsOf(options)) {
    const plan = await resetOffsets(context.client, group, request);
    plans.push({ group, dry_run: plan.dry_run, partitions: plan.data });
    if (!context.json) {
      const rows = [...plan.data]
        .sort((a, b) => a.topic_name.localeCompare(b.topic_name) || a.partition_id - b.partition_id)
        .map((p) => ({ group, topic: p.topic_name, partition: p.partition_id, newOffset: p.new_offset }));
      if (rows.length > 0) context.stdout.write(formatResetPlan(rows));
      else context.stderr.write(`\nConsumer group '${group}' has no offsets to reset for the given topics.\n`);
    }
  }
  if (context.json) writeJson(context, plans.length === 1 ? plans[0] : plans);
  return 0;
}

async function remove(options: ParsedOptions, context: CommandContext): Promise<number> {
  const groups = groupsOf(options);
  for (const group of groups) {
    try {
      await deleteGroup(context.client, group);
    } catch (error) {
      if (error instanceof ApiError) throw new CommandError(`Deletion of consumer group '${group}' failed: ${error.message}`);
      throw error;
    }
  }
  if (context.json) writeJson(context, { deleted: groups });
  else context.stdout.write(`Deletion of requested consumer groups (${groups.map((g) => `'${g}'`).join(", ")}) was successful.\n`);
  return 0;
}

async function removeOffsets(options: ParsedOptions, context: CommandContext): Promise<number> {
  const groups = groupsOf(options);
  const topics = options.values("topic");
  if (topics.length === 0) throw new UsageError("--delete-offsets needs --topic");
  for (const group of groups) for (const topic of topics) await deleteGroupOffsets(context.client, group, topic);
  if (context.json) writeJson(context, { groups, topics });
  else context.stdout.write(`Deleted the offsets of ${groups.map((g) => `'${g}'`).join(", ")} for ${topics.map((t) => `'${t}'`).join(", ")}.\n`);
  return 0;
}
