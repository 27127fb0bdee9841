// Kafka's command-line tools run as bin/kafka-*.sh runs them: each script is `kafka-run-class.sh CLASS "$@"`, which
// is `java $KAFKA_HEAP_OPTS $KAFKA_JVM_PERFORMANCE_OPTS $KAFKA_LOG4J_OPTS -cp $CLASSPATH CLASS args`. The classes are
// those of Kafka 4.4's scripts (several moved from Scala's kafka.* to org.apache.kafka.tools in 4.x).
import { spawn } from "node:child_process";
import { join } from "node:path";
import { recordRun, runLabel } from "./api-usage.mjs";
import { KAFKA_DIST_DIR, javaExecutable, kafkaClasspath } from "./kafka-dist.mjs";

/**
 * @typedef {"kafka-topics" | "kafka-console-producer" | "kafka-console-consumer" | "kafka-consumer-groups" | "kafka-groups" | "kafka-configs"
 *   | "kafka-producer-perf-test" | "kafka-consumer-perf-test" | "kafka-e2e-latency" | "kafka-transactions" | "kafka-acls"
 *   | "kafka-broker-api-versions" | "kafka-get-offsets" | "kafka-delete-records" | "kafka-log-dirs" | "kafka-dump-log"
 *   | "kafka-storage" | "kafka-server-start" | "kafka-leader-election"} KafkaToolName
 */

/**
 * Each bin/ script's main class, the heap its script asks for when KAFKA_HEAP_OPTS is unset, and whether it runs
 * long enough for its speed to matter (the broker and the performance tools keep Kafka's JVM options exactly).
 * @type {Record<KafkaToolName, { mainClass: string, heap?: string, log4j?: string, measures?: boolean }>}
 */
export const KAFKA_TOOLS = {
  "kafka-topics": { mainClass: "org.apache.kafka.tools.TopicCommand" },
  "kafka-console-producer": { mainClass: "org.apache.kafka.tools.ConsoleProducer", heap: "-Xmx512M" },
  "kafka-console-consumer": { mainClass: "org.apache.kafka.tools.consumer.ConsoleConsumer", heap: "-Xmx512M" },
  "kafka-consumer-groups": { mainClass: "org.apache.kafka.tools.consumer.group.ConsumerGroupCommand" },
  "kafka-groups": { mainClass: "org.apache.kafka.tools.GroupsCommand" },
  "kafka-configs": { mainClass: "org.apache.kafka.tools.ConfigCommand" },
  "kafka-producer-perf-test": { measures: true, mainClass: "org.apache.kafka.tools.ProducerPerformance", heap: "-Xmx512M" },
  "kafka-consumer-perf-test": { measures: true, mainClass: "org.apache.kafka.tools.ConsumerPerformance", heap: "-Xmx512M" },
  "kafka-e2e-latency": { measures: true, mainClass: "org.apache.kafka.tools.EndToEndLatency" },
  "kafka-transactions": { mainClass: "org.apache.kafka.tools.TransactionsCommand" },
  "kafka-acls": { mainClass: "org.apache.kafka.tools.AclCommand" },
  "kafka-broker-api-versions": { mainClass: "org.apache.kafka.tools.BrokerApiVersionsCommand" },
  "kafka-get-offsets": { mainClass: "org.apache.kafka.tools.GetOffsetShell" },
  "kafka-delete-records": { mainClass: "org.apache.kafka.tools.DeleteRecordsCommand" },
  "kafka-log-dirs": { mainClass: "org.apache.kafka.tools.LogDirsCommand" },
  "kafka-dump-log": { mainClass: "org.apache.kafka.tools.DumpLogSegments" },
  "kafka-storage": { mainClass: "kafka.tools.StorageTool" },
  "kafka-leader-election": { mainClass: "org.apache.kafka.tools.LeaderElectionCommand" },
  "kafka-server-start": { measures: true, mainClass: "kafka.Kafka", heap: "-Xmx1G -Xms1G", log4j: "server-log4j2.xml" },
};

// kafka-run-class.sh's KAFKA_JVM_PERFORMANCE_OPTS default.
const JVM_PERFORMANCE_OPTS = [
  "-server",
  "-XX:+UseG1GC",
  "-XX:MaxGCPauseMillis=20",
  "-XX:InitiatingHeapOccupancyPercent=35",
  "-XX:+ExplicitGCInvokesConcurrent",
  "-XX:MaxInlineLevel=15",
  "-Djava.awt.headless=true",
];

/**
 * The `java` command line of a tool: `{ command, args }`.
 * @param {KafkaToolName} tool
 * @param {readonly string[]} args
 * @param {{ heap?: string, jvmOptions?: readonly string[] }} [options]
 */
export function kafkaToolCommand(tool, args, options = {}) {
  const spec = KAFKA_TOOLS[tool];
  if (!spec) throw new Error(`unknown Kafka tool ${tool}`);
  const heap = (options.heap ?? process.env.KAFKA_HEAP_OPTS ?? spec.heap ?? "-Xmx256M").split(/\s+/).filter(Boolean);
  const log4j = `-Dlog4j2.configurationFile=${join(KAFKA_DIST_DIR, spec.log4j ?? "tools-log4j2.xml")}`;
  // A one-shot tool spends its life starting up: C1 alone starts it 30-50% sooner on a busy 2-core machine and
  // changes nothing it prints or sends.
  const quickStart = spec.measures ? [] : ["-XX:TieredStopAtLevel=1"];
  return {
    command: javaExecutable(),
    args: [...heap, ...JVM_PERFORMANCE_OPTS, ...quickStart, log4j, ...(options.jvmOptions ?? []), "-cp", kafkaClasspath(), spec.mainClass, ...args],
  };
}

