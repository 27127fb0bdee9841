import { afterEach, expect, it } from "vitest";
import { describeEachProvider } from "./support/databases.js";
import { startTestService, type TestService } from "./support/test-service.js";

const V2 = "application/vnd.kafka.v2+json";

describeEachProvider("a v2 consumer deleted while its first poll is joining the group", (provider) => {
  let service: TestService | undefined;
  afterEach(async () => {
    await service?.close();
    service = undefined;
  });

  it("leaves the group at once instead of lingering until its session times out", async () => {
    // The first join waits group.initial.rebalance.delay.ms: the DELETE lands inside that window.
    service = await startTestService(provider, { brokerConfig: { "group.initial.rebalance.delay.ms": "1000" } });
    await service.engine.broker.createTopic({ name: "t", partitions: 2 });
    const http = () => service!.http();
    const created = await http().post("/consumers/g").set("content-type", V2).send({ name: "c1", format: "binary" }).expect(200);
    const instance = new URL(created.body.base_uri).pathname;
    await http().post(`${instance}/subscription`).set("content-type", V2).send({ topics: ["t"] }).expect(204);

    const poll = http().get(`${instance}/records?timeout=3000`).set("accept", "application/vnd.kafka.binary.v2+json").then((r) => r.status, () => 0);
    await new Promise((resolve) => setTimeout(resolve, 200));
    await http().delete(instance).expect(204);
    await poll;

    const deadline = Date.now() + 3000;
    while (Date.now() < deadline && service.engine.groups.describeGroup("g").members.length > 0) await new Promise((resolve) => setTimeout(resolve, 50));
    const group = service.engine.groups.describeGroup("g");
    expect(group.members).toEqual([]);
    expect(group.state).toBe("Empty");
  });
});
