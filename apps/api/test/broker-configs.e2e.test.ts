import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachProvider } from "./support/databases.js";
import { startTestService, type TestService } from "./support/test-service.js";

describeEachProvider("v3 broker configs, cluster-wide broker configs and replicas by broker", (provider) => {
  let service: TestService;
  let c: string;
  const host = "skein.example:8080";
  const base = `http://${host}`;

  beforeAll(async () => {
    service = await startTestService(provider, { brokerConfig: { "message.max.bytes": "2000000" } });
    c = service.engine.broker.clusterId;
    await service.engine.broker.createTopic({ name: "orders", partitions: 2 });
  });

  afterAll(async () => {
    await service?.close();
  });

  const http = () => service.http();
  const broker = () => `/v3/clusters/${c}/brokers/0`;

  it("lists and gets broker configs with their sources", async () => {
    const list = (await http().get(`${broker()}/configs`).set("host", host).expect(200)).body;
    expect(list.kind).toBe("KafkaBrokerConfigList");
    expect(list.metadata).toEqual({ self: `${base}/v3/clusters/${c}/brokers/0/configs`, next: null });
    expect(list.data.find((entry: { name: string }) => entry.name === "message.max.bytes")).toMatchObject({ value: "2000000", source: "STATIC_BROKER_CONFIG", is_read_only: false });

    const one = (await http().get(`${broker()}/configs/message.max.bytes`).set("host", host).expect(200)).body;
    expect(one).toEqual({
      kind: "KafkaBrokerConfig",
      metadata: { self: `${base}/v3/clusters/${c}/brokers/0/configs/message.max.bytes`, resource_name: `crn:///kafka=${c}/broker=0/config=message.max.bytes` },
      cluster_id: c,
      broker_id: 0,
      name: "message.max.bytes",
      value: "2000000",
      is_default: false,
      is_read_only: false,
      is_sensitive: false,
      source: "STATIC_BROKER_CONFIG",
      synonyms: [
        { name: "message.max.bytes", value: "2000000", source: "STATIC_BROKER_CONFIG" },
        { name: "message.max.bytes", value: "1048588", source: "DEFAULT_CONFIG" },
      ],
      documentation: expect.stringMatching(/./),
      valid_values: null,
    });
    expect((await http().get(`${broker()}/configs/broker.id`).expect(200)).body).toMatchObject({ is_read_only: true });
  });

  it("lists every broker's configs at /brokers/-/configs", async () => {
    const body = (await http().get(`/v3/clusters/${c}/brokers/-/configs`).set("host", host).expect(200)).body;
    expect(body.kind).toBe("KafkaBrokerConfigList");
    expect(body.metadata.self).toBe(`${base}/v3/clusters/${c}/brokers/-/configs`);
    expect(body.data.length).toBe((await http().get(`${broker()}/configs`).expect(200)).body.data.length);
  });

  it("updates (204), alters in a batch (204) and resets (204) broker configs", async () => {
    await http().put(`${broker()}/configs/log.retention.ms`).send({ value: "3600000" }).expect(204, "");
    expect((await http().get(`${broker()}/configs/log.retention.ms`).expect(200)).body).toMatchObject({ value: "3600000", source: "DYNAMIC_DEFAULT_BROKER_CONFIG" });
    await http().post(`${broker()}/configs:alter`).send({ data: [{ name: "log.retention.ms", operation: "DELETE" }, { name: "message.max.bytes", value: "4000000" }] }).expect(204, "");
    expect((await http().get(`${broker()}/configs/message.max.bytes`).expect(200)).body.value).toBe("4000000");
    expect((await http().get(`${broker()}/configs/log.retention.ms`).expect(200)).body.source).not.toBe("DYNAMIC_DEFAULT_BROKER_CONFIG");
    await http().delete(`${broker()}/configs/message.max.bytes`).expect(204, "");
    expect((await http().get(`${broker()}/configs/message.max.bytes`).expect(200)).body).toMatchObject({ value: "2000000", source: "STATIC_BROKER_CONFIG" });
  });

  it("refuses read-only and invalid broker config values with 40002, unknown names and brokers with 404", async () => {
    expect((await http().put(`${broker()}/configs/broker.id`).send({ value: "3" }).expect(400)).body.error_code).toBe(40002);
    expect((await http().put(`${broker()}/configs/num.partitions`).send({ value: "4" }).expect(400)).body.error_code).toBe(40002);
    expect((await http().put(`${broker()}/configs/message.max.bytes`).send({ value: "many" }).expect(400)).body.error_code).toBe(40002);
    const unknown = { error_code: 404, message: `Config no.such cannot be found for BROKER 0 in cluster ${c}.` };
    expect((await http().get(`${broker()}/configs/no.such`).expect(404)).body).toEqual(unknown);
    expect((await http().put(`${broker()}/configs/no.such`).send({ value: "1" }).expect(404)).body).toEqual(unknown);
    expect((await http().delete(`${broker()}/configs/no.such`).expect(404)).body).toEqual(unknown);
    expect((await http().post(`${broker()}/configs:alter`).send({ data: [{ name: "no.such", value: "1" }] }).expect(404)).body).toEqual(unknown);
    const noBroker = { error_code: 404, message: "Broker 7 cannot be found." };
    expect((await http().get(`/v3/clusters/${c}/brokers/7/configs`).expect(404)).body).toEqual(noBroker);
    expect((await http().get(`/v3/clusters/${c}/brokers/7/configs/message.max.bytes`).expect(404)).body).toEqual(noBroker);
    expect((await http().get(`/v3/clusters/${c}/brokers/7/partition-replicas`).expect(404)).body).toEqual(noBroker);
    expect((await http().get(`/v3/clusters/${c}/brokers/x/configs`).expect(404)).body).toEqual({ error_code: 404, message: "HTTP 404 Not Found" });
    expect((await http().put(`${broker()}/configs/message.max.bytes`).send({}).expect(422)).body.error_code).toBe(42206);
    expect((await http().post(`${broker()}/configs:alter`).send({ data: [{ name: 1 }] }).expect(400)).body.error_code).toBe(400);
  });

  it("sets, lists, gets and resets dynamic cluster-wide configs at /broker-configs", async () => {
    const path = `/v3/clusters/${c}/broker-configs`;
    expect((await http().get(path).set("host", host).expect(200)).body).toEqual({ kind: "KafkaClusterConfigList", metadata: { self: `${base}${path}`, next: null }, data: [] });
    await http().put(`${path}/log.retention.ms`).send({ value: "7200000" }).expect(204, "");
    await http().post(`${path}:alter`).send({ data: [{ name: "log.cleaner.backoff.ms", value: "5000" }] }).expect(204, "");
    const one = (await http().get(`${path}/log.retention.ms`).set("host", host).expect(200)).body;
    expect(one).toEqual({
      kind: "KafkaClusterConfig",
      metadata: { self: `${base}${path}/log.retention.ms`, resource_name: `crn:///kafka=${c}/broker-config=log.retention.ms` },
      cluster_id: c,
      config_type: "BROKER",
      name: "log.retention.ms",
      value: "7200000",
      is_default: false,
      is_read_only: false,
      is_sensitive: false,
      source: "DYNAMIC_DEFAULT_BROKER_CONFIG",
      synonyms: [{ name: "log.retention.ms", value: "7200000", source: "DYNAMIC_DEFAULT_BROKER_CONFIG" }],
      documentation: expect.stringMatching(/log file/),
      valid_values: null,
    });
    // Topics that inherit the value follow it.
    expect((await http().get(`/v3/clusters/${c}/topics/orders/configs/retention.ms`).expect(200)).body).toMatchObject({ value: "7200000", source: "DYNAMIC_DEFAULT_BROKER_CONFIG" });
    const names = (await http().get(path).expect(200)).body.data.map((entry: { name: string }) => entry.name);
    expect(names).toEqual(["log.cleaner.backoff.ms", "log.retention.ms"]);

    await http().delete(`${path}/log.retention.ms`).expect(204, "");
    expect((await http().get(`${path}/log.retention.ms`).expect(404)).body).toEqual({ error_code: 404, message: "HTTP 404 Not Found" });
    expect((await http().delete(`${path}/log.retention.ms`).expect(404)).body).toEqual({ error_code: 404, message: `Config log.retention.ms cannot be found for BROKER in cluster ${c}.` });
    await http().post(`${path}:alter`).send({ data: [{ name: "log.cleaner.backoff.ms", operation: "DELETE" }], validate_only: true }).expect(204);
    expect((await http().get(path).expect(200)).body.data).toHaveLength(1);
    expect((await http().put(`${path}/log.retention.ms`).send({ value: "soon" }).expect(400)).body.error_code).toBe(40002);
    expect((await http().put(`${path}/broker.id`).send({ value: "2" }).expect(400)).body.error_code).toBe(40002);
    expect((await http().get("/v3/clusters/nope/broker-configs").expect(404)).body).toEqual({ error_code: 404, message: "Cluster nope cannot be found." });
  });

  it("lists the partition replicas a broker hosts, internal topics included", async () => {
    const body = (await http().get(`${broker()}/partition-replicas`).set("host", host).expect(200)).body;
    expect(body.kind).toBe("KafkaReplicaList");
    expect(body.metadata).toEqual({ self: `${base}/v3/clusters/${c}/brokers/0/partition-replicas`, next: null });
    const internal = service.engine.broker.listTopics({ includeInternal: true }).filter((topic) => topic.internal);
    const internalReplicas = internal.reduce((sum, topic) => sum + topic.partitions.length, 0);
    expect(body.data).toHaveLength(internalReplicas + 2);
    expect(body.data.filter((replica: { topic_name: string }) => replica.topic_name === "orders")).toEqual([0, 1].map((p) => ({
      kind: "KafkaReplica",
      metadata: {
        self: `${base}/v3/clusters/${c}/topics/orders/partitions/${p}/replicas/0`,
        resource_name: `crn:///kafka=${c}/topic=orders/partition=${p}/replica=0`,
      },
      cluster_id: c,
      topic_name: "orders",
      partition_id: p,
      broker_id: 0,
      is_leader: true,
      is_in_sync: true,
      broker: { related: `${base}/v3/clusters/${c}/brokers/0` },
    })));
  });

  it("documents the broker config routes", async () => {
    const paths = Object.keys((await http().get("/openapi.json").expect(200)).body.paths);
    expect(paths).toEqual(
      expect.arrayContaining([
        "/v3/clusters/{cluster_id}/brokers/{broker_id}/configs",
        "/v3/clusters/{cluster_id}/brokers/{broker_id}/configs/{name}",
        "/v3/clusters/{cluster_id}/brokers/{broker_id}/configs:alter",
        "/v3/clusters/{cluster_id}/brokers/-/configs",
        "/v3/clusters/{cluster_id}/broker-configs",
        "/v3/clusters/{cluster_id}/broker-configs/{name}",
        "/v3/clusters/{cluster_id}/broker-configs:alter",
        "/v3/clusters/{cluster_id}/brokers/{broker_id}/partition-replicas",
      ]),
    );
  });
});
