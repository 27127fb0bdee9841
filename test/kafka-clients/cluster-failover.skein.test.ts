// The course's chapter 2 example on a Skein cluster (one etcd, three brokers, as `npm run cluster` runs them) with
// Kafka's own tools: f9Topic with 9 partitions and replication factor 3, described; broker 0 SIGKILLed, so its
// leaderships move to the next in-sync replica and the ISRs shrink once its etcd lease expires; records produced with
// acks=all before and during the failure all read back; broker 0 rejoins the ISRs and `kafka-leader-election`
// gives its leaderships back.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { kafkaTool } from "./support/kafka-tool.mjs";
import { waitUntil } from "./support/processes.js";
import { startSkeinCluster } from "./support/skein-cluster.mjs";

type SkeinCluster = Awaited<ReturnType<typeof startSkeinCluster>>;

/** One sample of a Prometheus metric without labels from a broker's /metrics. */
async function metric(httpPort: number, name: string): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${httpPort}/metrics`)).text();
  const line = text.split("\n").find((l) => l.startsWith(`${name} `));
  if (!line) throw new Error(`no ${name} in /metrics`);
  return Number(line.split(" ")[1]);
}

/** The cluster as broker `via`'s REST API shows it: the controller and the registered brokers. */
async function clusterStateOf(cluster: SkeinCluster, via: number): Promise<{ controller: number; brokers: number[] }> {
  const base = `http://127.0.0.1:${cluster.brokers[via]!.httpPort}/v3/clusters`;
  const found = ((await (await fetch(base)).json()) as { data: { cluster_id: string; controller: { related: string } }[] }).data[0]!;
  const brokers = (await (await fetch(`${base}/${found.cluster_id}/brokers`)).json()) as { data: { broker_id: number }[] };
  return { controller: Number(found.controller.related.split("/").at(-1)), brokers: brokers.data.map((b) => b.broker_id).sort() };
}

/**
 * A topic's partitions as broker `via`'s REST API shows them. Polled while a broker is paused: Kafka's admin client
 * may pick the paused broker for a request and wait out its timeout, REST asks only `via`.
 */
async function restPartitions(cluster: SkeinCluster, via: number, topic: string, partitions: number): Promise<PartitionRow[]> {
  const base = `http://127.0.0.1:${cluster.brokers[via]!.httpPort}/v3/clusters`;
  const clusterId = ((await (await fetch(base)).json()) as { data: { cluster_id: string }[] }).data[0]!.cluster_id;
  const rows: PartitionRow[] = [];
  for (let partition = 0; partition < partitions; partition++) {
    const replicas = ((await (await fetch(`${base}/${clusterId}/topics/${topic}/partitions/${partition}/replicas`)).json()) as { data: { broker_id: number; is_leader: boolean; is_in_sync: boolean }[] }).data;
    rows.push({
      partition,
      leader: replicas.find((r) => r.is_leader)?.broker_id ?? -1,
      replicas: replicas.map((r) => r.broker_id),
      isr: replicas.filter((r) => r.is_in_sync).map((r) => r.broker_id),
    });
  }
  return rows;
}

interface PartitionRow {
  partition: number;
  leader: number;
  replicas: number[];
  isr: number[];
}

/** The partition lines of `kafka-topics --describe`: `Topic: t Partition: 0 Leader: 1 Replicas: 1,2,0 Isr: 1,2,0 ...`. */
function parseDescribe(stdout: string): PartitionRow[] {
  const ids = (list: string) => (list === "" ? [] : list.split(",").map(Number));
  return stdout
    .split("\n")
    .map((line) => /Partition: (\d+)\s+Leader: (-?\d+|none)\s+Replicas: ([\d,]*)\s+Isr: ([\d,]*)/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ partition: Number(m[1]), leader: m[2] === "none" ? -1 : Number(m[2]), replicas: ids(m[3]!), isr: ids(m[4]!) }));
}

