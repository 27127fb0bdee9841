import { ApiKey } from "@skein/protocol";
import { describe, expect, it } from "vitest";
import { useKafkaListener } from "../../../test-support/listener-fixture.js";
import { WireClient } from "../../../test-support/wire-client.js";

describe("ListGroups over the wire", () => {
  const start = useKafkaListener();

  it("lists groups with their state from v4 and their type from v5, filtering by state and type as Kafka does", async () => {
    const { port, broker, groups } = await start();
    await broker.createTopic({ name: "orders", partitions: 1 });
    await groups.joinAndSync({ groupId: "stable", memberId: "", clientId: "c", clientHost: "/127.0.0.1", sessionTimeoutMs: 30_000, topics: ["orders"] });
    const client = await WireClient.connect(port);
    const list = async (version: number, filters: { statesFilter?: string[]; typesFilter?: string[] } = {}) => {
      const response = await client.request(ApiKey.ListGroups, version, { statesFilter: [], typesFilter: [], ...filters });
      expect(response.errorCode).toBe(0);
      return response.groups.map((g: { groupId: string; protocolType: string; groupState: string; groupType: string }) => [g.groupId, g.protocolType, g.groupState, g.groupType]);
    };

    expect(await list(3)).toEqual([["stable", "consumer", "", ""]]);
    expect(await list(4)).toEqual([["stable", "consumer", "Stable", ""]]);
    expect(await list(5)).toEqual([["stable", "consumer", "Stable", "classic"]]);
    // kafka-consumer-groups --list asks for [consumer, classic]; kafka-groups --list --consumer likewise.
    expect(await list(5, { typesFilter: ["consumer", "classic"] })).toEqual([["stable", "consumer", "Stable", "classic"]]);
    expect(await list(5, { typesFilter: ["CLASSIC"] })).toHaveLength(1);
    expect(await list(5, { typesFilter: ["consumer"] })).toEqual([]);
    expect(await list(5, { typesFilter: ["share"] })).toEqual([]);
    expect(await list(5, { typesFilter: ["classic"], statesFilter: ["empty"] })).toEqual([]);
    expect(await list(5, { typesFilter: ["classic"], statesFilter: ["STABLE"] })).toHaveLength(1);
    client.close();
  });
});
