// The course's programming chapter in Java (examples/java): Kafka's own Java client 4.4 and spring-kafka 4.1,
// unchanged, against the selected brokers.
import { partitionForKey } from "@skein/broker";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { linesOf, runJavaExample, startJavaExample } from "./support/java-examples.js";
import { kafkaTool, type KafkaToolProcess } from "./support/kafka-tool.mjs";
import { waitUntil } from "./support/processes.js";
import { kafkaTargets, type KafkaTarget, type StartedTarget } from "./support/targets.js";

for (const target of kafkaTargets()) describeJavaClients(target);

function describeJavaClients(target: KafkaTarget): void {
  describe(`Kafka's Java client and spring-kafka against ${target.name}`, () => {
    let broker: StartedTarget;
    let bootstrap: string;
    const running: KafkaToolProcess[] = [];
    const start = (...args: Parameters<typeof startJavaExample>) => {
      const process = startJavaExample(...args);
      running.push(process);
      return process;
    };
    const createTopic = async (topic: string, partitions: number) => {
      const created = await kafkaTool("kafka-topics", ["--bootstrap-server", bootstrap, "--create", "--topic", topic, "--partitions", String(partitions)]);
      expect(created.code, created.stdout + created.stderr).toBe(0);
    };

    beforeAll(async () => {
      broker = await target.start();
      bootstrap = broker.bootstrap;
      await Promise.all([createTopic("demo_java", 3), createTopic("demo_java_keys", 3)]);
    });
    afterAll(async () => {
      await Promise.all(running.map((process) => process.stop("SIGKILL")));
      await broker?.stop();
    });

    it("a producer with a callback gets each record's partition and offset", async () => {
      const producer = await runJavaExample("ProducerDemoWithCallback", [bootstrap, "demo_java", "10"]);
      expect(producer.code, producer.stderr).toBe(0);
      const acks = linesOf(producer, "ACK");
      expect(acks).toHaveLength(10);
      expect(linesOf(producer, "DONE")).toEqual([["10"]]);
      // Per partition, the offsets acknowledged are 0, 1, 2, ... in send order.
      const byPartition = new Map<string, number[]>();
      for (const [topic, partition, offset, timestamp] of acks) {
        expect(topic).toBe("demo_java");
        expect(Number(timestamp)).toBeGreaterThan(Date.now() - 600_000);
        byPartition.set(partition!, [...(byPartition.get(partition!) ?? []), Number(offset)]);
      }
      for (const offsets of byPartition.values()) expect(offsets).toEqual(offsets.map((_, i) => i));
    });

    it("a producer with keys puts each key on murmur2's partition, the same in every round", async () => {
      const producer = await runJavaExample("ProducerDemoKeys", [bootstrap, "demo_java_keys"]);
      expect(producer.code, producer.stderr).toBe(0);
      const records = linesOf(producer, "KEY");
      expect(records).toHaveLength(20);
      for (const [key, , partition] of records) {
        expect(Number(partition), key).toBe(partitionForKey(Buffer.from(key!), 3));
      }
    });

    it("a consumer in a group reads, commits, and after a restart resumes at its committed offsets", async () => {
      const first = start("ConsumerDemoWithShutdown", [bootstrap, "demo_java", "my-java-application"]);
      await first.waitFor((self) => linesOf(self, "RECORD").length >= 10, "10 records");
      await first.waitFor((self) => committedTotal(self) >= 10, "commits of the 10 records");
      expect(linesOf(first, "ASSIGNMENT")[0]).toEqual(["0,1,2"]);
      // SIGTERM: the shutdown hook wakes the poll loop, the consumer leaves its group and closes.
      expect(await first.stop("SIGTERM")).toBe(143);
      expect(first.lines().at(-1)).toBe("CLOSED");

      const producer = await runJavaExample("ProducerDemoWithCallback", [bootstrap, "demo_java", "2"]);
      expect(producer.code, producer.stderr).toBe(0);
      const second = start("ConsumerDemoWithShutdown", [bootstrap, "demo_java", "my-java-application"]);
      await second.waitFor((self) => linesOf(self, "RECORD").length >= 2, "the 2 new records");
      await new Promise((resolve) => setTimeout(resolve, 2000));
      expect(linesOf(second, "RECORD").map((fields) => fields.slice(3).join(" ")).sort()).toEqual(["hello world 0", "hello world 1"]);
      await second.stop("SIGTERM");
    });

    for (const strategy of ["eager", "cooperative"] as const) {
      it(`consumers of one group split the partitions and rebalance when one starts or stops (${strategy})`, async () => {
        const group = `rebalance-${strategy}`;
        const args = [bootstrap, "demo_java", group, ...(strategy === "cooperative" ? ["cooperative"] : [])];
        const a = start("ConsumerDemoWithShutdown", args);
        await a.waitFor((self) => assignment(self) === "0,1,2", "all three partitions for the only member");

        const b = start("ConsumerDemoWithShutdown", args);
        await waitUntil(() => {
          const [ofA, ofB] = [assignment(a), assignment(b)];
          if (!ofA || !ofB) return false;
          return [...ofA.split(","), ...ofB.split(",")].sort().join(",") === "0,1,2";
        }, "the two members to split the three partitions");
        if (strategy === "cooperative") {
          // Incremental: the first member gives up only what moves, never all of its partitions at once.
          expect(linesOf(a, "REVOKED").every(([revoked]) => revoked !== "0,1,2")).toBe(true);
        }

        await b.stop("SIGTERM");
        await a.waitFor((self) => assignment(self) === "0,1,2", "all partitions back on the remaining member");
        await a.stop("SIGTERM");
      });
    }

    it("an assigned consumer seeks to an offset and reads from there", async () => {
      const producer = await runJavaExample("ProducerDemoKeys", [bootstrap, "demo_java_keys"]);
      expect(producer.code, producer.stderr).toBe(0);
      // The last two records of the partition this run wrote most to: seek to the first of them, read two.
      const written = linesOf(producer, "KEY").map(([key, , partition, , offset]) => ({ key: key!, partition: partition!, offset: Number(offset) }));
      const counts = new Map<string, number>();
      for (const { partition } of written) counts.set(partition, (counts.get(partition) ?? 0) + 1);
      const partition = [...counts].sort((x, y) => y[1] - x[1])[0]![0];
      const lastTwo = written.filter((record) => record.partition === partition).slice(-2);

      const consumer = await runJavaExample("ConsumerDemoAssignSeek", [bootstrap, "demo_java_keys", partition, String(lastTwo[0]!.offset), "2"]);
      expect(consumer.code, consumer.stdout + consumer.stderr).toBe(0);
      expect(linesOf(consumer, "RECORD").map(([p, offset, key]) => ({ partition: p, offset: Number(offset), key }))).toEqual(lastTwo);
      expect(consumer.lines().at(-1)).toBe("DONE");
    });

    it("spring-kafka: KafkaTemplate sends and a @KafkaListener receives", async () => {
      await createTopic("demo_spring", 2);
      const app = await runJavaExample("SpringKafkaDemo", [bootstrap, "demo_spring", "spring-group", "5"]);
      expect(app.code, app.stdout + app.stderr).toBe(0);
      expect(linesOf(app, "SENT")).toHaveLength(5);
      const received = linesOf(app, "LISTENER").map(([, , key]) => key).sort();
      expect(received).toEqual(["spring-0", "spring-1", "spring-2", "spring-3", "spring-4"]);
      expect(app.lines().at(-1)).toBe("RECEIVED 5");
      for (const [key, partition] of linesOf(app, "SENT")) expect(Number(partition)).toBe(partitionForKey(Buffer.from(key!), 2));
    });
  });
}

/** The member's current assignment: its last ASSIGNMENT line. */
function assignment(consumer: KafkaToolProcess): string | undefined {
  return linesOf(consumer, "ASSIGNMENT").at(-1)?.[0];
}

/** The records a consumer's COMMITTED lines account for: the sum over partitions of the offsets last committed. */
function committedTotal(consumer: KafkaToolProcess): number {
  const last = new Map<string, number>();
  for (const [list] of linesOf(consumer, "COMMITTED")) {
    for (const entry of (list ?? "").split(",")) {
      const [partition, offset] = entry.split("=");
      last.set(partition!, Number(offset));
    }
  }
  return [...last.values()].reduce((sum, offset) => sum + offset, 0);
}
