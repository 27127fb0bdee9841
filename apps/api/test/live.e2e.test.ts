import { encodeRecordBatch, type FetchEvent } from "@skein/broker";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { LiveTailService } from "../src/live/live-tail.service.js";
import { describeEachProvider } from "./support/databases.js";
import { LiveClient } from "./support/live-client.js";
import { startTestService, type TestService } from "./support/test-service.js";

const b64 = (text: string) => Buffer.from(text).toString("base64");

/** The service listening on a loopback port, for real WebSocket clients. */
async function startListening(provider: Parameters<typeof startTestService>[0], brokerConfig: Record<string, string> = {}) {
  const service = await startTestService(provider, { brokerConfig: { "num.partitions": "1", ...brokerConfig } });
  await service.app.listen({ port: 0, host: "127.0.0.1" });
  const address = service.app.getHttpServer().address();
  return { service, baseUrl: `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}` };
}

describeEachProvider("WebSocket /ws", (provider) => {
  let service: TestService;
  let baseUrl: string;
  const clients: LiveClient[] = [];
  const connect = async () => {
    const client = await LiveClient.connect(baseUrl);
    clients.push(client);
    return client;
  };
  const produce = (topic: string, records: { key?: string; value: string; partition?: number }[]) =>
    service.engine.broker.produce(topic, records.map((r) => ({ key: r.key === undefined ? null : Buffer.from(r.key), value: Buffer.from(r.value), partition: r.partition })));

  beforeAll(async () => {
    ({ service, baseUrl } = await startListening(provider));
    await service.engine.broker.createTopic({ name: "orders", partitions: 3 });
  });

  afterEach(() => {
    for (const client of clients.splice(0)) client.close();
  });

  afterAll(async () => {
    await service?.close();
  });

  it("subscribes from latest and pushes records as they are appended, batched per turn", async () => {
    await produce("orders", [{ value: "before", partition: 0 }]);
    const client = await connect();
    const subscribed = await client.request({ type: "subscribe", id: "s1", topic: "orders" });
    expect(subscribed).toEqual({ type: "subscribed", id: "s1", partitions: [{ partition: 0, offset: 1 }, { partition: 1, offset: 0 }, { partition: 2, offset: 0 }] });
    await produce("orders", [
      { key: "kim", value: "50000 won", partition: 0 },
      { key: "lee", value: "7 won", partition: 0 },
    ]);
    const records = await client.waitForRecords("s1", 2);
    expect(records).toEqual([
      { partition: 0, offset: 1, timestamp: expect.any(Number), key: b64("kim"), value: b64("50000 won"), headers: {}, encoding: "base64" },
      { partition: 0, offset: 2, timestamp: expect.any(Number), key: b64("lee"), value: b64("7 won"), headers: {}, encoding: "base64" },
    ]);
    // Both records were appended in one turn: one frame carries them.
    expect(client.frames.filter((f) => f.type === "records")).toHaveLength(1);
  });

  it("starts from earliest, an offset or a timestamp, on chosen partitions", async () => {
    await service.engine.broker.createTopic({ name: "history", partitions: 2 });
    await service.engine.broker.produce("history", [
      { value: Buffer.from("a"), partition: 1, timestamp: 1000 },
      { value: Buffer.from("b"), partition: 1, timestamp: 2000 },
      { value: Buffer.from("c"), partition: 1, timestamp: 3000 },
      { value: Buffer.from("other"), partition: 0, timestamp: 1000 },
    ]);
    const client = await connect();
    const values = (id: string) => client.records(id).map((r) => Buffer.from(r.value as string, "base64").toString());

    expect(await client.request({ type: "subscribe", id: "e", topic: "history", partitions: [1], from: "earliest" })).toMatchObject({ partitions: [{ partition: 1, offset: 0 }] });
    await client.waitForRecords("e", 3);
    expect(values("e")).toEqual(["a", "b", "c"]);

    expect(await client.request({ type: "subscribe", id: "o", topic: "history", partitions: [1], from: { offset: 2 } })).toMatchObject({ partitions: [{ partition: 1, offset: 2 }] });
    await client.waitForRecords("o", 1);
    expect(values("o")).toEqual(["c"]);

    expect(await client.request({ type: "subscribe", id: "t", topic: "history", partitions: [1], from: { timestamp: 1500 } })).toMatchObject({ partitions: [{ partition: 1, offset: 1 }] });
    await client.waitForRecords("t", 2);
    expect(values("t")).toEqual(["b", "c"]);
  });

  it("filters on the server by key and value, and sends strings when asked", async () => {
    const client = await connect();
    await client.request({ type: "subscribe", id: "f", topic: "orders", encoding: "string", filter: { key_equals: "kim", value_contains: "won" } });
    await produce("orders", [
      { key: "kim", value: "3 dollars" },
      { key: "lee", value: "9 won" },
      { key: "kim", value: "50000 won" },
    ]);
    const [record] = await client.waitForRecords("f", 1);
    expect(record).toMatchObject({ key: "kim", value: "50000 won", encoding: "string" });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(client.records("f")).toHaveLength(1);
  });

  it("produces with per-message acks, headers, encodings and topic auto-creation", async () => {
    const client = await connect();
    await client.request({ type: "subscribe", id: "tail", topic: "orders", partitions: [2], encoding: "string" });
    const ack = await client.request({ type: "produce", id: "p1", topic: "orders", partition: 2, key: "kim", value: "50000 won", headers: { trace: "t-1" } });
    expect(ack).toEqual({ type: "ack", id: "p1", partition: 2, offset: expect.any(Number), timestamp: expect.any(Number) });
    const [tailed] = await client.waitForRecords("tail", 1);
    expect(tailed).toMatchObject({ partition: 2, offset: ack.offset, key: "kim", value: "50000 won", headers: { trace: "t-1" } });

    const binary = await client.request({ type: "produce", id: "p2", topic: "orders", partition: 2, value: b64("\u0001\u0002"), encoding: "base64" });
    const stored = await service.engine.broker.fetch("orders", 2, binary.offset as number, { maxRecords: 1 });
    expect(stored.records[0]!.value).toEqual(Buffer.from([1, 2]));

    expect(await client.request({ type: "produce", id: "p3", topic: "ws-created", value: "x" })).toMatchObject({ type: "ack", partition: 0, offset: 0 });
  });

  it.each([
    ["not json", 400, /^A frame must be one JSON object/],
    [{ type: "subscribe", id: "x", topic: "nope" }, 40403, /^Topic nope not found\.$/],
    [{ type: "subscribe", id: "x", topic: "orders", partitions: [9] }, 40402, /^Partition 9 not found: topic orders has partitions 0 to 2\.$/],
    [{ type: "subscribe", id: "x", topic: "orders", from: "yesterday" }, 400, /^from must be/],
    [{ type: "subscribe", topic: "orders" }, 400, /needs an id/],
    [{ type: "produce", id: "x", topic: "orders", partition: 9, value: "v" }, 40403, /Partition 9 of topic orders does not exist/],
    [{ type: "produce", id: "x", topic: "orders", value: "fooba", encoding: "base64" }, 400, /^value is not valid base64\.$/],
    [{ type: "produce", id: "x", topic: "__consumer_offsets", value: "v" }, 40002, /internal topic/],
    [{ type: "unsubscribe", id: "ghost" }, 400, /^No subscription with id ghost\.$/],
    [{ type: "dance", id: "x" }, 400, /^Unknown frame type "dance"/],
  ])("answers %j with an error frame %i", async (frame, errorCode, message) => {
    const client = await connect();
    let error;
    if (typeof frame === "string") {
      client.socket.send(frame);
      error = await client.next((f) => f.type === "error");
    } else {
      error = await client.request(frame);
    }
    expect(error).toMatchObject({ type: "error", error_code: errorCode, message: expect.stringMatching(message) });
    if (typeof frame === "object" && "id" in frame) expect(error.id).toBe(frame.id);
  });

  it("refuses a second subscription with the same id, and stops pushing after unsubscribe", async () => {
    const client = await connect();
    await client.request({ type: "subscribe", id: "dup", topic: "orders" });
    expect(await client.request({ type: "subscribe", id: "dup", topic: "orders" })).toMatchObject({ type: "error", error_code: 40901 });
    client.send({ type: "unsubscribe", id: "dup" });
    expect(await client.request({ type: "ping" })).toEqual({ type: "pong" });
    await produce("orders", [{ value: "unseen" }]);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(client.records("dup")).toHaveLength(0);
  });

  it("tails committed records only: an open transaction holds the tail (which keeps answering) until its commit; aborted records never come", async () => {
    const { broker, transactions } = service.engine;
    await broker.createTopic({ name: "payments", partitions: 1 });
    const client = await connect();
    await client.request({ type: "subscribe", id: "p", topic: "payments", from: "earliest" });
    const { producerId, producerEpoch } = await transactions.initProducerId("tail-app", 60_000, null);
    let sequence = 0;
    const transaction = async (values: string[], commit: boolean) => {
      await transactions.addPartitionsToTxn("tail-app", producerId, producerEpoch, [{ topic: "payments", partition: 0 }]);
      const batch = encodeRecordBatch(
        values.map((value) => ({ key: null, value: Buffer.from(value) })),
        { timestampType: "CreateTime", now: Date.now(), producerId, producerEpoch, baseSequence: sequence, isTransactional: true },
      );
      sequence += values.length;
      await broker.appendRecordBatches("payments", 0, batch, { acks: -1 });
      return () => transactions.endTxn("tail-app", producerId, producerEpoch, commit).then(() => transactions.markersWritten());
    };

    const aborting = await transaction(["refunded"], false);
    await aborting();
    const committing = await transaction(["paid 1", "paid 2"], true);
    // Open: past the last stable offset, nothing is sent, and the session goes on answering.
    expect(await client.request({ type: "ping" })).toEqual({ type: "pong" });
    expect(client.records("p")).toEqual([]);
    await committing();
    const records = await client.waitForRecords("p", 2);
    expect(records.map((r) => Buffer.from(r.value as string, "base64").toString())).toEqual(["paid 1", "paid 2"]);
    await produce("payments", [{ value: "after" }]);
    await client.waitForRecords("p", 3);
    expect(client.records("p").map((r) => Buffer.from(r.value as string, "base64").toString())).toEqual(["paid 1", "paid 2", "after"]);
  });

  it("tails uncommitted records with isolation_level read_uncommitted: an open transaction's and an aborted one's records come, markers never", async () => {
    const { broker, transactions } = service.engine;
    await broker.createTopic({ name: "drafts", partitions: 1 });
    const client = await connect();
    expect(await client.request({ type: "subscribe", id: "bad", topic: "drafts", isolation_level: "dirty" })).toMatchObject({ type: "error", error_code: 40002 });
    await client.request({ type: "subscribe", id: "u", topic: "drafts", from: "earliest", isolation_level: "read_uncommitted" });
    const { producerId, producerEpoch } = await transactions.initProducerId("drafts-app", 60_000, null);
    await transactions.addPartitionsToTxn("drafts-app", producerId, producerEpoch, [{ topic: "drafts", partition: 0 }]);
    const batch = encodeRecordBatch([{ key: null, value: Buffer.from("draft") }], {
      timestampType: "CreateTime",
      now: Date.now(),
      producerId,
      producerEpoch,
      baseSequence: 0,
      isTransactional: true,
    });
    await broker.appendRecordBatches("drafts", 0, batch, { acks: -1 });
    // Still open: the uncommitted tail has it already.
    expect((await client.waitForRecords("u", 1)).map((r) => Buffer.from(r.value as string, "base64").toString())).toEqual(["draft"]);
    await transactions.endTxn("drafts-app", producerId, producerEpoch, false);
    await transactions.markersWritten();
    await produce("drafts", [{ value: "plain" }]);
    await client.waitForRecords("u", 2);
    // The abort marker (offset 1) is no record: the aborted one stays, the next record is offset 2.
    expect(client.records("u").map((r) => [r.offset, Buffer.from(r.value as string, "base64").toString()])).toEqual([
      [0, "draft"],
      [2, "plain"],
    ]);
  });

  it("answers ping frames and protocol-level pings", async () => {
    const client = await connect();
    expect(await client.request({ type: "ping" })).toEqual({ type: "pong" });
    const pong = new Promise<Buffer>((resolve) => client.socket.once("pong", resolve));
    client.socket.ping("hello");
    expect((await pong).toString()).toBe("hello");
  });

  it("counts open sessions and records handed out in the metrics", async () => {
    const client = await connect();
    await client.request({ type: "subscribe", id: "m", topic: "orders", partitions: [1] });
    await produce("orders", [{ value: "metered", partition: 1 }]);
    await client.waitForRecords("m", 1);
    const metrics = (await service.http().get("/metrics")).text;
    expect(metrics).toMatch(/^skein_websocket_sessions [1-9]/m);
    expect(metrics).toMatch(/skein_records_out_total\{topic="orders"\} [1-9]/);
    expect(metrics).toMatch(/skein_bytes_out_total\{topic="orders"\} [1-9]/);
  });
});

