import { UnknownTopicOrPartitionError } from "@skein/broker";
import type { NestFastifyApplication } from "@nestjs/platform-fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeEachProvider } from "./support/databases.js";
import { startTestService, type TestService } from "./support/test-service.js";

/** Routes outside the app's resources, to reach the error paths no resource exercises yet. */
function addProbeRoutes(app: NestFastifyApplication): void {
  const fastify = app.getHttpAdapter().getInstance();
  fastify.post("/probe/echo", async (request) => request.body);
  fastify.get("/probe/unknown-topic", async () => {
    throw new UnknownTopicOrPartitionError();
  });
  fastify.get("/probe/crash", async () => {
    throw new Error("secret internals");
  });
}

describeEachProvider("the service", (provider) => {
  let service: TestService;

  beforeAll(async () => {
    service = await startTestService(provider, { bodyLimit: 1024, beforeInit: addProbeRoutes });
  });

  afterAll(async () => {
    await service?.close();
  });

  it("answers liveness and readiness, check by check", async () => {
    await service.http().get("/healthz").expect(200, { status: "ok" });
    const ready = (await service.http().get("/readyz").expect(200)).body;
    expect(ready).toEqual({
      status: "ready",
      writable: true,
      checks: {
        engine: { status: "pass" },
        storage: expect.objectContaining({ status: "pass", state: "ok", log_dir: service.db.dataDir, usable_bytes: expect.any(Number) }),
        metadata_database: { status: "pass", database: provider },
        broker_registration: { status: "pass", registered: false, listener: null },
      },
    });
    expect((await service.http().get("/readyz?writes=true").expect(200)).body.writable).toBe(true);
  });

  it("answers an unknown route with the REST Proxy's 404 body", async () => {
    const response = await service.http().get("/v3/nothing/here").expect(404).expect("content-type", /application\/json/);
    expect(response.body).toEqual({ error_code: 404, message: "HTTP 404 Not Found" });
  });

  it("answers a known path with the wrong method 405, naming the allowed ones", async () => {
    const response = await service.http().delete("/healthz").expect(405).expect("allow", "GET, HEAD");
    expect(response.body).toEqual({ error_code: 405, message: "HTTP 405 Method Not Allowed" });
  });

  it("answers 404, not 405, when a route of the request's method finds nothing", async () => {
    const response = await service.http().get("/docs/no-such-asset.js").expect(404);
    expect(response.body).toEqual({ error_code: 404, message: "HTTP 404 Not Found" });
  });

  it("answers an unsupported content type 415", async () => {
    const response = await service.http().post("/probe/echo").set("content-type", "text/csv").send("a,b").expect(415);
    expect(response.body).toEqual({ error_code: 415, message: "HTTP 415 Unsupported Media Type" });
  });

  it("answers malformed JSON 400", async () => {
    const response = await service.http().post("/probe/echo").set("content-type", "application/json").send('{"a":').expect(400);
    expect(response.body.error_code).toBe(400);
    expect(response.body.message).toEqual(expect.any(String));
  });

  it("answers a body over the limit 413", async () => {
    const response = await service.http().post("/probe/echo").send({ blob: "x".repeat(2048) }).expect(413);
    expect(response.body.error_code).toBe(413);
  });

  it("maps engine errors to the REST Proxy's codes", async () => {
    const response = await service.http().get("/probe/unknown-topic").expect(404);
    expect(response.body).toEqual({ error_code: 40403, message: "This server does not host this topic-partition." });
  });

  it("answers an unexpected error 500 without its internals", async () => {
    const response = await service.http().get("/probe/crash").expect(500);
    expect(response.body).toEqual({ error_code: 500, message: "HTTP 500 Internal Server Error" });
  });

  it("serves the OpenAPI document and the interactive docs", async () => {
    const document = (await service.http().get("/openapi.json").expect(200)).body;
    expect(document.openapi).toMatch(/^3\./);
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(["/healthz", "/readyz", "/metrics"]));
    const page = (await service.http().get("/docs").expect(200).expect("content-type", /text\/html/)).text;
    const assets = [...page.matchAll(/(?:src|href)="\.\/docs\/([^"]+)"/g)].map((match) => match[1]);
    expect(assets).toEqual(expect.arrayContaining(["swagger-ui.css", "swagger-ui-bundle.js", "swagger-ui-init.js"]));
    for (const asset of assets) await service.http().get(`/docs/${asset}`).expect(200);
  });

  it("exposes Prometheus metrics: request latency by route, records and bytes in, partitions", async () => {
    await service.engine.broker.createTopic({ name: "metered", partitions: 3 });
    await service.engine.broker.produce("metered", [{ value: Buffer.from("a") }, { value: Buffer.from("b") }]);
    await service.http().get("/healthz").expect(200);
    await service.http().get("/no/such/route").expect(404);

    const response = await service.http().get("/metrics").expect(200).expect("content-type", /text\/plain/);
    const text = response.text;
    expect(text).toMatch(/skein_http_request_duration_seconds_count\{method="GET",route="\/healthz",status_code="200"\} [1-9]/);
    expect(text).toMatch(/skein_http_request_duration_seconds_count\{method="GET",route="unmatched",status_code="404"\} [1-9]/);
    expect(text).toContain('skein_records_in_total{topic="metered"} 2');
    expect(text).toMatch(/skein_bytes_in_total\{topic="metered"\} [1-9]\d*/);
    expect(text).toContain('skein_topic_partitions{topic="metered"} 3');
    const logDir = service.db.dataDir;
    expect(text).toContain(`skein_log_dir_state{log_dir="${logDir}",state="ok"} 1`);
    expect(text).toContain(`skein_log_dir_state{log_dir="${logDir}",state="full"} 0`);
    expect(text).toMatch(new RegExp(`^skein_log_dir_usable_bytes\\{log_dir="${logDir}"\\} [1-9]\\d*$`, "m"));
    expect(text).toMatch(/^skein_offline_partitions 0$/m);
  });
});

describe("readiness after the engine closes", () => {
  it("answers 503 with the reason", async () => {
    const service = await startTestService("sqlite");
    try {
      await service.engine.close();
      const response = await service.http().get("/readyz").expect(503);
      expect(response.body).toMatchObject({ error_code: 503, message: "Not ready: The engine is shut down.", status: "degraded", writable: false });
    } finally {
      await service.close();
    }
  });
});
