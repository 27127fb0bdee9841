// The course's Kafka Connect chapter (examples/connect): Kafka Connect's own runtime and connectors from Maven Central,
// unchanged, against the selected brokers: connect-standalone with the course's FileStream layout, two
// connect-distributed workers (REST API, scaling, a worker SIGKILLed mid-stream, exactly-once source where the
// target has transactions: support/target-guarantees.mjs), and Debezium's PostgreSQL connector.
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { CONNECT_DIR } from "../../scripts/kafka-clients-setup.mjs";
import { startPostgres } from "../../scripts/postgres.mjs";
import { freePort } from "./support/apache-kafka.mjs";
import { ConnectRest, startConnectWorker, workerErrors, writeWorkerProperties, type ConnectWorker } from "./support/connect-worker.js";
import { kafkaTool, startKafkaTool, type KafkaToolProcess } from "./support/kafka-tool.mjs";
import { runProgram, waitUntil } from "./support/processes.js";
import { supportsExactlyOnce } from "./support/target-guarantees.mjs";
import { kafkaTargets, type KafkaTarget, type StartedTarget } from "./support/targets.js";

/** Lines appended to the source file while a worker is killed: enough that the kill lands mid-stream. */
const LINES = 20_000;

for (const target of kafkaTargets()) describeConnect(target);