describe("Skein cluster: the course's f9Topic failover with Kafka's tools", () => {
  let cluster: SkeinCluster;

  beforeAll(async () => {
    // Failures show within seconds: a 3 s etcd lease, followers dropped after 5 s. The automatic preferred-leader
    // election is off, so that kafka-leader-election is what gives broker 0 its leaderships back.
    cluster = await startSkeinCluster({
      size: 3,
      env: {
        SKEIN_BROKER_SESSION_TIMEOUT_MS: "3000",
        SKEIN_REPLICA_LAG_TIME_MAX_MS: "5000",
        SKEIN_AUTO_LEADER_REBALANCE_ENABLE: "false",
        SKEIN_OFFSETS_TOPIC_NUM_PARTITIONS: "3",
      },
    });
  });
  afterAll(async () => {
    await cluster?.stop();
  });
  afterEach((context) => {
    if (context.task.result?.state === "fail") for (const b of cluster.brokers) console.log(`--- broker ${b.id}\n${b.output().split("\n").filter((l) => !l.includes("__consumer_offsets-")).slice(-80).join("\n")}`);
  });

  /** A tool against the brokers still up (the first of them as bootstrap server). */
  const tool = (name: Parameters<typeof kafkaTool>[0], args: string[], input?: string, bootstrapBroker = 0) =>
    kafkaTool(name, ["--bootstrap-server", `127.0.0.1:${cluster.brokers[bootstrapBroker]!.kafkaPort}`, ...args], { input });
  const describeF9 = async (bootstrapBroker = 0) => {
    const result = await tool("kafka-topics", ["--describe", "--topic", "f9Topic"], undefined, bootstrapBroker);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    return parseDescribe(result.stdout);
  };

  it("creates f9Topic with 9 partitions on 3 brokers, fails broker 0 over to the next ISR replicas, and takes it back", async () => {
    const created = await tool("kafka-topics", ["--create", "--topic", "f9Topic", "--partitions", "9", "--replication-factor", "3", "--config", "min.insync.replicas=2"]);
    expect(created.code, created.stdout + created.stderr).toBe(0);
    expect(created.stdout).toContain("Created topic f9Topic.");

    const initial = await describeF9(1);
    expect(initial).toHaveLength(9);
    for (const p of initial) {
      expect(new Set(p.replicas)).toEqual(new Set([0, 1, 2]));
      expect(p.leader).toBe(p.replicas[0]);
      expect(p.isr).toEqual(p.replicas);
    }
    // Leadership is spread: each broker leads three partitions.
    for (const id of [0, 1, 2]) expect(initial.filter((p) => p.leader === id)).toHaveLength(3);
    // The groups' offsets are replicated too (offsets.topic.replication.factor 3), so groups survive broker 0.
    const offsetsTopic = await tool("kafka-topics", ["--describe", "--topic", "__consumer_offsets"]);
    expect(offsetsTopic.code, offsetsTopic.stderr).toBe(0);
    const offsetsPartitions = parseDescribe(offsetsTopic.stdout);
    expect(offsetsPartitions).toHaveLength(3);
    for (const p of offsetsPartitions) expect(new Set(p.replicas)).toEqual(new Set([0, 1, 2]));

    const before = Array.from({ length: 30 }, (_, i) => `before-${i}`);
    const produced = await tool("kafka-console-producer", ["--topic", "f9Topic", "--producer-property", "acks=all"], before.join("\n") + "\n");
    expect(produced.code, produced.stderr).toBe(0);

    // SIGKILL: no controlled shutdown. Once broker 0's lease expires, the controller moves its leaderships.
    await cluster.brokers[0]!.kill();
    let failedOver: PartitionRow[] = [];
    await waitUntil(async () => {
      failedOver = await describeF9(1);
      return failedOver.length === 9 && failedOver.every((p) => p.leader !== 0 && !p.isr.includes(0));
    }, "leaders off broker 0 and ISRs without it", 90_000);
    for (const p of failedOver) {
      const was = initial.find((i) => i.partition === p.partition)!;
      // Led elsewhere before: unchanged; led by 0: the next replica in order that was in the ISR.
      expect(p.leader, `partition ${p.partition}`).toBe(was.leader === 0 ? was.replicas.find((id) => id !== 0) : was.leader);
      expect(p.replicas).toEqual(was.replicas);
      expect(p.isr).toEqual(was.isr.filter((id) => id !== 0));
    }

    // Each surviving broker leads under-replicated partitions now (f9Topic's and __consumer_offsets'), none offline.
    for (const id of [1, 2]) {
      expect(await metric(cluster.brokers[id]!.httpPort, "skein_under_replicated_partitions")).toBeGreaterThanOrEqual(4);
      expect(await metric(cluster.brokers[id]!.httpPort, "skein_leaderless_partitions")).toBe(0);
    }

    // With two of three replicas in sync, acks=all with min.insync.replicas=2 still succeeds.
    const during = Array.from({ length: 30 }, (_, i) => `during-${i}`);
    const producedDuring = await tool("kafka-console-producer", ["--topic", "f9Topic", "--producer-property", "acks=all"], during.join("\n") + "\n", 1);
    expect(producedDuring.code, producedDuring.stderr).toBe(0);
    const consumed = await tool("kafka-console-consumer", ["--topic", "f9Topic", "--from-beginning", "--max-messages", "60", "--timeout-ms", "60000"], undefined, 2);
    expect(consumed.code, consumed.stderr).toBe(0);
    expect(consumed.stdout.split("\n").filter(Boolean).sort()).toEqual([...before, ...during].sort());

    // Broker 0 restarts on its data, catches up and rejoins every ISR; it leads nothing until a preferred-leader
    // election gives its partitions back.
    await cluster.brokers[0]!.restart();
    let rejoined: PartitionRow[] = [];
    await waitUntil(async () => {
      rejoined = await describeF9(2);
      return rejoined.every((p) => p.isr.length === 3);
    }, "broker 0 back in every ISR", 90_000);
    expect(rejoined.filter((p) => p.leader === 0)).toEqual([]);
    const elected = await tool("kafka-leader-election", ["--election-type", "PREFERRED", "--all-topic-partitions"], undefined, 1);
    expect(elected.code, elected.stdout + elected.stderr).toBe(0);
    expect(elected.stdout).toContain("Successfully completed leader election (PREFERRED) for partitions");
    for (const p of initial.filter((i) => i.leader === 0)) expect(elected.stdout).toContain(`f9Topic-${p.partition}`);
    await waitUntil(async () => {
      rejoined = await describeF9(2);
      return rejoined.every((p) => p.leader === p.replicas[0]);
    }, "broker 0 leading its preferred partitions again", 30_000);
    expect(rejoined.map((p) => p.leader)).toEqual(initial.map((p) => p.leader));
    for (const b of cluster.brokers) expect(await metric(b.httpPort, "skein_under_replicated_partitions")).toBe(0);
    const again = await tool("kafka-leader-election", ["--election-type", "PREFERRED", "--topic", "f9Topic", "--partition", "0"], undefined, 1);
    expect(again.code, again.stdout + again.stderr).toBe(0);
    expect(again.stdout).toContain("Valid replica already elected for partitions f9Topic-0");
    const fromBroker0 = await tool("kafka-console-consumer", ["--topic", "f9Topic", "--from-beginning", "--max-messages", "60", "--timeout-ms", "60000"]);
    expect(fromBroker0.code, fromBroker0.stderr).toBe(0);
    expect(fromBroker0.stdout.split("\n").filter(Boolean).sort()).toEqual([...before, ...during].sort());
  });

  it("replaces a SIGSTOPped leader once its lease expires; after SIGCONT it rejoins as a follower, and no acknowledged record is lost", async () => {
    const { controller } = await clusterStateOf(cluster, 1);
    const victim = [0, 1, 2].find((id) => id !== controller)!;
    const via = [0, 1, 2].find((id) => id !== victim)!;
    const describePaused = async () => {
      const result = await tool("kafka-topics", ["--describe", "--topic", "paused"], undefined, via);
      expect(result.code, result.stdout + result.stderr).toBe(0);
      return parseDescribe(result.stdout);
    };
    const created = await tool("kafka-topics", ["--create", "--topic", "paused", "--partitions", "3", "--replication-factor", "3", "--config", "min.insync.replicas=2"], undefined, via);
    expect(created.code, created.stdout + created.stderr).toBe(0);
    await waitUntil(async () => (await describePaused()).every((p) => p.isr.length === 3), "full ISRs", 60_000);
    const led = (await describePaused()).find((p) => p.leader === victim)!;
    expect(led).toBeDefined();

    cluster.brokers[victim]!.pause();
    try {
      await waitUntil(async () => {
        const p = (await restPartitions(cluster, via, "paused", 3)).find((row) => row.partition === led.partition)!;
        return p.leader !== victim && !p.isr.includes(victim);
      }, `a new leader for paused-${led.partition}`, 60_000);
      const values = Array.from({ length: 30 }, (_, i) => `while-paused-${i}`);
      const produced = await tool("kafka-console-producer", ["--topic", "paused", "--producer-property", "acks=all"], values.join("\n") + "\n", via);
      expect(produced.code, produced.stderr).toBe(0);
    } finally {
      cluster.brokers[victim]!.resume();
    }
    // The resumed broker finds its lease gone: it stops leading, registers again, truncates and catches up.
    await waitUntil(async () => (await describePaused()).every((p) => p.isr.length === 3), `broker ${victim} back in every ISR`, 90_000);
    expect(cluster.brokers[victim]!.output()).toContain("lost its cluster membership");
    const consumed = await tool("kafka-console-consumer", ["--topic", "paused", "--from-beginning", "--max-messages", "30", "--timeout-ms", "60000"], undefined, victim);
    expect(consumed.code, consumed.stderr).toBe(0);
    expect(consumed.stdout.split("\n").filter(Boolean).sort()).toEqual(Array.from({ length: 30 }, (_, i) => `while-paused-${i}`).sort());
  });
});

