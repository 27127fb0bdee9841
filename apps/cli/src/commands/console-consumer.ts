import { keyValues } from "../args/parser.js";
import { getTopic } from "../client/admin-api.js";
import { GroupConsumer } from "../consumer/group-consumer.js";
import type { IsolationLevel } from "../client/records-api.js";
import { parseStartOffset, readPartitions, type StartOffset } from "../consumer/partition-reader.js";
import { CommandError, UsageError } from "../errors.js";
import { formatRecord, formatterOptions, recordJson, type ConsumedRecord, type FormatterOptions } from "../format/record-formatter.js";
import { ZOOKEEPER_OPTION, type Command, type CommandContext } from "./command.js";

/** `skein console-consumer`: Kafka's kafka-console-consumer.sh. */
export const consoleConsumerCommand: Command = {
  name: "console-consumer",
  summary: "Print a topic's records (kafka-console-consumer.sh).",
  description:
    "Prints records as they arrive, one per line, until --max-messages, --timeout-ms or Ctrl-C. Without --group it reads " +
    "the partitions directly and commits nothing (starting at the end, or the start with --from-beginning, or --offset " +
    "of one --partition). With --group it joins that consumer group, shares the partitions with the group's other " +
    "members, and commits what it printed; Ctrl-C commits and leaves the group cleanly. --from-beginning applies when " +
    "the group has no committed offset. Ends with 'Processed a total of N messages' on standard error.",
  options: [
    { name: "topic", kind: "value", valueName: "<String: topic>", description: "The topic to read." },
    { name: "from-beginning", kind: "flag", description: "Start at the earliest record rather than the latest." },
    { name: "group", kind: "value", valueName: "<String: group>", description: "Join this consumer group and commit." },
    { name: "partition", kind: "value", valueName: "<Integer>", description: "Read only this partition (without --group)." },
    { name: "offset", kind: "value", valueName: "<earliest|latest|N>", description: "Where to start in --partition (default latest)." },
    {
      name: "isolation-level",
      kind: "value",
      valueName: "<read_committed|read_uncommitted>",
      description: "read_committed (default) stops at the last stable offset and skips aborted transactions; read_uncommitted reads them too (without --group).",
    },
    { name: "max-messages", kind: "value", valueName: "<Integer>", description: "Exit after printing this many records." },
    { name: "timeout-ms", kind: "value", valueName: "<Integer>", description: "Exit when no record arrived for this long." },
    { name: "property", kind: "list", valueName: "<prop=value>", description: "Formatter property: print.key, print.timestamp, print.partition, print.offset, print.headers, print.value, key.separator, line.separator, null.literal; repeatable." },
    { name: "consumer-property", kind: "list", valueName: "<prop=value>", description: "Consumer property: group.id, auto.offset.reset; repeatable." },
    ZOOKEEPER_OPTION,
  ],
  examples: [
    "skein console-consumer --bootstrap-server localhost:8080 --topic first_topic",
    "skein console-consumer --topic first_topic --from-beginning --property print.key=true --property key.separator=,",
    "skein console-consumer --topic first_topic --group order",
    "skein console-consumer --topic first_topic --partition 1 --offset 5 --max-messages 10",
    "skein console-consumer --topic first_topic --from-beginning --property print.timestamp=true --property print.partition=true",
    "skein console-consumer --topic first_topic --from-beginning --max-messages 5 --output json",
  ],
  async run(options, context) {
    const topic = options.required("topic");
    const formatter = formatterOptions(keyValues(options.values("property"), "--property"));
    const consumerProperties = keyValues(options.values("consumer-property"), "--consumer-property");
    for (const name of consumerProperties.keys()) {
      if (name !== "group.id" && name !== "auto.offset.reset" && name !== "isolation.level") context.stderr.write(`Ignoring consumer property ${name}: skein does not use it.\n`);
    }
    const group = options.value("group") ?? consumerProperties.get("group.id");
    const reset = consumerProperties.get("auto.offset.reset");
    if (reset !== undefined && reset !== "earliest" && reset !== "latest") throw new UsageError(`auto.offset.reset must be earliest or latest, got '${reset}'`);
    // As Kafka's console consumer: --isolation-level wins over --consumer-property isolation.level.
    const isolationLevel = options.value("isolation-level") ?? consumerProperties.get("isolation.level") ?? "read_committed";
    if (isolationLevel !== "read_committed" && isolationLevel !== "read_uncommitted") throw new UsageError(`isolation.level must be read_committed or read_uncommitted, got '${isolationLevel}'`);
    if (group !== undefined && isolationLevel === "read_uncommitted") throw new UsageError("isolation.level=read_uncommitted is not supported with a group yet: skein's group consumers read committed data only.");
    const maxMessages = options.integer("max-messages", { min: 1 });
    const timeoutMs = options.integer("timeout-ms", { min: 1 });
    const partition = options.integer("partition", { min: 0 });
    if (options.has("offset") && partition === undefined) throw new UsageError("The partition is required when offset is specified.");
    if (options.has("offset") && options.has("from-beginning")) throw new UsageError("Options from-beginning and offset cannot be specified together.");
    if (group !== undefined && partition !== undefined) throw new UsageError("Options group and partition cannot be specified together.");
    await getTopic(context.client, topic);

    const session = new ConsoleSession(context, formatter, maxMessages, timeoutMs);
    const stopOnSignal = () => session.interrupt();
    process.on("SIGINT", stopOnSignal);
    process.on("SIGTERM", stopOnSignal);
    try {
      if (group === undefined) {
        const start: StartOffset = options.has("offset") ? parseStartOffset(options.value("offset")!) : options.has("from-beginning") || reset === "earliest" ? "earliest" : "latest";
        await consumePartitions(context, session, topic, partition, start, isolationLevel);
      } else {
        await consumeInGroup(context, session, topic, group, options.has("from-beginning") ? "earliest" : (reset ?? "latest"));
      }
    } finally {
      process.off("SIGINT", stopOnSignal);
      process.off("SIGTERM", stopOnSignal);
    }
    context.stderr.write(`Processed a total of ${session.printed} messages\n`);
    return 0;
  },
};