function describeConnect(target: KafkaTarget): void {
  const exactlyOnce = supportsExactlyOnce(target.id);

  describe(`Kafka Connect 4.3 against ${target.name}`, () => {
    let broker: StartedTarget;
    let workDir: string;
    const running: KafkaToolProcess[] = [];

    beforeAll(async () => {
      broker = await target.start();
      workDir = mkdtempSync(join(tmpdir(), "skein-connect-"));
    });
    afterAll(async () => {
      await Promise.all(running.map((process) => process.stop("SIGKILL")));
      await broker?.stop();
      rmSync(workDir, { recursive: true, force: true });
    });

    it("connect-standalone with the course's layout: FileStreamSource reads test.txt into connect-test, FileStreamSink writes it back out, and a restarted worker resumes where it stopped", async () => {
      const dir = join(workDir, "standalone");
      mkdirSync(dir);
      const lines = Array.from({ length: 10 }, (_, i) => `line ${i + 1} of the course's file`);
      writeFileSync(join(dir, "test.txt"), lines.slice(0, 5).map((line) => `${line}\n`).join(""));
      const url = `http://127.0.0.1:${await freePort()}`;
      const workerFile = writeWorkerProperties(join(dir, "connect-standalone.properties"), "connect-standalone.properties", {
        "bootstrap.servers": broker.bootstrap,
        "offset.storage.file.filename": join(dir, "connect.offsets"),
        listeners: url,
      });
      // The connectors' files exactly as the example has them (test.txt and test.sink.txt, relative to the worker).
      const connectors = ["connect-file-source.properties", "connect-file-sink.properties"].map((name) => join(CONNECT_DIR, "config", name));
      const start = async () => {
        const worker = await startConnectWorker("standalone", url, workerFile, connectors, { cwd: dir });
        running.push(worker.process);
        return worker;
      };
      const sinkLines = () => (existsSync(join(dir, "test.sink.txt")) ? readFileSync(join(dir, "test.sink.txt"), "utf8").split("\n").slice(0, -1) : []);

      const worker = await start();
      await waitUntil(() => sinkLines().length >= 5, "the first five lines in test.sink.txt");
      appendFileSync(join(dir, "test.txt"), lines.slice(5, 8).map((line) => `${line}\n`).join(""));
      await waitUntil(() => sinkLines().length >= 8, "the appended lines in test.sink.txt");
      expect(sinkLines()).toEqual(lines.slice(0, 8));

      const consumed = await kafkaTool("kafka-console-consumer", ["--bootstrap-server", broker.bootstrap, "--topic", "connect-test", "--from-beginning", "--max-messages", "8"]);
      expect(consumed.code, consumed.stderr).toBe(0);
      // The JSON converter with schemas, as the course's worker configures it.
      expect(consumed.stdout.split("\n").slice(0, -1)).toEqual(lines.slice(0, 8).map((line) => JSON.stringify({ schema: { type: "string", optional: false }, payload: line })));

      // A clean stop stores the source's position and commits the sink's: the next run reads only what is new.
      await worker.process.stop("SIGTERM");
      appendFileSync(join(dir, "test.txt"), lines.slice(8).map((line) => `${line}\n`).join(""));
      const again = await start();
      await waitUntil(() => sinkLines().length >= 10, "the lines appended while the worker was stopped");
      await new Promise((resolve) => setTimeout(resolve, 2000));
      expect(sinkLines()).toEqual(lines);
      expect(workerErrors(again)).toBe("");
      await again.process.stop("SIGTERM");
    });

    describe(`connect-distributed: two workers, one cluster (${exactlyOnce ? "exactly-once source" : "at-least-once"})`, () => {
      const workers: { url: string; file: string; worker: ConnectWorker | null }[] = [];
      const rest = (i: number) => new ConnectRest(workers[i]!.url);
      const startWorker = async (i: number) => {
        const worker = await startConnectWorker("distributed", workers[i]!.url, workers[i]!.file);
        running.push(worker.process);
        workers[i]!.worker = worker;
      };

      beforeAll(async () => {
        for (const i of [0, 1]) {
          const url = `http://127.0.0.1:${await freePort()}`;
          const file = writeWorkerProperties(join(workDir, `worker-${i}.properties`), "connect-distributed.properties", {
            "bootstrap.servers": broker.bootstrap,
            listeners: url,
            "exactly.once.source.support": exactlyOnce ? "enabled" : "disabled",
            // Sink tasks' consumers of a killed worker leave their group after 10 s, not the default 45.
            "consumer.session.timeout.ms": 10_000,
            "offset.flush.interval.ms": 2000,
          });
          workers.push({ url, file, worker: null });
        }
        await Promise.all([startWorker(0), startWorker(1)]);
      });
      afterAll(async () => {
        await Promise.all(workers.map(({ worker }) => worker?.process.stop("SIGTERM")));
      });

      it("the workers share one `connect` group and keep configs, offsets and statuses in compacted topics they created", async () => {
        const described = await kafkaTool("kafka-topics", ["--bootstrap-server", broker.bootstrap, "--describe", "--topic", "connect-configs,connect-offsets,connect-status"]);
        expect(described.code, described.stderr).toBe(0);
        const topicLines = described.stdout.split("\n").filter((line) => line.startsWith("Topic: "));
        expect(topicLines.map((line) => line.split("\t")[0]).sort()).toEqual(["Topic: connect-configs", "Topic: connect-offsets", "Topic: connect-status"]);
        for (const line of topicLines) expect(line).toMatch(/Configs: .*cleanup\.policy=compact/);

        // GROUP, TYPE (Classic), PROTOCOL: the protocol type of Connect's group is `connect`, not `consumer`.
        const groups = await kafkaTool("kafka-groups", ["--bootstrap-server", broker.bootstrap, "--list"]);
        expect(groups.code, groups.stderr).toBe(0);
        const connectGroup = groups.stdout.split("\n").map((line) => line.trim().split(/\s+/)).find((cells) => cells[0] === "connect-cluster");
        expect(connectGroup, groups.stdout).toEqual(["connect-cluster", "Classic", "connect"]);

        const [first, second] = await Promise.all([0, 1].map((i) => rest(i).request<{ version: string; kafka_cluster_id: string }>("GET", "/")));
        expect(first!.kafka_cluster_id).toBe(second!.kafka_cluster_id);
        expect(first!.version).toBe("4.3.1");
      });

      it(`a FileStreamSource → FileStreamSink pipeline created and scaled over REST survives a worker's SIGKILL: ${exactlyOnce ? "each line once in the topic" : "no line lost"}, none lost in the sink file`, async () => {
        const created = await kafkaTool("kafka-topics", ["--bootstrap-server", broker.bootstrap, "--create", "--topic", "connect-lines", "--partitions", "2"]);
        expect(created.code, created.stderr).toBe(0);
        const [sourceFile, sinkFile] = [join(workDir, "lines.txt"), join(workDir, "lines.sink.txt")];
        writeFileSync(sourceFile, "");
        const source = { "connector.class": "FileStreamSource", file: sourceFile, topic: "connect-lines", "tasks.max": "1", ...(exactlyOnce ? { "exactly.once.support": "required" } : {}) };
        const sink = { "connector.class": "FileStreamSink", file: sinkFile, topics: "connect-lines", "tasks.max": "1" };
        await rest(0).createConnector("lines-source", source);
        await rest(1).createConnector("lines-sink", sink);
        await rest(0).waitForRunning("lines-source", 1);
        await rest(0).waitForRunning("lines-sink", 1);
        // Scaled through the REST API: one sink task per partition of connect-lines.
        await rest(1).putConnectorConfig("lines-sink", { ...sink, "tasks.max": "2" });
        const scaled = await rest(0).waitForRunning("lines-sink", 2);
        const sourceStatus = await rest(0).waitForRunning("lines-source", 1);
        const placements = [scaled, sourceStatus].flatMap((status) => [status.connector.worker_id, ...status.tasks.map((task) => task.worker_id)]);
        expect(new Set(placements).size, JSON.stringify(placements)).toBe(2);

        const expected = Array.from({ length: LINES }, (_, i) => `line-${String(i).padStart(6, "0")}`);
        const readSink = () => (existsSync(sinkFile) ? readFileSync(sinkFile, "utf8").split("\n").slice(0, -1) : []);
        const appending = (async () => {
          for (let i = 0; i < LINES; i += 200) {
            appendFileSync(sourceFile, expected.slice(i, i + 200).map((line) => `${line}\n`).join(""));
            await new Promise((resolve) => setTimeout(resolve, 100));
          }
        })();

        // Kill the worker that runs the source task once a fifth of the lines have gone through.
        await waitUntil(() => readSink().length >= LINES / 5, `${LINES / 5} lines in the sink file`, 180_000);
        const victim = workers.findIndex(({ url }) => new URL(url).host === sourceStatus.tasks[0]!.worker_id);
        expect(victim).toBeGreaterThanOrEqual(0);
        expect(await workers[victim]!.worker!.process.stop("SIGKILL")).toBe(137);
        workers[victim]!.worker = null;
        const survivor = rest(1 - victim);
        await appending;

        const seen = new Set<string>();
        await waitUntil(() => {
          for (const line of readSink()) seen.add(line);
          return seen.size >= LINES;
        }, "every line in the sink file after the kill", 240_000);
        const moved = await survivor.waitForRunning("lines-source", 1);
        expect(moved.tasks[0]!.worker_id).toBe(new URL(workers[1 - victim]!.url).host);

        const inSink = tally(readSink());
        const missing = expected.filter((line) => !inSink.has(line));
        const foreign = [...inSink.keys()].filter((line) => !/^line-\d{6}$/.test(line));
        const sinkDuplicates = [...inSink.values()].reduce((sum, times) => sum + times - 1, 0);
        expect(missing.slice(0, 10)).toEqual([]);
        expect(foreign.slice(0, 10)).toEqual([]);

        // The topic as a read_committed consumer sees it: every line; with exactly-once source, every line once.
        const read = await kafkaTool("kafka-console-consumer", [
          "--bootstrap-server", broker.bootstrap, "--topic", "connect-lines", "--from-beginning", "--timeout-ms", "10000",
          "--isolation-level", "read_committed",
        ], { timeoutMs: 180_000 });
        const inTopic = tally(read.stdout.split("\n").filter(Boolean).map((value) => (JSON.parse(value) as { payload: string }).payload));
        const topicDuplicates = [...inTopic.values()].reduce((sum, times) => sum + times - 1, 0);
        expect(expected.filter((line) => !inTopic.has(line)).slice(0, 10), read.stderr.slice(-2000)).toEqual([]);
        if (exactlyOnce) expect(topicDuplicates).toBe(0);
        console.info(`connect-distributed (${target.name}, ${exactlyOnce ? "exactly-once source" : "at-least-once"}): ${LINES} lines; duplicates in the topic ${topicDuplicates}, in the sink file ${sinkDuplicates}`);

        // The killed worker comes back and rejoins: the cluster has two workers again.
        await startWorker(victim);
        await waitUntil(async () => {
          const statuses = await Promise.all(["lines-source", "lines-sink"].map((name) => survivor.status(name)));
          return new Set(statuses.flatMap((status) => [status.connector.worker_id, ...status.tasks.map((task) => task.worker_id)])).size === 2;
        }, "connectors and tasks spread over both workers again", 120_000);
      });

      it("Debezium's PostgreSQL connector captures a table's snapshot and its inserts, updates and deletes into a topic", async () => {
        const postgres = await startPostgres({ settings: { wal_level: "logical" } });
        try {
          const psql = async (database: string, sql: string) => {
            const result = await runProgram(join(postgres.bin, "psql"), ["-X", "-v", "ON_ERROR_STOP=1", "-h", postgres.host, "-p", String(postgres.port), "-U", "skein", "-d", database, "-c", sql]);
            expect(result.code, result.stderr).toBe(0);
          };
          await psql("postgres", "CREATE DATABASE shop");
          await psql("shop", "CREATE TABLE customers (id integer PRIMARY KEY, name text NOT NULL, city text NOT NULL)");
          await psql("shop", "INSERT INTO customers VALUES (1, 'kim', 'Seoul'), (2, 'lee', 'Busan'), (3, 'park', 'Incheon')");

          const example = JSON.parse(readFileSync(join(CONNECT_DIR, "config", "debezium-postgres.json"), "utf8")) as { name: string; config: Record<string, string> };
          const live = workers.findIndex(({ worker }) => worker !== null);
          await rest(live).createConnector(example.name, { ...example.config, "database.hostname": postgres.host, "database.port": String(postgres.port) });
          await rest(live).waitForRunning(example.name, 1);

          const topic = "shop.public.customers";
          const consumer = startKafkaTool("kafka-console-consumer", ["--bootstrap-server", broker.bootstrap, "--topic", topic, "--from-beginning", "--formatter-property", "print.key=true", "--formatter-property", "key.separator=|"], { input: null });
          running.push(consumer);
          await consumer.waitForLines(3, 120_000);
          const tail = broker.restUrl ? await tailFromLatest(broker.restUrl, topic) : null;

          await psql("shop", "INSERT INTO customers VALUES (4, 'choi', 'Daegu')");
          await psql("shop", "UPDATE customers SET city = 'Jeju' WHERE id = 1");
          await psql("shop", "DELETE FROM customers WHERE id = 2");
          // Snapshot reads (r), then the insert (c), update (u), delete (d) and the delete's tombstone.
          await consumer.waitForLines(7, 120_000);
          const changes = consumer.lines().map(parseChange);
          expect(changes).toEqual([
            { id: 1, op: "r", before: null, after: { id: 1, name: "kim", city: "Seoul" } },
            { id: 2, op: "r", before: null, after: { id: 2, name: "lee", city: "Busan" } },
            { id: 3, op: "r", before: null, after: { id: 3, name: "park", city: "Incheon" } },
            { id: 4, op: "c", before: null, after: { id: 4, name: "choi", city: "Daegu" } },
            { id: 1, op: "u", before: null, after: { id: 1, name: "kim", city: "Jeju" } },
            { id: 2, op: "d", before: { id: 2, name: "", city: "" }, after: null },
            { id: 2, op: null, before: null, after: null },
          ]);
          await consumer.stop("SIGTERM");

          if (broker.restUrl && tail) {
            // Skein: the same changes over the REST records extension and, as they happened, over the WebSocket tail.
            const clusterId = ((await (await fetch(`${broker.restUrl}/v3/clusters`)).json()) as { data: { cluster_id: string }[] }).data[0]!.cluster_id;
            const response = await fetch(`${broker.restUrl}/v3/clusters/${clusterId}/topics/${topic}/partitions/0/records?offset=0&limit=100`);
            expect(response.status).toBe(200);
            const body = (await response.json()) as { data: { key: { data: string } | null; value: { data: string } | null }[] };
            const overRest = body.data.map((record) => parseChange(`${base64(record.key?.data)}|${record.value ? base64(record.value.data) : "null"}`));
            expect(overRest).toEqual(changes);
            const overWebSocket = await tail.records(4);
            expect(overWebSocket.map(parseChange)).toEqual(changes.slice(3));
            tail.close();
          }
        } finally {
          postgres.stop();
        }
      });
    });
  });
}

