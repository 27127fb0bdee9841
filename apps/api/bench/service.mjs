// Starts the built service (apps/api/dist) on a loopback port with SQLite metadata, over a fresh data directory or
// the one BENCH_DATA_DIR names (kept at stop). Imported by the benchmarks, or run as a child process
// (`spawnService`): it then prints {"port": N, "clusterId": "..."} and stops on SIGTERM.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { createApp } from "../dist/app.js";
import { Engine } from "../dist/engine/engine.js";
import { spawnChild } from "./child.mjs";

export async function startService(brokerConfig = {}, dataDir = process.env.BENCH_DATA_DIR) {
  const owned = dataDir === undefined;
  const dir = dataDir ?? mkdtempSync(join(tmpdir(), "skein-api-bench-"));
  const engine = await Engine.open({ dataDir: dir, brokerConfig });
  const app = await createApp({ engine, logger: false });
  await app.listen({ port: 0, host: "127.0.0.1" });
  const port = app.getHttpServer().address().port;
  return {
    port,
    baseUrl: `http://127.0.0.1:${port}`,
    clusterId: engine.broker.clusterId,
    engine,
    async stop() {
      await app.close();
      await engine.close();
      if (owned) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Runs the service in a child process, so that a load generator does not share its event loop (BENCH_SERVICE_PROF=dir:
 * a CPU profile of it); `dataDir`: serve that data directory instead of a fresh one.
 */
export function spawnService({ dataDir } = {}) {
  return spawnChild(new URL(import.meta.url).pathname, dataDir === undefined ? {} : { BENCH_DATA_DIR: dataDir });
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const service = await startService();
  process.stdout.write(`${JSON.stringify({ port: service.port, clusterId: service.clusterId })}\n`);
  process.once("SIGTERM", async () => {
    await service.stop();
    process.exit(0);
  });
}
