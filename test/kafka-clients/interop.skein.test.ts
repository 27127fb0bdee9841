// Skein only: what crosses Skein's Kafka listener and its REST / WebSocket / CLI surface, and a crash under an
// idempotent Java producer. Apache Kafka has no REST API, so this suite has no Apache Kafka variant; vitest.config.ts
// includes it once Skein is among the selected targets (support/target-selection.mjs, or SKEIN_KAFKA_TARGETS=skein).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { ensureKcat } from "../../scripts/kafka-clients-setup.mjs";
import { skein } from "../cli/skein-processes.js";
import { linesOf, runJavaExample, startJavaExample } from "./support/java-examples.js";
import { kafkaTool } from "./support/kafka-tool.mjs";
import { parseTable } from "./support/normalise.js";
import { runProgram } from "./support/processes.js";
import { startSkeinBroker } from "./support/skein-broker.mjs";

type SkeinBroker = Awaited<ReturnType<typeof startSkeinBroker>>;

describe("Skein: Kafka clients meet REST, WebSocket and the skein CLI; a crash under an idempotent producer", () => {
  let broker: SkeinBroker;
  let clusterId: string;
  const v3 = (path: string) => `${broker.restUrl}/v3/clusters/${clusterId}${path}`;
  const createTopic = async (topic: string, partitions: number) => {
    const created = await kafkaTool("kafka-topics", ["--bootstrap-server", broker.bootstrap, "--create", "--topic", topic, "--partitions", String(partitions)]);
    expect(created.code, created.stdout + created.stderr).toBe(0);
  };
  const kcat = (args: string[], input = "") => runProgram(ensureKcat(), ["-b", broker.bootstrap, ...args], { input });

  beforeAll(async () => {
    broker = await startSkeinBroker();
    const clusters = (await (await fetch(`${broker.restUrl}/v3/clusters`)).json()) as { data: { cluster_id: string }[] };
    clusterId = clusters.data[0]!.cluster_id;
  });
  afterAll(async () => {
    await broker?.stop();
  });

  it("records produced by Kafka's Java client read the same over REST and over the WebSocket tail", async () => {
    await createTopic("interop_java", 3);
    const producer = await runJavaExample("ProducerDemoKeys", [broker.bootstrap, "interop_java"]);
    expect(producer.code, producer.stderr).toBe(0);
    const produced = linesOf(producer, "KEY")
      .map(([key, , partition, , offset]) => ({ partition: Number(partition), offset: Number(offset), key: key!, value: `hello world ${key!.slice(3)}` }))
      .sort(byPosition);

    const overRest = [];
    for (const partition of [0, 1, 2]) {
      const response = await fetch(v3(`/topics/interop_java/partitions/${partition}/records?offset=0&limit=100`));
      expect(response.status).toBe(200);
      const body = (await response.json()) as { data: { partition_id: number; offset: number; key: { data: string } | null; value: { data: string } | null }[] };
      for (const record of body.data) {
        overRest.push({ partition: record.partition_id, offset: record.offset, key: base64(record.key?.data), value: base64(record.value?.data) });
      }
    }
    expect(overRest.sort(byPosition)).toEqual(produced);

    const overWebSocket = await tailFromEarliest(`${broker.restUrl.replace("http", "ws")}/ws`, "interop_java", produced.length);
    expect(overWebSocket.sort(byPosition)).toEqual(produced);
  });

  it("records produced over REST are consumed by kcat", async () => {
    await createTopic("interop_rest", 1);
    for (const [key, value] of [["kim", "10000 won"], ["lee", "5000 won"], ["kim", "30000 won"]]) {
      const response = await fetch(v3("/topics/interop_rest/records"), {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ key: { type: "STRING", data: key }, value: { type: "STRING", data: value } }),
      });
      expect(response.status, await response.clone().text()).toBe(200);
    }
    const consumed = await kcat(["-C", "-t", "interop_rest", "-e", "-f", "%o %k %s\\n"]);
    expect(consumed.code, consumed.stderr).toBe(0);
    expect(consumed.lines()).toEqual(["0 kim 10000 won", "1 lee 5000 won", "2 kim 30000 won"]);
  });

  it("a group's committed offsets and lag read the same with kafka-consumer-groups and skein consumer-groups", async () => {
    await createTopic("interop_groups", 2);
    const records = Array.from({ length: 10 }, (_, i) => `k${i}:v${i}`).join("\n");
    expect((await kcat(["-P", "-t", "interop_groups", "-K:"], `${records}\n`)).code).toBe(0);
    const read = await kafkaTool("kafka-console-consumer", ["--bootstrap-server", broker.bootstrap, "--topic", "interop_groups", "--group", "interop", "--from-beginning", "--max-messages", "6"]);
    expect(read.code, read.stderr).toBe(0);
    expect((await kcat(["-P", "-t", "interop_groups", "-K:"], "k10:v10\nk11:v11\n")).code).toBe(0);

    const kafkaView = await kafkaTool("kafka-consumer-groups", ["--bootstrap-server", broker.bootstrap, "--describe", "--group", "interop"]);
    expect(kafkaView.code, kafkaView.stderr).toBe(0);
    const skeinView = await skein(broker.restUrl, ["consumer-groups", "--describe", "--group", "interop"]);
    expect(skeinView.code, skeinView.stderr).toBe(0);
    const columns = (text: string) =>
      parseTable(text)
        .map((row) => [row.GROUP, row.TOPIC, row.PARTITION, row["CURRENT-OFFSET"], row["LOG-END-OFFSET"], row.LAG].join(" "))
        .sort();
    expect(columns(skeinView.stdout)).toEqual(columns(kafkaView.stdout));
    expect(columns(kafkaView.stdout)).toHaveLength(2);
    expect(parseTable(kafkaView.stdout).reduce((sum, row) => sum + Number(row.LAG), 0)).toBe(6);
  });

  it("SIGKILL during idempotent acks=all produce: after restart every number is there once, in order", async () => {
    await createTopic("interop_crash", 1);
    const count = 20_000;
    const producer = startJavaExample("IdempotentProducer", [broker.bootstrap, "interop_crash", String(count)]);
    await producer.waitFor((self) => linesOf(self, "ACK").length >= 3000, "3000 acknowledged records", 120_000);
    await broker.kill();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await broker.restart();
    await producer.waitFor((self) => self.lines().includes("DONE"), "the producer to finish", 240_000);

    expect(linesOf(producer, "FAILED")).toEqual([]);
    const acked = linesOf(producer, "ACK").map(([n, offset]) => [Number(n), Number(offset)] as const);
    expect(acked).toHaveLength(count);
    const consumed = await kcat(["-C", "-t", "interop_crash", "-p", "0", "-o", "beginning", "-e", "-f", "%o %s\\n"]);
    expect(consumed.code, consumed.stderr).toBe(0);
    const stored = consumed.lines().map((line) => line.split(" ").map(Number) as [number, number]);
    // No duplicate and no gap: the values are 0..count-1 in offset order, and each acknowledgement names its record.
    expect(stored.map(([, n]) => n)).toEqual(Array.from({ length: count }, (_, n) => n));
    const offsetOf = new Map(stored.map(([offset, n]) => [n, offset]));
    for (const [n, offset] of acked) expect(offsetOf.get(n), `record ${n}`).toBe(offset);
  });
});

