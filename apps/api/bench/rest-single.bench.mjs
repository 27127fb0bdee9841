// Single-record REST produce: autocannon on loopback (50 connections) against POST .../records with one small record
// per request; the service runs in its own process. Target: at least 10,000 requests/s. Prints one JSON object.
import autocannon from "autocannon";
import { spawnService } from "./service.mjs";

const DURATION_S = Number(process.env.BENCH_SINGLE_SECONDS ?? 10);
const service = await spawnService();
const url = `${service.baseUrl}/v3/clusters/${service.clusterId}/topics/bench-single/records`;
const body = JSON.stringify({ value: { type: "STRING", data: "v".repeat(100) } });
const options = { url, method: "POST", headers: { "content-type": "application/json" }, body, connections: 50 };

await autocannon({ ...options, amount: 2000 }); // creates the topic, warms up
const result = await autocannon({ ...options, duration: DURATION_S });
await service.stop();
const requestsPerSec = Math.round(result.requests.average);
console.log(
  JSON.stringify({
    rest_produce_single: {
      connections: 50,
      duration_s: DURATION_S,
      requests_per_sec: requestsPerSec,
      latency_p50_ms: result.latency.p50,
      latency_p99_ms: result.latency.p99,
      non_2xx: result.non2xx,
      errors: result.errors,
      target_requests_per_sec: 10_000,
      meets_target: requestsPerSec >= 10_000 && result.non2xx === 0,
    },
  }),
);