/** Each distinct line with the number of times it occurs. */
function tally(lines: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const line of lines) counts.set(line, (counts.get(line) ?? 0) + 1);
  return counts;
}

interface Row {
  id: number;
  name: string;
  city: string;
}

/** A Debezium change event printed as `key|value` (JSON with schemas): its row id, operation and row images. */
function parseChange(line: string): { id: number; op: string | null; before: Row | null; after: Row | null } {
  const separator = line.indexOf("|");
  const key = JSON.parse(line.slice(0, separator)) as { payload: { id: number } };
  const value = JSON.parse(line.slice(separator + 1)) as { payload: { op: string; before: Row | null; after: Row | null } } | null;
  return { id: key.payload.id, op: value?.payload.op ?? null, before: value?.payload.before ?? null, after: value?.payload.after ?? null };
}

function base64(data: string | undefined): string {
  return Buffer.from(data ?? "", "base64").toString();
}

/** Subscribes to a topic's new records over Skein's WebSocket live tail; `records(n)` waits for n of them as `key|value`. */
async function tailFromLatest(restUrl: string, topic: string): Promise<{ records(count: number): Promise<string[]>; close(): void }> {
  const socket = new WebSocket(`${restUrl.replace("http", "ws")}/ws`);
  const received: string[] = [];
  let failure: Error | null = null;
  await new Promise<void>((resolve, reject) => {
    socket.once("open", () => socket.send(JSON.stringify({ type: "subscribe", id: "cdc", topic, from: "latest" })));
    socket.on("message", (data) => {
      const frame = JSON.parse(data.toString()) as { type: string; message?: string; records?: { key: string | null; value: string | null; encoding?: string }[] };
      if (frame.type === "subscribed") resolve();
      if (frame.type === "error") {
        failure = new Error(frame.message);
        reject(failure);
      }
      for (const record of frame.records ?? []) {
        const decode = (text: string | null) => (text === null ? "null" : record.encoding === "base64" ? base64(text) : text);
        received.push(`${decode(record.key)}|${decode(record.value)}`);
      }
    });
    socket.once("error", reject);
  });
  return {
    async records(count: number) {
      await waitUntil(() => {
        if (failure) throw failure;
        return received.length >= count;
      }, `${count} records over the WebSocket tail`, 30_000);
      return received.slice(0, count);
    },
    close: () => socket.close(),
  };
}
