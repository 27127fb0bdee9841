import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { ApiKey, apiMessages } from "@skein/protocol";
import { describe, expect, it } from "vitest";
import { useKafkaListener } from "../test-support/listener-fixture.js";
import { WireClient } from "../test-support/wire-client.js";

const DOC = fileURLToPath(new URL("../../../../docs/kafka-protocol.md", import.meta.url));

/** The documented table of APIs and versions is the one the listener advertises, row for row. */
describe("docs/kafka-protocol.md", () => {
  const start = useKafkaListener();

  it("lists exactly the APIs and versions ApiVersions advertises", async () => {
    const documented = [...readFileSync(DOC, "utf8").matchAll(/^\| (\d+) \| (\w+) \| (\d+)(?:–(\d+))? \|/gm)].map((m) => ({
      apiKey: Number(m[1]),
      name: m[2],
      minVersion: Number(m[3]),
      maxVersion: Number(m[4] ?? m[3]),
    }));
    const { port } = await start();
    const client = await WireClient.connect(port);
    const response = await client.request(ApiKey.ApiVersions, 3, { clientSoftwareName: "doc-check", clientSoftwareVersion: "1" });
    client.close();
    const advertised = response.apiKeys.map((k: { apiKey: number; minVersion: number; maxVersion: number }) => ({
      apiKey: k.apiKey,
      name: apiMessages.get(k.apiKey)!.name,
      minVersion: k.minVersion,
      maxVersion: k.maxVersion,
    }));
    expect(documented).toEqual(advertised);
  });
});
