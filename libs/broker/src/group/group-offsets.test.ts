import { afterEach, describe, expect, it } from "vitest";
import {
  GroupIdNotFoundError,
  GroupSubscribedToTopicError,
  IllegalGenerationError,
  NonEmptyGroupError,
  RebalanceInProgressError,
  UnknownMemberIdError,
  UnknownTopicOrPartitionError,
} from "../errors.js";
import { GroupFixture } from "../test-support/group-fixtures.js";
import { useTempDirs } from "../test-support/temp-dir.js";
import { decodeOffsetsKey } from "./offsets-records.js";
import { OFFSETS_TOPIC } from "./offsets-topic.js";

const tempDir = useTempDirs();
const fixtures: GroupFixture[] = [];
afterEach(async () => {
  for (const f of fixtures.splice(0)) await f.close();
});

async function open(brokerConfig: Record<string, string> = {}): Promise<GroupFixture> {
  const fixture = await GroupFixture.open(tempDir(), brokerConfig);
  fixtures.push(fixture);
  await fixture.broker.createTopic({ name: "first_topic", partitions: 3 });
  await fixture.broker.createTopic({ name: "other", partitions: 1 });
  return fixture;
}

const consumer = { groupId: "order", clientId: "rest", clientHost: "/h", sessionTimeoutMs: 10_000, topics: ["first_topic"] };

/** Every record in the group's __consumer_offsets partition, decoded to "key → value|tombstone". */
async function offsetsLog(fixture: GroupFixture, groupId: string): Promise<string[]> {
  const partition = fixture.coordinator.partitionFor(groupId);
  const { records } = await fixture.broker.fetch(OFFSETS_TOPIC, partition, 0);
  return records.map((r) => {
    const key = decodeOffsetsKey(r.key!);
    const name = key.type === "offsetCommit" ? `${key.group}/${key.topic}-${key.partition}` : key.type === "groupMetadata" ? `group ${key.group}` : "?";
    return `${name} ${r.value === null ? "tombstone" : "value"}`;
  });
}