describe("Skein cluster: a paused follower leaves the ISRs by the leader's lag check and comes back", () => {
  let cluster: SkeinCluster;

  beforeAll(async () => {
    // A lease far longer than the lag limit: the follower stays registered while paused, so it is the leaders'
    // replica.lag.time.max.ms check (Kafka's AlterPartition ISR shrink), not the controller, that drops it.
    cluster = await startSkeinCluster({ size: 3, env: { SKEIN_BROKER_SESSION_TIMEOUT_MS: "60000", SKEIN_REPLICA_LAG_TIME_MAX_MS: "2000" } });
  });
  afterAll(async () => {
    await cluster?.stop();
  });

  const clusterState = (via: number) => clusterStateOf(cluster, via);

  afterEach((context) => {
    // A failure shows what the brokers said (their elections and ISR changes).
    if (context.task.result?.state === "fail") for (const b of cluster.brokers) console.log(`--- broker ${b.id}\n${b.output().split("\n").filter((l) => !l.includes("__consumer_offsets-")).slice(-80).join("\n")}`);
  });

  it("shrinks the ISRs without a SIGSTOPped follower while it is still registered, and expands them after SIGCONT", async () => {
    // The paused broker is not the controller: admin calls (kafka-topics --describe lists reassignments there) must
    // keep working.
    const { controller } = await clusterState(0);
    const victim = [0, 1, 2].find((id) => id !== controller)!;
    const via = [0, 1, 2].find((id) => id !== victim)!;
    const describeTopic = async (topic: string) => {
      const result = await kafkaTool("kafka-topics", ["--bootstrap-server", `127.0.0.1:${cluster.brokers[via]!.kafkaPort}`, "--describe", "--topic", topic]);
      expect(result.code, result.stdout + result.stderr).toBe(0);
      return parseDescribe(result.stdout);
    };
    const created = await kafkaTool("kafka-topics", ["--bootstrap-server", `127.0.0.1:${cluster.brokers[via]!.kafkaPort}`, "--create", "--topic", "lagging", "--partitions", "3", "--replication-factor", "3"]);
    expect(created.code, created.stdout + created.stderr).toBe(0);
    await waitUntil(async () => (await describeTopic("lagging")).every((p) => p.isr.length === 3), "full ISRs", 60_000);

    cluster.brokers[victim]!.pause();
    try {
      // The partition the paused broker leads cannot change (its leader is the paused one, and its lease holds); the
      // others' leaders drop it from their ISR.
      let shrunk: PartitionRow[] = [];
      await waitUntil(async () => {
        shrunk = await restPartitions(cluster, via, "lagging", 3);
        return shrunk.filter((p) => p.leader !== victim).every((p) => !p.isr.includes(victim));
      }, `ISRs without broker ${victim}`, 45_000);
      expect((await clusterState(via)).brokers).toEqual([0, 1, 2]);
      expect(shrunk.filter((p) => p.leader !== victim)).toHaveLength(2);
      for (const p of shrunk) {
        expect(p.leader).toBe(p.replicas[0]);
        expect(p.isr).toHaveLength(p.leader === victim ? 3 : 2);
      }
      // The leaders made those changes themselves, and count them.
      const leaders = [...new Set(shrunk.filter((p) => p.leader !== victim).map((p) => p.leader))];
      let shrinks = 0;
      for (const id of leaders) shrinks += await metric(cluster.brokers[id]!.httpPort, "skein_isr_shrinks_total");
      expect(shrinks).toBeGreaterThanOrEqual(2);
    } finally {
      cluster.brokers[victim]!.resume();
    }
    await waitUntil(async () => (await describeTopic("lagging")).every((p) => p.isr.length === 3), `broker ${victim} back in every ISR`, 60_000);
    let expands = 0;
    for (const id of [0, 1, 2].filter((id) => id !== victim)) expands += await metric(cluster.brokers[id]!.httpPort, "skein_isr_expands_total");
    expect(expands).toBeGreaterThanOrEqual(2);
  });
});
