import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../../apps/api/src/app.js";
import { Engine } from "../../../apps/api/src/engine/engine.js";
// @ts-expect-error: a plain .mjs helper shared with scripts/generate.mjs, without type declarations.
import { documentText, schemaText } from "../scripts/schema-text.mjs";
import { createSkeinClient } from "./index.js";

const SDK = fileURLToPath(new URL("..", import.meta.url));
const REGENERATE = "the committed SDK no longer matches the service: run `npm run build && npm run generate -w @skein/sdk` and commit the result";

describe("@skein/sdk", () => {
  let dataDir: string;
  let engine: Engine;
  let app: Awaited<ReturnType<typeof createApp>>;
  let baseUrl: string;
  let document: unknown;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), "skein-sdk-test-"));
    engine = await Engine.open({ dataDir });
    app = await createApp({ engine, logger: false });
    await app.listen({ port: 0, host: "127.0.0.1" });
    const address = app.getHttpServer().address();
    baseUrl = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
    document = await (await fetch(`${baseUrl}/openapi.json`)).json();
  });

  afterAll(async () => {
    await app?.close();
    await engine?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("holds the service's OpenAPI document as the service serves it", () => {
    expect(readFileSync(join(SDK, "openapi.json"), "utf8"), REGENERATE).toBe(documentText(document));
  });

  it("holds the client types openapi-typescript makes of that document", async () => {
    expect(readFileSync(join(SDK, "src/schema.ts"), "utf8"), REGENERATE).toBe(await schemaText(document));
  });

  it("talks to the service with the generated types", async () => {
    const client = createSkeinClient(baseUrl);
    const clusters = await client.GET("/v3/clusters");
    expect(clusters.response.status).toBe(200);
    const clusterId = engine.broker.clusterId;
    const created = await client.POST("/v3/clusters/{cluster_id}/topics", { params: { path: { cluster_id: clusterId } }, body: { topic_name: "sdk-orders", partitions_count: 2 } });
    expect(created.response.status).toBe(201);
    expect(created.data?.topic_name).toBe("sdk-orders");
    const missing = await client.GET("/v3/clusters/{cluster_id}/topics/{topic_name}", { params: { path: { cluster_id: clusterId, topic_name: "missing" } } });
    expect(missing.response.status).toBe(404);
    expect(missing.error).toMatchObject({ error_code: 40403 });
  });
});
