import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeEachProvider } from "./support/databases.js";
import { startTestService, type TestService } from "./support/test-service.js";

const V2 = "application/vnd.kafka.v2+json";
const BINARY = "application/vnd.kafka.binary.v2+json";
const JSON_FORMAT = "application/vnd.kafka.json.v2+json";
const V2_TYPE = /^application\/vnd\.kafka\.v2\+json(; charset=utf-8)?$/;
const b64 = (text: string) => Buffer.from(text).toString("base64");

describeEachProvider("v2 produce and metadata", (provider) => {
  let service: TestService;

  beforeAll(async () => {
    service = await startTestService(provider, { brokerConfig: { "num.partitions": "1" } });
    await service.engine.broker.createTopic({ name: "payments", partitions: 2, configs: { "retention.ms": "3600000" } });
  });

  afterAll(async () => {
    await service?.close();
  });

  const post = (path: string, contentType: string, body: unknown) => service.http().post(path).set("content-type", contentType).send(JSON.stringify(body));

  async function stored(topic: string, partition: number, offset: number) {
    return (await service.engine.broker.fetch(topic, partition, offset, { maxRecords: 1 })).records[0]!;
  }

  it("produces binary records and answers with the nulls kept, as application/vnd.kafka.v2+json", async () => {
    const response = await post("/topics/payments", BINARY, { records: [{ key: b64("kim"), value: b64("50000 won"), partition: 1 }, { key: b64("lee"), value: null, partition: 1 }] }).expect(200);
    expect(response.headers["content-type"]).toMatch(V2_TYPE);
    expect(response.body).toEqual({
      offsets: [
        { partition: 1, offset: 0, error_code: null, error: null },
        { partition: 1, offset: 1, error_code: null, error: null },
      ],
      key_schema_id: null,
      value_schema_id: null,
    });
    const record = await stored("payments", 1, 0);
    expect([record.key?.toString(), record.value?.toString()]).toEqual(["kim", "50000 won"]);
    expect((await stored("payments", 1, 1)).value).toBeNull();
  });

  it("produces JSON records as their JSON text, and takes the generic v2 type as binary", async () => {
    const json = await post("/topics/payments/partitions/0", JSON_FORMAT, { records: [{ key: "kim", value: { amount: 50000, tags: ["a"] } }] }).expect(200);
    const { partition, offset } = json.body.offsets[0];
    expect(partition).toBe(0);
    const record = await stored("payments", 0, offset);
    expect([record.key?.toString(), record.value?.toString()]).toEqual(['"kim"', '{"amount":50000,"tags":["a"]}']);
    const generic = await post("/topics/payments/partitions/0", V2, { records: [{ value: b64("raw") }] }).expect(200);
    expect((await stored("payments", 0, generic.body.offsets[0].offset)).value?.toString()).toBe("raw");
  });

  it("lets a record's own partition win over the path's", async () => {
    const response = await post("/topics/payments/partitions/0", BINARY, { records: [{ value: b64("x"), partition: 1 }] }).expect(200);
    expect(response.body.offsets[0].partition).toBe(1);
  });

  it("reports a record for a partition the topic lacks inside the 200 (retriable, as the REST Proxy's producer), and stores the others", async () => {
    const response = await post("/topics/payments", BINARY, { records: [{ value: b64("ok"), partition: 0 }, { value: b64("lost"), partition: 5 }] }).expect(200);
    expect(response.body.offsets).toEqual([
      { partition: 0, offset: expect.any(Number), error_code: null, error: null },
      { partition: null, offset: null, error_code: 50003, error: "Partition 5 of topic payments with partition count 2 is not present in metadata." },
    ]);
  });

  it("answers a produce to a partition the topic lacks 404/40402 Partition not found, storing nothing", async () => {
    const before = service.engine.broker.partitionOffsets("payments", 0).logEndOffset;
    const response = await post("/topics/payments/partitions/2", BINARY, { records: [{ value: b64("lost"), partition: 0 }] }).expect(404);
    expect(response.headers["content-type"]).toMatch(V2_TYPE);
    expect(response.body).toEqual({ error_code: 40402, message: "Partition not found." });
    expect(service.engine.broker.partitionOffsets("payments", 0).logEndOffset).toBe(before);
  });

  it("creates an unknown topic on first produce", async () => {
    const response = await post("/topics/v2-created", BINARY, { records: [{ value: b64("first") }] }).expect(200);
    expect(response.body.offsets[0]).toEqual({ partition: 0, offset: 0, error_code: null, error: null });
  });

  it.each([
    [BINARY, { records: [{ value: "fooba" }] }, 400, 400, 'Bad Request: data="fooba" is not a valid base64 string.'],
    [BINARY, { records: [{ value: 42 }] }, 400, 400, "Bad Request: data=42 is not a base64 string."],
    [BINARY, { records: [] }, 422, 422, "records must not be empty"],
    [BINARY, {}, 422, 422, "records must not be empty"],
    [BINARY, { records: [{ value: null, partition: -1 }] }, 422, 422, "records[0].partition must be a non-negative integer, not -1."],
    ["application/vnd.kafka.avro.v2+json", { records: [{ value: "x" }] }, 422, 42206, expect.stringMatching(/^Payload error. Schema Registry must be configured when using schemas/)],
    ["application/vnd.kafka.protobuf.v2+json", { records: [{ value: "x" }] }, 422, 42206, expect.stringMatching(/Schema Registry/)],
    ["application/vnd.kafka.jsonschema.v2+json", { records: [{ value: "x" }] }, 422, 42206, expect.stringMatching(/Schema Registry/)],
    ["application/json", { records: [{ value: "x" }] }, 415, 415, "HTTP 415 Unsupported Media Type"],
  ])("refuses a %s body %j with %i / %i", async (contentType, body, status, errorCode, message) => {
    const response = await post("/topics/payments", contentType, body).expect(status);
    expect(response.body).toEqual({ error_code: errorCode, message });
  });

  it("answers a content type Fastify knows no parser for 415", async () => {
    const response = await service.http().post("/topics/payments").set("content-type", "text/csv").send("a,b").expect(415);
    expect(response.body).toEqual({ error_code: 415, message: "HTTP 415 Unsupported Media Type" });
  });

  it("answers 40403 for an unknown topic when topics are not auto-created", async () => {
    const strict = await startTestService("sqlite", { brokerConfig: { "auto.create.topics.enable": "false" } });
    try {
      const response = await strict.http().post("/topics/nowhere").set("content-type", BINARY).send(JSON.stringify({ records: [{ value: b64("x") }] })).expect(404);
      expect(response.headers["content-type"]).toMatch(V2_TYPE);
      expect(response.body).toEqual({ error_code: 40403, message: "This server does not host this topic-partition." });
    } finally {
      await strict.close();
    }
  });

  it("lists topic names, without internal topics", async () => {
    const response = await service.http().get("/topics").expect(200);
    expect(response.headers["content-type"]).toMatch(V2_TYPE);
    expect(response.body).toEqual(expect.arrayContaining(["payments", "v2-created"]));
    expect(response.body.some((name: string) => name.startsWith("__"))).toBe(false);
  });

  it("describes a topic with every config in force and its partitions", async () => {
    const response = await service.http().get("/topics/payments").expect(200);
    expect(response.headers["content-type"]).toMatch(V2_TYPE);
    const brokerId = service.engine.broker.brokerId;
    expect(response.body).toEqual({
      name: "payments",
      configs: expect.objectContaining({ "retention.ms": "3600000", "cleanup.policy": "delete" }),
      partitions: [0, 1].map((partition) => ({ partition, leader: brokerId, replicas: [{ broker: brokerId, leader: true, in_sync: true }] })),
    });
  });

  it("answers an unknown topic 40403 Topic not found, in the v2 media type", async () => {
    const response = await service.http().get("/topics/unknown-topic").expect(404);
    expect(response.headers["content-type"]).toMatch(V2_TYPE);
    expect(response.body).toEqual({ error_code: 40403, message: "Topic not found." });
  });

  it("lists a topic's partitions, gets one, and gives its beginning and end offsets", async () => {
    const brokerId = service.engine.broker.brokerId;
    const replicas = [{ broker: brokerId, leader: true, in_sync: true }];
    const list = await service.http().get("/topics/payments/partitions").expect(200);
    expect(list.headers["content-type"]).toMatch(V2_TYPE);
    expect(list.body).toEqual([0, 1].map((partition) => ({ partition, leader: brokerId, replicas })));
    await service.http().get("/topics/payments/partitions/1").expect(200, { partition: 1, leader: brokerId, replicas });
    const { logStartOffset, highWatermark } = service.engine.broker.partitionOffsets("payments", 1);
    await service.http().get("/topics/payments/partitions/1/offsets").expect(200, { beginning_offset: logStartOffset, end_offset: highWatermark });
  });

  it.each([
    ["/topics/nowhere/partitions", 40403, "Topic not found."],
    ["/topics/nowhere/partitions/0", 40403, "Topic not found."],
    ["/topics/payments/partitions/7", 40402, "Partition not found."],
    ["/topics/payments/partitions/7/offsets", 40402, "Partition not found."],
  ])("answers GET %s 404/%i", async (path, errorCode, message) => {
    const response = await service.http().get(path).expect(404);
    expect(response.headers["content-type"]).toMatch(V2_TYPE);
    expect(response.body).toEqual({ error_code: errorCode, message });
  });

  it("lists the brokers", async () => {
    const response = await service.http().get("/brokers").expect(200);
    expect(response.headers["content-type"]).toMatch(V2_TYPE);
    expect(response.body).toEqual({ brokers: [service.engine.broker.brokerId] });
  });
});

describe("v2 produce body limit", () => {
  it("answers a body over the limit 413", async () => {
    const service = await startTestService("sqlite", { bodyLimit: 256 });
    try {
      const response = await service.http().post("/topics/t").set("content-type", BINARY).send(JSON.stringify({ records: [{ value: b64("x".repeat(400)) }] })).expect(413);
      expect(response.body.error_code).toBe(413);
    } finally {
      await service.close();
    }
  });
});
