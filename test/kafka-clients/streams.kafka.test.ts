// The course's Kafka Streams chapter (examples/java/streams): Kafka Streams 4.4, unchanged, against the selected
// brokers, with each processing guarantee the target is tested with (support/target-guarantees.mjs: exactly_once_v2
// needs the broker's transactions).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { kafkaTool, startKafkaTool, type KafkaToolProcess } from "./support/kafka-tool.mjs";
import { fieldsOf, processedCount, runStreamsExample, startStreamsExample, type StreamsMain } from "./support/streams-examples.js";
import { processingGuarantees, type ProcessingGuarantee } from "./support/target-guarantees.mjs";
import { kafkaTargets, type CrashableTarget, type KafkaTarget, type StartedTarget } from "./support/targets.js";

/** The crash scenarios' stream: numbered events 0..EVENTS-1 at about RATE a second. */
const EVENTS = 100_000;
const RATE = 5_000;
/** Events 2, 5, 8, ... are purchases (examples/java/streams' Events): what StreamFilterByEvent keeps. */
const PURCHASES = 33_333;

for (const target of kafkaTargets()) describeStreams(target);

function describeStreams(target: KafkaTarget): void {
  const guarantees = processingGuarantees(target.id);
  const strongest = guarantees.at(-1)!;

  describe(`Kafka Streams 4.4 against ${target.name} (${guarantees.join(", ")})`, () => {
    let broker: StartedTarget;
    let stateRoot: string;
    const running: KafkaToolProcess[] = [];
    const start = (main: StreamsMain, args: readonly string[]) => {
      const process = startStreamsExample(main, args);
      running.push(process);
      return process;
    };

    beforeAll(async () => {
      broker = await target.start();
      stateRoot = mkdtempSync(join(tmpdir(), "skein-streams-state-"));
    });
    afterAll(async () => {
      await Promise.all(running.map((process) => process.stop("SIGKILL")));
      await broker?.stop();
      rmSync(stateRoot, { recursive: true, force: true });
    });

    it(`the course's steps 1–4: the console consumer prints exactly the purchase events StreamFilterByEvent kept (${strongest})`, async () => {
      const bootstrap = broker.bootstrap;
      // 1. Both topics, with kafka-topics.
      await createTopics(bootstrap, ["input_topic", "output_topic"], 3);
      // 2. A consumer of the output, in group `output`, from the beginning.
      const consumer = startKafkaTool("kafka-console-consumer", ["--bootstrap-server", bootstrap, "--topic", "output_topic", "--group", "output", "--from-beginning"], { input: null });
      running.push(consumer);
      // 3. Events, as a user types them into the console producer (one is not JSON: it must be dropped, not fatal).
      const events = [
        `{"user":"kim","event":"view","page":"/products/1"}`,
        `{"user":"lee","event":"purchase","product":"keyboard","amount":30000}`,
        `{"user":"park","event":"click","page":"/cart"}`,
        `not an event`,
        `{"user":"kim","event":"purchase","product":"mouse","amount":10000}`,
        `{"user":"choi","event":"view","page":"/"}`,
        `{"user":"park","event":"purchase","product":"monitor","amount":250000}`,
      ];
      const produced = await kafkaTool("kafka-console-producer", ["--bootstrap-server", bootstrap, "--topic", "input_topic"], { input: `${events.join("\n")}\n` });
      expect(produced.code, produced.stderr).toBe(0);
      // 4. The Streams application.
      const app = start("StreamFilterByEvent", [bootstrap, "--guarantee", strongest, "--state-dir", join(stateRoot, "course")]);

      const purchases = events.filter((event) => event.includes(`"event":"purchase"`));
      await consumer.waitForLines(purchases.length, 120_000);
      // And nothing more arrives.
      await new Promise((resolve) => setTimeout(resolve, 3000));
      expect([...consumer.lines()].sort()).toEqual([...purchases].sort());
      expect(app.lines()).toContain("STATE RUNNING");
      expect(app.lines().filter((line) => line.startsWith("ERROR"))).toEqual([]);

      expect(await app.stop("SIGTERM")).toBe(143);
      // The shutdown hook prints CLOSED once close() returns; Streams may still report its last state change
      // (STATE NOT_RUNNING) from its own thread just after, so CLOSED need not be the very last line.
      expect(app.lines()).toContain("CLOSED");
      await consumer.stop("SIGTERM");
    });

    for (const guarantee of guarantees) {
      it(`SIGKILL of the app in the middle of ${EVENTS.toLocaleString("en")} events, then a restart: ${promise(guarantee)} (${guarantee})`, async () => {
        const result = await runThroughCrash(broker, guarantee, `kill_app_${guarantee}`, start, {
          crash: async (app) => {
            expect(await app.stop("SIGKILL")).toBe(137);
            return start("StreamFilterByEvent", app.restartArgs);
          },
        });
        expectCheck(result, guarantee);
      });
    }

    describe("a broker SIGKILLed mid-stream", () => {
      let crashable: CrashableTarget;
      beforeAll(async () => {
        crashable = await target.startCrashable();
      });
      afterAll(async () => {
        await crashable?.stop();
      });

      for (const guarantee of guarantees) {
        it(`the broker is killed and restarted while the app runs: ${promise(guarantee)} (${guarantee})`, async () => {
          const result = await runThroughCrash(crashable, guarantee, `kill_broker_${guarantee}`, start, {
            crash: async (app) => {
              await crashable.kill();
              await new Promise((resolve) => setTimeout(resolve, 1000));
              await crashable.restart();
              return app;
            },
          });
          expectCheck(result, guarantee);
        });
      }
    });

    it(`EventCountByUser: Streams creates its repartition and compacted changelog topics, and a fresh instance restores the counts from the changelog (${strongest})`, async () => {
      const bootstrap = broker.bootstrap;
      const applicationId = "count-app";
      await createTopics(bootstrap, ["count_in", "count_out"], 3);
      const stateDir = join(stateRoot, "count");
      const args = [bootstrap, "--input", "count_in", "--output", "count_out", "--application-id", applicationId, "--guarantee", strongest, "--state-dir", stateDir, ...commitEverySecond(strongest)];
      const checkCounts = async (count: number) => {
        const checker = await runStreamsExample("StreamsOutputChecker", [bootstrap, "counts", "count_out", "0", String(count), "120000"]);
        expect(checker.code, checker.stderr).toBe(0);
        return checker;
      };

      const first = start("EventCountByUser", args);
      await produce(bootstrap, "count_in", 0, 1000);
      const before = await checkCounts(1000);
      expect(fieldsOf(before, "CHECK"), before.stdout).toEqual({ users: "7", right: "7", wrong: "0", unexpected: "0" });

      const listed = await kafkaTool("kafka-topics", ["--bootstrap-server", bootstrap, "--list"]);
      expect(listed.stdout.split("\n")).toEqual(expect.arrayContaining([`${applicationId}-events-by-user-repartition`, `${applicationId}-event-counts-changelog`]));
      const changelog = await kafkaTool("kafka-configs", ["--bootstrap-server", bootstrap, "--describe", "--entity-type", "topics", "--entity-name", `${applicationId}-event-counts-changelog`]);
      expect(changelog.code, changelog.stderr).toBe(0);
      expect(changelog.stdout).toContain("cleanup.policy=compact");

      // A clean stop, then the local state is gone as on a new machine: the next instance has only the changelog.
      expect(await first.stop("SIGTERM")).toBe(143);
      rmSync(stateDir, { recursive: true, force: true });
      const second = start("EventCountByUser", args);
      await second.waitFor((self) => self.lines().includes("STATE RUNNING"), "the restored instance to run", 120_000);
      const restored = second.lines().filter((line) => line.startsWith("RESTORED event-counts "));
      expect(restored.length, second.stdout).toBeGreaterThan(0);
      // Each user's count is at least one changelog record, so all seven users' records were read back.
      expect(restored.reduce((sum, line) => sum + Number(line.split(" ")[3]), 0)).toBeGreaterThanOrEqual(7);

      await produce(bootstrap, "count_in", 1000, 500);
      const after = await checkCounts(1500);
      expect(fieldsOf(after, "CHECK"), after.stdout).toEqual({ users: "7", right: "7", wrong: "0", unexpected: "0" });
      await second.stop("SIGTERM");
    });
  });
}

