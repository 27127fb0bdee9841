import { ensureJavaExamples } from "../../../scripts/kafka-clients-setup.mjs";
import { javaExecutable } from "./kafka-dist.mjs";
import type { KafkaToolProcess } from "./kafka-tool.mjs";
import { runProgram, startProgram } from "./processes.js";

/** The examples' mains (examples/java, package dev.skein.examples). */
export type JavaExample =
  | "ProducerDemoWithCallback"
  | "ProducerDemoKeys"
  | "ConsumerDemoWithShutdown"
  | "ConsumerDemoAssignSeek"
  | "IdempotentProducer"
  | "SpringKafkaDemo"
  | "TransactionalProducer"
  | "OpenTransaction"
  | "IsolatedConsumer"
  | "ExactlyOnceCopy";

/** Starts one of examples/java's mains (built by the setup; rebuilt here if its sources changed since). */
export function startJavaExample(main: JavaExample, args: readonly string[]): KafkaToolProcess {
  return startProgram(javaExecutable(), javaArgs(main, args), { label: `java ${main}` });
}

/** Runs a main to completion: its exit code and output. */
export function runJavaExample(main: JavaExample, args: readonly string[]): Promise<KafkaToolProcess & { code: number }> {
  return runProgram(javaExecutable(), javaArgs(main, args), { label: `java ${main}` });
}

function javaArgs(main: JavaExample, args: readonly string[]): string[] {
  return ["-Xmx256M", "-XX:TieredStopAtLevel=1", "-cp", ensureJavaExamples(), `dev.skein.examples.${main}`, ...args];
}

/** The lines of a main's output that start with the given word, split on spaces after it. */
export function linesOf(running: KafkaToolProcess, word: string): string[][] {
  return running.lines().filter((line) => line.startsWith(`${word} `) || line === word).map((line) => line.split(" ").slice(1));
}
