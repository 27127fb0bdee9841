import { describe, expect, it } from "vitest";
import { RestClient } from "../client/rest-client.js";
import { BatchProducer, type BatchProducerOptions } from "./batch-producer.js";
import { StickyPartitioner } from "./sticky-partitioner.js";

interface SentRecord {
  partition_id?: number;
  key?: { data: string };
  value?: { data: string };
}

/**
 * A service that auto-creates topics with three partitions on produce, recording every produce request's records.
 */
function fakeService(): { client: RestClient; requests: SentRecord[][]; acks: (string | null)[]; topicLookups: number } {
  const state = { requests: [] as SentRecord[][], acks: [] as (string | null)[], topicLookups: 0, exists: false };
  const fake = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(String(input));
    if (url.pathname === "/v3/clusters") return Response.json({ data: [{ cluster_id: "c" }] });
    if (init?.method === "GET" && url.pathname === "/v3/clusters/c/topics/t") {
      state.topicLookups++;
      if (!state.exists) return Response.json({ error_code: 40403, message: "This server does not host this topic-partition." }, { status: 404 });
      return Response.json({ topic_name: "t", partitions_count: 3, replication_factor: 1, is_internal: false });
    }
    if (init?.method === "POST" && url.pathname === "/v3/clusters/c/topics/t/records") {
      state.exists = true;
      // Concatenated JSON objects; base64 holds no braces, so "}{" only ever joins two records.
      const records = JSON.parse(`[${String(init.body).replaceAll("}{", "},{")}]`) as SentRecord[];
      state.requests.push(records);
      state.acks.push(url.searchParams.get("acks"));
      return new Response(records.map((r, i) => JSON.stringify({ error_code: 200, partition_id: r.partition_id ?? 0, offset: i })).join("\n"));
    }
    return Response.json({ error_code: 404, message: "HTTP 404 Not Found" }, { status: 404 });
  }) as typeof fetch;
  return {
    client: new RestClient("http://skein", fake),
    requests: state.requests,
    acks: state.acks,
    get topicLookups() {
      return state.topicLookups;
    },
  };
}

function options(overrides: Partial<BatchProducerOptions>): BatchProducerOptions {
  return { maxRequestBytes: 1_048_576, maxRequestRecords: 10_000, partitioner: new StickyPartitioner(16384, () => 0.5), partitionCount: 3, ...overrides };
}

const text = (data: { data: string } | undefined) => (data ? Buffer.from(data.data, "base64").toString() : null);

describe("BatchProducer", () => {
  it("creates a missing topic with its first record alone, then places keyless records itself", async () => {
    const service = fakeService();
    let stored = 0;
    const producer = new BatchProducer(service.client, "t", options({ partitionCount: null, onBatch: (n) => (stored += n) }));
    for (let i = 0; i < 5; i++) producer.add({ key: null, value: `line ${i}` });
    await producer.flush();
    expect(stored).toBe(5);
    expect(service.requests[0]).toEqual([{ value: { type: "BINARY", data: Buffer.from("line 0").toString("base64") } }]);
    expect(service.topicLookups).toBe(1);
    const rest = service.requests.slice(1).flat();
    expect(rest.map((r) => text(r.value))).toEqual(["line 1", "line 2", "line 3", "line 4"]);
    expect(rest.map((r) => r.partition_id)).toEqual([1, 1, 1, 1]);
  });

  it("leaves keyed records to the service's murmur2 partitioner", async () => {
    const service = fakeService();
    const producer = new BatchProducer(service.client, "t", options({}));
    producer.add({ key: "kim", value: "50000 won" });
    producer.add({ key: null, value: "no key" });
    await producer.flush();
    const sent = service.requests.flat();
    expect(sent[0]!.partition_id).toBeUndefined();
    expect(text(sent[0]!.key)).toBe("kim");
    expect(sent[1]!.partition_id).toBe(1);
  });

  it("keeps requests within max.request.size bytes, and the records in order", async () => {
    const service = fakeService();
    const producer = new BatchProducer(service.client, "t", options({ maxRequestBytes: 1000 }));
    const lines = Array.from({ length: 50 }, (_, i) => `${String(i).padStart(2, "0")}${"x".repeat(98)}`);
    for (const line of lines) producer.add({ key: null, value: line });
    await producer.flush();
    expect(service.requests.length).toBeGreaterThanOrEqual(5);
    for (const request of service.requests) expect(request.length).toBeLessThanOrEqual(10);
    expect(service.requests.flat().map((r) => text(r.value))).toEqual(lines);
  });

  it("sends one record per request with maxRequestRecords 1 (--sync)", async () => {
    const service = fakeService();
    const producer = new BatchProducer(service.client, "t", options({ maxRequestRecords: 1 }));
    for (let i = 0; i < 3; i++) producer.add({ key: null, value: `v${i}` });
    await producer.flush();
    expect(service.requests.map((r) => r.length)).toEqual([1, 1, 1]);
  });

  it("asks the service for the producer's acks on every request, and for its default without them", async () => {
    for (const acks of ["0", "1", "all", undefined] as const) {
      const service = fakeService();
      const producer = new BatchProducer(service.client, "t", options({ maxRequestRecords: 1, ...(acks === undefined ? {} : { acks }) }));
      producer.add({ key: null, value: "a" });
      producer.add({ key: null, value: "b" });
      await producer.flush();
      expect(service.acks).toEqual([acks ?? null, acks ?? null]);
    }
  });
});