describe("WebSocket keep-alive and slow clients", () => {
  let service: TestService;
  let baseUrl: string;
  let live: LiveTailService;
  const value = Buffer.alloc(100 * 1024, "v");

  beforeAll(async () => {
    ({ service, baseUrl } = await startListening("sqlite", { "segment.bytes": String(64 * 1024 * 1024) }));
    live = service.app.get(LiveTailService);
    Object.assign(live.limits, { highWaterBytes: 256 * 1024, lowWaterBytes: 64 * 1024, stallTimeoutMs: 1500, keepAliveMs: 60_000 });
    await service.engine.broker.createTopic({ name: "firehose", partitions: 1 });
  });

  afterAll(async () => {
    await service?.close();
  });

  async function produceMany(count: number): Promise<void> {
    for (let i = 0; i < count; i += 10) {
      await service.engine.broker.produce("firehose", Array.from({ length: 10 }, () => ({ value })));
    }
  }

  it("stops reading the log while a client lags, and resumes when it drains", async () => {
    let fetched = 0;
    const onFetch = (event: FetchEvent) => {
      if (event.topic === "firehose") fetched += event.recordCount;
    };
    service.engine.broker.on("fetch", onFetch);
    const client = await LiveClient.connect(baseUrl);
    await client.request({ type: "subscribe", id: "slow", topic: "firehose" });
    const underlying = (client.socket as unknown as { _socket: import("node:net").Socket })._socket;
    underlying.pause(); // the client stops reading: the server's socket buffer fills up
    await produceMany(200); // 20 MB
    await new Promise((resolve) => setTimeout(resolve, 400));
    // The session stopped reading from the log once the client was behind: most of the 200 records are unread.
    expect(fetched).toBeLessThan(150);
    underlying.resume(); // within the stall limit
    const records = await client.waitForRecords("slow", 200, 20_000);
    expect(records.map((r) => r.offset)).toEqual(Array.from({ length: 200 }, (_, i) => (records[0]!.offset as number) + i));
    client.close();
    service.engine.broker.off("fetch", onFetch);
  });

  it("closes a client that stays stalled past the limit with 1008, having buffered only a bounded amount", async () => {
    const client = await LiveClient.connect(baseUrl);
    await client.request({ type: "subscribe", id: "stalled", topic: "firehose" });
    const underlying = (client.socket as unknown as { _socket: import("node:net").Socket })._socket;
    underlying.pause();
    await produceMany(300); // 30 MB: far more than the socket buffers hold
    await new Promise((resolve) => setTimeout(resolve, 2500)); // past the 1.5 s stall limit
    underlying.resume();
    const closed = await client.closed;
    expect(closed).toEqual({ code: 1008, reason: expect.stringMatching(/^Too slow: over 262144 bytes unsent for 1500 ms$/) });
    // The server stopped reading from the log: far fewer records reached the client than were produced.
    expect(client.records("stalled").length).toBeLessThan(300);
    const metrics = (await service.http().get("/metrics")).text;
    expect(metrics).toMatch(/^skein_websocket_sessions 0$/m);
  });

  it("keeps the 1008 promise while pings go on: a stalled client's missing pong is not taken for a dead peer (1006)", async () => {
    live.limits.keepAliveMs = 200; // several pings fall due while the client is stalled, before the 1.5 s stall limit
    try {
      const client = await LiveClient.connect(baseUrl);
      // An idle client beside it shows the pings really went out every 200 ms meanwhile.
      const watcher = await LiveClient.connect(baseUrl);
      let pings = 0;
      watcher.socket.on("ping", () => pings++);
      await client.request({ type: "subscribe", id: "stalled-pinged", topic: "firehose", from: "earliest" });
      const underlying = (client.socket as unknown as { _socket: import("node:net").Socket })._socket;
      underlying.pause();
      await new Promise((resolve) => setTimeout(resolve, 2500));
      expect(pings).toBeGreaterThanOrEqual(4);
      watcher.close();
      underlying.resume();
      expect(await client.closed).toEqual({ code: 1008, reason: "Too slow: over 262144 bytes unsent for 1500 ms" });
      const offsets = client.records("stalled-pinged").map((r) => r.offset as number);
      expect(offsets).toEqual(Array.from({ length: offsets.length }, (_, i) => i)); // a prefix, in order, nothing skipped
    } finally {
      live.limits.keepAliveMs = 60_000;
    }
  });

  it("closes a group-consuming client that stays stalled with 1008 too, and its membership ends", async () => {
    const client = await LiveClient.connect(baseUrl);
    client.send({ type: "group_subscribe", id: "g", group: "stalling", topics: ["firehose"], auto_offset_reset: "earliest", auto_commit: false });
    await client.next((f) => f.type === "assigned");
    const underlying = (client.socket as unknown as { _socket: import("node:net").Socket })._socket;
    underlying.pause();
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(service.engine.groups.describeGroup("stalling").members).toEqual([]);
    underlying.resume();
    expect(await client.closed).toEqual({ code: 1008, reason: "Too slow: over 262144 bytes unsent for 1500 ms" });
  });

  it("pings clients at the protocol level", async () => {
    live.limits.keepAliveMs = 200;
    const client = await LiveClient.connect(baseUrl);
    let pings = 0;
    client.socket.on("ping", () => pings++);
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(pings).toBeGreaterThanOrEqual(2);
    // A peer that answers no ping is dropped at the next one.
    const silent = await LiveClient.connect(baseUrl);
    (silent.socket as unknown as { _socket: import("node:net").Socket })._socket.pause();
    await new Promise((resolve) => setTimeout(resolve, 700));
    (silent.socket as unknown as { _socket: import("node:net").Socket })._socket.resume();
    expect((await silent.closed).code).toBe(1006);
    client.close();
  });
});
