import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startPostgres, type PostgresServer } from "../../../scripts/postgres.mjs";
import { resolveDatabaseTarget } from "../src/metadata/database-target.js";
import { hasPostgres, type TestDatabase } from "./support/databases.js";
import { GROUP_BROKER_CONFIG, startListeningService, type ListeningService } from "./support/listening-service.js";
import { eventually, V2 } from "./support/rest-consumer.js";

/**
 * PostgreSQL stopped under the running service (its own throwaway server, so the other tests' is untouched): what
 * needs the metadata database answers 503/50303 without the driver's text and changes nothing, what does not
 * (produce, read) goes on, /readyz says so, and once the server is back the metadata and the logs agree.
 */
describe.skipIf(!hasPostgres())("the metadata database goes away mid-run (PostgreSQL)", () => {
  let pg: PostgresServer;
  let db: TestDatabase;
  let service: ListeningService | undefined;

  beforeAll(async () => {
    pg = await startPostgres();
    const dataDir = mkdtempSync(join(tmpdir(), "skein-api-outage-"));
    db = {
      provider: "postgresql",
      dataDir,
      databaseUrl: pg.url,
      target: resolveDatabaseTarget({ dataDir, databaseUrl: pg.url }),
      drop: async () => rmSync(dataDir, { recursive: true, force: true }),
    };
  });

  afterAll(async () => {
    await service?.stop();
    pg?.stop();
    await db?.drop();
  });

  it("answers 503/50303 for what needs it, serves the rest, and agrees with the logs once it is back", { timeout: 120_000 }, async () => {
    service = await startListeningService(db, GROUP_BROKER_CONFIG);
    const { client, clusterId } = service;
    const topics = `/v3/clusters/${clusterId}/topics`;
    expect((await client.call("POST", topics, { body: { topic_name: "kept", partitions_count: 1 }, contentType: "application/json" })).status).toBe(201);
    expect((await client.call("POST", topics, { body: { topic_name: "dropped" }, contentType: "application/json" })).status).toBe(201);

    pg.halt();
    const unavailable = { error_code: 50303, message: expect.stringMatching(/^The metadata database is unavailable \(.+\); nothing was changed\. Retry when it is back\.$/) };
    const created = await client.call("POST", topics, { body: { topic_name: "lost", partitions_count: 2 }, contentType: "application/json" });
    expect(created).toMatchObject({ status: 503, body: unavailable });
    expect(JSON.stringify(created.body)).not.toMatch(/invocation|prisma|SELECT|INSERT/i);
    expect((await client.call("PATCH", `${topics}/kept`, { body: { partitions_count: 3 }, contentType: "application/json" })).body).toEqual(unavailable);
    expect((await client.call("PUT", `${topics}/kept/configs/retention.ms`, { body: { value: "1000" }, contentType: "application/json" })).body).toEqual(unavailable);
    const consumer = await client.call("POST", "/consumers/outage", { body: { name: "c" }, contentType: V2 });
    expect(consumer).toMatchObject({ status: 503, type: expect.stringMatching(/^application\/vnd\.kafka\.v2\+json/), body: unavailable });
    expect((await client.call("GET", `/v3/clusters/${clusterId}/brokers`)).body).toEqual(unavailable);

    // What does not need the database goes on.
    const produced = await client.call("POST", `${topics}/kept/records`, { body: { value: { type: "STRING", data: "during" } }, contentType: "application/json" });
    expect(produced.body).toMatchObject({ error_code: 200, offset: 0 });
    expect((await client.call("GET", `${topics}/kept/partitions/0/records?offset=0`)).body.data).toHaveLength(1);
    const degraded = (await client.call("GET", "/readyz")).body;
    expect(degraded).toMatchObject({ status: "degraded", writable: true, checks: { metadata_database: { status: "fail", reason: expect.stringMatching(/unavailable/) } } });
    // A deletion stands for every client; the database records it when it can.
    const deleted = await client.call("DELETE", `${topics}/dropped`);
    expect(deleted).toMatchObject({ status: 202, body: { metadata_pending: expect.stringMatching(/^The metadata database could not delete topic dropped: unavailable/) } });

    // Nothing half-done: the refused changes left no directory and no partition behind.
    expect(service.engine.broker.listTopics().map((t) => t.name)).toEqual(["kept"]);
    expect(existsSync(join(db.dataDir, "lost-0"))).toBe(false);
    expect(service.engine.broker.describeTopic("kept").partitions).toHaveLength(1);

    pg.restart();
    await eventually(async () => (await client.call("GET", "/readyz")).body, (body) => body.checks.metadata_database.status === "pass", 30_000);
    expect((await client.call("POST", topics, { body: { topic_name: "lost", partitions_count: 2 }, contentType: "application/json" })).status).toBe(201);

    // A fresh start reads the database: it agrees with the logs (the pending deletion was recorded in the background).
    await eventually(async () => {
      await service!.stop();
      service = await startListeningService(db, GROUP_BROKER_CONFIG);
      return service.engine.broker.listTopics().map((t) => t.name);
    }, (names) => names.join() === "kept,lost", 30_000);
    expect(service.engine.broker.describeTopic("kept").partitions).toHaveLength(1);
    expect(service.engine.broker.describeTopicConfigs("kept").find((c) => c.name === "retention.ms")?.value).toBe("604800000");
    expect((await service.client.call("GET", `${topics}/kept/partitions/0/records?offset=0`)).body.data).toHaveLength(1);
  });
});