/** What the checker must prove under a guarantee. */
function promise(guarantee: ProcessingGuarantee): string {
  return guarantee === "exactly_once_v2" ? "every purchase is in the output exactly once" : "no purchase is missing (duplicates are counted)";
}

/** The StreamFilterByEvent instance under test, with the arguments that start it again after a crash. */
type FilterApp = KafkaToolProcess & { restartArgs: string[] };

/**
 * Streams EVENTS numbered events through StreamFilterByEvent and crashes something once the app has processed 30%
 * of them: `crash` returns the app instance that carries on (the same one, or one it started). Then waits for the
 * producer and runs the checker over the output (read_committed). Returns the checker's CHECK fields.
 */
async function runThroughCrash(
  broker: StartedTarget,
  guarantee: ProcessingGuarantee,
  name: string,
  start: (main: StreamsMain, args: readonly string[]) => KafkaToolProcess,
  scenario: { crash: (app: FilterApp) => Promise<KafkaToolProcess> },
): Promise<Record<string, string>> {
  const [input, output] = [`${name}_in`, `${name}_out`];
  await createTopics(broker.bootstrap, [input, output], 3);
  const stateDir = mkdtempSync(join(tmpdir(), `skein-streams-${name}-`));
  try {
    const args = [
      broker.bootstrap, "--input", input, "--output", output, "--application-id", name, "--guarantee", guarantee, "--state-dir", stateDir,
      ...commitEverySecond(guarantee),
      // A killed member leaves the group after 10 s rather than the consumer's default 45.
      "--config", "session.timeout.ms=10000",
    ];
    const app = Object.assign(start("StreamFilterByEvent", args), { restartArgs: args });
    await app.waitFor((self) => self.lines().includes("STATE RUNNING"), "the app to run", 120_000);
    const producer = start("EventProducer", [broker.bootstrap, input, "0", String(EVENTS), String(RATE)]);
    await app.waitFor((self) => processedCount(self) >= 0.3 * EVENTS, `${0.3 * EVENTS} events processed`, 180_000);
    const survivor = await scenario.crash(app);
    await producer.waitFor((self) => self.lines().some((line) => line.startsWith("DONE ")), "the producer to finish", 300_000);
    expect(producer.lines().filter((line) => line.startsWith("FAILED")), producer.stderr.slice(-2000)).toEqual([]);
    expect(producer.lines().at(-1)).toBe(`DONE ${EVENTS}`);

    const checker = await runStreamsExample("StreamsOutputChecker", [broker.bootstrap, "filter", output, "0", String(EVENTS), "purchase", "240000"], 300_000);
    expect(checker.code, checker.stderr.slice(-4000)).toBe(0);
    const check = fieldsOf(checker, "CHECK");
    const errors = survivor.lines().filter((line) => line.startsWith("ERROR"));
    console.info(`${name}: ${checker.lines().join(" | ")}; stream threads replaced after errors: ${errors.length}`);
    await survivor.stop("SIGTERM");
    return check;
  } finally {
    rmSync(stateDir, { recursive: true, force: true });
  }
}

