import { request as httpRequest } from "node:http";
import { partitionForKey } from "@skein/broker";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseSearchCriteria } from "../src/search/record-filter.js";
import { searchRecords } from "../src/search/record-search.js";
import { startTestService, type TestService } from "./support/test-service.js";

type Line = Record<string, unknown> & { kind: string };
const text = (b64: string) => Buffer.from(b64, "base64").toString("utf8");

describe("records:search, streamed server-side", () => {
  let service: TestService;
  let clusterId: string;
  let baseUrl: string;
  const path = (topic: string, query: Record<string, string>) => `/v3/clusters/${clusterId}/topics/${topic}/records:search?${new URLSearchParams(query)}`;

  beforeAll(async () => {
    service = await startTestService("sqlite");
    await service.app.listen({ port: 0, host: "127.0.0.1" });
    const address = service.app.getHttpServer().address();
    baseUrl = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
    clusterId = service.engine.broker.clusterId;
    const broker = service.engine.broker;
    await broker.createTopic({ name: "orders", partitions: 3 });
    // 300 orders over three partitions, keyed by customer; every 50th carries a trace header.
    for (let i = 0; i < 300; i++) {
      const customer = `customer-${i % 10}`;
      const headers = i % 50 === 0 ? [{ key: "trace", value: Buffer.from(`trace-${i}`) }] : [];
      await broker.produce("orders", [{ key: Buffer.from(customer), value: Buffer.from(JSON.stringify({ id: i, customer, items: [{ sku: `sku-${i % 7}` }] })), headers }]);
    }
    await broker.createTopic({ name: "empty", partitions: 2 });
  });

  afterAll(async () => {
    await service?.close();
  });

  async function search(topic: string, query: Record<string, string>): Promise<Line[]> {
    const response = await fetch(`${baseUrl}${path(topic, query)}`);
    expect(response.status).toBe(200);
    return (await response.text()).split("\n").filter(Boolean).map((line) => JSON.parse(line) as Line);
  }
  const found = (lines: Line[]) => lines.filter((l) => l.kind === "SkeinSearchMatch");
  const done = (lines: Line[]) => lines.at(-1)!;

  it("finds values containing a text across every partition, with progress and a last line saying it reached the end", async () => {
    const lines = await search("orders", { value_contains: '"sku":"sku-3"' });
    const matches = found(lines);
    expect(matches.map((m) => (JSON.parse(text((m.value as { data: string }).data)) as { id: number }).id).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 300 }, (_, i) => i).filter((i) => i % 7 === 3),
    );
    expect(new Set(matches.map((m) => m.partition_id))).toEqual(new Set([0, 1, 2]));
    expect(lines[0]).toMatchObject({ kind: "SkeinSearchProgress", records_total: 300, records_scanned: 0, partitions: [0, 1, 2] });
    expect(done(lines)).toMatchObject({ kind: "SkeinSearchDone", stopped: "end", records_scanned: 300, records_total: 300, matches: matches.length, skipped: [] });
    expect(done(lines).bytes_scanned as number).toBeGreaterThan(300 * 40);
  });

  it("looks for an exact key only in its murmur2 partition", async () => {
    const partition = partitionForKey(Buffer.from("customer-4"), 3);
    const lines = await search("orders", { key: "customer-4" });
    expect(found(lines)).toHaveLength(30);
    expect(found(lines).every((m) => m.partition_id === partition && text((m.key as { data: string }).data) === "customer-4")).toBe(true);
    const partitionSize = service.engine.broker.partitionOffsets("orders", partition).highWatermark;
    expect(done(lines)).toMatchObject({ partitions: [partition], records_scanned: partitionSize, records_total: partitionSize });
  });

  it("matches headers by name and value, and JSON values by path; all criteria must hold", async () => {
    expect(found(await search("orders", { header_name: "trace" }))).toHaveLength(6);
    const traced = found(await search("orders", { header_name: "trace", header_contains: "trace-150" }));
    expect(traced.map((m) => m.headers)).toEqual([[{ name: "trace", value: Buffer.from("trace-150").toString("base64") }]]);
    const anyHeader = found(await search("orders", { header_contains: "race-2" }));
    expect(anyHeader.map((m) => text((m.headers as { value: string }[])[0]!.value)).sort()).toEqual(["trace-200", "trace-250"]);
    const byPath = found(await search("orders", { json_path: "$.items[0].sku", json_equals: '"sku-5"' }));
    expect(byPath).toHaveLength(Array.from({ length: 300 }, (_, i) => i).filter((i) => i % 7 === 5).length);
    expect(found(await search("orders", { json_path: "id", json_equals: "42" })).map((m) => m.offset)).toHaveLength(1);
    expect(found(await search("orders", { json_path: "customer", json_equals: "customer-2", value_contains: '"id":12,' }))).toHaveLength(1);
    expect(found(await search("orders", { json_path: "$.missing", json_equals: "null" }))).toHaveLength(0);
  });

  it("stops at the limit, or in the partition asked for", async () => {
    const lines = await search("orders", { value_contains: "customer", limit: "5" });
    expect(found(lines)).toHaveLength(5);
    expect(done(lines)).toMatchObject({ stopped: "limit", matches: 5 });
    const one = await search("orders", { value_contains: "customer", partition: "1", limit: "10000" });
    expect(found(one).every((m) => m.partition_id === 1)).toBe(true);
    expect(done(one)).toMatchObject({ partitions: [1], stopped: "end" });
    expect(done(await search("empty", { value_contains: "x" }))).toMatchObject({ records_total: 0, records_scanned: 0, matches: 0, stopped: "end" });
  });

  it("refuses a search without criteria or with bad ones (40002), and unknown topics and partitions (404)", async () => {
    const refused = async (topic: string, query: Record<string, string>, status: number) => {
      const response = await fetch(`${baseUrl}${path(topic, query)}`);
      expect(response.status, JSON.stringify(query)).toBe(status);
      return response.json();
    };
    expect(await refused("orders", {}, 400)).toEqual({ error_code: 40002, message: expect.stringMatching(/Say what to search for/) });
    expect(await refused("orders", { json_path: "$.a" }, 400)).toEqual({ error_code: 40002, message: expect.stringMatching(/json_path and json_equals go together/) });
    expect(await refused("orders", { json_path: "$..a", json_equals: "1" }, 400)).toMatchObject({ error_code: 40002 });
    expect(await refused("orders", { value_contains: "" }, 400)).toMatchObject({ error_code: 40002 });
    expect(await refused("orders", { value_contains: "x", limit: "0" }, 400)).toMatchObject({ error_code: 40002 });
    expect(await refused("orders", { value_contains: "x", partition: "3" }, 404)).toEqual({ error_code: 40402, message: "Partition not found." });
    expect(await refused("missing", { value_contains: "x" }, 404)).toMatchObject({ error_code: 40403 });
  });

  it("stops scanning when the client goes away", async () => {
    const broker = service.engine.broker;
    let gone = false;
    const lines = searchRecords(broker, "orders", parseSearchCriteria({ value_contains: "customer" }), { limit: 10_000, gone: () => gone, progressEveryMs: 0 });
    const first = await lines.next();
    expect(first.value).toContain("SkeinSearchProgress");
    gone = true;
    let rest = "";
    for await (const line of lines) rest += line;
    expect(rest).not.toContain("SkeinSearchDone");

    // Over HTTP: a client that closes mid-stream leaves a service that goes on answering searches.
    await new Promise<void>((resolve, reject) => {
      const request = httpRequest(`${baseUrl}${path("orders", { value_contains: "customer", limit: "10000" })}`, (response) => {
        response.once("data", () => {
          request.destroy();
          resolve();
        });
      });
      request.on("error", (error) => (request.destroyed ? undefined : reject(error)));
      request.end();
    });
    expect(done(await search("orders", { key: "customer-1" }))).toMatchObject({ kind: "SkeinSearchDone", matches: 30 });
  });

  it("is documented in the OpenAPI document", async () => {
    const document = (await (await fetch(`${baseUrl}/openapi.json`)).json()) as { paths: Record<string, { get?: { parameters?: { name: string }[] } }> };
    const operation = document.paths["/v3/clusters/{cluster_id}/topics/{topic_name}/records:search"]?.get;
    expect(operation?.parameters?.map((p) => p.name)).toEqual(expect.arrayContaining(["key", "value_contains", "header_name", "header_contains", "json_path", "json_equals", "partition", "limit"]));
  });
});