interface ReadRecord {
  partition: number;
  offset: number;
  key: string;
  value: string;
}

function byPosition(a: ReadRecord, b: ReadRecord): number {
  return a.partition - b.partition || a.offset - b.offset;
}

function base64(data: string | undefined): string {
  return Buffer.from(data ?? "", "base64").toString();
}

/** Subscribes to every partition of a topic from the earliest offset over /ws and collects `count` records. */
async function tailFromEarliest(url: string, topic: string, count: number): Promise<ReadRecord[]> {
  const socket = new WebSocket(url);
  const records: ReadRecord[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      socket.once("open", () => socket.send(JSON.stringify({ type: "subscribe", id: "t1", topic, from: "earliest" })));
      socket.on("message", (data) => {
        const frame = JSON.parse(data.toString()) as { type: string; records?: { partition: number; offset: number; key: string | null; value: string | null; encoding?: string }[]; message?: string };
        if (frame.type === "error") reject(new Error(frame.message));
        for (const record of frame.records ?? []) {
          const decode = (text: string | null) => (record.encoding === "base64" ? base64(text ?? "") : (text ?? ""));
          records.push({ partition: record.partition, offset: record.offset, key: decode(record.key), value: decode(record.value) });
        }
        if (records.length >= count) resolve();
      });
      socket.once("error", reject);
      setTimeout(() => reject(new Error(`only ${records.length} of ${count} records over the WebSocket`)), 30_000).unref();
    });
  } finally {
    socket.close();
  }
  return records;
}
