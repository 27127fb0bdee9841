// The course's command-line chapters (4: topics, console producer and consumer, consumer groups; 8: topic configs
// and log compaction) with Kafka's own tools, commands verbatim apart from the script name and the broker's address.
// What each command prints is compared, normalised, with what it printed against Apache Kafka
// (golden/course-cli.json), so against Skein the same assertion reads "Skein prints what Kafka prints".
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GoldenOutputs } from "./support/golden.js";
import { kafkaTool, startKafkaTool, type KafkaToolProcess } from "./support/kafka-tool.mjs";
import { normaliseOutput, normaliseUnordered, parseTable } from "./support/normalise.js";
import { waitUntil } from "./support/processes.js";
import { kafkaTargets, type KafkaTarget, type StartedTarget } from "./support/targets.js";

const GOLDEN_FILE = fileURLToPath(new URL("golden/course-cli.json", import.meta.url));

for (const target of kafkaTargets()) describeCourseCli(target);

function describeCourseCli(target: KafkaTarget): void {
  describe(`the course's CLI chapters against ${target.name}`, () => {
    const golden = new GoldenOutputs(GOLDEN_FILE, process.env.SKEIN_UPDATE_GOLDEN === "1" && target.id === "apache-kafka");
    let broker: StartedTarget;
    const running: KafkaToolProcess[] = [];

    beforeAll(async () => {
      broker = await target.start();
    });
    afterAll(async () => {
      await Promise.all(running.map((tool) => tool.stop("SIGKILL")));
      golden.save();
      await broker?.stop();
    });

    /** `kafka-<tool> --bootstrap-server <broker> ...args`, as the course types it. */
    const tool = (name: Parameters<typeof kafkaTool>[0], args: string[], input?: string) =>
      kafkaTool(name, ["--bootstrap-server", broker.bootstrap, ...args], { input });
    const start = (name: Parameters<typeof kafkaTool>[0], args: string[]) => {
      const process = startKafkaTool(name, ["--bootstrap-server", broker.bootstrap, ...args], { input: null });
      running.push(process);
      return process;
    };
    /** Exit code 0, and standard output as Apache Kafka printed it. */
    const expectSuccess = (step: string, result: { code: number; stdout: string; stderr: string }) => {
      expect(result.code, `${step}\n${result.stdout}\n${result.stderr}`).toBe(0);
      golden.expectGolden(step, normaliseOutput(result.stdout));
    };
    /** A refused command: exit code 1, Kafka's exception named, and standard output as Apache Kafka printed it. */
    const expectRefused = (step: string, result: { code: number; stdout: string; stderr: string }, exception: string) => {
      expect(result.code, `${step}\n${result.stdout}\n${result.stderr}`).toBe(1);
      expect(result.stdout + result.stderr).toContain(exception);
      golden.expectGolden(step, normaliseOutput(result.stdout));
    };
    const describeGroup = async (group: string) => {
      const result = await tool("kafka-consumer-groups", ["--describe", "--group", group]);
      expect(result.code, result.stderr).toBe(0);
      return result;
    };

    it("kafka-topics: create, list, describe, add partitions, refuse a decrease and an impossible replication factor", async () => {
      expectSuccess("create first_topic", await tool("kafka-topics", ["--topic", "first_topic", "--create", "--partitions", "3", "--replication-factor", "1"]));
      expectSuccess("create second_topic", await tool("kafka-topics", ["--topic", "second_topic", "--create"]));
      expectRefused(
        "create third_topic with replication factor 2",
        await tool("kafka-topics", ["--topic", "third_topic", "--create", "--partitions", "3", "--replication-factor", "2"]),
        "InvalidReplicationFactorException",
      );
      expectSuccess("create third_topic", await tool("kafka-topics", ["--topic", "third_topic", "--create", "--partitions", "3", "--replication-factor", "1"]));

      const list = await tool("kafka-topics", ["--list"]);
      expect(list.code).toBe(0);
      const ours = list.stdout.split("\n").filter((name) => ["first_topic", "second_topic", "third_topic"].includes(name));
      golden.expectGolden("list", ours.join("\n"));

      expectSuccess("describe first_topic", await tool("kafka-topics", ["--topic", "first_topic", "--describe"]));
      expectSuccess("alter second_topic to 3 partitions", await tool("kafka-topics", ["--topic", "second_topic", "--alter", "--partitions", "3"]));
      expectSuccess("describe second_topic after alter", await tool("kafka-topics", ["--topic", "second_topic", "--describe"]));
      expectRefused(
        "alter first_topic to 2 partitions",
        await tool("kafka-topics", ["--topic", "first_topic", "--alter", "--partitions", "2"]),
        "InvalidPartitionsException",
      );
      expectSuccess("delete third_topic", await tool("kafka-topics", ["--topic", "third_topic", "--delete"]));
    });

    it("console producer (acks=all, keys with a separator) and console consumer (--from-beginning, print.key)", async () => {
      expectSuccess(
        "console producer acks=all",
        await tool("kafka-console-producer", ["--topic", "first_topic", "--producer-property", "acks=all"], "hello world\nmy name is\nstephane\nlearning kafka\n"),
      );
      expectSuccess(
        "console producer with keys",
        await tool(
          "kafka-console-producer",
          ["--topic", "first_topic", "--property", "parse.key=true", "--property", "key.separator=,"],
          "example key,example value\nname,stephane\nuser_1,learning kafka\n",
        ),
      );

      // A consumer runs until its user presses Ctrl-C: read the seven records, then SIGINT.
      const consumer = start("kafka-console-consumer", ["--topic", "first_topic", "--from-beginning", "--property", "print.key=true"]);
      await consumer.waitFor((self) => recordLines(self).length >= 7, "7 records");
      const lines = recordLines(consumer);
      // The JVM ends with 128 + SIGINT's number after its shutdown hooks, as in a terminal.
      expect(await consumer.stop("SIGINT")).toBe(130);
      expect(consumer.stderr).toContain("Processed a total of 7 messages");
      expect(lines.sort()).toEqual(
        ["null\thello world", "null\tmy name is", "null\tstephane", "null\tlearning kafka", "example key\texample value", "name\tstephane", "user_1\tlearning kafka"].sort(),
      );
      golden.expectGolden("console consumer print.key", normaliseUnordered(consumer.stdout));

      // Kafka's formatter with partitions and timestamps: each keyed record on the partition of its key.
      const formatted = await tool("kafka-console-consumer", [
        "--topic", "first_topic", "--from-beginning", "--max-messages", "7",
        "--formatter", "org.apache.kafka.tools.consumer.DefaultMessageFormatter",
        "--property", "print.timestamp=true", "--property", "print.key=true", "--property", "print.value=true", "--property", "print.partition=true",
      ]);
      expect(formatted.code, formatted.stderr).toBe(0);
      // Keyless records go to whichever partition the sticky partitioner chose: only the keyed ones are compared.
      const keyed = normaliseUnordered(formatted.stdout).split("\n").filter((line) => !line.includes(" null "));
      golden.expectGolden("console consumer keyed records with partitions", keyed.join("\n"));
    });

    it("two console consumers in --group order split three partitions; kafka-consumer-groups lists and describes the group", async () => {
      expectSuccess("create orders", await tool("kafka-topics", ["--topic", "orders", "--create", "--partitions", "3", "--replication-factor", "1"]));
      const args = ["--topic", "orders", "--group", "order", "--property", "print.partition=true", "--property", "print.key=true"];
      const first = start("kafka-console-consumer", args);
      const second = start("kafka-console-consumer", args);
      // Both are members once the group's description shows two consumers owning the three partitions.
      await waitUntil(async () => {
        const rows = parseTable((await describeGroup("order")).stdout);
        return rows.length === 3 && new Set(rows.map((row) => row["CONSUMER-ID"])).size === 2 && rows.every((row) => row["CONSUMER-ID"] !== "-");
      }, "two members sharing orders' three partitions");

      const records = Array.from({ length: 30 }, (_, i) => `customer_${i},order ${i}`).join("\n");
      expectSuccess("produce 30 orders", await tool("kafka-console-producer", ["--topic", "orders", "--property", "parse.key=true", "--property", "key.separator=,"], `${records}\n`));
      await waitUntil(async () => recordLines(first).length + recordLines(second).length >= 30, "30 records between the two consumers");
      const partitionsOf = (consumer: KafkaToolProcess) => new Set(recordLines(consumer).map((line) => line.split("\t")[0]));
      expect(recordLines(first).length).toBeGreaterThan(0);
      expect(recordLines(second).length).toBeGreaterThan(0);
      expect([...partitionsOf(first)].filter((p) => partitionsOf(second).has(p))).toEqual([]);
      golden.expectGolden("orders read by the group", normaliseUnordered(first.stdout + second.stdout));

      // The console consumers commit automatically every auto.commit.interval.ms (5 s): the group catches up then.
      const caughtUp = expectedOffsets(await endOffsets("orders"), 0);
      const committed = async () => parseTable((await describeGroup("order")).stdout).map((row) => [row.PARTITION, row["CURRENT-OFFSET"], row.LAG]).sort();
      await waitUntil(async () => JSON.stringify(await committed()) === JSON.stringify(caughtUp), "the group's commits catching up with the log end");
      await Promise.all([first.stop("SIGINT"), second.stop("SIGINT")]);

      const list = await tool("kafka-consumer-groups", ["--list"]);
      expect(list.code).toBe(0);
      expect(list.stdout.split("\n")).toContain("order");

      const more = Array.from({ length: 6 }, (_, i) => `customer_${30 + i},order ${30 + i}\n`).join("");
      expectSuccess("produce 6 more orders", await tool("kafka-console-producer", ["--topic", "orders", "--property", "parse.key=true", "--property", "key.separator=,"], more));
      const described = await describeGroup("order");
      golden.expectGolden("describe group order with lag", normaliseUnordered(described.stdout));
      const lag = parseTable(described.stdout).reduce((sum, row) => sum + Number(row.LAG), 0);
      expect(lag).toBe(6);
    });

    it("kafka-consumer-groups --reset-offsets --to-earliest --execute, then --shift-by -2", async () => {
      expectSuccess(
        "reset order to earliest",
        await tool("kafka-consumer-groups", ["--group", "order", "--reset-offsets", "--to-earliest", "--execute", "--topic", "orders"]),
      );
      const reset = parseTable((await describeGroup("order")).stdout);
      expect(reset.every((row) => row["CURRENT-OFFSET"] === "0")).toBe(true);

      // Reading everything again moves the group to the end; shifting by -2 leaves two records per partition.
      const again = await tool("kafka-console-consumer", ["--topic", "orders", "--group", "order", "--max-messages", "36"]);
      expect(again.code, again.stderr).toBe(0);
      expect(again.stdout.trim().split("\n")).toHaveLength(36);
      expectSuccess("shift order by -2", await tool("kafka-consumer-groups", ["--group", "order", "--reset-offsets", "--shift-by", "-2", "--execute", "--topic", "orders"]));
      const shifted = parseTable((await describeGroup("order")).stdout);
      expect(shifted.map((row) => [row.PARTITION, row["CURRENT-OFFSET"], row.LAG]).sort()).toEqual(expectedOffsets(await endOffsets("orders"), 2));
      golden.expectGolden("describe group order after shift", normaliseUnordered((await describeGroup("order")).stdout));
    });

    it("kafka-configs: add, describe and delete a topic config on config-test", async () => {
      expectSuccess("create config-test", await tool("kafka-topics", ["--topic", "config-test", "--create", "--partitions", "1", "--replication-factor", "1"]));
      const configs = (...args: string[]) => tool("kafka-configs", ["--entity-type", "topics", "--entity-name", "config-test", ...args]);
      expectSuccess("configs describe before", await configs("--describe"));
      expectSuccess("configs add retention.ms", await configs("--add-config", "retention.ms=10000", "--alter"));
      expectSuccess("configs describe with retention.ms", await configs("--describe"));
      expectSuccess("configs delete retention.ms", await configs("--delete-config", "retention.ms", "--alter"));
      expectSuccess("configs describe after delete", await configs("--describe"));
    });

    it("a compacted bank-account topic keeps only each name's latest balance: kim holds 30000 won", async () => {
      expectSuccess(
        "create bank-account compacted",
        await tool("kafka-topics", [
          "--topic", "bank-account", "--create", "--partitions", "1", "--replication-factor", "1",
          "--config", "cleanup.policy=compact", "--config", "min.cleanable.dirty.ratio=0.001", "--config", "segment.ms=2000",
        ]),
      );
      const produce = (lines: string) =>
        tool("kafka-console-producer", ["--topic", "bank-account", "--property", "parse.key=true", "--property", "key.separator=,"], lines);
      expectSuccess("deposits", await produce("kim,10000 won\nlee,5000 won\nkim,20000 won\npark,7000 won\nkim,30000 won\n"));
      // Only closed segments are cleaned: once segment.ms has passed, one more record rolls the segment.
      await new Promise((resolve) => setTimeout(resolve, 2500));
      expectSuccess("one more deposit", await produce("lee,6000 won\n"));

      let balances = "";
      await waitUntil(async () => {
        const read = await tool("kafka-console-consumer", ["--topic", "bank-account", "--from-beginning", "--property", "print.key=true", "--timeout-ms", "5000"]);
        balances = read.stdout;
        return balances.split("\n").filter((line) => line.startsWith("kim\t")).length === 1;
      }, "the cleaner to compact bank-account", 90_000);
      expect(balances.split("\n").filter((line) => line.startsWith("kim\t"))).toEqual(["kim\t30000 won"]);
      golden.expectGolden("bank-account after compaction", normaliseOutput(balances));
    });

    /** The end offset of each partition, from kafka-get-offsets. */
    async function endOffsets(topic: string): Promise<Map<string, number>> {
      const result = await tool("kafka-get-offsets", ["--topic", topic]);
      expect(result.code, result.stderr).toBe(0);
      return new Map(result.stdout.trim().split("\n").map((line) => {
        const [, partition, offset] = line.split(":");
        return [partition!, Number(offset)];
      }));
    }
  });
}

/**
 * A console consumer's record lines so far: Kafka 4.4 also prints on standard output that `--property` (the course's
 * spelling) is deprecated in favour of `--formatter-property`.
 */
function recordLines(consumer: KafkaToolProcess): string[] {
  return consumer.lines().filter((line) => !/is deprecated and will be removed/.test(line));
}

/** `[partition, current offset, lag]` rows of a group `lag` records behind each partition's end. */
function expectedOffsets(ends: Map<string, number>, lag: number): string[][] {
  return [...ends].map(([partition, end]) => [partition, String(end - lag), String(lag)]).sort();
}
