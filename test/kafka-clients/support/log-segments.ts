import { readdirSync } from "node:fs";
import { join } from "node:path";
import { kafkaTool } from "./kafka-tool.mjs";

/** One batch as kafka-dump-log prints it. */
export interface DumpedBatch {
  baseOffset: number;
  lastOffset: number;
  count: number;
  producerId: number;
  compresscodec: string;
  isvalid: boolean;
}

/**
 * The record batches stored for the given partitions (`<topic>-<partition>` folders of the log directory), read by
 * Kafka's own kafka-dump-log (one JVM for all of them): both brokers keep Kafka's on-disk format, so this shows what a
 * broker really stored, compression codec included.
 */
export async function dumpBatches(dataDir: string, partitions: readonly string[]): Promise<Map<string, DumpedBatch[]>> {
  const files = partitions.flatMap((partition) =>
    readdirSync(join(dataDir, partition))
      .filter((name) => name.endsWith(".log"))
      .sort()
      .map((name) => join(dataDir, partition, name)),
  );
  const dump = await kafkaTool("kafka-dump-log", ["--files", files.join(",")]);
  if (dump.code !== 0) throw new Error(`kafka-dump-log failed:\n${dump.stdout}${dump.stderr}`);
  const batches = new Map<string, DumpedBatch[]>();
  let current: DumpedBatch[] = [];
  for (const line of dump.stdout.split("\n")) {
    const file = /^Dumping (.+)$/.exec(line);
    if (file) {
      const partition = file[1]!.split("/").at(-2)!;
      current = batches.get(partition) ?? [];
      batches.set(partition, current);
      continue;
    }
    if (!line.startsWith("baseOffset:")) continue;
    const field = (name: string) => new RegExp(`\\b${name}: (\\S+)`).exec(line)?.[1] ?? "";
    current.push({
      baseOffset: Number(field("baseOffset")),
      lastOffset: Number(field("lastOffset")),
      count: Number(field("count")),
      producerId: Number(field("producerId")),
      compresscodec: field("compresscodec"),
      isvalid: field("isvalid") === "true",
    });
  }
  return batches;
}