describe("GroupCoordinator: committed offsets in __consumer_offsets", () => {
  it("creates __consumer_offsets as Kafka configures it", async () => {
    const fixture = await open();
    const topic = fixture.broker.describeTopic(OFFSETS_TOPIC);
    expect(topic.internal).toBe(true);
    expect(topic.partitions).toHaveLength(5);
    expect(topic.configs).toEqual({ "cleanup.policy": "compact", "segment.bytes": "104857600" });
  });

  it("commits and fetches offsets with metadata; unknown partitions fail alone", async () => {
    const fixture = await open();
    const { coordinator } = fixture;
    const results = await coordinator.commitOffsets({
      groupId: "simple",
      offsets: [
        { topic: "first_topic", partition: 0, offset: 5, metadata: "m", leaderEpoch: 0 },
        { topic: "first_topic", partition: 9, offset: 1 },
        { topic: "missing", partition: 0, offset: 1 },
      ],
    });
    expect(results.map((r) => r.error?.constructor)).toEqual([undefined, UnknownTopicOrPartitionError, UnknownTopicOrPartitionError]);
    expect(coordinator.fetchOffsets("simple")).toEqual([{ topic: "first_topic", partition: 0, offset: 5, leaderEpoch: 0, metadata: "m" }]);
    expect(coordinator.fetchOffsets("simple", [{ topic: "first_topic", partitions: [0, 1] }])).toEqual([
      { topic: "first_topic", partition: 0, offset: 5, leaderEpoch: 0, metadata: "m" },
      { topic: "first_topic", partition: 1, offset: -1, leaderEpoch: -1, metadata: "" },
    ]);
    expect(coordinator.committedOffsets("simple")[0]!.commitTimestamp).toBe(fixture.clock.now());
    expect(coordinator.fetchOffsets("nobody")).toEqual([]);
    expect(await offsetsLog(fixture, "simple")).toEqual(["simple/first_topic-0 value"]);
  });

  it("checks the member and generation of commits from group members", async () => {
    const { coordinator } = await open();
    const a = await coordinator.joinAndSync({ ...consumer, memberId: "" });
    const offsets = [{ topic: "first_topic", partition: 0, offset: 3 }];
    await coordinator.commitOffsets({ groupId: "order", generationId: a.generationId, memberId: a.memberId, offsets });
    await expect(coordinator.commitOffsets({ groupId: "order", generationId: 0, memberId: a.memberId, offsets })).rejects.toThrow(IllegalGenerationError);
    await expect(coordinator.commitOffsets({ groupId: "order", generationId: 1, memberId: "ghost", offsets })).rejects.toThrow(UnknownMemberIdError);
    await expect(coordinator.commitOffsets({ groupId: "order", offsets })).rejects.toThrow(UnknownMemberIdError);
    await expect(coordinator.commitOffsets({ groupId: "nobody", generationId: 3, memberId: "x", offsets })).rejects.toThrow(IllegalGenerationError);

    void coordinator.joinGroup({
      groupId: "order",
      memberId: "",
      clientId: "other",
      clientHost: "/h",
      protocolType: "consumer",
      protocols: [{ name: "range", metadata: Buffer.alloc(0) }],
      sessionTimeoutMs: 10_000,
    }).catch(() => undefined);
    expect(coordinator.groupState("order")).toBe("PreparingRebalance");
    // PreparingRebalance still accepts the current generation's commits
    await coordinator.commitOffsets({ groupId: "order", generationId: 1, memberId: a.memberId, offsets });
    expect(coordinator.fetchOffsets("order")[0]!.offset).toBe(3);
  });

  it("refuses commits while the rebalance is completing", async () => {
    const { coordinator } = await open();
    const joined = await coordinator.joinGroup({
      groupId: "order",
      memberId: "",
      clientId: "c",
      clientHost: "/h",
      protocolType: "consumer",
      protocols: [{ name: "range", metadata: Buffer.alloc(0) }],
      sessionTimeoutMs: 10_000,
    });
    await expect(
      coordinator.commitOffsets({ groupId: "order", generationId: 1, memberId: joined.memberId, offsets: [{ topic: "first_topic", partition: 0, offset: 1 }] }),
    ).rejects.toThrow(RebalanceInProgressError);
  });

  it("rebuilds offsets and groups from __consumer_offsets after a restart", async () => {
    const fixture = await open();
    const a = await fixture.coordinator.joinAndSync({ ...consumer, memberId: "" });
    await fixture.coordinator.commitOffsets({
      groupId: "order",
      generationId: a.generationId,
      memberId: a.memberId,
      offsets: [
        { topic: "first_topic", partition: 0, offset: 1 },
        { topic: "first_topic", partition: 1, offset: 2, metadata: "meta" },
      ],
    });
    await fixture.coordinator.commitOffsets({ groupId: "order", generationId: 1, memberId: a.memberId, offsets: [{ topic: "first_topic", partition: 0, offset: 4 }] });
    await fixture.coordinator.commitOffsets({ groupId: "simple", offsets: [{ topic: "other", partition: 0, offset: 9 }] });
    await fixture.coordinator.deleteOffsets("simple", [{ topic: "other", partitions: [0] }]);
    await fixture.coordinator.commitOffsets({ groupId: "simple2", offsets: [{ topic: "other", partition: 0, offset: 7 }] });

    await fixture.restart();
    const { coordinator } = fixture;
    expect(coordinator.fetchOffsets("order")).toEqual([
      { topic: "first_topic", partition: 0, offset: 4, leaderEpoch: -1, metadata: "" },
      { topic: "first_topic", partition: 1, offset: 2, leaderEpoch: -1, metadata: "meta" },
    ]);
    expect(coordinator.fetchOffsets("simple")).toEqual([]);
    expect(coordinator.fetchOffsets("simple2")[0]!.offset).toBe(7);
    // the group comes back Stable with its member, which then expires without heartbeats (as in Kafka)
    const description = coordinator.describeGroup("order");
    expect(description).toMatchObject({ state: "Stable", generationId: 1, protocol: "range", leader: a.memberId });
    expect(description.members[0]!.assignedPartitions).toEqual([{ topic: "first_topic", partitions: [0, 1, 2] }]);
    fixture.advance(10_000);
    expect(coordinator.describeGroup("order")).toMatchObject({ state: "Empty", generationId: 2, members: [] });
    expect(coordinator.listGroups().map((g) => `${g.groupId}:${g.state}`)).toEqual(["order:Empty", "simple2:Empty"]);

    await fixture.restart();
    expect(fixture.coordinator.describeGroup("order")).toMatchObject({ state: "Empty", generationId: 2, protocolType: "consumer" });
  });

  it("expires the offsets of a group that stays empty for offsets.retention.minutes", async () => {
    const fixture = await open({ "offsets.retention.minutes": "60" });
    const { coordinator } = fixture;
    await coordinator.commitOffsets({ groupId: "old", offsets: [{ topic: "other", partition: 0, offset: 1 }] });
    fixture.advance(30 * 60_000);
    await coordinator.commitOffsets({ groupId: "recent", offsets: [{ topic: "other", partition: 0, offset: 2 }] });
    expect(await coordinator.expireOffsets()).toBe(0);
    fixture.clock.advance(30 * 60_000);
    expect(await coordinator.expireOffsets()).toBe(1);
    expect(coordinator.listGroups().map((g) => g.groupId)).toEqual(["recent"]);
    expect(await offsetsLog(fixture, "old")).toEqual(expect.arrayContaining(["old/other-0 value", "old/other-0 tombstone", "group old tombstone"]));

    // a consumer group's offsets count from the moment it became empty
    const a = await coordinator.joinAndSync({ ...consumer, groupId: "g", memberId: "" });
    await coordinator.commitOffsets({ groupId: "g", generationId: 1, memberId: a.memberId, offsets: [{ topic: "first_topic", partition: 0, offset: 1 }] });
    fixture.clock.advance(90 * 60_000);
    coordinator.heartbeat({ groupId: "g", generationId: 1, memberId: a.memberId });
    expect(await coordinator.expireOffsets()).toBe(1); // "recent" only: g is Stable and subscribed
    coordinator.leaveGroup({ groupId: "g", members: [{ memberId: a.memberId }] });
    fixture.clock.advance(59 * 60_000);
    expect(await coordinator.expireOffsets()).toBe(0);
    fixture.clock.advance(60_000);
    expect(await coordinator.expireOffsets()).toBe(1);

    await fixture.restart();
    expect(fixture.coordinator.listGroups()).toEqual([]);
  });

  it("runs the expiry check from tick() every offsetsRetentionCheckIntervalMs", async () => {
    const fixture = await GroupFixture.open(tempDir(), { "offsets.retention.minutes": "1" }, { offsetsRetentionCheckIntervalMs: 10_000 });
    fixtures.push(fixture);
    await fixture.broker.createTopic({ name: "other", partitions: 1 });
    await fixture.coordinator.commitOffsets({ groupId: "old", offsets: [{ topic: "other", partition: 0, offset: 1 }] });
    fixture.advance(60_000);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(fixture.coordinator.fetchOffsets("old")).toEqual([]);
  });

  it("deletes only empty groups, writing tombstones", async () => {
    const fixture = await open();
    const { coordinator } = fixture;
    const a = await coordinator.joinAndSync({ ...consumer, memberId: "" });
    await coordinator.commitOffsets({ groupId: "order", generationId: 1, memberId: a.memberId, offsets: [{ topic: "first_topic", partition: 0, offset: 1 }] });
    const [busy, unknown] = await coordinator.deleteGroups(["order", "nobody"]);
    expect(busy!.error).toBeInstanceOf(NonEmptyGroupError);
    expect(unknown!.error).toBeInstanceOf(GroupIdNotFoundError);
    coordinator.leaveGroup({ groupId: "order", members: [{ memberId: a.memberId }] });
    expect(await coordinator.deleteGroups(["order"])).toEqual([{ groupId: "order", error: null }]);
    expect(coordinator.groupState("order")).toBe("Dead");
    expect(coordinator.fetchOffsets("order")).toEqual([]);
    await fixture.restart();
    expect(fixture.coordinator.groupState("order")).toBe("Dead");
    expect(fixture.coordinator.fetchOffsets("order")).toEqual([]);
  });

  it("deletes a group's offsets for a topic, except topics live members subscribe to", async () => {
    const fixture = await open();
    const { coordinator } = fixture;
    const a = await coordinator.joinAndSync({ ...consumer, memberId: "" });
    await coordinator.commitOffsets({
      groupId: "order",
      generationId: 1,
      memberId: a.memberId,
      offsets: [
        { topic: "first_topic", partition: 0, offset: 1 },
        { topic: "other", partition: 0, offset: 1 },
      ],
    });
    const results = await coordinator.deleteOffsets("order", [{ topic: "first_topic", partitions: [0] }, { topic: "other" }]);
    expect(results[0]!.error).toBeInstanceOf(GroupSubscribedToTopicError);
    expect(results[1]).toEqual({ topic: "other", partition: 0, error: null });
    expect(coordinator.fetchOffsets("order").map((o) => o.topic)).toEqual(["first_topic"]);
    await expect(coordinator.deleteOffsets("nobody", [])).rejects.toThrow(GroupIdNotFoundError);
    await fixture.restart();
    expect(fixture.coordinator.fetchOffsets("order").map((o) => o.topic)).toEqual(["first_topic"]);
  });
});
