// REST produce throughput: POST /v3/clusters/{c}/topics/{t}/records carrying 1,000 concatenated records per request
// (the REST Proxy's streaming produce), a few requests in flight; the service runs in its own process. Measured with
// acks=1 (written to the OS) and acks=all (fsynced before the answer, the default), each on its own topic.
// Target: at least 200,000 records/s (acks=1). Prints one JSON object.
import { Agent, request } from "node:http";
import { spawnService } from "./service.mjs";

const RECORDS_PER_REQUEST = 1000;
// 1,000 requests (about 5 s): shorter runs mostly measure the JIT warming up and vary by ±20 %.
const REQUESTS = Number(process.env.BENCH_REST_REQUESTS ?? 1000);
const IN_FLIGHT = 4;
const VALUE = "v".repeat(100);

const service = await spawnService();
const agent = new Agent({ keepAlive: true, maxSockets: IN_FLIGHT });
let body = "";
for (let i = 0; i < RECORDS_PER_REQUEST; i++) body += JSON.stringify({ key: { type: "STRING", data: `key-${i}` }, value: { type: "STRING", data: VALUE } });
const payload = Buffer.from(body);

function post(path) {
  return new Promise((resolve, reject) => {
    const req = request(`${service.baseUrl}${path}`, { method: "POST", agent, headers: { "content-type": "application/json", "content-length": payload.length } }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk) => (text += chunk));
      res.on("end", () => {
        const reports = text.split("\r\n").filter(Boolean);
        if (res.statusCode !== 200 || reports.length !== RECORDS_PER_REQUEST || !reports.every((r) => r.startsWith('{"error_code":200'))) {
          reject(new Error(`Unexpected answer ${res.statusCode}: ${text.slice(0, 200)}`));
        } else resolve();
      });
    });
    req.on("error", reject);
    req.end(payload);
  });
}

/** Records per second over REQUESTS requests of RECORDS_PER_REQUEST records, with `acks`. */
async function measure(acks) {
  const path = `/v3/clusters/${service.clusterId}/topics/bench-rest-acks-${acks}/records?acks=${acks}`;
  await post(path); // creates the topic, warms up
  const started = process.hrtime.bigint();
  let sent = 0;
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (sent < REQUESTS) {
        sent++;
        await post(path);
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { records_per_sec: Math.round((REQUESTS * RECORDS_PER_REQUEST) / seconds), requests_per_sec: Math.round(REQUESTS / seconds) };
}

// Alternating rounds, best of each: the machine is shared, and a level measured only first or only second would carry
// the warm-up or the neighbours' load.
const rounds = { 1: [], all: [] };
for (let round = 0; round < 2; round++) for (const acks of ["1", "all"]) rounds[acks].push(await measure(acks));
const best = (results) => results.reduce((a, b) => (b.records_per_sec > a.records_per_sec ? b : a));
const acks1 = best(rounds[1]);
const acksAll = best(rounds.all);
agent.destroy();
await service.stop();
console.log(
  JSON.stringify({
    rest_produce_batch: {
      records_per_request: RECORDS_PER_REQUEST,
      requests: REQUESTS,
      value_bytes: VALUE.length,
      acks_1: acks1,
      acks_all: acksAll,
      acks_all_vs_1: Math.round((acksAll.records_per_sec / acks1.records_per_sec) * 100) / 100,
      target_records_per_sec: 200_000,
      meets_target: acks1.records_per_sec >= 200_000,
    },
  }),
);
