#!/usr/bin/env node
// `npm run bench:kafka`: Kafka's own performance tools against Apache Kafka 4.x (KRaft, one node, loopback, from Maven
// Central) and Skein, one after the other on the same machine, and one JSON object on stdout with each target's
// figures and the ratios Skein / Apache Kafka. Progress goes to stderr.
//
//   node test/kafka-clients/bench/kafka-perf.bench.mjs [--targets apache-kafka,skein] [--records 1000000]
//
// Targets default to the client suites' selection (support/target-selection.mjs: SKEIN_KAFKA_TARGETS, else
// DEFAULT_TARGETS, which is Apache Kafka alone until Skein has a Kafka listener).
// Per target: kafka-producer-perf-test with 100-byte records and the producer's linger/batch defaults, acks=1,
// acks=all, and acks=all with compression.type=lz4; kafka-consumer-perf-test reading the acks=1 topic; and the
// end-to-end latency tool (acks=all, 100-byte records, one at a time). Topics have one partition. Apache Kafka runs
// with kafka-server-start's 1 GiB heap and its defaults: it does not fsync before acknowledging acks=all; Skein does.
import { parseArgs } from "node:util";
import { cpus } from "node:os";
import { startApacheKafka } from "../support/apache-kafka.mjs";
import { kafkaVersion } from "../support/kafka-dist.mjs";
import { kafkaTool } from "../support/kafka-tool.mjs";
import { startSkeinBroker } from "../support/skein-broker.mjs";
import { selectedTargetIds } from "../support/target-selection.mjs";

const { values } = parseArgs({
  options: {
    targets: { type: "string", default: selectedTargetIds().join(",") },
    records: { type: "string", default: "1000000" },
    "latency-records": { type: "string", default: "10000" },
  },
});
const RECORDS = Number(values.records);
const LATENCY_RECORDS = Number(values["latency-records"]);
const RECORD_SIZE = 100;
const targets = values.targets.split(",").map((id) => id.trim());
for (const id of targets) if (id !== "apache-kafka" && id !== "skein") throw new Error(`unknown target ${id}`);

/** @param {string} line */
const progress = (line) => process.stderr.write(`${line}\n`);

/**
 * Runs a tool and fails with its output when it fails.
 * @param {import("../support/kafka-tool.mjs").KafkaToolName} tool
 * @param {string[]} args
 */
