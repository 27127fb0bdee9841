import type { Acks, ProduceOptions, ProduceRecord } from "@skein/broker";
import { afterEach, beforeEach, expect, it } from "vitest";
import { createTestDatabase, describeEachProvider, type TestDatabase } from "./support/databases.js";
import { startListeningService, type ListeningService } from "./support/listening-service.js";
import { LiveClient } from "./support/live-client.js";
import { eventually, V2_BINARY } from "./support/rest-consumer.js";

const b64 = (text: string) => Buffer.from(text).toString("base64");

describeEachProvider("produce acks (acknowledged means durable by default)", (provider) => {
  let db: TestDatabase;
  let service: ListeningService | undefined;
  /** The acks of every append the engine was asked for, in order. */
  let appends: Acks[];

  beforeEach(async () => {
    db = await createTestDatabase(provider);
  });

  afterEach(async () => {
    await service?.stop();
    service = undefined;
    await db?.drop();
  });

  async function start(producerAcks?: Acks): Promise<{ base: string; records: string; service: ListeningService }> {
    service = await startListeningService(db, undefined, producerAcks === undefined ? {} : { producerAcks });
    await service.engine.broker.createTopic({ name: "t", partitions: 2 });
    appends = [];
    const broker = service.engine.broker;
    const produce = broker.produce.bind(broker);
    // Observes what the service asks of the engine; the engine's own tests show acks=-1 returns only after fdatasync.
    broker.produce = (topic: string, records: readonly ProduceRecord[], options?: ProduceOptions & { allowInternal?: boolean }) => {
      if (topic === "t") appends.push(options?.acks ?? 1);
      return produce(topic, records, options);
    };
    return { base: service.client.base, records: `/v3/clusters/${service.clusterId}/topics/t/records`, service };
  }

  const post = async (url: string, body: string, contentType = "application/json") => {
    const response = await fetch(url, { method: "POST", headers: { "content-type": contentType }, body });
    const text = await response.text();
    return { status: response.status, reports: text.split("\r\n").filter(Boolean).map((line) => JSON.parse(line)) };
  };
  const record = (data: string) => JSON.stringify({ partition_id: 0, value: { type: "STRING", data } });

  it("waits for fsync (acks=all) by default on v3, v3 batches, v2 and the WebSocket", async () => {
    const { base, records } = await start();
    expect((await post(`${base}${records}`, record("single"))).reports[0]).toMatchObject({ error_code: 200, offset: 0 });
    const batch = await fetch(`${base}${records}:batch`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ entries: [{ id: "1", value: { type: "STRING", data: "b" } }] }) });
    expect(batch.status).toBe(207);
    expect((await post(`${base}/topics/t`, JSON.stringify({ records: [{ value: b64("v2"), partition: 0 }] }), V2_BINARY)).status).toBe(200);
    const live = await LiveClient.connect(base);
    try {
      expect(await live.request({ type: "produce", id: "p", topic: "t", value: "ws", partition: 0 })).toMatchObject({ type: "ack", offset: expect.any(Number) });
    } finally {
      live.close();
    }
    expect(appends).toEqual([-1, -1, -1, -1]);
  });

  it.each([
    ["1", 1],
    ["all", -1],
    ["-1", -1],
  ])("takes ?acks=%s on v3, v3 batches and v2", async (acks, expected) => {
    const { base, records } = await start();
    expect((await post(`${base}${records}?acks=${acks}`, record("x"))).reports[0]).toMatchObject({ error_code: 200, offset: 0 });
    const batch = await fetch(`${base}${records}:batch?acks=${acks}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ entries: [{ id: "1", partition_id: 0, value: null }] }) });
    expect(batch.status).toBe(207);
    expect((await post(`${base}/topics/t/partitions/0?acks=${acks}`, JSON.stringify({ records: [{ value: b64("v2") }] }), V2_BINARY)).reports[0].offsets[0]).toMatchObject({ offset: 2 });
    expect(appends).toEqual([expected, expected, expected]);
  });

  it("answers acks=0 before the write, with unknown offsets (-1), and still stores the records", async () => {
    const { base, records, service } = await start();
    expect((await post(`${base}${records}?acks=0`, record("fire"))).reports).toEqual([
      { error_code: 200, cluster_id: service.clusterId, topic_name: "t", partition_id: 0, offset: -1, timestamp: expect.any(String), value: { type: "STRING", size: 4 } },
    ]);
    const v2 = await post(`${base}/topics/t?acks=0`, JSON.stringify({ records: [{ value: b64("forget") }] }), V2_BINARY);
    expect(v2.reports[0].offsets).toEqual([{ partition: -1, offset: -1, error_code: null, error: null }]);
    const live = await LiveClient.connect(base);
    try {
      expect(await live.request({ type: "produce", id: "p", topic: "t", value: "ws", partition: 1, acks: 0 })).toMatchObject({ type: "ack", partition: 1, offset: -1 });
    } finally {
      live.close();
    }
    const total = () => service.engine.broker.partitionOffsets("t", 0).logEndOffset + service.engine.broker.partitionOffsets("t", 1).logEndOffset;
    await eventually(async () => total(), (n) => n === 3);
    expect(appends).toEqual([0, 0, 0]);
  });

  it.each(["2", "none", "", "leader"])("refuses ?acks=%j with 400/40002 and stores nothing", async (acks) => {
    const { base, records } = await start();
    const v3 = await fetch(`${base}${records}?acks=${acks}`, { method: "POST", headers: { "content-type": "application/json" }, body: record("x") });
    expect([v3.status, await v3.json()]).toEqual([400, { error_code: 40002, message: `Invalid acks ${JSON.stringify(acks)}: use 0, 1, all or -1.` }]);
    const batch = await fetch(`${base}${records}:batch?acks=${acks}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ entries: [{ id: "1" }] }) });
    expect(batch.status).toBe(400);
    const v2 = await fetch(`${base}/topics/t?acks=${acks}`, { method: "POST", headers: { "content-type": V2_BINARY }, body: JSON.stringify({ records: [{ value: b64("x") }] }) });
    expect([v2.status, ((await v2.json()) as { error_code: number }).error_code]).toEqual([400, 40002]);
    expect(appends).toEqual([]);
  });

  it("refuses a WebSocket produce frame with an unknown acks with an error frame", async () => {
    const { base } = await start();
    const live = await LiveClient.connect(base);
    try {
      expect(await live.request({ type: "produce", id: "p", topic: "t", value: "x", acks: "some" })).toEqual({
        type: "error",
        id: "p",
        error_code: 40002,
        message: 'Invalid acks "some": use 0, 1, all or -1.',
      });
      expect(await live.request({ type: "produce", id: "q", topic: "t", value: "x", acks: "1" })).toMatchObject({ type: "ack", id: "q" });
    } finally {
      live.close();
    }
    expect(appends).toEqual([1]);
  });

  it("uses the service-wide SKEIN_PRODUCER_ACKS when a request does not say", async () => {
    const { base, records } = await start(1);
    await post(`${base}${records}`, record("x"));
    await post(`${base}${records}?acks=all`, record("y"));
    expect(appends).toEqual([1, -1]);
  });
});
