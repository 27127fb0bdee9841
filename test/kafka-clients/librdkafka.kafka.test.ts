// librdkafka, unchanged, against the selected brokers: kcat from Debian (metadata, produce, consume, a balanced
// group) and confluent-kafka for Python from PyPI (a current librdkafka inside its wheel) producing with each codec.
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureKcat, ensurePythonClient } from "../../scripts/kafka-clients-setup.mjs";
import { GoldenOutputs } from "./support/golden.js";
import { kafkaTool, type KafkaToolProcess } from "./support/kafka-tool.mjs";
import { dumpBatches } from "./support/log-segments.js";
import { normaliseOutput, parseTable } from "./support/normalise.js";
import { runProgram, startProgram, waitUntil } from "./support/processes.js";
import { kafkaTargets, type KafkaTarget, type StartedTarget } from "./support/targets.js";

const GOLDEN_FILE = fileURLToPath(new URL("golden/librdkafka.json", import.meta.url));
const PYTHON_SCRIPT = fileURLToPath(new URL("python/confluent_check.py", import.meta.url));
const CODECS = ["none", "gzip", "snappy", "lz4", "zstd"] as const;

for (const target of kafkaTargets()) describeLibrdkafka(target);

function describeLibrdkafka(target: KafkaTarget): void {
  describe(`librdkafka (kcat, confluent-kafka) against ${target.name}`, () => {
    const golden = new GoldenOutputs(GOLDEN_FILE, process.env.SKEIN_UPDATE_GOLDEN === "1" && target.id === "apache-kafka");
    let broker: StartedTarget;
    const running: KafkaToolProcess[] = [];
    const kcat = (args: string[], input = "") => runProgram(ensureKcat(), ["-b", broker.bootstrap, ...args], { input });
    const python = (args: string[]) => runProgram(ensurePythonClient(), [PYTHON_SCRIPT, ...args], { label: `confluent-kafka ${args[0]}` });
    const createTopic = async (topic: string, partitions: number) => {
      const created = await kafkaTool("kafka-topics", ["--bootstrap-server", broker.bootstrap, "--create", "--topic", topic, "--partitions", String(partitions)]);
      expect(created.code, created.stdout + created.stderr).toBe(0);
    };

    beforeAll(async () => {
      broker = await target.start();
      await createTopic("kcat_topic", 3);
    });
    afterAll(async () => {
      await Promise.all(running.map((process) => process.stop("SIGKILL")));
      golden.save();
      await broker?.stop();
    });

    it("kcat -L lists the broker and a topic's partitions", async () => {
      const metadata = await kcat(["-L", "-t", "kcat_topic"]);
      expect(metadata.code, metadata.stderr).toBe(0);
      expect(metadata.stdout).toContain('topic "kcat_topic" with 3 partitions:');
      golden.expectGolden("kcat -L -t kcat_topic", normaliseOutput(metadata.stdout));
    });

    it("kcat -P produces keyed records and kcat -C reads them back to the end", async () => {
      const records = Array.from({ length: 12 }, (_, i) => `k${i}:value ${i}`).join("\n");
      const produced = await kcat(["-P", "-t", "kcat_topic", "-K:"], `${records}\n`);
      expect(produced.code, produced.stderr).toBe(0);

      const consumed = await kcat(["-C", "-t", "kcat_topic", "-e", "-f", "%p %o %k %s\\n"]);
      expect(consumed.code, consumed.stderr).toBe(0);
      const lines = consumed.lines();
      expect(lines.map((line) => line.split(" ").slice(2).join(" ")).sort()).toEqual(records.split("\n").map((line) => line.replace(":", " ")).sort());
      // librdkafka's default partitioner (consistent_random: CRC32 of the key) is deterministic across brokers.
      golden.expectGolden("kcat -C partitions of keys", lines.map((line) => `${line.split(" ")[2]} -> ${line.split(" ")[0]}`).sort().join("\n"));
      for (const partition of ["0", "1", "2"]) {
        const offsets = lines.filter((line) => line.startsWith(`${partition} `)).map((line) => Number(line.split(" ")[1]));
        expect(offsets).toEqual(offsets.map((_, i) => i));
      }
    });

    it("kcat -G consumes as a balanced group member and commits what it read", async () => {
      const member = startProgram(ensureKcat(), ["-b", broker.bootstrap, "-u", "-G", "kcat-group", "-o", "beginning", "-f", "%p %o %k %s\\n", "kcat_topic"], { input: null });
      running.push(member);
      await member.waitFor((self) => self.lines().length >= 12, "12 records");
      // Ctrl-C: kcat commits its offsets and leaves the group (-u: unbuffered output, as on a terminal).
      await member.stop("SIGINT");
      await waitUntil(async () => {
        const described = await kafkaTool("kafka-consumer-groups", ["--bootstrap-server", broker.bootstrap, "--describe", "--group", "kcat-group"]);
        const rows = parseTable(described.stdout);
        return rows.length === 3 && rows.every((row) => row.LAG === "0");
      }, "kcat-group's committed offsets at the end of each partition");
    });

    it("confluent-kafka produces with none, gzip, snappy, lz4 and zstd; the broker stores each codec's batches", async () => {
      for (const codec of CODECS) await createTopic(`py_${codec}`, 1);
      for (const codec of CODECS) {
        const produced = await python(["produce", broker.bootstrap, `py_${codec}`, "50", codec]);
        expect(produced.code, produced.stdout + produced.stderr).toBe(0);
        expect(produced.lines().at(-1)).toBe(`PRODUCED 50 ${codec}`);
        expect(produced.lines().filter((line) => line.startsWith("ACK ")).map((line) => Number(line.split(" ")[3]))).toEqual(
          Array.from({ length: 50 }, (_, i) => i),
        );
      }
      const stored = await dumpBatches(broker.dataDir, CODECS.map((codec) => `py_${codec}-0`));
      for (const codec of CODECS) {
        const batches = stored.get(`py_${codec}-0`) ?? [];
        expect(batches.reduce((sum, batch) => sum + batch.count, 0), codec).toBe(50);
        expect(batches.every((batch) => batch.isvalid && batch.compresscodec === codec && batch.producerId >= 0), JSON.stringify(batches)).toBe(true);
      }
    });

    it("confluent-kafka consumes the compressed records in a group and commits", async () => {
      for (const codec of CODECS) {
        const consumed = await python(["consume", broker.bootstrap, `py_${codec}`, `py-group-${codec}`, "50"]);
        expect(consumed.code, consumed.stdout + consumed.stderr).toBe(0);
        const records = consumed.lines().filter((line) => line.startsWith("RECORD "));
        expect(records.map((line) => Number(line.split(" ")[2]))).toEqual(Array.from({ length: 50 }, (_, i) => i));
        expect(records.every((line) => Number(line.split(" ")[4]) === `value-${line.split(" ")[3]!.slice(4)} `.length * 20)).toBe(true);
        expect(consumed.lines().at(-1)).toBe("COMMITTED 50");
      }
    });
  });
}
