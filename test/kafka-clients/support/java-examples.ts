import { spawn } from "node:child_process";
import { ensureJavaExamples } from "../../../scripts/kafka-clients-setup.mjs";
import { javaExecutable } from "./kafka-dist.mjs";
import { KafkaToolProcess } from "./kafka-tool.mjs";

/** The examples' mains (examples/java, package dev.skein.examples). */
export type JavaExample =
  | "ProducerDemoWithCallback"
  | "ProducerDemoKeys"
  | "ConsumerDemoWithShutdown"
  | "ConsumerDemoAssignSeek"
  | "IdempotentProducer"
  | "SpringKafkaDemo";

/** Starts one of examples/java's mains (built by the setup; rebuilt here if its sources changed since). */
export function startJavaExample(main: JavaExample, args: readonly string[]): KafkaToolProcess {
  const child = spawn(javaExecutable(), ["-Xmx256M", "-XX:TieredStopAtLevel=1", "-cp", ensureJavaExamples(), `dev.skein.examples.${main}`, ...args], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  return new KafkaToolProcess(main, child);
}

/** Runs a main to completion: its exit code and output. */
export async function runJavaExample(main: JavaExample, args: readonly string[], timeoutMs = 120_000): Promise<KafkaToolProcess & { code: number }> {
  const running = startJavaExample(main, args);
  const timer = setTimeout(() => running.child.kill("SIGKILL"), timeoutMs);
  const code = await running.exited;
  clearTimeout(timer);
  return Object.assign(running, { code });
}

/** The lines of a main's output that start with the given word, split on spaces after it. */
export function linesOf(running: KafkaToolProcess, word: string): string[][] {
  return running.lines().filter((line) => line.startsWith(`${word} `) || line === word).map((line) => line.split(" ").slice(1));
}