/** The printing side of a console consumer: counts, limits, idle timeout and Ctrl-C. */
class ConsoleSession {
  printed = 0;
  private readonly controller = new AbortController();
  private lastActivity = Date.now();
  private interrupts = 0;

  constructor(
    private readonly context: CommandContext,
    private readonly formatter: FormatterOptions,
    private readonly maxMessages: number | undefined,
    private readonly timeoutMs: number | undefined,
  ) {}

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Ctrl-C: stop reading and finish cleanly; a second one exits at once. */
  interrupt(): void {
    if (++this.interrupts > 1) process.exit(130);
    this.controller.abort();
  }

  /** Prints records up to the --max-messages limit; returns the ones printed. */
  print(records: readonly ConsumedRecord[]): ConsumedRecord[] {
    const room = this.maxMessages === undefined ? records.length : Math.max(0, this.maxMessages - this.printed);
    const shown = records.slice(0, room);
    if (shown.length > 0) {
      this.lastActivity = Date.now();
      this.context.stdout.write(shown.map((r) => (this.context.json ? recordJson(r) : formatRecord(r, this.formatter))).join(""));
      this.printed += shown.length;
    }
    return shown;
  }

  /** Restarts the --timeout-ms clock. */
  touch(): void {
    this.lastActivity = Date.now();
  }

  /** True when the consumer should stop: interrupted, enough printed, or idle past --timeout-ms. */
  get done(): boolean {
    if (this.controller.signal.aborted) return true;
    if (this.maxMessages !== undefined && this.printed >= this.maxMessages) return true;
    return this.timeoutMs !== undefined && Date.now() - this.lastActivity >= this.timeoutMs;
  }

  /** Aborts reads in flight once done becomes true by time, so an idle poll does not outlast --timeout-ms. */
  watchTimeout(): () => void {
    if (this.timeoutMs === undefined) return () => undefined;
    const timer = setInterval(() => this.done && this.controller.abort(), Math.min(this.timeoutMs, 100));
    return () => clearInterval(timer);
  }
}

async function consumePartitions(context: CommandContext, session: ConsoleSession, topic: string, partition: number | undefined, start: StartOffset, isolationLevel: IsolationLevel): Promise<void> {
  const stopWatching = session.watchTimeout();
  try {
    for await (const batch of readPartitions(context.client, topic, { ...(partition !== undefined && { partition }), start, isolationLevel }, session.signal)) {
      session.print(batch);
      if (session.done) break;
    }
  } finally {
    stopWatching();
  }
}

async function consumeInGroup(context: CommandContext, session: ConsoleSession, topic: string, group: string, reset: "earliest" | "latest"): Promise<void> {
  const consumer = await GroupConsumer.join(context.client, group, topic, reset);
  const lastPrinted = new Map<string, { topic: string; partition: number; offset: number }>();
  let assigned = false;
  let failure: unknown = null;
  try {
    while (!session.done) {
      // A poll is not aborted on Ctrl-C: cutting a join short would leave the service a half-joined member.
      const records = await consumer.poll(1000);
      const shown = session.print(records);
      for (const r of shown) lastPrinted.set(`${r.topic}:${r.partition}`, { topic: r.topic, partition: r.partition, offset: r.offset });
      if (shown.length > 0) await commit(context, consumer, lastPrinted);
      // --timeout-ms counts from when the member holds partitions, not from when it asked to join.
      if (!assigned && records.length === 0) {
        assigned = (await consumer.assignments()).length > 0;
        if (!assigned) session.touch();
      } else {
        assigned = true;
      }
    }
  } catch (error) {
    failure = error;
  } finally {
    // Commit what was printed, then leave, even after Ctrl-C or an error.
    await commit(context, consumer, lastPrinted);
    await consumer.leave().catch((error: unknown) => context.stderr.write(`Could not leave group ${group} cleanly: ${(error as Error).message}\n`));
  }
  if (failure) throw failure;
}

async function commit(context: CommandContext, consumer: GroupConsumer, lastPrinted: Map<string, { topic: string; partition: number; offset: number }>): Promise<void> {
  try {
    await consumer.commit(lastPrinted);
  } catch (error) {
    // A commit can fail while the group rebalances; the records may then be delivered again (at least once).
    if (error instanceof CommandError) context.stderr.write(`Offset commit failed: ${error.message}\n`);
    else throw error;
  }
}
