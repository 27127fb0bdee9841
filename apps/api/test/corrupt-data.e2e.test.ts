import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { batchesOf, flipByte, segmentPath } from "../../../libs/broker/src/test-support/corrupt.js";
import { createTestDatabase, describeEachProvider, type TestDatabase } from "./support/databases.js";
import { GROUP_BROKER_CONFIG, startListeningService, type ListeningService } from "./support/listening-service.js";
import { LiveClient } from "./support/live-client.js";
import { V2, V2_BINARY } from "./support/rest-consumer.js";

/** The offset of the record batch whose byte is flipped: inside the first (closed) segment. */
const CORRUPT = 3;

/**
 * A bit flipped on disk, met by every kind of reader of the real service reading sequentially: each gets the records
 * before it, then an error naming the partition and the offsets (never the wrong bytes), then what follows the range
 * the engine quarantined; the ranges show in the partition's `corruptions`, the log dir and the metrics.
 */
describeEachProvider("corrupt records on disk", (provider) => {
  let db: TestDatabase;
  let service: ListeningService;
  let base: string;
  let topics: string;

  beforeAll(async () => {
    db = await createTestDatabase(provider);
    service = await startListeningService(db, { ...GROUP_BROKER_CONFIG, "log.scrubber.enable": "false" });
    base = service.client.base;
    topics = `/v3/clusters/${service.clusterId}/topics`;
    for (const name of ["ledger-rest", "ledger-v2", "ledger-ws", "ledger-group", "ledger-scrub"]) await corruptTopic(name);
  });

  afterAll(async () => {
    await service?.stop();
    await db?.drop();
  });

  /** A topic of 12 single-record batches over small segments, with one byte of batch CORRUPT flipped. */
  async function corruptTopic(name: string): Promise<void> {
    await service.engine.broker.createTopic({ name, partitions: 1, configs: { "segment.bytes": "1024" } });
    for (let i = 0; i < 12; i++) await service.engine.broker.produce(name, [{ value: Buffer.from(`${name}-${i}-${"v".repeat(100)}`) }]);
    expect(service.engine.broker.listSegments(name, 0).length).toBeGreaterThan(1);
    const segment = segmentPath(join(db.dataDir, `${name}-0`), 0);
    const batch = batchesOf(segment).find((b) => b.baseOffset === CORRUPT)!;
    flipByte(segment, batch.position + batch.size - 10); // inside the record's value: only the CRC tells
  }

  const rangeMessage = (topic: string) => expect.stringMatching(new RegExp(`^Records of ${topic}-0 at offsets ${CORRUPT} to ${CORRUPT} are corrupt on disk.*read from offset ${CORRUPT + 1} to continue after them\\.$`));
  const valuesOf = (data: { value: { data: string } }[]) => data.map((r) => Buffer.from(r.value.data, "base64").toString().split("-").slice(0, 3).join("-"));

  it("stops a v3 read at the corrupt range and answers a read of it 500/50002 naming it and where to go on", async () => {
    // A reader from the start gets what lies before the range, and its next page starts at the range.
    const before: any = await (await fetch(`${base}${topics}/ledger-rest/partitions/0/records?offset=0&limit=10`)).json();
    expect(before.data.map((r: { offset: number }) => r.offset)).toEqual([0, 1, 2]);
    expect(before.next_offset).toBe(CORRUPT);
    for (let attempt = 0; attempt < 2; attempt++) {
      const read = await fetch(`${base}${topics}/ledger-rest/partitions/0/records?offset=${CORRUPT}&limit=3`);
      expect(read.status).toBe(500);
      expect(await read.json()).toEqual({ error_code: 50002, message: rangeMessage("ledger-rest") });
    }
    const after: any = await (await fetch(`${base}${topics}/ledger-rest/partitions/0/records?offset=${CORRUPT + 1}&limit=3`)).json();
    expect(after.data.map((r: { offset: number }) => r.offset)).toEqual([4, 5, 6]);
    expect(valuesOf(after.data)).toEqual(["ledger-rest-4", "ledger-rest-5", "ledger-rest-6"]);
  });

  it("answers a v2 consumer's read 500/50002 in the v2 media type, then goes on", async () => {
    const consumer = "/consumers/corrupt/instances/c";
    await service.client.call("POST", "/consumers/corrupt", { body: { name: "c", format: "binary" } });
    await service.client.call("POST", `${consumer}/assignments`, { body: { partitions: [{ topic: "ledger-v2", partition: 0 }] } });
    await service.client.call("POST", `${consumer}/positions`, { body: { offsets: [{ topic: "ledger-v2", partition: 0, offset: 0 }] } });
    // Sequential reads: what lies before the range, then the error naming it (once), then what follows.
    const first = await service.client.call("GET", `${consumer}/records?timeout=200`, { accept: V2_BINARY });
    expect(first.body.map((r: { offset: number }) => r.offset)).toEqual([0, 1, 2]);
    const failed = await service.client.call("GET", `${consumer}/records?timeout=200`, { accept: V2_BINARY });
    expect(failed).toEqual({ status: 500, type: expect.stringMatching(/^application\/vnd\.kafka\.v2\+json/), body: { error_code: 50002, message: rangeMessage("ledger-v2") } });
    const read = await service.client.call("GET", `${consumer}/records?timeout=500`, { accept: V2_BINARY });
    expect(read.status).toBe(200);
    expect(read.body[0]).toMatchObject({ topic: "ledger-v2", partition: 0, offset: CORRUPT + 1 });
    expect(Buffer.from(read.body[0].value, "base64").toString()).toMatch(/^ledger-v2-4-/);
    await service.client.call("DELETE", consumer, { contentType: V2 });
  });

  it("sends a live tail an error frame for the range and tails on after it", async () => {
    const client = await LiveClient.connect(base);
    try {
      client.send({ type: "subscribe", id: "tail", topic: "ledger-ws", from: "earliest", encoding: "string" });
      expect(await client.next((f) => f.type === "error")).toEqual({ type: "error", id: "tail", error_code: 50002, message: rangeMessage("ledger-ws") });
      const records = await client.waitForRecords("tail", 11);
      expect(records.map((r) => r.offset)).toEqual([0, 1, 2, 4, 5, 6, 7, 8, 9, 10, 11]);
      expect(client.frames.filter((f) => f.type === "error")).toHaveLength(1);
      expect(records.every((r) => String(r.value).startsWith(`ledger-ws-${r.offset}-`))).toBe(true);
    } finally {
      client.close();
    }
  });

  it("sends a group-consuming socket an error frame for the range and delivers what follows", async () => {
    const client = await LiveClient.connect(base);
    try {
      client.send({ type: "group_subscribe", id: "g", group: "ledger-readers", topics: ["ledger-group"], auto_offset_reset: "earliest", auto_commit: false, encoding: "string" });
      expect(await client.next((f) => f.type === "error", 10_000)).toEqual({ type: "error", id: "g", error_code: 50002, message: rangeMessage("ledger-group") });
      const records = await client.waitForRecords("g", 11);
      expect(records.map((r) => r.offset)).toEqual([0, 1, 2, 4, 5, 6, 7, 8, 9, 10, 11]);
      expect(client.frames.filter((f) => f.type === "error")).toHaveLength(1);
    } finally {
      client.close();
    }
  });

  it("finds corruption with the scrubber before any reader, and shows every range in corruptions, the log dir and the metrics", async () => {
    await service.engine.broker.runScrubber(1024 * 1024 * 1024);
    // The scrubber found it first: a reader from the start is stopped at the range, never given its bytes.
    const read: any = await (await fetch(`${base}${topics}/ledger-scrub/partitions/0/records?offset=0&limit=12`)).json();
    expect(read.data.map((r: { offset: number }) => r.offset)).toEqual([0, 1, 2]);
    expect((await fetch(`${base}${topics}/ledger-scrub/partitions/0/records?offset=${CORRUPT}`)).status).toBe(500);

    const corruptions = await (await fetch(`${base}${topics}/ledger-scrub/partitions/0/corruptions`)).json();
    expect(corruptions).toEqual({
      kind: "SkeinCorruptRangeList",
      metadata: { self: `${base}${topics}/ledger-scrub/partitions/0/corruptions`, next: null },
      data: [
        {
          kind: "SkeinCorruptRange",
          metadata: { self: `${base}${topics}/ledger-scrub/partitions/0/corruptions/${CORRUPT}`, resource_name: `crn:///kafka=${service.clusterId}/topic=ledger-scrub/partition=0/corruption=${CORRUPT}` },
          cluster_id: service.clusterId,
          topic_name: "ledger-scrub",
          partition_id: 0,
          base_offset: CORRUPT,
          last_offset: CORRUPT,
          segment_base_offset: 0,
          size_bytes: expect.any(Number),
          quarantined_as: expect.stringMatching(/^ledger-scrub-0\//),
          detected_at: expect.any(Number),
          detected_by: "scrubber",
          reason: expect.any(String),
        },
      ],
    });
    const detectedBy = async (topic: string) => ((await (await fetch(`${base}${topics}/${topic}/partitions/0/corruptions`)).json()) as any).data.map((r: { detected_by: string }) => r.detected_by);
    for (const topic of ["ledger-rest", "ledger-v2", "ledger-ws", "ledger-group"]) expect(await detectedBy(topic)).toEqual(["read"]);

    const logDir = ((await (await fetch(`${base}/v3/clusters/${service.clusterId}/brokers/${service.engine.broker.brokerId}/log-dirs`)).json()) as any).data[0];
    expect(logDir.corrupt_ranges.map((r: { topic_name: string }) => r.topic_name).sort()).toEqual(["ledger-group", "ledger-rest", "ledger-scrub", "ledger-v2", "ledger-ws"]);
    expect(logDir.scrubber).toMatchObject({ enabled: false, corruptions_found: 1, bytes_verified: expect.any(Number) });

    const metrics = await (await fetch(`${base}/metrics`)).text();
    for (const topic of ["ledger-rest", "ledger-v2", "ledger-ws", "ledger-group", "ledger-scrub"]) expect(metrics).toContain(`skein_corrupt_ranges{topic="${topic}",partition="0"} 1`);
    expect(metrics).toMatch(/^skein_scrubber_corruptions_found_total 1$/m);
  });

  it("answers corruptions of an unknown partition 404", async () => {
    expect((await fetch(`${base}${topics}/ledger-rest/partitions/9/corruptions`)).status).toBe(404);
    expect((await fetch(`${base}${topics}/nowhere/partitions/0/corruptions`)).status).toBe(404);
  });
});
