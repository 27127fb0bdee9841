import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachProvider } from "./support/databases.js";
import { startTestService, type TestService } from "./support/test-service.js";

describeEachProvider("v3 clusters and brokers", (provider) => {
  let service: TestService;
  let clusterId: string;
  const base = "http://skein.example:8080";

  beforeAll(async () => {
    service = await startTestService(provider);
    clusterId = service.engine.broker.clusterId;
    await service.engine.metadata.registerBroker({ brokerId: 0, host: "skein-0.internal", port: 8080, rack: "rack-a" });
  });

  afterAll(async () => {
    await service?.close();
  });

  /** Resource URLs are built from the request's Host, like the REST Proxy does. */
  async function get(path: string, status: number) {
    const response = await service.http().get(path).set("host", "skein.example:8080").expect(status).expect("content-type", /application\/json/);
    return response.body;
  }

  it("lists the one cluster with its relationships", async () => {
    const body = await get("/v3/clusters", 200);
    const c = `${base}/v3/clusters/${clusterId}`;
    expect(body).toEqual({
      kind: "KafkaClusterList",
      metadata: { self: `${base}/v3/clusters`, next: null },
      data: [
        {
          kind: "KafkaCluster",
          metadata: { self: c, resource_name: `crn:///kafka=${clusterId}` },
          cluster_id: clusterId,
          controller: { related: `${c}/brokers/0` },
          acls: { related: `${c}/acls` },
          brokers: { related: `${c}/brokers` },
          broker_configs: { related: `${c}/broker-configs` },
          consumer_groups: { related: `${c}/consumer-groups` },
          topics: { related: `${c}/topics` },
          partition_reassignments: { related: `${c}/topics/-/partitions/-/reassignment` },
        },
      ],
    });
  });

  it("gets the cluster by id, and 404s another id", async () => {
    expect((await get(`/v3/clusters/${clusterId}`, 200)).cluster_id).toBe(clusterId);
    expect(await get("/v3/clusters/not-this-one", 404)).toEqual({ error_code: 404, message: "HTTP 404 Not Found" });
  });

  it("lists and gets the broker with its registered listener", async () => {
    const b = `${base}/v3/clusters/${clusterId}/brokers/0`;
    const broker = {
      kind: "KafkaBroker",
      metadata: { self: b, resource_name: `crn:///kafka=${clusterId}/broker=0` },
      cluster_id: clusterId,
      broker_id: 0,
      host: "skein-0.internal",
      port: 8080,
      rack: "rack-a",
      configs: { related: `${b}/configs` },
      partition_replicas: { related: `${b}/partition-replicas` },
    };
    expect(await get(`/v3/clusters/${clusterId}/brokers`, 200)).toEqual({
      kind: "KafkaBrokerList",
      metadata: { self: `${base}/v3/clusters/${clusterId}/brokers`, next: null },
      data: [broker],
    });
    expect(await get(`/v3/clusters/${clusterId}/brokers/0`, 200)).toEqual(broker);
  });

  it("answers the REST Proxy's 404s below the cluster", async () => {
    expect(await get("/v3/clusters/other/brokers", 404)).toEqual({ error_code: 404, message: "Cluster other cannot be found." });
    expect(await get(`/v3/clusters/${clusterId}/brokers/7`, 404)).toEqual({ error_code: 404, message: "HTTP 404 Not Found" });
    expect(await get(`/v3/clusters/${clusterId}/brokers/zero`, 404)).toEqual({ error_code: 404, message: "HTTP 404 Not Found" });
  });

  it("refuses other methods with 405", async () => {
    await service.http().post("/v3/clusters").send({}).expect(405).expect("allow", "GET, HEAD");
  });

  it("documents the resources in the OpenAPI document", async () => {
    const document = (await service.http().get("/openapi.json").expect(200)).body;
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(["/v3/clusters", "/v3/clusters/{cluster_id}", "/v3/clusters/{cluster_id}/brokers", "/v3/clusters/{cluster_id}/brokers/{broker_id}"]),
    );
    expect(document.components.schemas.BrokerDataDto.required).toEqual(expect.arrayContaining(["kind", "metadata", "cluster_id", "broker_id"]));
  });
});
