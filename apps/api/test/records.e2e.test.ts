import { request as httpRequest, type IncomingMessage } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeEachProvider } from "./support/databases.js";
import { startTestService, type TestService } from "./support/test-service.js";

const b64 = (text: string) => Buffer.from(text).toString("base64");
const lines = (text: string) => text.split("\r\n").filter((line) => line.length > 0).map((line) => JSON.parse(line) as Record<string, unknown>);

describeEachProvider("v3 produce records", (provider) => {
  let service: TestService;
  let clusterId: string;
  let baseUrl: string;
  const path = (topic: string) => `/v3/clusters/${clusterId}/topics/${topic}/records`;

  beforeAll(async () => {
    service = await startTestService(provider, { brokerConfig: { "num.partitions": "1" } });
    await service.app.listen({ port: 0, host: "127.0.0.1" });
    const address = service.app.getHttpServer().address();
    baseUrl = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
    clusterId = service.engine.broker.clusterId;
    await service.engine.broker.createTopic({ name: "orders", partitions: 3 });
  });

  afterAll(async () => {
    await service?.close();
  });

  /** Posts a body and reads the answer as text: a 200 holds `\r\n`-separated reports, not one JSON document. */
  async function produce(topic: string, body: string, contentType = "application/json") {
    const response = await service
      .http()
      .post(path(topic))
      .set("content-type", contentType)
      .send(body)
      .buffer(true)
      .parse((res, callback) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (text += chunk));
        res.on("end", () => callback(null, text));
      });
    const text = response.body as string;
    return { status: response.status, headers: response.headers, text, body: response.status === 200 ? undefined : JSON.parse(text) };
  }

  async function stored(topic: string, partition: number, offset: number) {
    const read = await service.engine.broker.fetch(topic, partition, offset, { maxRecords: 1 });
    return read.records[0]!;
  }

  it("stores one record with typed key and value and answers its delivery report", async () => {
    const response = await produce(
      "orders",
      JSON.stringify({
        partition_id: 1,
        headers: [{ name: "trace", value: b64("abc") }, { name: "empty", value: null }],
        key: { type: "BINARY", data: "Zm9vYmFy" },
        value: { type: "JSON", data: { amount: 50000, currency: "won" } },
        timestamp: "2021-02-05T19:14:42Z",
      }),
    );
    expect(response.status).toBe(200);
    expect(response.headers["content-type"]).toMatch(/application\/json/);
    expect(lines(response.text)).toEqual([
      {
        error_code: 200,
        cluster_id: clusterId,
        topic_name: "orders",
        partition_id: 1,
        offset: 0,
        timestamp: "2021-02-05T19:14:42Z",
        key: { type: "BINARY", size: 6 },
        value: { type: "JSON", size: 33 },
      },
    ]);
    expect(response.text.endsWith("\r\n")).toBe(true);
    const record = await stored("orders", 1, 0);
    expect(record.key?.toString()).toBe("foobar");
    expect(record.value?.toString()).toBe('{"amount":50000,"currency":"won"}');
    expect(record.timestamp).toBe(Date.parse("2021-02-05T19:14:42Z"));
    expect(record.headers).toEqual([{ key: "trace", value: Buffer.from("abc") }, { key: "empty", value: null }]);
  });

  it("stores STRING data, a millisecond timestamp, and null data as null with size 0", async () => {
    const response = await produce("orders", JSON.stringify({ partition_id: 2, key: { type: "STRING", data: "kim" }, value: { type: "STRING", data: null }, timestamp: 1700000000123 }));
    const [report] = lines(response.text);
    expect(report).toMatchObject({ error_code: 200, partition_id: 2, timestamp: "2023-11-14T22:13:20.123Z", key: { type: "STRING", size: 3 }, value: { type: "STRING", size: 0 } });
    const record = await stored("orders", 2, report!.offset as number);
    expect([record.key?.toString(), record.value]).toEqual(["kim", null]);
  });

  it("stores an empty request as a record without key or value, and reports no key or value", async () => {
    const [report] = lines((await produce("orders", "{}")).text);
    expect(report).toEqual({ error_code: 200, cluster_id: clusterId, topic_name: "orders", partition_id: expect.any(Number), offset: expect.any(Number), timestamp: expect.any(String) });
    const record = await stored("orders", report!.partition_id as number, report!.offset as number);
    expect([record.key, record.value]).toEqual([null, null]);
  });

  it.each([
    [{ value: { type: "BINARY", data: "fooba" } }, 400, 'Bad Request: data="fooba" is not a valid base64 string.'],
    [{ value: { type: "BINARY", data: 1 } }, 400, "Bad Request: data=1 is not a base64 string."],
    [{ value: { type: "STRING", data: { a: 1 } } }, 400, 'Bad Request: data={"a":1} is not a string.'],
    [{ records: { subject: "foobar" } }, 400, 'Unrecognized field "records" (known fields: "partition_id", "headers", "key", "value", "timestamp").'],
    [{ key: { type: "BINARY", subject: "foobar" } }, 400, "'type=BINARY' cannot be used with 'subject'."],
    [{ key: { type: "XML", data: "<a/>" } }, 400, 'key.type="XML" is not one of "BINARY", "JSON", "STRING", "AVRO", "JSONSCHEMA", "PROTOBUF".'],
    [{ headers: [{ name: "h", value: "fooba" }] }, 400, 'headers[0].value="fooba" is not a valid base64 string.'],
    [{ timestamp: "yesterday" }, 400, 'timestamp="yesterday" is not an ISO-8601 date-time such as "2021-02-05T19:14:42Z" (or epoch milliseconds).'],
    [{ partition_id: "one" }, 400, 'partition_id must be a 32-bit integer, not "one".'],
    [{ value: { type: "AVRO", schema: '{"type":"string"}', data: "x" } }, 42206, "Payload error. Schema Registry must be configured when using schemas."],
    [{ value: { data: 1000 } }, 42206, "Payload error. Schema Registry must be configured when using schemas."],
    [{ partition_id: -1 }, 40402, "Partition not found."],
    [[1, 2], 400, "A record must be a JSON object, not [1,2]."],
  ])("reports an invalid record %j inside the 200 as %i", async (body, errorCode, message) => {
    const before = service.engine.broker.describeTopic("orders").partitions.reduce((sum, p) => sum + p.logEndOffset, 0);
    const response = await produce("orders", JSON.stringify(body));
    expect(response.status).toBe(200);
    expect(lines(response.text)).toEqual([{ error_code: errorCode, message }]);
    const after = service.engine.broker.describeTopic("orders").partitions.reduce((sum, p) => sum + p.logEndOffset, 0);
    expect(after).toBe(before);
  });

  it("reports a partition the topic does not have with the engine's 40403", async () => {
    const [report] = lines((await produce("orders", JSON.stringify({ partition_id: 7 }))).text);
    expect(report).toEqual({ error_code: 40403, message: "Partition 7 of topic orders does not exist: the topic has partitions 0 to 2." });
  });

  it("answers many concatenated records with one report per record, in order, errors in place", async () => {
    const body = [
      { partition_id: 0, value: { type: "STRING", data: "a" } },
      { partition_id: 0, value: { type: "BINARY", data: "fooba" } },
      { partition_id: 0, value: { type: "STRING", data: "b" } },
    ]
      .map((record) => JSON.stringify(record))
      .join("\n");
    const reports = lines((await produce("orders", body)).text);
    expect(reports.map((r) => r.error_code)).toEqual([200, 400, 200]);
    expect((reports[2]!.offset as number) - (reports[0]!.offset as number)).toBe(1);
  });

  it("ends the stream at malformed JSON, after reporting the records before it", async () => {
    const response = await produce("orders", `{"value":{"type":"STRING","data":"ok"}}{"value": }{"value":{"type":"STRING","data":"never"}}`);
    const reports = lines(response.text);
    expect(reports).toHaveLength(2);
    expect(reports[0]!.error_code).toBe(200);
    expect(reports[1]).toEqual({ error_code: 400, message: expect.stringMatching(/^Error processing message: /) });
  });

  it("answers an empty body 422 and a body that is not JSON 415", async () => {
    expect((await produce("orders", "")).body).toEqual({ error_code: 42206, message: "Payload error. Request body is empty. Data is required." });
    const plain = await produce("orders", "{}", "text/plain");
    expect([plain.status, plain.body]).toEqual([415, { error_code: 415, message: "HTTP 415 Unsupported Media Type" }]);
    const charset = await produce("orders", "{}", "application/json; charset=utf-16");
    expect([charset.status, charset.body.error_code]).toEqual([400, 400]);
  });

  it("answers 404 for another cluster", async () => {
    const response = await service.http().post("/v3/clusters/other/topics/orders/records").send({});
    expect([response.status, response.body]).toEqual([404, { error_code: 404, message: "Cluster other cannot be found." }]);
  });

  it("creates an unknown topic on first produce, as the REST Proxy's producer does with auto-creation on", async () => {
    const [report] = lines((await produce("created-on-produce", JSON.stringify({ value: { type: "STRING", data: "x" } }))).text);
    expect(report).toMatchObject({ error_code: 200, topic_name: "created-on-produce", offset: 0 });
    expect(service.engine.broker.describeTopic("created-on-produce").partitions).toHaveLength(1);
    const invalid = await produce("bad name!", "{}");
    expect([invalid.status, invalid.body.error_code]).toEqual([400, 40002]);
  });

  it("writes each report while the chunked body is still arriving", async () => {
    const { request, responses } = openStream(`${baseUrl}${path("orders")}`);
    const reader = lineReader(await responses);
    for (let i = 0; i < 5; i++) {
      request.write(JSON.stringify({ partition_id: 0, value: { type: "STRING", data: `streamed-${i}` } }));
      // The next record is sent only once this one's report has arrived: a buffering server would stall here.
      const report = await reader.next();
      expect(report).toMatchObject({ error_code: 200, partition_id: 0 });
      const record = await stored("orders", 0, report.offset as number);
      expect(record.value?.toString()).toBe(`streamed-${i}`);
    }
    // A record split across chunks is reported once it is whole.
    const split = JSON.stringify({ partition_id: 0, value: { type: "STRING", data: "split" } });
    request.write(split.slice(0, 10));
    await new Promise((resolve) => setTimeout(resolve, 50));
    request.write(split.slice(10));
    expect(await reader.next()).toMatchObject({ error_code: 200 });
    request.end();
    expect(await reader.done()).toBe(true);
  });

  it("produces a batch with records:batch, each entry on its own merit (207)", async () => {
    const response = await service
      .http()
      .post(`/v3/clusters/${clusterId}/topics/orders/records:batch`)
      .send({ entries: [{ id: "1", partition_id: 0, value: { type: "STRING", data: "one" } }, { id: "2", value: { type: "BINARY", data: "fooba" } }] })
      .expect(207);
    expect(response.body).toEqual({
      successes: [{ id: "1", cluster_id: clusterId, topic_name: "orders", partition_id: 0, offset: expect.any(Number), timestamp: expect.any(String), value: { type: "STRING", size: 3 } }],
      failures: [{ id: "2", error_code: 400, message: 'Bad Request: data="fooba" is not a valid base64 string.' }],
    });
  });

  it.each([
    [{ entries: [] }, "Empty batch."],
    [{ entries: [{ id: "1" }, { id: "1" }] }, "Batch entry IDs are not distinct."],
    [{ entries: [{ id: 1 }] }, "Batch entry identifier is not a valid string."],
    [{ entries: Array.from({ length: 1001 }, (_, i) => ({ id: String(i) })) }, "Too many entries in batch."],
  ])("refuses a batch %# with 42208", async (body, message) => {
    const response = await service.http().post(`/v3/clusters/${clusterId}/topics/orders/records:batch`).send(body).expect(422);
    expect(response.body).toEqual({ error_code: 42208, message });
  });

  it("counts records in per topic and reports throughput per second", async () => {
    await produce("metered-records", JSON.stringify({ value: { type: "STRING", data: "m" } }) + JSON.stringify({ value: { type: "STRING", data: "n" } }));
    expect((await service.http().get("/metrics")).text).toContain('skein_records_in_total{topic="metered-records"} 2');
    // The per-second figures cover complete seconds: wait for this one to end.
    await new Promise((resolve) => setTimeout(resolve, 1000 - (Date.now() % 1000) + 20));
    const body = (await service.http().get(`/v3/clusters/${clusterId}/throughput`).expect(200)).body;
    expect(body).toMatchObject({ kind: "SkeinThroughput", cluster_id: clusterId, metadata: { resource_name: `crn:///kafka=${clusterId}/throughput` } });
    expect(body.history).toHaveLength(600);
    expect(body.history.reduce((sum: number, s: { records_in: number }) => sum + s.records_in, 0)).toBeGreaterThanOrEqual(2);
    expect(body.records_in_per_sec).toBeGreaterThanOrEqual(2);
    await service.http().get("/v3/clusters/other/throughput").expect(404);
  });

  it("counts records read over REST as records out (every reader goes through the broker's fetch)", async () => {
    await produce("metered-reads", JSON.stringify({ value: { type: "STRING", data: "abc" } }) + JSON.stringify({ value: { type: "STRING", data: "de" } }));
    await service.http().get(`/v3/clusters/${clusterId}/topics/metered-reads/partitions/0/records?offset=0`).expect(200);
    const metrics = (await service.http().get("/metrics")).text;
    expect(metrics).toContain('skein_records_out_total{topic="metered-reads"} 2');
    expect(metrics).toContain('skein_bytes_out_total{topic="metered-reads"} 5');
  });
});

