import { afterEach, describe, expect, it } from "vitest";
import { GroupIdNotFoundError, InvalidRequestError, NonEmptyGroupError, OffsetOutOfRangeError, UnknownTopicOrPartitionError } from "../errors.js";
import { GroupFixture } from "../test-support/group-fixtures.js";
import { useTempDirs } from "../test-support/temp-dir.js";
import { describeGroupLag } from "./lag.js";
import { resetOffsets, type OffsetResetStrategy } from "./offset-reset.js";
import { NoOffsetForPartitionError, resolveStartOffset } from "./start-offset.js";

const tempDir = useTempDirs();
const fixtures: GroupFixture[] = [];
afterEach(async () => {
  for (const f of fixtures.splice(0)) await f.close();
});

/** first_topic with 3 partitions holding 5, 3 and 0 records; record i of a partition is stamped now − 5 s + i s. */
async function open(): Promise<GroupFixture> {
  const fixture = await GroupFixture.open(tempDir());
  fixtures.push(fixture);
  await fixture.broker.createTopic({ name: "first_topic", partitions: 3 });
  const base = fixture.clock.now() - 5_000;
  const records = [
    ...Array.from({ length: 5 }, (_, i) => ({ partition: 0, timestamp: base + i * 1_000, value: Buffer.from(`p0-${i}`) })),
    ...Array.from({ length: 3 }, (_, i) => ({ partition: 1, timestamp: base + i * 1_000, value: Buffer.from(`p1-${i}`) })),
  ];
  await fixture.broker.produce("first_topic", records);
  return fixture;
}

const commit = (fixture: GroupFixture, groupId: string, offsets: [number, number][]) =>
  fixture.coordinator.commitOffsets({ groupId, offsets: offsets.map(([partition, offset]) => ({ topic: "first_topic", partition, offset })) });

describe("consumer group lag", () => {
  it("reports CURRENT-OFFSET, LOG-END-OFFSET and LAG per partition, with totals, for a group without members", async () => {
    const fixture = await open();
    await commit(fixture, "order", [
      [0, 2],
      [1, 3],
    ]);
    const lag = describeGroupLag(fixture.broker, fixture.coordinator, "order");
    expect(lag.state).toBe("Empty");
    expect(lag.topics).toHaveLength(1);
    expect(lag.topics[0]!.partitions.map((p) => [p.partition, p.currentOffset, p.logEndOffset, p.lag, p.consumerId])).toEqual([
      [0, 2, 5, 3, null],
      [1, 3, 3, 0, null],
    ]);
    expect(lag.topics[0]!.totalLag).toBe(3);
    expect(lag.totalLag).toBe(3);
    expect(lag.maxLag).toMatchObject({ topic: "first_topic", partition: 0, lag: 3 });
    expect(() => describeGroupLag(fixture.broker, fixture.coordinator, "nobody")).toThrow(GroupIdNotFoundError);
  });

  it("shows assigned partitions without a commit with an unknown lag, and who consumes each", async () => {
    const fixture = await open();
    const member = await fixture.coordinator.joinAndSync({ groupId: "order", memberId: "", clientId: "c1", clientHost: "/10.0.0.9", sessionTimeoutMs: 10_000, topics: ["first_topic"] });
    await fixture.coordinator.commitOffsets({ groupId: "order", generationId: 1, memberId: member.memberId, offsets: [{ topic: "first_topic", partition: 0, offset: 1 }] });
    const lag = describeGroupLag(fixture.broker, fixture.coordinator, "order");
    expect(lag.state).toBe("Stable");
    expect(lag.topics[0]!.partitions.map((p) => [p.partition, p.currentOffset, p.logEndOffset, p.lag, p.clientId, p.host])).toEqual([
      [0, 1, 5, 4, "c1", "/10.0.0.9"],
      [1, null, 3, null, "c1", "/10.0.0.9"],
      [2, null, 0, null, "c1", "/10.0.0.9"],
    ]);
    expect(lag.totalLag).toBe(4);
  });
});

