import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachProvider } from "./support/databases.js";
import { startTestService, type TestService } from "./support/test-service.js";

describeEachProvider("v3 topic configs", (provider) => {
  let service: TestService;
  let c: string;
  const host = "skein.example:8080";
  const base = `http://${host}`;

  beforeAll(async () => {
    service = await startTestService(provider);
    c = service.engine.broker.clusterId;
    await service.engine.broker.createTopic({ name: "orders", partitions: 1, configs: { "retention.ms": "60000" } });
    await service.engine.broker.createTopic({ name: "payments", partitions: 1 });
  });

  afterAll(async () => {
    await service?.close();
  });

  const http = () => service.http();
  const configs = (topic = "orders") => `/v3/clusters/${c}/topics/${topic}/configs`;

  it("gets one config with Confluent's fields, source and synonyms", async () => {
    const body = (await http().get(`${configs()}/retention.ms`).set("host", host).expect(200)).body;
    expect(body).toEqual({
      kind: "KafkaTopicConfig",
      metadata: {
        self: `${base}/v3/clusters/${c}/topics/orders/configs/retention.ms`,
        resource_name: `crn:///kafka=${c}/topic=orders/config=retention.ms`,
      },
      cluster_id: c,
      topic_name: "orders",
      name: "retention.ms",
      value: "60000",
      is_default: false,
      is_read_only: false,
      is_sensitive: false,
      source: "DYNAMIC_TOPIC_CONFIG",
      synonyms: [
        { name: "retention.ms", value: "60000", source: "DYNAMIC_TOPIC_CONFIG" },
        { name: "log.retention.hours", value: "168", source: "DEFAULT_CONFIG" },
      ],
      documentation: expect.stringMatching(/./),
      valid_values: null,
    });
  });

  it("lists a topic's configs, defaults included", async () => {
    const body = (await http().get(configs()).set("host", host).expect(200)).body;
    expect(body.kind).toBe("KafkaTopicConfigList");
    expect(body.metadata).toEqual({ self: `${base}/v3/clusters/${c}/topics/orders/configs`, next: null });
    const cleanup = body.data.find((entry: { name: string }) => entry.name === "cleanup.policy");
    expect(cleanup).toMatchObject({ kind: "KafkaTopicConfig", topic_name: "orders", value: "delete", is_default: true, source: "DEFAULT_CONFIG" });
    // Skein's extension: the documentation line and, for an enumerated config, the values it allows.
    expect(cleanup.documentation).toMatch(/delete/);
    expect(cleanup.valid_values).toEqual(["compact", "delete"]);
    expect(body.data.find((entry: { name: string }) => entry.name === "retention.ms").value).toBe("60000");
  });

  it("lists every topic's configs at /topics/-/configs", async () => {
    const body = (await http().get(`/v3/clusters/${c}/topics/-/configs`).set("host", host).expect(200)).body;
    expect(body.kind).toBe("KafkaTopicConfigList");
    expect(body.metadata.self).toBe(`${base}/v3/clusters/${c}/topics/-/configs`);
    expect(new Set(body.data.map((entry: { topic_name: string }) => entry.topic_name))).toEqual(new Set(["orders", "payments"]));
  });

  it("sets a config with PUT (204) and resets it with DELETE (204)", async () => {
    await http().put(`${configs("payments")}/cleanup.policy`).send({ value: "compact" }).expect(204, "");
    let entry = (await http().get(`${configs("payments")}/cleanup.policy`).expect(200)).body;
    expect(entry).toMatchObject({ value: "compact", source: "DYNAMIC_TOPIC_CONFIG", is_default: false });
    await http().delete(`${configs("payments")}/cleanup.policy`).expect(204, "");
    entry = (await http().get(`${configs("payments")}/cleanup.policy`).expect(200)).body;
    expect(entry).toMatchObject({ value: "delete", source: "DEFAULT_CONFIG", is_default: true });
  });

  it("alters a batch (204): SET and DELETE together; validate_only changes nothing", async () => {
    await http()
      .post(`${configs()}:alter`)
      .send({ data: [{ name: "retention.ms", operation: "DELETE" }, { name: "compression.type", value: "gzip" }], validate_only: true })
      .expect(204);
    expect(service.engine.broker.describeTopic("orders").configs).toEqual({ "retention.ms": "60000" });
    await http()
      .post(`${configs()}:alter`)
      .send({ data: [{ name: "retention.ms", operation: "DELETE" }, { name: "compression.type", value: "gzip" }] })
      .expect(204, "");
    expect(service.engine.broker.describeTopic("orders").configs).toEqual({ "compression.type": "gzip" });
  });

  it("answers an unknown config 404 with the REST Proxy's message, and bad values 40002", async () => {
    const notFound = { error_code: 404, message: `Config no.such cannot be found for TOPIC orders in cluster ${c}.` };
    expect((await http().get(`${configs()}/no.such`).expect(404)).body).toEqual(notFound);
    expect((await http().put(`${configs()}/no.such`).send({ value: "1" }).expect(404)).body).toEqual(notFound);
    expect((await http().delete(`${configs()}/no.such`).expect(404)).body).toEqual(notFound);
    expect((await http().post(`${configs()}:alter`).send({ data: [{ name: "retention.ms", value: "1" }, { name: "no.such", value: "1" }] }).expect(404)).body).toEqual(notFound);
    expect(service.engine.broker.describeTopic("orders").configs).toEqual({ "compression.type": "gzip" });
    const bad = (await http().put(`${configs()}/retention.ms`).send({ value: "forever" }).expect(400)).body;
    expect(bad.error_code).toBe(40002);
    expect((await http().post(`${configs()}:alter`).send({ data: [{ name: "cleanup.policy", value: "shred" }] }).expect(400)).body.error_code).toBe(40002);
  });

  it("validates bodies: 422/42206 when missing, 400 for wrong types", async () => {
    expect((await http().put(`${configs()}/retention.ms`).expect(422)).body).toEqual({ error_code: 42206, message: "Payload error. Request body is empty. Data is required." });
    expect((await http().put(`${configs()}/retention.ms`).send({}).expect(422)).body).toEqual({ error_code: 42206, message: "Payload error. value is required." });
    expect((await http().put(`${configs()}/retention.ms`).send({ value: 5 }).expect(400)).body).toEqual({ error_code: 400, message: "value must be a string" });
    expect((await http().post(`${configs()}:alter`).send({}).expect(422)).body).toEqual({ error_code: 42206, message: "Payload error. data is required." });
    expect((await http().post(`${configs()}:alter`).send({ data: [{ value: "1" }] }).expect(422)).body).toEqual({ error_code: 42206, message: "Payload error. data.0.name is required." });
    expect((await http().post(`${configs()}:alter`).send({ data: [{ name: "retention.ms", operation: "UPSERT" }] }).expect(400)).body.error_code).toBe(400);
    expect((await http().post(`${configs()}:alter`).send({ data: [{ name: "retention.ms" }] }).expect(422)).body).toEqual({
      error_code: 42206,
      message: "Payload error. Config retention.ms: SET needs a value.",
    });
    expect((await http().post(`${configs()}:alter`).send({ data: "all" }).expect(400)).body.error_code).toBe(400);
  });

  it("answers unknown topics 40403 and unknown clusters 404", async () => {
    expect((await http().get(configs("missing")).expect(404)).body).toEqual({ error_code: 40403, message: "This server does not host this topic: missing." });
    expect((await http().get(`${configs("missing")}/retention.ms`).expect(404)).body.error_code).toBe(40403);
    expect((await http().put(`${configs("missing")}/retention.ms`).send({ value: "1" }).expect(404)).body.error_code).toBe(40403);
    expect((await http().post(`${configs("missing")}:alter`).send({ data: [] }).expect(404)).body.error_code).toBe(40403);
    const cluster = { error_code: 404, message: "Cluster nope cannot be found." };
    expect((await http().get("/v3/clusters/nope/topics/orders/configs").expect(404)).body).toEqual(cluster);
    expect((await http().get("/v3/clusters/nope/topics/-/configs").expect(404)).body).toEqual(cluster);
    expect((await http().delete("/v3/clusters/nope/topics/orders/configs/retention.ms").expect(404)).body).toEqual(cluster);
  });

  it("documents the config routes", async () => {
    const paths = (await http().get("/openapi.json").expect(200)).body.paths;
    expect(Object.keys(paths["/v3/clusters/{cluster_id}/topics/{topic_name}/configs/{name}"]).sort()).toEqual(["delete", "get", "put"]);
    expect(paths["/v3/clusters/{cluster_id}/topics/{topic_name}/configs:alter"].post.responses).toHaveProperty("204");
    expect(paths["/v3/clusters/{cluster_id}/topics/-/configs"].get).toBeDefined();
  });
});