describe("v3 produce limits and auto-creation off", () => {
  let service: TestService;

  beforeAll(async () => {
    service = await startTestService("sqlite", { bodyLimit: 1024, brokerConfig: { "auto.create.topics.enable": "false" } });
    await service.engine.broker.createTopic({ name: "small", partitions: 1 });
  });

  afterAll(async () => {
    await service?.close();
  });

  it("answers 404/40403 for an unknown topic when topics are not auto-created", async () => {
    const clusterId = service.engine.broker.clusterId;
    const response = await service.http().post(`/v3/clusters/${clusterId}/topics/missing/records`).send({}).expect(404);
    expect(response.body).toEqual({ error_code: 40403, message: "This server does not host this topic-partition." });
  });

  it("ends the stream with 413 at a record larger than the body limit", async () => {
    const clusterId = service.engine.broker.clusterId;
    const big = JSON.stringify({ value: { type: "STRING", data: "x".repeat(2000) } });
    const response = await service
      .http()
      .post(`/v3/clusters/${clusterId}/topics/small/records`)
      .set("content-type", "application/json")
      .send(JSON.stringify({ value: { type: "STRING", data: "fits" } }) + big)
      .buffer(true)
      .parse((res, callback) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (text += chunk));
        res.on("end", () => callback(null, text));
      });
    expect(lines(response.body as string)).toEqual([
      expect.objectContaining({ error_code: 200 }),
      { error_code: 413, message: "The request included a message larger than the maximum message size the server can accept." },
    ]);
  });
});

