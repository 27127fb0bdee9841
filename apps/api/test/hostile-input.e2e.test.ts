import { request as httpRequest } from "node:http";
import { afterAll, beforeAll, expect, it } from "vitest";
import { WebSocket } from "ws";
import { MAX_JSON_DEPTH } from "../src/common/json-depth.js";
import { CapturingLogger } from "./support/capturing-logger.js";
import { createTestDatabase, describeEachProvider, type TestDatabase } from "./support/databases.js";
import { startListeningService, type ListeningService } from "./support/listening-service.js";
import { LiveClient } from "./support/live-client.js";
import { RawHttpConnection } from "./support/raw-http.js";
import { V2, V2_BINARY, V2_JSON } from "./support/rest-consumer.js";

/** `depth` nested arrays around `inner`: the shape that overflowed the stack (a 500) before depth was bounded. */
const nested = (depth: number, inner = "1") => "[".repeat(depth) + inner + "]".repeat(depth);
const DEEP = nested(100_000);
const tooDeep = expect.stringMatching(new RegExp(`nested deeper than ${MAX_JSON_DEPTH} levels`));

describeEachProvider("hostile input never reaches a 500", (provider) => {
  let db: TestDatabase;
  let service: ListeningService;
  let base: string;
  let port: number;
  let topics: string;
  const logger = new CapturingLogger();

  beforeAll(async () => {
    db = await createTestDatabase(provider);
    service = await startListeningService(db, undefined, { logger, connectionLimits: { headersTimeoutMs: 600, checkIntervalMs: 100 } });
    base = service.client.base;
    port = Number(new URL(base).port);
    topics = `/v3/clusters/${service.clusterId}/topics`;
    await service.engine.broker.createTopic({ name: "t", partitions: 2 });
  });

  afterAll(async () => {
    await service?.stop();
    await db?.drop();
  });

  const send = async (method: string, path: string, body: string | undefined, contentType = "application/json") => {
    const response = await fetch(`${base}${path}`, { method, headers: body === undefined ? {} : { "content-type": contentType }, body });
    const text = await response.text();
    return { status: response.status, body: text === "" ? undefined : JSON.parse(text.split("\r\n")[0]!) };
  };

  it.each([
    ["value", `{"value":{"type":"JSON","data":${DEEP}}}`],
    ["key", `{"key":{"type":"JSON","data":${DEEP}},"value":null}`],
  ])("reports a v3 record whose %s nests 100,000 levels deep with a 400 report inside the 200, storing nothing", async (_, body) => {
    const before = service.engine.broker.partitionOffsets("t", 0).logEndOffset + service.engine.broker.partitionOffsets("t", 1).logEndOffset;
    expect(await send("POST", `${topics}/t/records`, body)).toEqual({ status: 200, body: { error_code: 400, message: tooDeep } });
    expect(service.engine.broker.partitionOffsets("t", 0).logEndOffset + service.engine.broker.partitionOffsets("t", 1).logEndOffset).toBe(before);
  });

  it.each([
    ["a records:batch entry", "POST", () => `${topics}/t/records:batch`, `{"entries":[{"id":"1","value":{"type":"JSON","data":${DEEP}}}]}`, "application/json"],
    ["a create-topic body", "POST", () => topics, `{"topic_name":"deep","configs":${DEEP}}`, "application/json"],
    ["a topic config update", "POST", () => `${topics}/t/configs:alter`, `{"data":${DEEP}}`, "application/json"],
    ["a v2 json produce", "POST", () => "/topics/t", `{"records":[{"value":${DEEP}}]}`, V2_JSON],
    ["a v2 consumer creation", "POST", () => "/consumers/g", `{"name":${DEEP}}`, V2],
  ])("answers %s nested 100,000 levels deep 400, storing nothing", async (_, method, path, body, contentType) => {
    const before = service.engine.broker.partitionOffsets("t", 0).logEndOffset + service.engine.broker.partitionOffsets("t", 1).logEndOffset;
    const response = await send(method, path(), body, contentType);
    expect(response).toEqual({ status: 400, body: { error_code: 400, message: tooDeep } });
    expect(service.engine.broker.partitionOffsets("t", 0).logEndOffset + service.engine.broker.partitionOffsets("t", 1).logEndOffset).toBe(before);
    expect(service.engine.broker.listTopics().map((topic) => topic.name)).not.toContain("deep");
  });

  it("takes JSON nested up to the limit, and reports a too-deep record in a stream on its own, going on after it", async () => {
    const atLimit = await send("POST", `${topics}/t/records`, `{"partition_id":0,"value":{"type":"JSON","data":${nested(MAX_JSON_DEPTH - 2)}}}`);
    expect(atLimit.body).toMatchObject({ error_code: 200, partition_id: 0 });
    const stream = `{"partition_id":0,"value":{"type":"STRING","data":"a"}}{"partition_id":0,"value":{"type":"JSON","data":${DEEP}}}{"partition_id":0,"value":{"type":"STRING","data":"b"}}`;
    const response = await fetch(`${base}${topics}/t/records`, { method: "POST", headers: { "content-type": "application/json" }, body: stream });
    const reports = (await response.text()).split("\r\n").filter(Boolean).map((line) => JSON.parse(line));
    expect(response.status).toBe(200);
    expect(reports.map((r) => r.error_code)).toEqual([200, 400, 200]);
    expect(reports[1].message).toEqual(tooDeep);
    expect(reports[2].offset).toBe(reports[0].offset + 1);
  });

  it("answers a WebSocket frame nested 100,000 levels deep with an error frame, and the socket goes on", async () => {
    const client = await LiveClient.connect(base);
    try {
      client.socket.send(`{"type":"produce","id":"p1","topic":"t","value":"x","headers":${DEEP}}`);
      expect(await client.next((f) => f.type === "error")).toEqual({ type: "error", error_code: 400, message: tooDeep });
      client.socket.send(`{"type":"group_subscribe","id":"g1","group":"g","topics":["t"],"x":${DEEP}}`);
      expect(await client.next((f) => f.type === "error", 5000, 1)).toEqual({ type: "error", error_code: 400, message: tooDeep });
      expect(await client.request({ type: "produce", id: "p2", topic: "t", value: "fine" })).toMatchObject({ type: "ack", id: "p2" });
    } finally {
      client.close();
    }
  });

  it("answers a v2 json consumer meeting a stored value nested too deeply 40801, not a 500", async () => {
    await service.engine.broker.createTopic({ name: "deep-stored" });
    await service.engine.broker.produce("deep-stored", [{ value: Buffer.from(DEEP) }]);
    const created = await send("POST", "/consumers/deep", JSON.stringify({ name: "c", format: "json", "auto.offset.reset": "earliest" }), V2);
    expect(created.status).toBe(200);
    await send("POST", "/consumers/deep/instances/c/assignments", JSON.stringify({ partitions: [{ topic: "deep-stored", partition: 0 }] }), V2);
    const read = await fetch(`${base}/consumers/deep/instances/c/records?timeout=500`, { headers: { accept: V2_JSON } });
    expect(read.status).toBe(408);
    expect(await read.json()).toEqual({ error_code: 40801, message: expect.stringMatching(/offset 0 of deep-stored-0 as JSON: nested deeper than 512 levels/) });
  });

  it("answers a committed-offsets GET whose body is nested too deeply 400", async () => {
    await send("POST", "/consumers/getbody", JSON.stringify({ name: "c" }), V2);
    const answer = await new Promise<{ status: number; body: any }>((resolve, reject) => {
      const payload = `{"partitions":${DEEP}}`;
      const req = httpRequest(`${base}/consumers/getbody/instances/c/offsets`, { method: "GET", headers: { "content-type": V2, "content-length": Buffer.byteLength(payload) } }, (res) => {
        let text = "";
        res.on("data", (chunk: Buffer) => (text += chunk.toString()));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
      });
      req.on("error", reject);
      req.end(payload);
    });
    expect(answer).toEqual({ status: 400, body: { error_code: 400, message: tooDeep } });
  });

  it.each([
    ["a malformed URL (FST_ERR_BAD_URL)", "/v3/clusters/%E0%A4%A", 400],
    ["a path parameter over the router's length limit (FST_ERR_MAX_PARAM_LENGTH)", `/v3/clusters/${"a".repeat(600)}`, 414],
  ])("answers %s in the REST error shape", async (_, path, status) => {
    const response = await fetch(`${base}${path}`);
    expect(response.status).toBe(status);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(await response.json()).toEqual({ error_code: status, message: expect.stringMatching(new RegExp(`^HTTP ${status} `)) });
  });

  it.each([
    ["an empty body where one is required (FST_ERR_CTP_EMPTY_JSON_BODY before)", "POST", () => topics, "", "application/json", 422, 42206],
    ["malformed JSON (FST_ERR_CTP_INVALID_JSON_BODY)", "POST", () => topics, '{"topic_name":', "application/json", 400, 400],
    ["prototype poisoning", "POST", () => topics, '{"topic_name":"x","__proto__":{"a":1}}', "application/json", 400, 400],
    ["an unparseable media type (FST_ERR_CTP_INVALID_MEDIA_TYPE)", "POST", () => topics, "{}", "not a media type", 415, 415],
    ["a media type nothing parses", "POST", () => topics, "a,b", "text/csv", 415, 415],
  ])("answers %s with the REST error shape", async (_, method, path, body, contentType, status, errorCode) => {
    const response = await send(method, path(), body, contentType);
    expect(response).toEqual({ status, body: { error_code: errorCode, message: expect.any(String) } });
  });

  it.each([
    ["a Content-Length that is not a number", `POST /topics/t HTTP/1.1\r\nHost: x\r\nContent-Type: ${V2_BINARY}\r\nContent-Length: abc\r\n\r\n{}`, 400],
    ["two Content-Lengths that disagree", `POST /topics/t HTTP/1.1\r\nHost: x\r\nContent-Type: ${V2_BINARY}\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}`, 400],
    ["bytes that are not HTTP", "GARBAGE\r\n\r\n", 400],
    ["headers over the size limit", `GET /topics HTTP/1.1\r\nHost: x\r\nX-Big: ${"a".repeat(20_000)}\r\n\r\n`, 431],
  ])("answers %s in the REST error shape and closes the connection", async (_, text, status) => {
    const connection = await RawHttpConnection.open(port);
    connection.write(text);
    const answer = await connection.untilClosed();
    expect(answer.status).toBe(status);
    expect(answer.body).toEqual({ error_code: status, message: expect.stringMatching(new RegExp(`^HTTP ${status} `)) });
  });

  it("deletes a consumer instance sent with a JSON Content-Type and no body, exactly as Confluent's documentation writes it", async () => {
    await send("POST", "/consumers/G", JSON.stringify({ name: "I" }), V2);
    // curl -X DELETE -H "Content-Type: application/vnd.kafka.v2+json" .../consumers/G/instances/I: no Content-Length at all
    const connection = await RawHttpConnection.open(port);
    connection.write(`DELETE /consumers/G/instances/I HTTP/1.1\r\nHost: x\r\nContent-Type: ${V2}\r\nConnection: close\r\n\r\n`);
    expect((await connection.untilClosed()).status).toBe(204);
    expect((await send("DELETE", "/consumers/G/instances/I", undefined)).status).toBe(404);
  });

  it.each([
    ["creating a consumer instance (a generated name)", "POST", "/consumers/opt", 200],
    ["committing everything consumed", "POST", "/consumers/opt2/instances/c/offsets", 200],
    ["unsubscribing", "DELETE", "/consumers/opt2/instances/c/subscription", 204],
    ["deleting a topic", "DELETE", "/v3/clusters/{c}/topics/optional-body", 204],
  ])("takes an empty body with a JSON Content-Type where the body is optional: %s", async (_, method, rawPath, status) => {
    const path = rawPath.replace("{c}", service.clusterId);
    for (const contentLength of ["Content-Length: 0\r\n", ""]) {
      if ((await send("POST", "/consumers/opt2", JSON.stringify({ name: "c" }), V2)).status !== 200) throw new Error("consumer opt2/c not created");
      if (!service.engine.broker.listTopics().some((topic) => topic.name === "optional-body")) await service.engine.broker.createTopic({ name: "optional-body" });
      const connection = await RawHttpConnection.open(port);
      const contentType = path.startsWith("/v3") ? "application/json" : V2;
      connection.write(`${method} ${path} HTTP/1.1\r\nHost: x\r\nContent-Type: ${contentType}\r\n${contentLength}Connection: close\r\n\r\n`);
      const answer = await connection.untilClosed();
      expect(answer.status, JSON.stringify(answer.body)).toBe(status);
      await send("DELETE", "/consumers/opt2/instances/c", undefined);
    }
  });

  it("cuts off a client that sends its headers too slowly (slowloris) with 408 in the REST error shape", async () => {
    const connection = await RawHttpConnection.open(port);
    connection.write("GET /topics HTTP/1.1\r\nHost: x\r\n");
    const drip = setInterval(() => {
      if (!connection.closed) connection.write("X-Slow: 1\r\n");
    }, 100);
    try {
      const answer = await connection.untilClosed();
      expect(answer.status).toBe(408);
      expect(answer.body).toEqual({ error_code: 408, message: "HTTP 408 Request Timeout: the request headers did not arrive in time" });
    } finally {
      clearInterval(drip);
    }
  });

  it("keeps a streamed produce open far longer than the headers timeout while records keep coming", async () => {
    const connection = await RawHttpConnection.open(port);
    connection.write(`POST ${topics}/t/records HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n`);
    for (let i = 0; i < 8; i++) {
      const record = JSON.stringify({ partition_id: 1, value: { type: "STRING", data: `slow-${i}` } });
      connection.write(`${Buffer.byteLength(record).toString(16)}\r\n${record}\r\n`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    connection.write("0\r\n\r\n");
    const answer = await connection.response();
    expect(answer.status).toBe(200);
    expect(connection.closed).toBe(false);
    connection.destroy();
  });

  it("does not log a client that aborts its upload as a server error", async () => {
    const errorsBefore = logger.at("error").length;
    for (const path of [`${topics}/t/records`, "/topics/t", `${topics}/t/records:batch`]) {
      const connection = await RawHttpConnection.open(port);
      const contentType = path === "/topics/t" ? V2_BINARY : "application/json";
      connection.write(`POST ${path} HTTP/1.1\r\nHost: x\r\nContent-Type: ${contentType}\r\nContent-Length: 100000\r\n\r\n{"records":[{"value":"`);
      await new Promise((resolve) => setTimeout(resolve, 100));
      connection.destroy();
    }
    // and one that goes away while its streamed produce is being answered
    const streaming = await RawHttpConnection.open(port);
    streaming.write(`POST ${topics}/t/records HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n`);
    const record = JSON.stringify({ value: { type: "STRING", data: "x" } });
    streaming.write(`${record.length.toString(16)}\r\n${record}\r\n`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    streaming.destroy();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(logger.at("error").slice(errorsBefore)).toEqual([]);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
  });

  it("closes a WebSocket whose frame is not JSON text with an error frame, not a crash", async () => {
    const socket = new WebSocket(`${base.replace("http", "ws")}/ws`);
    await new Promise((resolve) => socket.once("open", resolve));
    const frames: any[] = [];
    socket.on("message", (data) => frames.push(JSON.parse(data.toString())));
    socket.send(Buffer.from([0xff, 0x00]), { binary: true });
    socket.send("{not json");
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(frames.map((f) => f.error_code)).toEqual([400, 400]);
    socket.close();
  });
});