describe("kafka-consumer-groups --reset-offsets", () => {
  const plan = async (fixture: GroupFixture, strategy: OffsetResetStrategy, topics?: { topic: string; partitions?: number[] }[]) =>
    (await resetOffsets(fixture.broker, fixture.coordinator, { groupId: "order", strategy, topics }, { clock: fixture.clock })).map((e) => [
      e.partition,
      e.currentOffset,
      e.newOffset,
    ]);

  it("plans every scenario without changing anything in a dry run", async () => {
    const fixture = await open();
    await commit(fixture, "order", [
      [0, 3],
      [1, 1],
    ]);
    expect(await plan(fixture, { type: "to-earliest" })).toEqual([
      [0, 3, 0],
      [1, 1, 0],
    ]);
    expect(await plan(fixture, { type: "to-latest" })).toEqual([
      [0, 3, 5],
      [1, 1, 3],
    ]);
    expect(await plan(fixture, { type: "to-current" }, [{ topic: "first_topic" }])).toEqual([
      [0, 3, 3],
      [1, 1, 1],
      [2, null, 0],
    ]);
    expect(await plan(fixture, { type: "to-offset", offset: 4 })).toEqual([
      [0, 3, 4],
      [1, 1, 3],
    ]);
    expect(await plan(fixture, { type: "shift-by", shift: -2 })).toEqual([
      [0, 3, 1],
      [1, 1, 0],
    ]);
    expect(await plan(fixture, { type: "shift-by", shift: 10 }, [{ topic: "first_topic", partitions: [1] }])).toEqual([[1, 1, 3]]);
    const start = fixture.clock.now() - 5_000;
    expect(await plan(fixture, { type: "to-datetime", datetime: new Date(start + 2_500).toISOString() })).toEqual([
      [0, 3, 3],
      [1, 1, 3],
    ]);
    expect(await plan(fixture, { type: "by-duration", duration: "PT4.5S" })).toEqual([
      [0, 3, 1],
      [1, 1, 1],
    ]);
    expect(await plan(fixture, { type: "by-duration", duration: "P1D" })).toEqual([
      [0, 3, 0],
      [1, 1, 0],
    ]);
    expect(fixture.coordinator.fetchOffsets("order").map((o) => o.offset)).toEqual([3, 1]);

    await expect(plan(fixture, { type: "shift-by", shift: -1 }, [{ topic: "first_topic", partitions: [2] }])).rejects.toThrow(
      "Cannot shift offset for partition first_topic-2 since there is no current committed offset",
    );
    await expect(plan(fixture, { type: "to-earliest" }, [{ topic: "first_topic", partitions: [7] }])).rejects.toThrow(UnknownTopicOrPartitionError);
    await expect(plan(fixture, { type: "by-duration", duration: "1 hour" })).rejects.toThrow(InvalidRequestError);
  });

  it("executes on an inactive group and refuses while members are active, with the tool's message", async () => {
    const fixture = await open();
    await commit(fixture, "order", [
      [0, 3],
      [1, 1],
    ]);
    const executed = await resetOffsets(fixture.broker, fixture.coordinator, { groupId: "order", strategy: { type: "shift-by", shift: -2 }, dryRun: false });
    expect(executed.map((e) => e.newOffset)).toEqual([1, 0]);
    expect(fixture.coordinator.fetchOffsets("order").map((o) => o.offset)).toEqual([1, 0]);

    await fixture.coordinator.joinAndSync({ groupId: "order", memberId: "", clientId: "c", clientHost: "/h", sessionTimeoutMs: 10_000, topics: ["first_topic"] });
    await expect(resetOffsets(fixture.broker, fixture.coordinator, { groupId: "order", strategy: { type: "to-earliest" }, dryRun: false })).rejects.toThrow(
      new NonEmptyGroupError("Assignments can only be reset if the group 'order' is inactive, but the current state is Stable."),
    );
    // a group that does not exist yet (Dead) can be given offsets
    const fresh = await resetOffsets(fixture.broker, fixture.coordinator, {
      groupId: "product",
      strategy: { type: "to-latest" },
      topics: [{ topic: "first_topic" }],
      dryRun: false,
    });
    expect(fresh.map((e) => e.newOffset)).toEqual([5, 3, 0]);
    expect(fixture.coordinator.groupState("product")).toBe("Empty");
  });
});

describe("auto.offset.reset", () => {
  it("starts at the committed offset while it is in the log, else where the policy says", async () => {
    const fixture = await open();
    const { broker } = fixture;
    expect(resolveStartOffset(broker, "first_topic", 0, 2, "none")).toBe(2);
    expect(resolveStartOffset(broker, "first_topic", 0, 5, "none")).toBe(5);
    expect(resolveStartOffset(broker, "first_topic", 0, undefined, "latest")).toBe(5);
    expect(resolveStartOffset(broker, "first_topic", 0, undefined, "earliest")).toBe(0);
    expect(resolveStartOffset(broker, "first_topic", 0, -1, "earliest")).toBe(0);
    expect(() => resolveStartOffset(broker, "first_topic", 0, undefined, "none")).toThrow(
      new NoOffsetForPartitionError("first_topic", 0),
    );
    expect(() => resolveStartOffset(broker, "first_topic", 0, undefined, "none")).toThrow("Undefined offset with no reset policy for partitions: [first_topic-0]");

    await broker.deleteRecords("first_topic", 0, 2);
    expect(resolveStartOffset(broker, "first_topic", 0, 1, "earliest")).toBe(2);
    expect(resolveStartOffset(broker, "first_topic", 0, 1, "latest")).toBe(5);
    expect(() => resolveStartOffset(broker, "first_topic", 0, 1, "none")).toThrow(OffsetOutOfRangeError);
    expect(resolveStartOffset(broker, "first_topic", 0, 9, "earliest")).toBe(2);
  });
});
