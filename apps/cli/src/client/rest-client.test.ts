import { createServer } from "node:net";
import { describe, expect, it } from "vitest";
import { ApiError, RestClient } from "./rest-client.js";

describe("RestClient", () => {
  it("names the address it tried when the server is unreachable", async () => {
    // A port that was free a moment ago: nothing listens there.
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const port = (server.address() as { port: number }).port;
    await new Promise((resolve) => server.close(resolve));
    const client = new RestClient(`http://127.0.0.1:${port}`);
    await expect(client.request("GET", "/v3/clusters")).rejects.toThrow(`Cannot reach the Skein server at http://127.0.0.1:${port}: connection refused`);
  });

  it("turns an error body into an ApiError with the service's message", async () => {
    const fake = (async () => new Response(JSON.stringify({ error_code: 40401, message: "This server does not host this topic-partition." }), { status: 404 })) as typeof fetch;
    const error = await new RestClient("http://x", fake).request("GET", "/v3/clusters").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 404, errorCode: 40401, message: "This server does not host this topic-partition." });
  });

  it("builds cluster paths with the cluster id, keeping ':' in action segments", async () => {
    const fake = (async () => new Response(JSON.stringify({ data: [{ cluster_id: "c-1" }] }))) as typeof fetch;
    const client = new RestClient("http://x", fake);
    expect(await client.v3("topics", "a b", "configs:alter")).toBe("/v3/clusters/c-1/topics/a%20b/configs:alter");
  });
});

describe("RestClient on a missing route", () => {
  it("names the method and path the server does not serve", async () => {
    const fake = (async () => new Response(JSON.stringify({ error_code: 404, message: "HTTP 404 Not Found" }), { status: 404 })) as typeof fetch;
    const error = await new RestClient("http://x", fake).request("POST", "/v3/clusters/c/topics/t/records").catch((e: unknown) => e);
    expect(error).toMatchObject({ routeMissing: true, message: "The server at http://x does not serve POST /v3/clusters/c/topics/t/records (HTTP 404)" });
  });
});
