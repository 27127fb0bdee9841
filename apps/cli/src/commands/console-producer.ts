import { fstatSync } from "node:fs";
import { createInterface } from "node:readline";
import { keyValues } from "../args/parser.js";
import { getTopic } from "../client/admin-api.js";
import { CommandError, UsageError } from "../errors.js";
import { BatchProducer } from "../producer/batch-producer.js";
import { lineFormat, parseLine } from "../producer/line-reader.js";
import { ProduceProgress } from "../producer/progress.js";
import { writeJson, type Command, type CommandContext } from "./command.js";

const ACKS = new Set(["all", "-1", "0", "1"]);

/** `skein console-producer`: Kafka's kafka-console-producer.sh. */
export const consoleProducerCommand: Command = {
  name: "console-producer",
  summary: "Produce the lines of standard input as records (kafka-console-producer.sh).",
  description:
    "Reads standard input and produces one record per line, in batches over the REST API. With --property parse.key=true " +
    "each line is split at key.separator (default a tab) into key and value. On a terminal it prompts with '>'; when " +
    "standard error is a terminal and the input is a file or a pipe, a progress bar shows records/s.",
  options: [
    { name: "topic", kind: "value", valueName: "<String: topic>", description: "The topic to produce to." },
    { name: "property", kind: "list", valueName: "<prop=value>", description: "Line reader property: parse.key, key.separator, ignore.error, null.marker; repeatable." },
    { name: "producer-property", kind: "list", valueName: "<prop=value>", description: "Producer property, e.g. acks=all (the service stores a record before acknowledging it); repeatable." },
    { name: "batch-size", kind: "value", valueName: "<Integer>", description: "Most records per request (default 500)." },
    { name: "sync", kind: "flag", description: "Send each record on its own and wait for it." },
  ],
  examples: [
    "skein console-producer --bootstrap-server localhost:8080 --topic first_topic",
    "skein console-producer --topic first_topic --producer-property acks=all",
    "skein console-producer --topic first_topic --property parse.key=true --property key.separator=:",
    "skein console-producer --broker-list localhost:8080 --topic first_topic < big.txt",
  ],
  async run(options, context) {
    const topic = options.required("topic");
    const format = lineFormat(keyValues(options.values("property"), "--property"));
    const producerProperties = keyValues(options.values("producer-property"), "--producer-property");
    const acks = producerProperties.get("acks");
    if (acks !== undefined && !ACKS.has(acks)) throw new UsageError(`Invalid value ${acks} for configuration acks: must be one of all, -1, 0, 1`);
    const batchSize = options.has("sync") ? 1 : (options.integer("batch-size", { min: 1 }) ?? 500);
    await getTopic(context.client, topic);
    return produceLines(context, topic, format, batchSize);
  },
};

async function produceLines(context: CommandContext, topic: string, format: ReturnType<typeof lineFormat>, batchSize: number): Promise<number> {
  const interactive = context.stdin.isTTY === true;
  const progress = !interactive && context.stderr.isTTY === true && !context.json ? new ProduceProgress(context.stderr, inputSize()) : null;
  let stored = 0;
  let failed = 0;
  const producer = new BatchProducer(context.client, topic, {
    batchSize,
    onBatch: (count, failures) => {
      stored += count;
      failed += failures.length;
      progress?.stored(count);
      // One line per distinct error of a batch, so a refused batch does not flood the terminal.
      const byMessage = new Map<string, number>();
      for (const f of failures) byMessage.set(f.message, (byMessage.get(f.message) ?? 0) + 1);
      for (const [message, n] of byMessage) context.stderr.write(`Error when sending ${n} message(s) to topic ${topic}: ${message}\n`);
    },
  });

  const lines = createInterface({ input: context.stdin, crlfDelay: Infinity, terminal: false });
  const prompt = () => interactive && context.stdout.write(">");
  let lineNumber = 0;
  prompt();
  try {
    for await (const line of lines) {
      lineNumber++;
      progress?.read(Buffer.byteLength(line) + 1);
      producer.add(parseLine(line, format, lineNumber));
      await producer.whenReady();
      prompt();
    }
    await producer.flush();
  } catch (error) {
    if (error instanceof UsageError) {
      // Kafka has sent the lines before the bad one; so does skein.
      await producer.flush().catch(() => undefined);
      progress?.stop();
      throw new CommandError(error.message);
    }
    progress?.stop();
    throw error;
  }
  progress?.stop();
  if (context.json) writeJson(context, { topic, records: stored, failed });
  return failed > 0 ? 1 : 0;
}

/** The size of standard input when it is a regular file (`< big.txt`), for the progress bar's percentage. */
function inputSize(): number | null {
  try {
    const stat = fstatSync(0);
    return stat.isFile() ? stat.size : null;
  } catch {
    return null;
  }
}
