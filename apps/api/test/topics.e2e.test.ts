import { readdirSync } from "node:fs";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachProvider } from "./support/databases.js";
import { startTestService, type TestService } from "./support/test-service.js";

describeEachProvider("v3 topics", (provider) => {
  let service: TestService;
  let c: string;
  const host = "skein.example:8080";
  const base = `http://${host}`;

  beforeAll(async () => {
    service = await startTestService(provider);
    c = service.engine.broker.clusterId;
  });

  afterAll(async () => {
    await service?.close();
  });

  const http = () => service.http();
  const topics = () => `/v3/clusters/${c}/topics`;

  function topicBody(name: string, partitions: number) {
    const self = `${base}/v3/clusters/${c}/topics/${name}`;
    return {
      kind: "KafkaTopic",
      metadata: { self, resource_name: `crn:///kafka=${c}/topic=${name}` },
      cluster_id: c,
      topic_name: name,
      is_internal: false,
      replication_factor: 1,
      partitions_count: partitions,
      partitions: { related: `${self}/partitions` },
      configs: { related: `${self}/configs` },
      partition_reassignments: { related: `${self}/partitions/-/reassignment` },
      authorized_operations: [],
    };
  }

  it("creates a topic: 201 with the topic, its Location, its configs applied", async () => {
    const response = await http()
      .post(topics())
      .set("host", host)
      .send({ topic_name: "orders", partitions_count: 3, replication_factor: 1, configs: [{ name: "cleanup.policy", value: "compact" }, { name: "retention.ms", value: null }] })
      .expect(201)
      .expect("content-type", /application\/json/);
    expect(response.body).toEqual(topicBody("orders", 3));
    expect(response.headers.location).toBe(`${base}/v3/clusters/${c}/topics/orders`);
    expect(service.engine.broker.describeTopic("orders").configs).toEqual({ "cleanup.policy": "compact" });
  });

  it("validates only: 200, nothing created, the default partition count reported", async () => {
    const response = await http().post(topics()).set("host", host).send({ topic_name: "dry-run", validate_only: true }).expect(200);
    expect(response.body).toEqual(topicBody("dry-run", 1));
    await http().get(`${topics()}/dry-run`).expect(404);
  });

  it("lists topics without internal ones, and gets one", async () => {
    await service.engine.broker.createTopic({ name: "audit", partitions: 1 });
    await service.engine.broker.ensureInternalTopic("__consumer_offsets", 1, {});
    const list = (await http().get(topics()).set("host", host).expect(200)).body;
    expect(list.kind).toBe("KafkaTopicList");
    expect(list.metadata).toEqual({ self: `${base}/v3/clusters/${c}/topics`, next: null });
    expect(list.data.map((t: { topic_name: string }) => t.topic_name)).toEqual(["audit", "orders"]);
    const all = (await http().get(`${topics()}?include_internal=true`).set("host", host).expect(200)).body;
    expect(all.data.map((t: { topic_name: string; is_internal: boolean }) => [t.topic_name, t.is_internal])).toEqual([["__consumer_offsets", true], ["_skein_audit", true], ["audit", false], ["orders", false]]);
    expect((await http().get(`${topics()}?include_internal=yes`).set("host", host).expect(400)).body).toEqual({ error_code: 40002, message: "include_internal=yes is not true or false." });
    expect((await http().get(`${topics()}/orders`).set("host", host).expect(200)).body).toEqual(topicBody("orders", 3));
  });

  it("refuses an existing topic, bad counts and bad configs with 40002", async () => {
    expect((await http().post(topics()).send({ topic_name: "orders" }).expect(400)).body).toEqual({ error_code: 40002, message: "Topic 'orders' already exists." });
    expect((await http().post(topics()).send({ topic_name: "zero", partitions_count: 0 }).expect(400)).body.error_code).toBe(40002);
    expect((await http().post(topics()).send({ topic_name: "rf", replication_factor: 3 }).expect(400)).body.error_code).toBe(40002);
    const badConfig = (await http().post(topics()).send({ topic_name: "cfg", configs: [{ name: "retention.ms", value: "soon" }] }).expect(400)).body;
    expect(badConfig.error_code).toBe(40002);
    expect(badConfig.message).toContain("retention.ms");
    await http().get(`${topics()}/cfg`).expect(404);
  });

  it("refuses a partition count past max.broker.partitions (--partitions 100000) with 40002, creating nothing", async () => {
    const tooMany = (await http().post(topics()).send({ topic_name: "huge", partitions_count: 100_000 }).expect(400)).body;
    expect(tooMany).toEqual({ error_code: 40002, message: expect.stringMatching(/max\.broker\.partitions/) });
    await http().get(`${topics()}/huge`).expect(404);
    expect(readdirSync(service.db.dataDir).filter((name) => name.includes("huge"))).toEqual([]);
    const raised = (await http().patch(`${topics()}/orders`).send({ partitions_count: 100_000 }).expect(400)).body;
    expect(raised).toEqual({ error_code: 40002, message: expect.stringMatching(/max\.broker\.partitions/) });
    expect(service.engine.broker.describeTopic("orders").partitions).toHaveLength(3);
    // and the broker goes on creating topics
    await http().post(topics()).send({ topic_name: "after-huge", partitions_count: 2 }).expect(201);
    await http().delete(`${topics()}/after-huge`).expect(204);
  });

  it("answers invalid names and missing or empty bodies 422/42206, wrong types 400", async () => {
    const invalid = (await http().post(topics()).send({ topic_name: "no spaces" }).expect(422)).body;
    expect(invalid.error_code).toBe(42206);
    expect(invalid.message).toMatch(/^Payload error\. Invalid topic name\./);
    expect((await http().post(topics()).send({ topic_name: "a".repeat(250) }).expect(422)).body.error_code).toBe(42206);
    expect((await http().post(topics()).send({ partitions_count: 1 }).expect(422)).body).toEqual({ error_code: 42206, message: "Payload error. topic_name is required." });
    expect((await http().post(topics()).expect(422)).body).toEqual({ error_code: 42206, message: "Payload error. Request body is empty. Data is required." });
    expect((await http().post(topics()).send({ topic_name: "t", partitions_count: "3" }).expect(400)).body).toEqual({ error_code: 400, message: "partitions_count must be an integer number" });
    expect((await http().post(topics()).send({ topic_name: "t", configs: [{ name: 7 }] }).expect(400)).body).toEqual({ error_code: 400, message: "configs.0.name must be a string" });
    expect((await http().post(topics()).send([{ topic_name: "t" }]).expect(400)).body.error_code).toBe(400);
    // an array in place of a config entry is not "an object or array" to accept
    expect((await http().post(topics()).send({ topic_name: "t", configs: [[]] }).expect(400)).body).toEqual({ error_code: 400, message: "each value in configs must be an object" });
    await http().get(`${topics()}/t`).expect(404);
  });

  it("raises the partition count with PATCH and refuses anything else with 40002", async () => {
    const raised = (await http().patch(`${topics()}/orders`).set("host", host).send({ partitions_count: 5 }).expect(200)).body;
    expect(raised).toEqual(topicBody("orders", 5));
    const decrease = (await http().patch(`${topics()}/orders`).send({ partitions_count: 2 }).expect(400)).body;
    expect(decrease).toEqual({ error_code: 40002, message: "The topic orders currently has 5 partition(s); 2 would not be an increase." });
    expect((await http().patch(`${topics()}/orders`).send({ partitions_count: 5 }).expect(400)).body).toEqual({ error_code: 40002, message: "Topic already has 5 partition(s)." });
    expect((await http().patch(`${topics()}/orders`).send({}).expect(422)).body).toEqual({ error_code: 42206, message: "Payload error. partitions_count is required." });
    expect((await http().patch(`${topics()}/orders`).send({ partitions_count: 6.5 }).expect(400)).body.error_code).toBe(400);
    expect((await http().patch(`${topics()}/missing`).send({ partitions_count: 6 }).expect(404)).body.error_code).toBe(40403);
  });

  it("deletes a topic (204), then it is gone (40403); internal topics are refused", async () => {
    await http().delete(`${topics()}/audit`).expect(204, "");
    const gone = (await http().get(`${topics()}/audit`).expect(404)).body;
    expect(gone).toEqual({ error_code: 40403, message: "This server does not host this topic: audit." });
    expect((await http().delete(`${topics()}/audit`).expect(404)).body.error_code).toBe(40403);
    expect((await http().delete(`${topics()}/__consumer_offsets`).expect(400)).body.error_code).toBe(40002);
  });

  it("answers an unknown cluster with the REST Proxy's 404 on every topic route", async () => {
    const body = { error_code: 404, message: "Cluster nope cannot be found." };
    expect((await http().get("/v3/clusters/nope/topics").expect(404)).body).toEqual(body);
    expect((await http().post("/v3/clusters/nope/topics").send({ topic_name: "x" }).expect(404)).body).toEqual(body);
    expect((await http().get("/v3/clusters/nope/topics/orders").expect(404)).body).toEqual(body);
    expect((await http().patch("/v3/clusters/nope/topics/orders").send({ partitions_count: 9 }).expect(404)).body).toEqual(body);
    expect((await http().delete("/v3/clusters/nope/topics/orders").expect(404)).body).toEqual(body);
  });

  it("answers 405 for a method the topic routes do not serve", async () => {
    await http().put(`${topics()}/orders`).send({}).expect(405).expect("allow", "DELETE, GET, HEAD, PATCH");
  });

  it("documents every topic route in the OpenAPI document", async () => {
    const paths = (await http().get("/openapi.json").expect(200)).body.paths;
    expect(Object.keys(paths["/v3/clusters/{cluster_id}/topics"]).sort()).toEqual(["get", "post"]);
    expect(Object.keys(paths["/v3/clusters/{cluster_id}/topics/{topic_name}"]).sort()).toEqual(["delete", "get", "patch"]);
    expect(paths["/v3/clusters/{cluster_id}/topics"].post.responses).toHaveProperty("201");
  });
});
