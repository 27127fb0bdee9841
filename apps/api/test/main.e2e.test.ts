import { existsSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { createTestDatabase, describeEachProvider, type TestDatabase } from "./support/databases.js";
import { ServiceProcess } from "./support/service-process.js";

describeEachProvider("npm start's service process", (provider) => {
  let db: TestDatabase;
  let running: ServiceProcess | null = null;

  beforeEach(async () => {
    db = await createTestDatabase(provider);
  });

  afterEach(async () => {
    await running?.stop("SIGKILL");
    running = null;
    await db?.drop();
  });

  function start(): ServiceProcess {
    running = new ServiceProcess({ SKEIN_DATA_DIR: db.dataDir, DATABASE_URL: db.databaseUrl ?? "" });
    return running;
  }

  it("migrates, serves, says where, and shuts down cleanly on SIGTERM; a restart keeps the cluster", async () => {
    const first = start();
    const base = await first.baseUrl();
    expect(first.log).toMatch(/applied migrations \d+_init/);
    expect(first.log).toContain(`API docs  ${base}/docs (OpenAPI ${base}/openapi.json)`);
    const clusterId = await first.waitFor(/Cluster (\S+), broker 0/);
    expect(await (await fetch(`${base}/healthz`)).json()).toEqual({ status: "ok" });
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(((await ready.json()) as any).checks.broker_registration).toEqual({ status: "pass", registered: true, listener: base.replace("http://", "") });

    expect(await first.stop("SIGTERM")).toBe(0);
    expect(first.log).toContain("SIGTERM: shutting down");
    expect(first.log).toContain("Stopped cleanly");
    expect(existsSync(join(db.dataDir, ".kafka_cleanshutdown"))).toBe(true);

    const second = start();
    expect(await second.waitFor(/Cluster (\S+), broker 0/)).toBe(clusterId);
    expect(second.log).toContain("schema up to date");
    expect(await second.stop("SIGINT")).toBe(0);
  });
});
