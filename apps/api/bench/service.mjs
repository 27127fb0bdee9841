// Starts the built service (apps/api/dist) on a loopback port over a fresh data directory and SQLite. Imported by the
// benchmarks, or run as a child process (`node service.mjs`): it then prints {"port": N} and stops on SIGTERM.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { createApp } from "../dist/app.js";
import { Engine } from "../dist/engine/engine.js";

export async function startService(brokerConfig = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), "skein-api-bench-"));
  const engine = await Engine.open({ dataDir, brokerConfig });
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
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Runs the service in a child process, so that a load generator does not share its event loop (BENCH_SERVICE_PROF=dir: a CPU profile of it). */
export async function spawnService() {
  const { spawn } = await import("node:child_process");
  const child = spawn(process.execPath, [...(process.env.BENCH_SERVICE_PROF ? ["--cpu-prof", "--cpu-prof-dir=" + process.env.BENCH_SERVICE_PROF] : []), new URL(import.meta.url).pathname], { stdio: ["ignore", "pipe", "inherit"] });
  const line = await new Promise((resolve, reject) => {
    let text = "";
    child.stdout.on("data", (chunk) => {
      text += chunk;
      const end = text.indexOf("\n");
      if (end !== -1) resolve(text.slice(0, end));
    });
    child.once("exit", (code) => reject(new Error(`The service exited with ${code}`)));
  });
  const { port, clusterId } = JSON.parse(line);
  return {
    port,
    clusterId,
    baseUrl: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise((resolve) => {
        child.removeAllListeners("exit");
        child.once("exit", resolve);
        child.kill("SIGTERM");
      }),
  };
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const service = await startService();
  process.stdout.write(`${JSON.stringify({ port: service.port, clusterId: service.clusterId })}\n`);
  process.once("SIGTERM", async () => {
    await service.stop();
    process.exit(0);
  });
}