async function mustRun(tool, args) {
  const result = await kafkaTool(tool, args, { timeoutMs: 20 * 60_000 });
  if (result.code !== 0) throw new Error(`${tool} ${args.join(" ")} failed (${result.code}):\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

/**
 * kafka-producer-perf-test's closing line: "N records sent, R records/sec (M MB/sec), A ms avg latency, X ms max
 * latency, P50 ms 50th, P95 ms 95th, P99 ms 99th, P999 ms 99.9th."
 * @param {string} output
 */
function parseProducerPerf(output) {
  const line = output.trim().split("\n").findLast((l) => /records sent/.test(l) && /99\.9th/.test(l));
  const match = line && /([\d.]+) records sent, ([\d.]+) records\/sec \(([\d.]+) MB\/sec\), ([\d.]+) ms avg latency, ([\d.]+) ms max latency, (\d+) ms 50th, (\d+) ms 95th, (\d+) ms 99th, (\d+) ms 99\.9th/.exec(line);
  if (!match) throw new Error(`unexpected kafka-producer-perf-test output:\n${output}`);
  const [, records, recordsPerSec, mbPerSec, avg, max, p50, p95, p99, p999] = match.map(Number);
  return { records, recordsPerSec, mbPerSec, latencyMs: { avg, max, p50, p95, p99, p999 } };
}

/**
 * kafka-consumer-perf-test's CSV line after its header: start, end, MB, MB/sec, records, records/sec, rebalance ms,
 * fetch ms, fetch MB/sec, fetch records/sec.
 * @param {string} output
 */
function parseConsumerPerf(output) {
  const lines = output.trim().split("\n");
  const header = lines.findIndex((l) => l.startsWith("start.time"));
  const fields = lines[header + 1]?.split(",").map((f) => f.trim());
  if (header < 0 || !fields || fields.length < 10) throw new Error(`unexpected kafka-consumer-perf-test output:\n${output}`);
  const [, , mb, mbPerSec, records, recordsPerSec, rebalanceMs, fetchMs, fetchMbPerSec, fetchRecordsPerSec] = fields.map(Number);
  return { records, mb, mbPerSec, recordsPerSec, rebalanceMs, fetchMs, fetchMbPerSec, fetchRecordsPerSec };
}

/**
 * The end-to-end latency tool's "Avg latency: A ms" and "Percentiles: 50th = P50, 99th = P99, 99.9th = P999".
 * @param {string} output
 */
function parseEndToEndLatency(output) {
  const avg = /Avg latency: ([\d.]+) ms/.exec(output);
  const percentiles = /Percentiles: 50th = (\d+), 99th = (\d+), 99\.9th = (\d+)/.exec(output);
  if (!avg || !percentiles) throw new Error(`unexpected kafka-e2e-latency output:\n${output}`);
  return { avgMs: Number(avg[1]), p50Ms: Number(percentiles[1]), p99Ms: Number(percentiles[2]), p999Ms: Number(percentiles[3]) };
}

/**
 * Every measurement against one broker.
 * @param {string} bootstrap
 */
async function measure(bootstrap) {
  const createTopic = (/** @type {string} */ topic) =>
    mustRun("kafka-topics", ["--bootstrap-server", bootstrap, "--create", "--topic", topic, "--partitions", "1", "--replication-factor", "1"]);
  const producerPerf = async (/** @type {string} */ topic, /** @type {string[]} */ props) => {
    await createTopic(topic);
    progress(`  kafka-producer-perf-test ${props.join(" ")}`);
    const output = await mustRun("kafka-producer-perf-test", [
      "--bootstrap-server", bootstrap, "--topic", topic, "--num-records", String(RECORDS), "--record-size", String(RECORD_SIZE),
      "--throughput", "-1", "--command-property", ...props,
    ]);
    return parseProducerPerf(output);
  };
  const produceAcks1 = await producerPerf("perf-acks1", ["acks=1"]);
  const produceAcksAll = await producerPerf("perf-acks-all", ["acks=all"]);
  const produceLz4 = await producerPerf("perf-lz4", ["acks=all", "compression.type=lz4"]);

  progress("  kafka-consumer-perf-test");
  const consume = parseConsumerPerf(
    await mustRun("kafka-consumer-perf-test", ["--bootstrap-server", bootstrap, "--topic", "perf-acks1", "--num-records", String(RECORDS), "--group", "perf-consumer"]),
  );

  await createTopic("perf-e2e");
  progress("  kafka-e2e-latency");
  const endToEnd = parseEndToEndLatency(await mustRun("kafka-e2e-latency", [bootstrap, "perf-e2e", String(LATENCY_RECORDS), "all", String(RECORD_SIZE)]));
  return { produceAcks1, produceAcksAll, produceLz4, consume, endToEnd };
}

/** Skein's figure over Kafka's, two decimals (throughput: above 1 is better; latency: below 1 is better). */
function ratio(/** @type {number} */ skein, /** @type {number} */ kafka) {
  return kafka > 0 ? Math.round((skein / kafka) * 100) / 100 : null;
}

const results = /** @type {Record<string, Awaited<ReturnType<typeof measure>>>} */ ({});
for (const target of targets) {
  progress(`${target}: starting`);
  const broker = target === "apache-kafka" ? await startApacheKafka() : await startSkeinBroker();
  try {
    results[target] = await measure(broker.bootstrap);
  } finally {
    await broker.stop();
  }
}

const kafka = results["apache-kafka"];
const skein = results.skein;
const report = {
  kafkaPerf: {
    kafkaVersion: kafkaVersion(),
    records: RECORDS,
    recordSize: RECORD_SIZE,
    latencyRecords: LATENCY_RECORDS,
    cpus: cpus().length,
    ...results,
    ...(kafka && skein
      ? {
          ratiosSkeinOverKafka: {
            produceAcks1RecordsPerSec: ratio(skein.produceAcks1.recordsPerSec, kafka.produceAcks1.recordsPerSec),
            produceAcksAllRecordsPerSec: ratio(skein.produceAcksAll.recordsPerSec, kafka.produceAcksAll.recordsPerSec),
            produceLz4RecordsPerSec: ratio(skein.produceLz4.recordsPerSec, kafka.produceLz4.recordsPerSec),
            produceAcksAllP99: ratio(skein.produceAcksAll.latencyMs.p99, kafka.produceAcksAll.latencyMs.p99),
            consumeRecordsPerSec: ratio(skein.consume.recordsPerSec, kafka.consume.recordsPerSec),
            endToEndP99: ratio(skein.endToEnd.p99Ms, kafka.endToEnd.p99Ms),
          },
        }
      : {}),
  },
};
console.log(JSON.stringify(report, null, 2));