/** A tool running in a child process, its output collected as it arrives. */
export class KafkaToolProcess {
  stdout = "";
  stderr = "";

  /**
   * @param {string} name
   * @param {import("node:child_process").ChildProcess} child
   * @param {string} [label] what the run does, for the API usage record (support/api-usage.mjs)
   */
  constructor(name, child, label = name) {
    this.name = name;
    this.child = child;
    const started = Date.now();
    child.stdout?.on("data", (chunk) => (this.stdout += chunk.toString()));
    child.stderr?.on("data", (chunk) => (this.stderr += chunk.toString()));
    /**
     * @type {Promise<number>} the exit code; 128 + the signal's number when a signal ended it. On "close", not
     * "exit": only then has everything the process printed (a shutdown hook's last line) been read.
     */
    this.exited = new Promise((resolve) =>
      child.on("close", (code, signal) => {
        recordRun(label, started, Date.now());
        resolve(code ?? 128 + (signal === "SIGKILL" ? 9 : signal === "SIGINT" ? 2 : 15));
      }),
    );
  }

  /** The complete lines printed on standard output so far. */
  lines() {
    const lines = this.stdout.split("\n");
    lines.pop();
    return lines;
  }

  /**
   * Waits until the predicate holds on the output so far; fails when the tool exits first or time runs out.
   * @param {(self: KafkaToolProcess) => boolean} predicate
   */
  async waitFor(predicate, /** @type {string} */ what, timeoutMs = 60_000) {
    const deadline = Date.now() + timeoutMs;
    while (!predicate(this)) {
      if (this.child.exitCode !== null) throw new Error(`${this.name} exited (${this.child.exitCode}) before ${what}:\n${this.stdout}\n${this.stderr}`);
      if (Date.now() > deadline) throw new Error(`${this.name}: no ${what} within ${timeoutMs} ms:\n${this.stdout}\n${this.stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** Waits until standard output has at least `count` lines; returns them. */
  async waitForLines(/** @type {number} */ count, timeoutMs = 60_000) {
    await this.waitFor((self) => self.lines().length >= count, `${count} lines`, timeoutMs);
    return this.lines();
  }

  /** Writes to the tool's standard input (a console producer's records, one per line). */
  write(/** @type {string} */ text) {
    this.child.stdin?.write(text);
  }

  /** Ends standard input, as Ctrl-D does. */
  endInput() {
    this.child.stdin?.end();
  }

  /**
   * Stops the tool as a user's Ctrl-C (SIGINT) or `kill` (SIGTERM) does: the JVM runs its shutdown hooks, so a
   * consumer leaves its group and prints its summary. SIGKILL follows after `graceMs`.
   * @param {NodeJS.Signals} [signal]
   */
  async stop(signal = "SIGTERM", graceMs = 30_000) {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill(signal);
    const timer = setTimeout(() => this.child.kill("SIGKILL"), graceMs);
    try {
      return await this.exited;
    } finally {
      clearTimeout(timer);
    }
  }
}

/**
 * Starts a tool and returns at once. Standard input gets `input` and is closed, or stays open for `input: null`.
 * @param {KafkaToolName} tool
 * @param {readonly string[]} args
 * @param {{ input?: string | null, heap?: string, jvmOptions?: readonly string[], env?: NodeJS.ProcessEnv, cwd?: string }} [options]
 */
export function startKafkaTool(tool, args, options = {}) {
  const { command, args: javaArgs } = kafkaToolCommand(tool, args, options);
  const child = spawn(command, javaArgs, { env: { ...process.env, ...options.env }, cwd: options.cwd, stdio: ["pipe", "pipe", "pipe"] });
  const running = new KafkaToolProcess(tool, child, runLabel(tool, args));
  child.stdin.on("error", () => undefined);
  if (options.input !== null) child.stdin.end(options.input ?? "");
  return running;
}

/**
 * Runs a tool to completion: `{ code, stdout, stderr }`. It is killed after `timeoutMs` (the result then says so).
 * @param {KafkaToolName} tool
 * @param {readonly string[]} args
 * @param {{ input?: string, timeoutMs?: number, heap?: string, jvmOptions?: readonly string[], env?: NodeJS.ProcessEnv, cwd?: string }} [options]
 * @returns {Promise<{ code: number, stdout: string, stderr: string }>}
 */
export async function kafkaTool(tool, args, options = {}) {
  const running = startKafkaTool(tool, args, { ...options, input: options.input ?? "" });
  const timeoutMs = options.timeoutMs ?? 120_000;
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    running.child.kill("SIGKILL");
  }, timeoutMs);
  const code = await running.exited;
  clearTimeout(timer);
  const stderr = timedOut ? `${running.stderr}\n[killed: ${tool} ran longer than ${timeoutMs} ms]` : running.stderr;
  return { code, stdout: running.stdout, stderr };
}
