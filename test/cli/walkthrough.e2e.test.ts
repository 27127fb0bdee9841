import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, skein, startService, startSkein, type Running, type SkeinResult } from "./skein-processes.js";

/**
 * The command-line walk-through of a Kafka course, run with `skein` against a real service: the built
 * apps/api/dist/main.js in a child process over a temporary data directory (SQLite metadata), and the built
 * `skein` executable as child processes.
 */

/** The data rows of Kafka's offsets table, as column arrays. */
function offsetRows(stdout: string): string[][] {
  return stdout
    .split("\n")
    .filter((line) => line.trim() !== "" && !line.startsWith("GROUP "))
    .map((line) => line.trim().split(/\s+/));
}

function ok(result: SkeinResult): SkeinResult {
  if (result.code !== 0) throw new Error(`skein exited ${result.code}:\n${result.stdout}\n${result.stderr}`);
  return result;
}

describe("skein: Kafka's command-line walk-through", () => {
  let dataDir: string;
  let service: Running;
  let server: string;
  const run = (...args: string[]) => skein(server, args);
  const produce = (topic: string, lines: string[], ...args: string[]) =>
    skein(server, ["console-producer", "--topic", topic, ...args], lines.map((l) => `${l}\n`).join(""));

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), "skein-cli-e2e-"));
    ({ service, baseUrl: server } = await startService(dataDir));
  }, 60_000);

  afterAll(async () => {
    await service?.stop("SIGTERM");
    rmSync(dataDir, { recursive: true, force: true });
  });

  const keyed = ["kim,50000 won", "lee,3000 won", "park,120 won", "kim,10 won", "choi,5 won", "lee,7 won"];
  let produced = 0;

  it("creates first_topic with 3 partitions, lists and describes it in Kafka's layout", async () => {
    expect(ok(await run("topics", "--bootstrap-server", server, "--create", "--topic", "first_topic", "--partitions", "3", "--replication-factor", "1")).stdout).toBe(
      "Created topic first_topic.\n",
    );
    expect(ok(await run("topics", "--list")).stdout.split("\n")).toContain("first_topic");
    expect(JSON.parse(ok(await run("topics", "--list", "--output", "json")).stdout)).toContain("first_topic");

    const describe = ok(await run("topics", "--describe", "--topic", "first_topic")).stdout;
    expect(describe).toBe(
      "Topic: first_topic\tPartitionCount: 3\tReplicationFactor: 1\tConfigs: \n" +
        [0, 1, 2].map((p) => `\tTopic: first_topic\tPartition: ${p}\tLeader: 0\tReplicas: 0\tIsr: 0\n`).join(""),
    );

    const again = await run("topics", "--create", "--topic", "first_topic", "--partitions", "3");
    expect(again.code).not.toBe(0);
    expect(again.stderr).toBe("Error: Topic 'first_topic' already exists.\n");
  });

  it("accepts --zookeeper as older walk-throughs type it, with a one-line note, and never uses its address", async () => {
    const zookeeperNote = `Note: Skein has no ZooKeeper, so --zookeeper 127.0.0.1:2181 is not used; talking to the Skein server at ${server} (choose it with --bootstrap-server or SKEIN_SERVER).\n`;
    const created = ok(await run("topics", "--zookeeper", "127.0.0.1:2181", "--create", "--topic", "zk_topic", "--partitions", "2", "--replication-factor", "1"));
    expect(created.stdout).toBe("Created topic zk_topic.\n");
    expect(created.stderr).toBe(zookeeperNote);
    expect(ok(await run("topics", "--zookeeper", "127.0.0.1:2181", "--list")).stdout.split("\n")).toContain("zk_topic");
    expect(ok(await run("topics", "--zookeeper", "127.0.0.1:2181", "--describe", "--topic", "zk_topic")).stdout).toMatch(/^Topic: zk_topic\tPartitionCount: 2\t/);
    const configs = ok(await run("configs", "--zookeeper", "127.0.0.1:2181", "--entity-type", "topics", "--entity-name", "zk_topic", "--describe"));
    expect(configs.stdout).toBe("Dynamic configs for topic zk_topic are:\n");
    expect(configs.stderr).toBe(zookeeperNote);
    expect(ok(await run("consumer-groups", "--zookeeper", "127.0.0.1:2181", "--list")).stderr).toBe(zookeeperNote);
    const consumed = ok(await run("console-consumer", "--zookeeper", "127.0.0.1:2181", "--topic", "zk_topic", "--from-beginning", "--timeout-ms", "500"));
    expect(consumed.stderr).toBe(`${zookeeperNote}Processed a total of 0 messages\n`);

    // Kafka's console producer never took --zookeeper: refused, with what to type instead.
    const producer = await produce("zk_topic", ["x"], "--zookeeper", "127.0.0.1:2181");
    expect(producer.code).toBe(2);
    expect(producer.stderr).toBe(
      "Error: Unknown option --zookeeper for skein console-producer: Skein has no ZooKeeper; name the Skein server with --bootstrap-server <host:port> (see skein console-producer --help)\n",
    );
    ok(await run("topics", "--delete", "--topic", "zk_topic"));
  });

  it("shows the server's own message for every refused create; --if-not-exists forgives only an existing topic", async () => {
    const tooMany = await run("topics", "--create", "--topic", "replicated", "--partitions", "1", "--replication-factor", "3");
    expect(tooMany.code).toBe(1);
    expect(tooMany.stderr).toBe(
      "Error: Unable to replicate the partition 3 time(s): The target replication factor of 3 cannot be reached because only 1 broker(s) are registered or some brokers have all their log directories cordoned.\n",
    );
    const badConfig = await run("topics", "--create", "--topic", "badly_configured", "--config", "retention.ms=soon");
    expect(badConfig.code).toBe(1);
    expect(badConfig.stderr).toBe("Error: Invalid value soon for configuration retention.ms: Not a number of type LONG\n");
    const collision = await run("topics", "--create", "--topic", "first.topic");
    expect(collision.code).toBe(1);
    expect(collision.stderr).toBe("Error: Topic 'first.topic' collides with existing topic: first_topic\n");

    for (const refused of [
      ["--topic", "replicated", "--replication-factor", "3"],
      ["--topic", "badly_configured", "--config", "retention.ms=soon"],
      ["--topic", "first.topic"],
    ]) {
      const result = await run("topics", "--create", "--if-not-exists", ...refused);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/^Error: (Unable to replicate|Invalid value soon|Topic 'first.topic' collides)/);
    }
    const names = ok(await run("topics", "--list")).stdout.split("\n");
    expect(names).not.toContain("replicated");
    expect(names).not.toContain("badly_configured");
    expect(names).not.toContain("first.topic");

    const existing = ok(await run("topics", "--create", "--if-not-exists", "--topic", "first_topic", "--partitions", "3"));
    expect(existing.stdout + existing.stderr).toBe("");
  });

  it("forgives only a missing topic with --if-exists", async () => {
    for (const action of ["--describe", "--delete"]) {
      const missing = await run("topics", action, "--if-exists", "--topic", "no_such_topic");
      expect(missing.code).toBe(0);
      expect(missing.stdout + missing.stderr).toBe("");
    }
    expect((await run("topics", "--alter", "--if-exists", "--topic", "no_such_topic", "--partitions", "2")).code).toBe(0);
    const unreachable = await run("topics", "--delete", "--if-exists", "--topic", "first_topic", "--bootstrap-server", "127.0.0.1:1");
    expect(unreachable.code).toBe(1);
    expect(unreachable.stderr).toMatch(/^Error: Cannot reach the Skein server at http:\/\/127\.0\.0\.1:1: /);
  });

  it("reports an unknown topic and an unreachable server in one line with a non-zero exit", async () => {
    const unknown = await run("topics", "--describe", "--topic", "no_such_topic");
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toBe("Error: Topic 'no_such_topic' does not exist\n");

    const port = await freePort();
    const unreachable = await run("topics", "--list", "--bootstrap-server", `127.0.0.1:${port}`);
    expect(unreachable.code).toBe(1);
    expect(unreachable.stderr).toBe(`Error: Cannot reach the Skein server at http://127.0.0.1:${port}: connection refused\n`);
  });

  it("produces keyed lines with parse.key and reads them back from the beginning with print.key", async () => {
    const result = ok(await produce("first_topic", keyed, "--producer-property", "acks=all", "--property", "parse.key=true", "--property", "key.separator=,"));
    expect(result.stdout).toBe("");
    // No terminal on standard error here, so no progress bar.
    expect(result.stderr).toBe("");
    produced += keyed.length;

    const consumed = ok(
      await run("console-consumer", "--topic", "first_topic", "--from-beginning", "--property", "print.key=true", "--property", "key.separator=,", "--max-messages", "6"),
    );
    const lines = consumed.stdout.trimEnd().split("\n");
    expect([...lines].sort()).toEqual([...keyed].sort());
    // One key, one partition: a key's records keep their order.
    expect(lines.filter((l) => l.startsWith("kim,"))).toEqual(["kim,50000 won", "kim,10 won"]);
    expect(consumed.stderr).toContain("Processed a total of 6 messages");

    const one = ok(await run("console-consumer", "--topic", "first_topic", "--partition", "0", "--offset", "earliest", "--property", "print.partition=true", "--property", "print.timestamp=true", "--timeout-ms", "1500"));
    for (const line of one.stdout.trimEnd().split("\n").filter(Boolean)) expect(line).toMatch(/^CreateTime:\d+\tPartition:0\t\S/);

    // Reading without --group leaves no consumer group behind.
    expect(ok(await run("consumer-groups", "--list")).stdout).toBe("");
  });

  it("creates new_topic by producing to it, as a Kafka producer does", async () => {
    expect(ok(await run("topics", "--list")).stdout.split("\n")).not.toContain("new_topic");
    const produced = ok(await produce("new_topic", ["hello", "world"]));
    expect(produced.stderr).toBe("");
    expect(ok(await run("topics", "--describe", "--topic", "new_topic")).stdout).toMatch(/^Topic: new_topic\tPartitionCount: 1\tReplicationFactor: 1\t/);
    const consumed = ok(await run("console-consumer", "--topic", "new_topic", "--from-beginning", "--max-messages", "2"));
    expect(consumed.stdout).toBe("hello\nworld\n");
  });

  it("spreads piped keyless lines over the partitions batch by batch, as Kafka's sticky partitioner does", async () => {
    ok(await run("topics", "--create", "--topic", "spread", "--partitions", "3"));
    const count = 20_000;
    // 100-byte values: a 16384-byte batch holds about 150 of them, so the producer switches partition ~130 times.
    const lines = Array.from({ length: count }, (_, i) => `line ${String(i).padStart(6, "0")} ${"x".repeat(88)}`);
    ok(await produce("spread", lines));
    const consumed = ok(
      await run("console-consumer", "--topic", "spread", "--from-beginning", "--property", "print.partition=true", "--max-messages", String(count), "--timeout-ms", "30000"),
    );
    const partitionOfLine = new Map<number, number>();
    for (const row of consumed.stdout.trimEnd().split("\n")) {
      const match = /^Partition:(\d+)\tline (\d+) /.exec(row);
      if (!match) throw new Error(`unexpected line: ${row}`);
      partitionOfLine.set(Number(match[2]), Number(match[1]));
    }
    expect(partitionOfLine.size).toBe(count);
    const perPartition = [0, 1, 2].map((p) => [...partitionOfLine.values()].filter((q) => q === p).length);
    for (const records of perPartition) expect(records).toBeGreaterThan(count / 10);
    // In input order the partition changes after whole batches: a RecordBatch of these records reaches batch.size
    // (16384 bytes: a 61-byte header, then 109 bytes per record up to offset delta 63 and 110 after) at its 149th
    // record, so every run of one partition but the last is 149 records, or a multiple when the same one is drawn again.
    const runs: number[] = [1];
    for (let i = 1; i < count; i++) {
      if (partitionOfLine.get(i) === partitionOfLine.get(i - 1)) runs[runs.length - 1]!++;
      else runs.push(1);
    }
    expect(runs.length).toBeGreaterThan(30);
    expect(runs.slice(0, -1).filter((length) => length % 149 !== 0)).toEqual([]);
  });

  it("splits the partitions between two consumers of group order, which commit and leave on Ctrl-C", async () => {
    const consumers = [0, 1].map(() => startSkein(server, ["console-consumer", "--topic", "first_topic", "--group", "order", "--property", "print.key=true", "--property", "key.separator=,"], null));
    try {
      // Wait until both are members and hold partitions between them.
      const deadline = Date.now() + 60_000;
      for (;;) {
        const members = await run("consumer-groups", "--describe", "--group", "order", "--members", "--output", "json");
        if (members.code === 0) {
          const list = (JSON.parse(members.stdout) as { members: { assignment: unknown[] }[] }).members;
          if (list.length === 2 && list.every((m) => m.assignment.length > 0)) break;
        }
        if (Date.now() > deadline) throw new Error(`group order never had two members with partitions:\n${members.stdout}${members.stderr}`);
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      const orders = Array.from({ length: 30 }, (_, i) => `customer-${i},order ${i}`);
      ok(await produce("first_topic", orders, "--property", "parse.key=true", "--property", "key.separator=,"));
      produced += orders.length;
      const lines = () => consumers.flatMap((c) => c.stdout.split("\n").filter(Boolean));
      await consumers[0]!.waitFor(() => lines().length >= orders.length, "all 30 orders printed", 30_000);
      const [a, b] = consumers.map((c) => c.stdout.split("\n").filter(Boolean));
      expect(a!.length).toBeGreaterThan(0);
      expect(b!.length).toBeGreaterThan(0);
      expect([...a!, ...b!].sort()).toEqual([...orders].sort());

      const codes = await Promise.all(consumers.map((c) => c.stop("SIGINT")));
      expect(codes).toEqual([0, 0]);
      expect(consumers.map((c) => /Processed a total of (\d+) messages/.exec(c.stderr)?.[1])).toEqual([String(a!.length), String(b!.length)]);
    } finally {
      await Promise.all(consumers.map((c) => c.stop("SIGKILL")));
    }
  });

  it("describes group order with its lag once more records arrive", async () => {
    const caughtUp = ok(await run("consumer-groups", "--describe", "--group", "order"));
    expect(caughtUp.stderr).toContain("Consumer group 'order' has no active members.");
    expect(caughtUp.stdout).toMatch(/^\nGROUP +TOPIC +PARTITION +CURRENT-OFFSET +LOG-END-OFFSET +LAG +CONSUMER-ID +HOST +CLIENT-ID\n/);
    const before = offsetRows(caughtUp.stdout);
    expect(before.map((r) => r.slice(0, 3))).toEqual([0, 1, 2].map((p) => ["order", "first_topic", String(p)]));
    for (const row of before) expect(row[5]).toBe("0");

    ok(await produce("first_topic", ["late-1", "late-2", "late-3"]));
    produced += 3;
    const lagging = offsetRows(ok(await run("consumer-groups", "--describe", "--group", "order")).stdout);
    expect(lagging.reduce((sum, row) => sum + Number(row[5]), 0)).toBe(3);
    for (const row of lagging) expect(Number(row[4]) - Number(row[3])).toBe(Number(row[5]));

    const state = ok(await run("consumer-groups", "--describe", "--group", "order", "--state")).stdout;
    expect(state).toMatch(/\nGROUP +COORDINATOR \(ID\) +ASSIGNMENT-STRATEGY +STATE +#MEMBERS\norder +\S+ \(0\) +\S* +Empty +0\n/);
  });

  it("resets group product to the earliest offsets and shifts it by -2", async () => {
    const first = ok(await run("console-consumer", "--topic", "first_topic", "--group", "product", "--from-beginning", "--max-messages", String(produced)));
    expect(first.stdout.trimEnd().split("\n")).toHaveLength(produced);
    const endOffsets = offsetRows(ok(await run("consumer-groups", "--describe", "--group", "product")).stdout).map((r) => Number(r[4]));
    expect(endOffsets.reduce((a, b) => a + b, 0)).toBe(produced);

    const plan = ok(await run("consumer-groups", "--group", "product", "--reset-offsets", "--to-earliest", "--topic", "first_topic"));
    expect(plan.stderr).toContain("No action will be performed as the --execute option is missing");
    expect(plan.stdout).toMatch(/^\nGROUP +TOPIC +PARTITION +NEW-OFFSET\n/);
    expect(offsetRows(plan.stdout)).toEqual([0, 1, 2].map((p) => ["product", "first_topic", String(p), "0"]));
    // A dry run changes nothing.
    for (const row of offsetRows(ok(await run("consumer-groups", "--describe", "--group", "product")).stdout)) expect(row[5]).toBe("0");

    ok(await run("consumer-groups", "--group", "product", "--reset-offsets", "--to-earliest", "--all-topics", "--execute"));
    const reset = offsetRows(ok(await run("consumer-groups", "--describe", "--group", "product")).stdout);
    expect(reset.map((r) => [r[3], r[5]])).toEqual(endOffsets.map((end) => ["0", String(end)]));
    const again = ok(await run("console-consumer", "--topic", "first_topic", "--group", "product", "--max-messages", String(produced)));
    expect(again.stdout.trimEnd().split("\n")).toHaveLength(produced);

    const shifted = ok(await run("consumer-groups", "--group", "product", "--reset-offsets", "--shift-by", "-2", "--topic", "first_topic", "--execute"));
    expect(offsetRows(shifted.stdout).map((r) => Number(r[3]))).toEqual(endOffsets.map((end) => Math.max(0, end - 2)));
    const lags = offsetRows(ok(await run("consumer-groups", "--describe", "--group", "product")).stdout).map((r) => Number(r[5]));
    expect(lags).toEqual(endOffsets.map((end) => Math.min(2, end)));
    const tail = ok(await run("console-consumer", "--topic", "first_topic", "--group", "product", "--timeout-ms", "3000"));
    expect(tail.stdout.trimEnd().split("\n")).toHaveLength(lags.reduce((a, b) => a + b, 0));
  });

  it("deletes group product", async () => {
    expect(ok(await run("consumer-groups", "--delete", "--group", "product")).stdout).toBe("Deletion of requested consumer groups ('product') was successful.\n");
    expect(ok(await run("consumer-groups", "--list")).stdout.split("\n")).not.toContain("product");
  });

  it("alters config-test from 1 to 3 partitions and refuses to go back to 1", async () => {
    ok(await run("topics", "--create", "--topic", "config-test", "--partitions", "1"));
    const altered = ok(await run("topics", "--alter", "--topic", "config-test", "--partitions", "3"));
    expect(altered.stdout).toBe("");
    expect(ok(await run("topics", "--describe", "--topic", "config-test")).stdout).toMatch(/^Topic: config-test\tPartitionCount: 3\t/);
    const back = await run("topics", "--alter", "--topic", "config-test", "--partitions", "1");
    expect(back.code).toBe(1);
    expect(back.stderr).toBe("Error: Topic currently has 3 partitions, which is higher than the requested 1.\n");
  });

  it("adds and deletes retention.ms=10000 with skein configs", async () => {
    const target = ["configs", "--entity-type", "topics", "--entity-name", "config-test"];
    expect(ok(await run(...target, "--alter", "--add-config", "retention.ms=10000")).stdout).toBe("Completed updating config for topic config-test.\n");
    const described = ok(await run(...target, "--describe")).stdout;
    expect(described).toMatch(/^Dynamic configs for topic config-test are:\n  retention\.ms=10000 sensitive=false synonyms=\{DYNAMIC_TOPIC_CONFIG:retention\.ms=10000/);
    expect(ok(await run("topics", "--describe", "--topic", "config-test")).stdout).toMatch(/Configs: retention\.ms=10000\n/);

    expect(ok(await run(...target, "--alter", "--delete-config", "retention.ms")).stdout).toBe("Completed updating config for topic config-test.\n");
    expect(ok(await run(...target, "--describe")).stdout).toBe("Dynamic configs for topic config-test are:\n");

    const invalid = await run(...target, "--alter", "--add-config", "retention.ms=soon");
    expect(invalid.code).toBe(1);
    expect(invalid.stderr.split("\n")).toHaveLength(2);
    expect(invalid.stderr).toContain("retention.ms");
  });

  it("creates the compacted bank-account topic", async () => {
    const created = await run(
      "topics", "--create", "--topic", "bank-account", "--partitions", "1", "--replication-factor", "1",
      "--config", "cleanup.policy=compact", "--config", "segment.ms=5000", "--config", "min.cleanable.dirty.ratio=0.001",
    );
    expect(ok(created).stdout).toBe("Created topic bank-account.\n");
    const configs = /Configs: (.*)\n/.exec(ok(await run("topics", "--describe", "--topic", "bank-account")).stdout)![1]!.split(",").sort();
    expect(configs).toEqual(["cleanup.policy=compact", "min.cleanable.dirty.ratio=0.001", "segment.ms=5000"]);
    ok(await produce("bank-account", ["kim,100", "lee,200", "kim,150"], "--property", "parse.key=true", "--property", "key.separator=,"));
  });
});
