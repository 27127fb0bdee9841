import { afterEach, beforeEach, expect, it } from "vitest";
import { createTestDatabase, describeEachProvider, type TestDatabase } from "./support/databases.js";
import { startListeningService, type ListeningService } from "./support/listening-service.js";
import { eventually, RestConsumer, V2, V2_BINARY, V2_JSON } from "./support/rest-consumer.js";

/** Every v2 consumer and v3 consumer-group endpoint's error bodies, binary reads, seeks, and instance expiry. */
describeEachProvider("consumer endpoints: errors, seeks, formats, expiry", (provider) => {
  let db: TestDatabase;
  let service: ListeningService | null = null;

  beforeEach(async () => {
    db = await createTestDatabase(provider);
  });

  afterEach(async () => {
    await service?.stop();
    service = null;
    delete process.env.SKEIN_CONSUMER_INSTANCE_TIMEOUT_MS;
    await db.drop();
  });

  async function start(): Promise<ListeningService> {
    service = await startListeningService(db);
    await service.engine.broker.createTopic({ name: "t", partitions: 2 });
    return service;
  }

  const notFound = { error_code: 40403, message: "Consumer instance not found." };

  it("answers v2 errors with the REST Proxy's codes", async () => {
    const { client } = await start();
    const call = client.call.bind(client);
    const json = await RestConsumer.create(client, "g", "j", { format: "json" });

    expect(await call("POST", "/consumers/g", { body: { name: "j", format: "json" } })).toMatchObject({
      status: 409,
      body: { error_code: 40902, message: "Consumer with specified consumer ID already exists in the specified consumer group." },
      type: expect.stringContaining(V2),
    });
    expect((await call("POST", "/consumers/g", { body: { name: "x", format: "avro" } })).body.error_code).toBe(40001);
    expect((await call("POST", "/consumers/g", { body: { name: "x", "auto.offset.reset": "smallest" } })).body).toEqual({
      error_code: 40001,
      message: "Invalid consumer configuration value: auto.offset.reset must be latest, earliest or none, got smallest.",
    });
    for (const [method, path] of [
      ["DELETE", "/consumers/g/instances/nope"],
      ["GET", "/consumers/g/instances/nope/subscription"],
      ["POST", "/consumers/g/instances/nope/subscription"],
      ["GET", "/consumers/g/instances/nope/assignments"],
      ["GET", "/consumers/g/instances/nope/records"],
      ["POST", "/consumers/g/instances/nope/offsets"],
    ] as const) {
      const body = method === "POST" && path.endsWith("subscription") ? { topics: ["t"] } : undefined;
      expect(await call(method, path, { body }), `${method} ${path}`).toMatchObject({ status: 404, body: notFound });
    }
    expect((await client.getWithBody("/consumers/g/instances/nope/offsets", { partitions: [] })).body).toEqual(notFound);
    // committed offsets asked for without a body: the REST Proxy's 40402
    const asker = await RestConsumer.create(client, "g", "asker");
    expect(await client.call("GET", `${asker.path}/offsets`)).toMatchObject({ status: 404, body: { error_code: 40402, message: "Partition not found." } });

    // a json instance read with the binary type: 40601; a json instance reading bytes that are not JSON: 40801
    expect((await call("GET", `${json.path}/records`, { accept: V2_BINARY })).body).toEqual({
      error_code: 40601,
      message: "The requested embedded data format does not match the deserializer for this consumer instance",
    });
    await call("POST", `${json.path}/assignments`, { body: { partitions: [{ topic: "t", partition: 0 }] } });
    await service!.engine.broker.produce("t", [{ partition: 0, value: Buffer.from('{"ok":1}') }, { partition: 0, value: Buffer.from("not json") }]);
    await call("POST", `${json.path}/positions/beginning`, { body: { partitions: [{ topic: "t", partition: 0 }] } });
    expect((await call("GET", `${json.path}/records`, { accept: V2_JSON })).body).toEqual([{ topic: "t", key: null, value: { ok: 1 }, partition: 0, offset: 0 }]);
    const broken = await call("GET", `${json.path}/records`, { accept: V2_JSON });
    expect(broken.status).toBe(408);
    expect(broken.body.error_code).toBe(40801);
    expect(broken.body.message).toContain("offset 1 of t-0");

    // subscription and assignment are exclusive; seeking an unassigned partition is an illegal state
    expect((await call("POST", `${json.path}/subscription`, { body: { topics: ["t"] } })).body).toEqual({
      error_code: 40903,
      message: "Illegal state: Subscription to topics, partitions and pattern are mutually exclusive",
    });
    expect((await call("POST", `${json.path}/positions`, { body: { offsets: [{ topic: "t", partition: 1, offset: 0 }] } })).body).toEqual({
      error_code: 40903,
      message: "Illegal state: No current assignment for partition t-1",
    });
    expect((await call("POST", `${json.path}/subscription`, { body: {} })).status).toBe(422);
    expect((await call("POST", `${json.path}/assignments`, { body: { partitions: [{ topic: "nope", partition: 0 }] } })).body.error_code).toBe(40403);
  });

  it("reads binary, seeks, commits offset + 1 and reads committed offsets with a GET body", async () => {
    const { client } = await start();
    await service!.engine.broker.produce("t", Array.from({ length: 5 }, (_, i) => ({ partition: 1, key: Buffer.from(`k${i}`), value: Buffer.from(`v${i}`) })));
    const bin = await RestConsumer.create(client, "b", "bin", { format: "binary", "auto.commit.enable": "false" });
    expect((await client.call("POST", `${bin.path}/assignments`, { body: { partitions: [{ topic: "t", partition: 1 }] } })).status).toBe(204);
    expect(await bin.assignments()).toEqual([{ topic: "t", partition: 1 }]);
    await client.call("POST", `${bin.path}/positions`, { body: { offsets: [{ topic: "t", partition: 1, offset: 3 }] } });
    const read = await client.call("GET", `${bin.path}/records?timeout=500`, { accept: V2_BINARY });
    expect(read.type).toContain(V2_BINARY);
    expect(read.body).toEqual([
      { topic: "t", key: Buffer.from("k3").toString("base64"), value: Buffer.from("v3").toString("base64"), partition: 1, offset: 3 },
      { topic: "t", key: Buffer.from("k4").toString("base64"), value: Buffer.from("v4").toString("base64"), partition: 1, offset: 4 },
    ]);
    expect(await bin.commit([{ topic: "t", partition: 1, offset: 3 }])).toEqual([{ topic: "t", partition: 1, consumed: 3, committed: 4 }]);
    expect((await client.getWithBody(`${bin.path}/offsets`, { partitions: [{ topic: "t", partition: 1 }, { topic: "t", partition: 0 }] })).body).toEqual({
      offsets: [{ topic: "t", partition: 1, offset: 4, metadata: "" }],
    });
    await client.call("POST", `${bin.path}/positions/end`, { body: { partitions: [{ topic: "t", partition: 1 }] } });
    expect(await bin.read(50)).toEqual([]);
    expect(await bin.commit()).toEqual([{ topic: "t", partition: 1, consumed: 4, committed: 5 }]);

    // the instance outlives a restart: same assignment, committed offsets, and it reads on from them
    await service!.stop();
    service = await startListeningService(db);
    const again = new (bin.constructor as typeof RestConsumer)(service.client, "b", "bin", "binary");
    expect(await again.assignments()).toEqual([{ topic: "t", partition: 1 }]);
    await service.engine.broker.produce("t", [{ partition: 1, value: Buffer.from("v5") }]);
    expect((await again.read(500)).map((r) => r.offset)).toEqual([5]);
  });

  it("expires idle instances after consumer.instance.timeout.ms, and they leave their group", async () => {
    process.env.SKEIN_CONSUMER_INSTANCE_TIMEOUT_MS = "1000";
    const { client } = await start();
    const idle = await RestConsumer.create(client, "expiring", "idle", { "auto.offset.reset": "earliest" });
    await idle.subscribe(["t"]);
    await eventually(() => idle.partitions(), (p) => p.length === 2);
    expect((await client.call("GET", `/v3/clusters/${service!.clusterId}/consumer-groups/expiring/consumers`)).body.data).toHaveLength(1);
    // watched through v3 only: any v2 request would count as a use of the instance
    await eventually(
      async () => (await client.call("GET", `/v3/clusters/${service!.clusterId}/consumer-groups/expiring`)).body.state,
      (state) => state === "EMPTY",
      10_000,
    );
    expect(await client.call("GET", `${idle.path}/assignments`)).toMatchObject({ status: 404, body: notFound });
  });

  it("answers v3 consumer-group errors", async () => {
    const { client, clusterId } = await start();
    const groups = `/v3/clusters/${clusterId}/consumer-groups`;
    expect(await client.call("GET", `/v3/clusters/other/consumer-groups`)).toMatchObject({ status: 404, body: { error_code: 404, message: "Cluster other cannot be found." } });
    expect((await client.call("GET", `${groups}/nope`)).body).toEqual({ error_code: 404, message: "Consumer group 'nope' could not be found." });
    for (const path of ["/consumers", "/lags", "/lag-summary", "/lag-history", "/consumers/m", "/lags/t/partitions/0"]) {
      expect((await client.call("GET", `${groups}/nope${path}`)).status, path).toBe(404);
    }
    expect((await client.call("DELETE", `${groups}/nope`)).body).toEqual({ error_code: 404, message: "Consumer group 'nope' could not be found." });
    const bad = (body: unknown) => client.call("POST", `${groups}/g/offsets:reset`, { body, contentType: "application/json" });
    expect((await bad({ strategy: "sideways" })).body.error_code).toBe(40002);
    expect((await bad({ strategy: "to-offset", value: "x" })).body).toEqual({ error_code: 40002, message: "The to-offset strategy needs an integer value." });
    expect((await bad({ strategy: "to-earliest", topics: [{ topic_name: "nope" }] })).body.error_code).toBe(40403);

    // a live member: deleting the group or its topic's offsets is a conflict
    const member = await RestConsumer.create(client, "busy", "m", { "auto.offset.reset": "earliest" });
    await member.subscribe(["t"]);
    await eventually(() => member.partitions(), (p) => p.length === 2);
    await member.commit([{ topic: "t", partition: 0, offset: 0 }]);
    expect(await client.call("DELETE", `${groups}/busy`)).toMatchObject({ status: 409, body: { error_code: 40903 } });
    expect(await client.call("DELETE", `${groups}/busy/offsets/t`)).toMatchObject({ status: 409, body: { error_code: 40903 } });
    const consumers = (await client.call("GET", `${groups}/busy/consumers`)).body.data;
    const assignments = await client.call("GET", `${groups}/busy/consumers/${consumers[0].consumer_id}/assignments`);
    expect(assignments.body.data.map((a: any) => [a.topic_name, a.partition_id])).toEqual([
      ["t", 0],
      ["t", 1],
    ]);
    expect((await client.call("GET", `${groups}/busy/lags/t/partitions/0`)).body).toMatchObject({ current_offset: 1, log_end_offset: 0, lag: -1 });
    await member.delete();
    expect((await client.call("DELETE", `${groups}/busy/offsets/t`)).status).toBe(204);
    expect((await client.call("DELETE", `${groups}/busy`)).status).toBe(204);
    expect((await client.call("GET", `${groups}/busy`)).status).toBe(404);
  });

  it("samples lag over time", async () => {
    process.env.SKEIN_LAG_SAMPLE_INTERVAL_MS = "50";
    try {
      const { client, clusterId } = await start();
      await service!.engine.broker.produce("t", [{ partition: 0, value: Buffer.from("a") }, { partition: 0, value: Buffer.from("b") }]);
      const c = await RestConsumer.create(client, "hist", "c", { "auto.commit.enable": "false" });
      await client.call("POST", `${c.path}/assignments`, { body: { partitions: [{ topic: "t", partition: 0 }] } });
      await c.commit([{ topic: "t", partition: 0, offset: 0 }]);
      const history = await eventually(
        async () => (await client.call("GET", `/v3/clusters/${clusterId}/consumer-groups/hist/lag-history?minutes=5`)).body,
        // Samples taken before the commit (the group joined, nothing committed) may come first: wait for one after it.
        (body: any) => body.data?.length >= 2 && body.data.at(-1).total_lag === 1,
      );
      expect(history).toMatchObject({ kind: "SkeinLagHistory", interval_ms: 50, consumer_group_id: "hist" });
      expect(history.data.at(-1)).toMatchObject({ total_lag: 1, topics: { t: 1 } });

      // A restart keeps the history: the samples taken before it come back from the metadata database.
      await service!.stop();
      const before = history.data as { timestamp: number }[];
      const restarted = await startListeningService(db);
      service = restarted;
      const after = (await restarted.client.call("GET", `/v3/clusters/${clusterId}/consumer-groups/hist/lag-history?minutes=5`)).body;
      expect(after.data.length).toBeGreaterThanOrEqual(before.length);
      expect(after.data.slice(0, before.length)).toEqual(history.data);

      // A deleted group's history goes with it, in memory and in the database.
      expect((await restarted.client.call("DELETE", `/v3/clusters/${clusterId}/consumer-groups/hist`)).status).toBe(204);
      await eventually(
        async () => (await restarted.client.call("GET", `/v3/clusters/${clusterId}/consumer-groups/hist/lag-history?minutes=5`)).status,
        (status: number) => status === 404,
      );
      await restarted.stop();
      service = await startListeningService(db);
      expect((await service.client.call("GET", `/v3/clusters/${clusterId}/consumer-groups/hist/lag-history?minutes=5`)).status).toBe(404);
      await service.engine.groups.commitOffsets({ groupId: "hist", memberId: "", generationId: -1, offsets: [{ topic: "t", partition: 0, offset: 0 }] });
      const fresh = await eventually(
        async () => (await service!.client.call("GET", `/v3/clusters/${clusterId}/consumer-groups/hist/lag-history?minutes=5`)).body,
        (body: any) => body.data?.length >= 1,
      );
      expect(fresh.data.filter((s: { timestamp: number }) => s.timestamp <= before.at(-1)!.timestamp)).toEqual([]);
    } finally {
      delete process.env.SKEIN_LAG_SAMPLE_INTERVAL_MS;
    }
  });
});
