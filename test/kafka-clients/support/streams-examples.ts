import { ensureStreamsExamples } from "../../../scripts/kafka-clients-setup.mjs";
import { javaExecutable } from "./kafka-dist.mjs";
import type { KafkaToolProcess } from "./kafka-tool.mjs";
import { runProgram, startProgram } from "./processes.js";

/** The Kafka Streams examples' mains (examples/java/streams, package dev.skein.examples.streams). */
export type StreamsMain = "StreamFilterByEvent" | "EventCountByUser" | "EventProducer" | "StreamsOutputChecker";

/** Starts one of examples/java/streams' mains (built by the setup; rebuilt here if its sources changed since). */
export function startStreamsExample(main: StreamsMain, args: readonly string[]): KafkaToolProcess {
  return startProgram(javaExecutable(), javaArgs(main, args), { label: `java ${main}` });
}

/** Runs a main to completion (killed after `timeoutMs`): its exit code and output. */
export function runStreamsExample(main: StreamsMain, args: readonly string[], timeoutMs = 240_000): Promise<KafkaToolProcess & { code: number }> {
  return runProgram(javaExecutable(), javaArgs(main, args), { label: `java ${main}`, timeoutMs });
}

function javaArgs(main: StreamsMain, args: readonly string[]): string[] {
  return ["-Xmx256M", "-XX:TieredStopAtLevel=1", "-cp", ensureStreamsExamples(), `dev.skein.examples.streams.${main}`, ...args];
}

/** The `key=value` fields of the last line that starts with `word` (StreamsOutputChecker's `CHECK ...`). */
export function fieldsOf(running: KafkaToolProcess, word: string): Record<string, string> {
  const line = running.lines().filter((candidate) => candidate.startsWith(`${word} `)).at(-1);
  if (!line) throw new Error(`${running.name} printed no ${word} line:\n${running.stdout}\n${running.stderr.slice(-4000)}`);
  return Object.fromEntries(line.split(" ").slice(1).map((field) => field.split("=") as [string, string]));
}

/** How many input records a Streams app has reported processing: its last `PROCESSED <n>` line (0 before any). */
export function processedCount(app: KafkaToolProcess): number {
  const last = app.lines().filter((line) => line.startsWith("PROCESSED ")).at(-1);
  return last ? Number(last.split(" ")[1]) : 0;
}