/** Exactly-once: each purchase once. At-least-once: none missing, none foreign; duplicates are reported, not failed. */
function expectCheck(check: Record<string, string>, guarantee: ProcessingGuarantee): void {
  expect(check.expected).toBe(String(PURCHASES));
  expect(check.missing).toBe("0");
  expect(check.distinct).toBe(String(PURCHASES));
  expect(check.unexpected).toBe("0");
  if (guarantee === "exactly_once_v2") expect(check.duplicates).toBe("0");
}

/** at_least_once commits every 30 s by default: every second keeps the duplicates a crash causes small. */
function commitEverySecond(guarantee: ProcessingGuarantee): string[] {
  return guarantee === "at_least_once" ? ["--config", "commit.interval.ms=1000"] : [];
}

async function createTopics(bootstrap: string, topics: string[], partitions: number): Promise<void> {
  for (const topic of topics) {
    const created = await kafkaTool("kafka-topics", ["--bootstrap-server", bootstrap, "--create", "--topic", topic, "--partitions", String(partitions)]);
    expect(created.code, created.stdout + created.stderr).toBe(0);
  }
}

async function produce(bootstrap: string, topic: string, first: number, count: number): Promise<void> {
  const producer = await runStreamsExample("EventProducer", [bootstrap, topic, String(first), String(count)]);
  expect(producer.code, producer.stderr).toBe(0);
  expect(producer.lines().at(-1)).toBe(`DONE ${count}`);
}
