import { ApiKey } from "@skein/protocol";
import { describe, expect, it } from "vitest";
import { useKafkaListener } from "../test-support/listener-fixture.js";
import { WireClient } from "../test-support/wire-client.js";

describe("the Kafka listener's connections", () => {
  const start = useKafkaListener();

  it("answers ApiVersions v0 to v3 with the table of served versions", async () => {
    const { port } = await start();
    const client = await WireClient.connect(port);
    for (const version of [0, 1, 2, 3]) {
      const body = version >= 3 ? { clientSoftwareName: "wire-test", clientSoftwareVersion: "1.0" } : {};
      const response = await client.request(ApiKey.ApiVersions, version, body);
      expect(response.errorCode).toBe(0);
      const produce = response.apiKeys.find((k: { apiKey: number }) => k.apiKey === ApiKey.Produce);
      expect(produce).toMatchObject({ minVersion: 0, maxVersion: 11 });
      expect(response.apiKeys.find((k: { apiKey: number }) => k.apiKey === ApiKey.Fetch)).toMatchObject({ minVersion: 4, maxVersion: 17 });
    }
    client.close();
  });

  it("answers an unsupported ApiVersions version with UNSUPPORTED_VERSION and the table in the v0 layout", async () => {
    const { port } = await start();
    const client = await WireClient.connect(port);
    const frame = await client.requestRaw(client.encode(ApiKey.ApiVersions, 4, { clientSoftwareName: "newer", clientSoftwareVersion: "9" }));
    // Response header v0 (correlation id only), then ApiVersions v0: error code, then the table.
    expect(frame.readInt16BE(4)).toBe(35);
    const count = frame.readInt32BE(6);
    expect(count).toBeGreaterThan(20);
    expect(frame.readInt16BE(10)).toBe(ApiKey.Produce);
    client.close();
  });

  it("closes only the connection that sent a malformed request", async () => {
    const { port } = await start();
    const good = await WireClient.connect(port);
    const bad = await WireClient.connect(port);
    const frame = bad.encode(ApiKey.Metadata, 9, { topics: null });
    // Claim a topic count the frame cannot hold.
    const broken = Buffer.concat([frame.subarray(0, frame.length - 3), Buffer.from([0xff, 0xff, 0x7f])]);
    broken.writeInt32BE(broken.length - 4, 0);
    bad.send(broken);
    await bad.closed;
    const response = await good.request(ApiKey.Metadata, 9, { topics: null });
    expect(response.brokers).toHaveLength(1);
    good.close();
  });

  it("closes a connection that names an unknown API key or a version it does not serve", async () => {
    const { port } = await start();
    const unknown = await WireClient.connect(port);
    const header = Buffer.alloc(14);
    header.writeInt32BE(10, 0);
    header.writeInt16BE(999, 4);
    unknown.send(header);
    await unknown.closed;
    const tooNew = await WireClient.connect(port);
    await expect(tooNew.request(ApiKey.Fetch, 3, { maxWaitMs: 0, minBytes: 0, topics: [] })).rejects.toThrow(/closed/);
  });

  it("closes a connection whose frame is larger than socket.request.max.bytes", async () => {
    const { port } = await start({ listener: { socketRequestMaxBytes: 1024 } });
    const client = await WireClient.connect(port);
    const size = Buffer.alloc(4);
    size.writeInt32BE(4096, 0);
    client.send(size);
    await client.closed;
  });

  it("closes connections idle for connections.max.idle.ms", async () => {
    const { port } = await start({ listener: { connectionsMaxIdleMs: 200 } });
    const client = await WireClient.connect(port);
    await client.request(ApiKey.ApiVersions, 0, {});
    await client.closed;
  });

  it("answers pipelined requests in the order they were sent, even when an earlier one waits", async () => {
    const { port, broker } = await start();
    await broker.createTopic({ name: "ordered", partitions: 1 });
    const client = await WireClient.connect(port);
    const order: string[] = [];
    const fetch = client
      .request(ApiKey.Fetch, 12, {
        maxWaitMs: 300,
        minBytes: 1,
        maxBytes: 1024,
        topics: [{ topic: "ordered", partitions: [{ partition: 0, fetchOffset: 0, partitionMaxBytes: 1024 }] }],
      })
      .then(() => order.push("fetch"));
    const metadata = client.request(ApiKey.Metadata, 12, { topics: null }).then(() => order.push("metadata"));
    await Promise.all([fetch, metadata]);
    expect(order).toEqual(["fetch", "metadata"]);
    client.close();
  });
});
