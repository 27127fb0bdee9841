import { fstatSync } from "node:fs";
import { createInterface } from "node:readline";
import { keyValues, type ParsedOptions } from "../args/parser.js";
import type { ProducerAcks } from "../client/records-api.js";
import { findTopic } from "../client/admin-api.js";
import { CommandError, UsageError } from "../errors.js";
import { BatchProducer, type BatchProducerOptions } from "../producer/batch-producer.js";
import { lineFormat, parseLine } from "../producer/line-reader.js";
import { ProduceProgress } from "../producer/progress.js";
import { StickyPartitioner } from "../producer/sticky-partitioner.js";
import { writeJson, type Command, type CommandContext } from "./command.js";

const ACKS = new Set(["all", "-1", "0", "1"]);
/** Kafka's producer defaults: `batch.size` and `max.request.size`. */
const DEFAULT_BATCH_SIZE = 16_384;
const DEFAULT_MAX_REQUEST_SIZE = 1_048_576;
/** Most records in one REST request, so a file of tiny lines still goes in requests of a sensible size. */
const MAX_REQUEST_RECORDS = 10_000;

/** `skein console-producer`: Kafka's kafka-console-producer.sh. */
export const consoleProducerCommand: Command = {
  name: "console-producer",
  summary: "Produce the lines of standard input as records (kafka-console-producer.sh).",
  description:
    "Reads standard input and produces one record per line over the REST API. With --property parse.key=true " +
    "each line is split at key.separator (default a tab) into key and value. A keyed record goes to the partition " +
    "of its key (murmur2, as Kafka); keyless records go to one partition until batch.size bytes have gone there, then " +
    "to another drawn at random, as Kafka's sticky partitioner spreads them. A topic that does not exist is created " +
    "by the first record (with the broker's num.partitions) unless the broker's auto.create.topics.enable is false. " +
    "On a terminal it prompts with '>'; when standard error is a terminal and the input is a file or a pipe, a " +
    "progress bar shows records/s.",
  options: [
    { name: "topic", kind: "value", valueName: "<String: topic>", description: "The topic to produce to." },
    { name: "property", kind: "list", valueName: "<prop=value>", description: "Line reader property: parse.key, key.separator, ignore.error, null.marker; repeatable." },
    {
      name: "producer-property",
      kind: "list",
      valueName: "<prop=value>",
      description:
        "Producer property: acks (all or -1: fsynced before the answer; 1: written; 0: no wait, offsets unknown), batch.size, max.request.size; repeatable.",
    },
    {
      name: "request-required-acks",
      kind: "value",
      valueName: "<String: acks>",
      description: "The producer's acks, winning over --producer-property acks (default: the service's, all).",
    },
    {
      name: "batch-size",
      kind: "value",
      aliases: ["max-partition-memory-bytes"],
      valueName: "<Integer: bytes>",
      description: "The producer's batch.size: bytes of keyless records sent to one partition before switching (default 16384).",
    },
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
    const settings = producerSettings(options);
    // A missing topic is no error: the first record creates it, as a Kafka producer's does.
    const partitionCount = (await findTopic(context.client, topic))?.partitions_count ?? null;
    return produceLines(context, topic, format, { ...settings, partitionCount, partitioner: new StickyPartitioner(settings.batchSize) });
  },
};

/** The producer properties the console producer uses, from --producer-property and Kafka's shorthand options. */
function producerSettings(options: ParsedOptions): { acks?: ProducerAcks; batchSize: number; maxRequestBytes: number; maxRequestRecords: number } {
  const properties = keyValues(options.values("producer-property"), "--producer-property");
  // As Kafka's console producer: an explicit --request-required-acks wins over --producer-property acks.
  const acks = options.value("request-required-acks") ?? properties.get("acks");
  if (acks !== undefined && !ACKS.has(acks)) throw new UsageError(`Invalid value ${acks} for configuration acks: must be one of all, -1, 0, 1`);
  const positive = (name: string, fallback: number) => {
    const raw = properties.get(name);
    if (raw === undefined) return fallback;
    const value = Number(raw.trim());
    if (!/^\d+$/.test(raw.trim()) || !Number.isSafeInteger(value) || value < 1) throw new UsageError(`Invalid value ${raw} for configuration ${name}: must be a positive integer`);
    return value;
  };
  // As in Kafka's console producer, --batch-size given on the command line wins over --producer-property batch.size.
  const batchSize = options.integer("batch-size", { min: 1 }) ?? positive("batch.size", DEFAULT_BATCH_SIZE);
  const maxRequestBytes = positive("max.request.size", DEFAULT_MAX_REQUEST_SIZE);
  return { ...(acks === undefined ? {} : { acks: acks as ProducerAcks }), batchSize, maxRequestBytes, maxRequestRecords: options.has("sync") ? 1 : MAX_REQUEST_RECORDS };
}

async function produceLines(context: CommandContext, topic: string, format: ReturnType<typeof lineFormat>, producerOptions: Omit<BatchProducerOptions, "onBatch">): Promise<number> {
  const interactive = context.stdin.isTTY === true;
  const progress = !interactive && context.stderr.isTTY === true && !context.json ? new ProduceProgress(context.stderr, inputSize()) : null;
  let stored = 0;
  let failed = 0;
  const producer = new BatchProducer(context.client, topic, {
    ...producerOptions,
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
