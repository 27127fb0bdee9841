// The machine's own ceiling for an HTTP service, measured beside each REST benchmark in the same run: a bare Node
// `http` server that reads each request's body and answers a small JSON body, with no framework, no routing and no
// work. Imported by the benchmarks (`spawnCeiling`), or run as a child process: it then prints {"port": N}.
import { createServer } from "node:http";
import { pathToFileURL } from "node:url";
import { spawnChild } from "./child.mjs";

/** What the ceiling answers: the size of a v3 delivery report. */
const ANSWER = JSON.stringify({ error_code: 200, cluster_id: "ceiling", topic_name: "ceiling", partition_id: 0, offset: 0, timestamp: "2026-01-01T00:00:00Z" });

/** Starts the bare server in a child process, so that the load generator does not share its event loop. */
export function spawnCeiling() {
  return spawnChild(new URL(import.meta.url).pathname);
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const server = createServer((request, response) => {
    request.on("data", () => undefined);
    request.on("end", () => {
      response.writeHead(200, { "content-type": "application/json" });
      response.end(ANSWER);
    });
  });
  server.listen(0, "127.0.0.1", () => process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`));
  process.once("SIGTERM", () => server.close(() => process.exit(0)));
}
