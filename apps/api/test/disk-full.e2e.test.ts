import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, expect, it } from "vitest";
import { fillUp, useTmpfs } from "../../../libs/broker/src/test-support/tmpfs.js";
import { createTestDatabase, describeEachProvider, type TestDatabase } from "./support/databases.js";
import { LiveClient } from "./support/live-client.js";
import { eventually, V2_BINARY } from "./support/rest-consumer.js";
import { ServiceProcess } from "./support/service-process.js";

const FULL = /data directory .* is full/;

/**
 * The real service (`npm start`'s process) with its data directory on a 16 MiB tmpfs the test fills: nearly full,
 * full (every produce path answers the disk is full, reads go on), deletions while full, a restart while full, and
 * writes resuming once space is freed, without a restart. On SQLite the metadata database shares the full disk.
 */
describeEachProvider("a full disk, end to end", (provider) => {
  const tmpfs = useTmpfs();
  let db: TestDatabase;
  let running: ServiceProcess | undefined;

  afterEach(async () => {
    await running?.stop("SIGKILL");
    running = undefined;
    await db?.drop();
  });

  it("warns when nearly full, refuses writes clearly when full, deletes and restarts while full, and resumes when space is freed", { timeout: 180_000 }, async () => {
    db = await createTestDatabase(provider);
    const mount = tmpfs.mount("16m");
    const env = {
      SKEIN_DATA_DIR: join(mount, "data"),
      DATABASE_URL: db.databaseUrl ?? "",
      SKEIN_LOG_DIR_NEARLY_FULL_RATIO: "0.5",
      SKEIN_LOG_DIR_SPACE_CHECK_INTERVAL_MS: "100",
    };
    running = new ServiceProcess(env);
    let base = await running.baseUrl();
    const clusterId = await running.waitFor(/Cluster (\S+), broker 0/);
    const topics = `${base}/v3/clusters/${clusterId}/topics`;
    const call = async (method: string, url: string, body?: unknown, contentType = "application/json") => {
      const response = await fetch(url, { method, headers: body === undefined ? {} : { "content-type": contentType }, body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body) });
      const text = await response.text();
      const json = /json/.test(response.headers.get("content-type") ?? "") && text !== "";
      return { status: response.status, text, body: json ? JSON.parse(text.split("\r\n")[0]!) : undefined };
    };
    const produce = (data: string) => call("POST", `${topics}/orders/records`, { partition_id: 0, value: { type: "STRING", data } });
    const readyz = async () => (await call("GET", `${base}/readyz`)).body;

    expect((await call("POST", topics, { topic_name: "orders", partitions_count: 1 })).status).toBe(201);
    expect((await call("POST", topics, { topic_name: "doomed", partitions_count: 1 })).status).toBe(201);
    for (let i = 0; i < 5; i++) expect((await produce(`before-${i}`)).body).toMatchObject({ error_code: 200, offset: i });

    // Past log.dir.nearly.full.ratio=0.5: still writable, reported and logged before it is too late.
    writeFileSync(join(mount, "ballast.bin"), Buffer.alloc(9 * 1024 * 1024, 0x5a));
    const nearlyFull = await eventually(readyz, (body) => body.checks.storage.state === "nearly-full");
    expect(nearlyFull).toMatchObject({ status: "ready", writable: true, checks: { storage: { status: "warn", reason: expect.stringMatching(/nearly full/) } } });
    await running.waitFor(/is nearly full/);
    expect((await produce("nearly-full")).body).toMatchObject({ error_code: 200, offset: 5 });

    // Full: every produce path says so (507/50701, never a bare 500), nothing is written, reads go on.
    const filler = fillUp(mount, join(mount, "filler.bin"));
    await eventually(readyz, (body) => body.checks.storage.state === "full");
    const refused = await produce("full");
    expect(refused).toMatchObject({ status: 507, body: { error_code: 50701, message: expect.stringMatching(FULL) } });
    const streamed = await fetch(`${topics}/orders/records`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: new Blob([JSON.stringify({ value: { type: "STRING", data: "s1" } }), JSON.stringify({ value: { type: "STRING", data: "s2" } })]).stream(),
      duplex: "half",
    } as RequestInit);
    expect(streamed.status).toBe(200);
    expect((await streamed.text()).split("\r\n").filter(Boolean).map((line) => JSON.parse(line).error_code)).toEqual([50701, 50701]);
    const v2 = await call("POST", `${base}/topics/orders`, { records: [{ value: Buffer.from("v2").toString("base64") }] }, V2_BINARY);
    expect(v2.status).toBe(507);
    expect(v2.body).toMatchObject({ error_code: 50701, offsets: [{ partition: null, offset: null, error_code: 50701, error: expect.stringMatching(FULL) }] });
    const batch = await call("POST", `${topics}/orders/records:batch`, { entries: [{ id: "1", value: { type: "STRING", data: "b" } }] });
    expect(batch).toMatchObject({ status: 207, body: { successes: [], failures: [{ id: "1", error_code: 50701 }] } });
    const live = await LiveClient.connect(base);
    expect(await live.request({ type: "produce", id: "p", topic: "orders", value: "ws" })).toMatchObject({ type: "error", id: "p", error_code: 50701, message: expect.stringMatching(FULL) });
    live.close();
    const created = await call("POST", topics, { topic_name: "newcomer", partitions_count: 2 });
    expect(created.status).toBeGreaterThanOrEqual(500);
    expect(created.body).toEqual({ error_code: created.status === 507 ? 50701 : 50702, message: expect.any(String) });
    expect((await call("GET", `${topics}/newcomer`)).status).toBe(404);
    // A change only the metadata database records: SQLite on the full disk cannot take it (507/50702, nothing changed).
    const config = await call("PUT", `${topics}/orders/configs/retention.ms`, { value: "3600000" });
    if (provider === "sqlite") {
      expect(config).toMatchObject({ status: 507, body: { error_code: 50702, message: expect.stringMatching(/^The metadata database is out of disk space/) } });
      expect((await call("GET", `${topics}/orders/configs/retention.ms`)).body).toMatchObject({ value: "604800000", is_default: true });
    } else {
      expect(config.status).toBe(204);
    }

    const full = await readyz();
    expect(full).toMatchObject({ status: "degraded", writable: false, checks: { storage: { status: "fail", state: "full", reason: expect.stringMatching(/is full/) } } });
    const forWrites = await call("GET", `${base}/readyz?writes=true`);
    expect(forWrites).toMatchObject({ status: 503, body: { error_code: 503, message: expect.stringMatching(/^Not ready for writes: .* is full/) } });
    const metrics = (await call("GET", `${base}/metrics`)).text;
    expect(metrics).toMatch(/^skein_log_dir_state\{log_dir="[^"]+",state="full"\} 1$/m);
    expect(metrics).toMatch(/^skein_log_dir_usable_bytes\{log_dir="[^"]+"\} \d+$/m);
    const logDir = (await call("GET", `${base}/v3/clusters/${clusterId}/brokers/0/log-dirs`)).body.data[0];
    expect(logDir).toMatchObject({ kind: "SkeinLogDir", state: "full", writable: false, path: env.SKEIN_DATA_DIR });
    await running.waitFor(/Log directory .* is full/);
    const read = await call("GET", `${topics}/orders/partitions/0/records?offset=0&limit=10`);
    expect(read.body.data.map((r: any) => Buffer.from(r.value.data, "base64").toString())).toEqual(["before-0", "before-1", "before-2", "before-3", "before-4", "nearly-full"]);

    // Deleting while full works and says what happened.
    // (A record that still fitted the segment's last page may have been stored: DeleteRecords says whether its new log
    // start offset is on disk, which it is once the deletion freed room.)
    const deletedRecords = await call("POST", `${topics}/orders/partitions/0/delete-records`, { offset: 2 });
    expect(deletedRecords.body).toMatchObject({ log_start_offset: 2, checkpoint_pending: expect.toBeOneOf([null, expect.stringMatching(FULL)]) });
    const deleted = await call("DELETE", `${topics}/doomed`);
    if (provider === "sqlite") {
      // SQLite shares the full disk (and the empty topic's logs free nothing): the topic is gone for every client, the
      // database records it later.
      expect(deleted).toMatchObject({ status: 202, body: { kind: "SkeinTopicDeletion", topic_name: "doomed", metadata_pending: expect.stringMatching(/^The metadata database could not delete topic doomed/) } });
    } else {
      expect(deleted.status).toBe(204);
    }
    expect((await call("GET", `${topics}/doomed`)).status).toBe(404);

    // A restart while the disk is (still) full starts, serves reads and refuses writes clearly.
    fillUp(mount, join(mount, "refill.bin"));
    expect(await running.stop("SIGTERM")).toBe(0);
    running = new ServiceProcess(env);
    base = await running.baseUrl();
    const restartedTopics = `${base}/v3/clusters/${clusterId}/topics`;
    const afterRestart = await readyz();
    expect(afterRestart).toMatchObject({ status: "degraded", writable: false, checks: { engine: { status: "pass" }, storage: { state: "full" } } });
    if (provider === "sqlite") expect(afterRestart.checks.broker_registration).toMatchObject({ status: "warn", registered: false });
    // The deleted records stay deleted when their log start offset reached the disk; if it could not, the log starts
    // where it did before (as the answer said), never anywhere else.
    expect((await call("GET", `${restartedTopics}/orders/partitions/0/log`)).body.log_start_offset).toBe(deletedRecords.body.checkpoint_pending === null ? 2 : 0);
    expect((await call("GET", `${restartedTopics}/orders/partitions/0/records?offset=2&limit=10`)).body.data.map((r: any) => r.offset)).toEqual([2, 3, 4, 5]);
    expect((await call("GET", `${restartedTopics}/doomed`)).status).toBe(404);
    expect((await call("POST", `${restartedTopics}/orders/records`, { partition_id: 0, value: { type: "STRING", data: "x" } })).status).toBe(507);

    // Space freed by any means: writes resume, the registration completes, without a restart.
    rmSync(filler);
    rmSync(join(mount, "refill.bin"));
    rmSync(join(mount, "ballast.bin"));
    const resumed = await eventually(
      () => call("POST", `${restartedTopics}/orders/records`, { partition_id: 0, value: { type: "STRING", data: "after" } }),
      (answer) => answer.status === 200,
    );
    expect(resumed.body).toMatchObject({ error_code: 200, offset: 6 });
    const ready = await eventually(readyz, (body) => body.status === "ready" && body.checks.broker_registration.registered, 60_000);
    expect(ready).toMatchObject({ writable: true, checks: { storage: { status: "pass", state: "ok" }, broker_registration: { registered: true } } });
    await running.waitFor(/has room again/);
    const all = await call("GET", `${restartedTopics}/orders/partitions/0/records?offset=2&limit=20`);
    expect(all.body.data.map((r: any) => [r.offset, Buffer.from(r.value.data, "base64").toString()])).toEqual([
      [2, "before-2"],
      [3, "before-3"],
      [4, "before-4"],
      [5, "nearly-full"],
      [6, "after"],
    ]);
    expect(running.log).not.toMatch(/ERROR \[RestExceptionFilter\]/);
  });
});
