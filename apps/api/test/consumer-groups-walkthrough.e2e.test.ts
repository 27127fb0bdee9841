import { afterEach, beforeEach, expect, it } from "vitest";
import { createTestDatabase, describeEachProvider, type TestDatabase } from "./support/databases.js";
import { startListeningService, type ListeningService } from "./support/listening-service.js";
import { eventually, RestConsumer, type V2Record } from "./support/rest-consumer.js";

/**
 * The "Must show" walk-through over REST, against the real service: group order shares first_topic, a
 * fourth member idles, group product reads everything then only what is new, order's lag, resets to earliest and
 * by -2, and committed offsets that outlive a restart.
 */
describeEachProvider("the consumer-group walk-through over REST", (provider) => {
  let db: TestDatabase;
  let service: ListeningService | null = null;

  beforeEach(async () => {
    db = await createTestDatabase(provider);
    service = await startListeningService(db);
  });

  afterEach(async () => {
    await service?.stop();
    service = null;
    await db.drop();
  });

  async function produce(from: number, count: number): Promise<void> {
    await service!.engine.broker.produce(
      "first_topic",
      Array.from({ length: count }, (_, i) => ({ partition: (from + i) % 3, key: Buffer.from(JSON.stringify(`k${from + i}`)), value: Buffer.from(JSON.stringify({ n: from + i })) })),
    );
  }

  const values = (records: V2Record[]) => records.map((r) => (r.value as { n: number }).n).sort((a, b) => a - b);
  const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);
  const groupPath = (group: string) => `/v3/clusters/${service!.clusterId}/consumer-groups/${group}`;

  async function lags(group: string): Promise<[number, number, number, number][]> {
    const answer = await service!.client.call("GET", `${groupPath(group)}/lags`);
    expect(answer.status).toBe(200);
    return answer.body.data.map((l: any) => [l.partition_id, l.current_offset, l.log_end_offset, l.lag]).sort((a: number[], b: number[]) => a[0]! - b[0]!);
  }

  async function reset(group: string, strategy: string, value?: unknown, dryRun = false) {
    return service!.client.call("POST", `${groupPath(group)}/offsets:reset`, { body: { strategy, value, dry_run: dryRun }, contentType: "application/json" });
  }

  it("shares, idles, replays, shows lag and keeps committed offsets across a restart", async () => {
    const client = service!.client;
    await service!.engine.broker.createTopic({ name: "first_topic", partitions: 3 });

    // two consumers in group order share first_topic: each record reaches exactly one of them
    const a = await RestConsumer.create(client, "order", "a", { "auto.offset.reset": "earliest" });
    const b = await RestConsumer.create(client, "order", "b", { "auto.offset.reset": "earliest" });
    await a.subscribe(["first_topic"]);
    await b.subscribe(["first_topic"]);
    await eventually(
      async () => [await a.partitions(), await b.partitions()],
      ([pa, pb]) => pa!.length > 0 && pb!.length > 0 && pa!.length + pb!.length === 3,
    );
    expect([...(await a.partitions()), ...(await b.partitions())].sort()).toEqual([0, 1, 2]);

    await produce(0, 30);
    const read = { a: [] as V2Record[], b: [] as V2Record[] };
    await eventually(
      async () => {
        read.a.push(...(await a.read(100)));
        read.b.push(...(await b.read(100)));
        return read.a.length + read.b.length;
      },
      (n) => n >= 30,
    );
    expect(values([...read.a, ...read.b])).toEqual(range(0, 30));
    expect(read.a.length).toBeGreaterThan(0);
    expect(read.b.length).toBeGreaterThan(0);
    expect(new Set(read.a.map((r) => r.partition)).size + new Set(read.b.map((r) => r.partition)).size).toBe(3);
    const committedByA = await a.commit();
    expect(committedByA.length).toBeGreaterThan(0);
    expect(committedByA.every((o: any) => o.committed === o.consumed + 1)).toBe(true);
    await b.commit();

    // a third and a fourth member: three partitions, so one of the four idles until another leaves
    const c = await RestConsumer.create(client, "order", "c");
    const d = await RestConsumer.create(client, "order", "d");
    await c.subscribe(["first_topic"]);
    await d.subscribe(["first_topic"]);
    const members = [a, b, c, d];
    const counts = await eventually(
      async () => Promise.all(members.map(async (m) => (await m.partitions()).length)),
      (sizes) => [...sizes].sort().join() === "0,1,1,1",
    );
    const idle = members[counts.indexOf(0)]!;
    const leaving = members[counts.indexOf(1)]!;
    await leaving.delete();
    const stay = members.filter((m) => m !== leaving);
    await eventually(
      async () => Promise.all(stay.map((m) => m.partitions())),
      (assigned) => assigned.every((p) => p.length === 1) && assigned.flat().sort().join() === "0,1,2",
    );
    expect(await idle.partitions()).toHaveLength(1);

    const consumers = await client.call("GET", `${groupPath("order")}/consumers`);
    expect(consumers.body.data).toHaveLength(3);
    // Each member's client id and host, as kafka-consumer-groups --describe --members prints them.
    for (const consumer of consumers.body.data) expect(consumer).toMatchObject({ client_id: expect.any(String), client_host: expect.stringMatching(/^\/(127\.0\.0\.1|::1|::ffff:127\.0\.0\.1)$/) });
    const group = await client.call("GET", groupPath("order"));
    expect(group.body).toMatchObject({ kind: "KafkaConsumerGroup", consumer_group_id: "order", is_simple: false, partition_assignor: "range", state: "STABLE" });

    // group product from the beginning gets every record; a second run only the new ones
    const p1 = await RestConsumer.create(client, "product", "p1", { "auto.offset.reset": "earliest" });
    await p1.subscribe(["first_topic"]);
    expect(values(await p1.readExactly(30))).toEqual(range(0, 30));
    await p1.delete();
    await produce(30, 6);
    const p2 = await RestConsumer.create(client, "product", "p2", { "auto.offset.reset": "earliest" });
    await p2.subscribe(["first_topic"]);
    expect(values(await p2.readExactly(6))).toEqual(range(30, 36));

    // describing order: CURRENT-OFFSET, LOG-END-OFFSET and LAG per partition (it has not read the last six)
    expect(await lags("order")).toEqual([
      [0, 10, 12, 2],
      [1, 10, 12, 2],
      [2, 10, 12, 2],
    ]);
    const summary = await client.call("GET", `${groupPath("order")}/lag-summary`);
    expect(summary.body).toMatchObject({ kind: "KafkaConsumerGroupLagSummary", max_lag: 2, total_lag: 6, max_lag_topic_name: "first_topic", max_lag_partition_id: 0 });

    // a reset is refused while product has a member (a dry run shows the plan); after it leaves, to-earliest replays everything
    const refused = await reset("product", "to-earliest");
    expect(refused.status).toBe(409);
    expect(refused.body).toEqual({ error_code: 40903, message: expect.stringContaining("Assignments can only be reset if the group 'product' is inactive") });
    const plan = await reset("product", "to-earliest", undefined, true);
    expect(plan.status).toBe(200);
    expect(plan.body.data).toEqual(range(0, 3).map((p) => ({ topic_name: "first_topic", partition_id: p, current_offset: 12, new_offset: 0 })));
    await p2.delete();
    expect((await reset("product", "to-earliest")).body).toMatchObject({ kind: "SkeinOffsetResetPlan", dry_run: false });
    const p3 = await RestConsumer.create(client, "product", "p3", { "auto.offset.reset": "earliest" });
    await p3.subscribe(["first_topic"]);
    expect(values(await p3.readExactly(36))).toEqual(range(0, 36));
    await p3.delete();

    // shift-by -2 replays exactly two records per partition: the last two of each
    const shifted = await reset("product", "shift-by", -2);
    expect(shifted.body.data.map((e: any) => [e.partition_id, e.current_offset, e.new_offset])).toEqual([
      [0, 12, 10],
      [1, 12, 10],
      [2, 12, 10],
    ]);
    const p4 = await RestConsumer.create(client, "product", "p4", { "auto.offset.reset": "earliest" });
    await p4.subscribe(["first_topic"]);
    const replayed = await p4.readExactly(6);
    expect(replayed.map((r) => [r.partition, r.offset]).sort()).toEqual([
      [0, 10],
      [0, 11],
      [1, 10],
      [1, 11],
      [2, 10],
      [2, 11],
    ]);
    expect(values(replayed)).toEqual(range(30, 36));
    await p4.delete();

    // every committed offset survives a restart of the service
    const before = { order: await lags("order"), product: await lags("product") };
    expect(before.product).toEqual(range(0, 3).map((p) => [p, 12, 12, 0]));
    await service!.stop();
    service = await startListeningService(db);
    expect(await lags("order")).toEqual(before.order);
    expect(await lags("product")).toEqual(before.product);
    // the order members from before the restart still exist as REST instances and read on from the committed offsets
    const again = new RestConsumer(service.client, "order", idle.name);
    await eventually(() => again.partitions(), (p) => p.length > 0);
  });
});
