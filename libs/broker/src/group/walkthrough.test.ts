import { afterEach, describe, expect, it } from "vitest";
import { GroupFixture } from "../test-support/group-fixtures.js";
import { useTempDirs } from "../test-support/temp-dir.js";
import type { ConsumerJoinRequest, ConsumerJoinResult } from "./group-coordinator.js";
import { describeGroupLag } from "./lag.js";
import { resetOffsets } from "./offset-reset.js";
import { resolveStartOffset, type AutoOffsetReset } from "./start-offset.js";

const tempDir = useTempDirs();
const fixtures: GroupFixture[] = [];
afterEach(async () => {
  for (const f of fixtures.splice(0)) await f.close();
});

/** A server-side consumer: joins with a subscription, reads its partitions from its start offsets, commits. */
class TestConsumer {
  member: ConsumerJoinResult | undefined;
  constructor(
    private readonly fixture: GroupFixture,
    private readonly groupId: string,
    private readonly autoOffsetReset: AutoOffsetReset = "latest",
  ) {}

  private get request(): ConsumerJoinRequest {
    return { groupId: this.groupId, memberId: this.member?.memberId ?? "", clientId: "walkthrough", clientHost: "/127.0.0.1", sessionTimeoutMs: 10_000, topics: ["first_topic"] };
  }

  /** Starts a join; resolves once the group has rebalanced. */
  async join(): Promise<this> {
    this.member = await this.fixture.coordinator.joinAndSync(this.request);
    return this;
  }

  get partitions(): number[] {
    return this.member!.assignment.flatMap((tp) => tp.partitions);
  }

  /** Reads everything available on its partitions and commits the next offsets. */
  async poll(): Promise<string[]> {
    const { broker, coordinator } = this.fixture;
    const values: string[] = [];
    const offsets = [];
    for (const partition of this.partitions) {
      const committed = coordinator.fetchOffsets(this.groupId, [{ topic: "first_topic", partitions: [partition] }])[0]!.offset;
      let position = resolveStartOffset(broker, "first_topic", partition, committed >= 0 ? committed : undefined, this.autoOffsetReset);
      for (;;) {
        const { records, highWatermark } = await broker.fetch("first_topic", partition, position);
        for (const r of records) values.push(r.value!.toString());
        if (records.length > 0) position = records[records.length - 1]!.offset + 1;
        if (records.length === 0 || position >= highWatermark) break;
      }
      offsets.push({ topic: "first_topic", partition, offset: position });
    }
    await coordinator.commitOffsets({ groupId: this.groupId, generationId: this.member!.generationId, memberId: this.member!.memberId, offsets });
    return values;
  }

  leave(): void {
    this.fixture.coordinator.leaveGroup({ groupId: this.groupId, members: [{ memberId: this.member!.memberId }] });
    this.member = undefined;
  }
}

/** Every member rejoins (as each would after its heartbeat says REBALANCE_IN_PROGRESS). */
async function rebalance(consumers: TestConsumer[]): Promise<void> {
  await Promise.all(consumers.map((c) => c.join()));
}

async function produce(fixture: GroupFixture, from: number, count: number): Promise<void> {
  await fixture.broker.produce(
    "first_topic",
    Array.from({ length: count }, (_, i) => ({ partition: (from + i) % 3, value: Buffer.from(`r${from + i}`) })),
  );
}

describe("the consumer-group walk-through, in the engine", () => {
  it("shares first_topic inside group order, reads everything in group product, shows lag, resets, survives restarts", async () => {
    const fixture = await GroupFixture.open(tempDir());
    fixtures.push(fixture);
    await fixture.broker.createTopic({ name: "first_topic", partitions: 3 });

    // two members of order share the three partitions: each partition to exactly one
    const a = new TestConsumer(fixture, "order");
    const b = new TestConsumer(fixture, "order");
    await a.join();
    const bJoined = b.join();
    await rebalance([a]);
    await bJoined;
    expect([...a.partitions, ...b.partitions].sort()).toEqual([0, 1, 2]);
    expect(a.partitions.filter((p) => b.partitions.includes(p))).toEqual([]);
    expect(await a.poll()).toEqual([]);
    expect(await b.poll()).toEqual([]);

    await produce(fixture, 0, 9);
    const readByA = await a.poll();
    const readByB = await b.poll();
    expect([...readByA, ...readByB].sort()).toEqual(Array.from({ length: 9 }, (_, i) => `r${i}`).sort());
    expect(readByA.filter((v) => readByB.includes(v))).toEqual([]);

    // with four members for three partitions, one is idle until another leaves
    const c = new TestConsumer(fixture, "order");
    const d = new TestConsumer(fixture, "order");
    const joining = Promise.all([c.join(), d.join()]);
    await rebalance([a, b]);
    await joining;
    const all = [a, b, c, d];
    expect(all.map((m) => m.partitions.length).sort()).toEqual([0, 1, 1, 1]);
    const idle = all.find((m) => m.partitions.length === 0)!;
    const busy = all.find((m) => m.partitions.length === 1)!;
    busy.leave();
    await rebalance(all.filter((m) => m !== busy));
    expect(idle.partitions).toHaveLength(1);
    expect(all.filter((m) => m !== busy).flatMap((m) => m.partitions).sort()).toEqual([0, 1, 2]);

    // group product reading from the beginning gets every record; its second run only new ones
    const product = new TestConsumer(fixture, "product", "earliest");
    await product.join();
    expect((await product.poll()).sort()).toEqual(Array.from({ length: 9 }, (_, i) => `r${i}`).sort());
    await produce(fixture, 9, 3);
    expect((await product.poll()).sort()).toEqual(["r10", "r11", "r9"]);

    // describing order: CURRENT-OFFSET, LOG-END-OFFSET and LAG per partition (order has not read r9..r11)
    const lag = describeGroupLag(fixture.broker, fixture.coordinator, "order");
    expect(lag.topics[0]!.partitions.map((p) => [p.partition, p.currentOffset, p.logEndOffset, p.lag])).toEqual([
      [0, 3, 4, 1],
      [1, 3, 4, 1],
      [2, 3, 4, 1],
    ]);
    expect(lag.totalLag).toBe(3);

    // resetting product (once it stopped) to earliest replays everything; shift-by -2 replays two per partition
    product.leave();
    await resetOffsets(fixture.broker, fixture.coordinator, { groupId: "product", strategy: { type: "to-earliest" }, dryRun: false });
    const replay = new TestConsumer(fixture, "product", "earliest");
    await replay.join();
    expect(await replay.poll()).toHaveLength(12);
    replay.leave();
    await resetOffsets(fixture.broker, fixture.coordinator, { groupId: "product", strategy: { type: "shift-by", shift: -2 }, dryRun: false });
    await replay.join();
    expect((await replay.poll()).sort()).toEqual(["r10", "r11", "r6", "r7", "r8", "r9"]);

    // every committed offset survives a restart
    const before = { order: fixture.coordinator.fetchOffsets("order"), product: fixture.coordinator.fetchOffsets("product") };
    await fixture.restart();
    expect(fixture.coordinator.fetchOffsets("order")).toEqual(before.order);
    expect(fixture.coordinator.fetchOffsets("product")).toEqual(before.product);
    const afterRestart = new TestConsumer(fixture, "product", "earliest");
    fixture.advance(10_000); // the members from before the restart expire, as Kafka's would
    await afterRestart.join();
    expect(await afterRestart.poll()).toEqual([]);
  });
});