/** A chunked POST left open for writing, and its response once the headers arrive. */
function openStream(url: string) {
  const request = httpRequest(url, { method: "POST", headers: { "content-type": "application/json", "transfer-encoding": "chunked" } });
  const responses = new Promise<IncomingMessage>((resolve, reject) => {
    request.on("response", resolve);
    request.on("error", reject);
  });
  request.flushHeaders();
  return { request, responses };
}

/** Reads `\r\n`-terminated JSON reports from a response as they arrive. */
function lineReader(response: IncomingMessage) {
  let buffered = "";
  let ended = false;
  let wake: (() => void) | undefined;
  response.setEncoding("utf8");
  response.on("data", (chunk: string) => {
    buffered += chunk;
    wake?.();
  });
  response.on("end", () => {
    ended = true;
    wake?.();
  });
  const waitForData = () => new Promise<void>((resolve) => (wake = resolve));
  return {
    async next(): Promise<Record<string, unknown>> {
      for (;;) {
        const end = buffered.indexOf("\r\n");
        if (end !== -1) {
          const line = buffered.slice(0, end);
          buffered = buffered.slice(end + 2);
          return JSON.parse(line) as Record<string, unknown>;
        }
        if (ended) throw new Error("The response ended");
        await waitForData();
      }
    },
    async done(): Promise<boolean> {
      while (!ended) await waitForData();
      return buffered === "";
    },
  };
}
