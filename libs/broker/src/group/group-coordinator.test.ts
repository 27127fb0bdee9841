import { afterEach, describe, expect, it } from "vitest";
import {
  CoordinatorNotAvailableError,
  IllegalGenerationError,
  InconsistentGroupProtocolError,
  InvalidGroupIdError,
  InvalidSessionTimeoutError,
  MemberIdRequiredError,
  RebalanceInProgressError,
  UnknownMemberIdError,
} from "../errors.js";
import { GroupFixture } from "../test-support/group-fixtures.js";
import { useTempDirs } from "../test-support/temp-dir.js";
import { decodeAssignment, encodeAssignment, encodeSubscription } from "./consumer-protocol.js";
import type { GroupStateChange } from "./group-coordinator.js";
import type { JoinGroupRequest } from "./group-types.js";

const tempDir = useTempDirs();
const fixtures: GroupFixture[] = [];
afterEach(async () => {
  for (const f of fixtures.splice(0)) await f.close();
});

async function open(brokerConfig: Record<string, string> = {}): Promise<GroupFixture> {
  const fixture = await GroupFixture.open(tempDir(), brokerConfig);
  fixtures.push(fixture);
  await fixture.broker.createTopic({ name: "first_topic", partitions: 3 });
  return fixture;
}

const subscription = encodeSubscription({ topics: ["first_topic"] });
const join = (memberId = "", extra: Partial<JoinGroupRequest> = {}): JoinGroupRequest => ({
  groupId: "order",
  memberId,
  clientId: "client",
  clientHost: "/127.0.0.1",
  protocolType: "consumer",
  protocols: [{ name: "range", metadata: subscription }],
  sessionTimeoutMs: 10_000,
  rebalanceTimeoutMs: 20_000,
  ...extra,
});
const assignmentOf = (partitions: number[]) => encodeAssignment({ partitions: [{ topic: "first_topic", partitions }] });

describe("GroupCoordinator: the classic join/sync protocol", () => {
  it("runs Empty → PreparingRebalance → CompletingRebalance → Stable, bumping the generation per rebalance", async () => {
    const { coordinator } = await open();
    const changes: GroupStateChange[] = [];
    coordinator.on("groupStateChange", (c) => changes.push(c));

    const first = await coordinator.joinGroup(join());
    expect(first).toMatchObject({ generationId: 1, protocolType: "consumer", protocolName: "range", memberId: "client-uuid-1", leader: "client-uuid-1" });
    expect(first.members).toEqual([{ memberId: "client-uuid-1", groupInstanceId: null, metadata: subscription }]);
    expect(coordinator.groupState("order")).toBe("CompletingRebalance");
    const synced = await coordinator.syncGroup({ groupId: "order", generationId: 1, memberId: first.memberId, assignments: [{ memberId: first.memberId, assignment: assignmentOf([0, 1, 2]) }] });
    expect(decodeAssignment(synced.assignment).partitions).toEqual([{ topic: "first_topic", partitions: [0, 1, 2] }]);
    expect(coordinator.groupState("order")).toBe("Stable");

    // a second member starts a rebalance; the first learns it from its heartbeat and rejoins
    const secondJoin = coordinator.joinGroup(join());
    expect(coordinator.groupState("order")).toBe("PreparingRebalance");
    expect(() => coordinator.heartbeat({ groupId: "order", generationId: 1, memberId: first.memberId })).toThrow(RebalanceInProgressError);
    const [leader, follower] = await Promise.all([coordinator.joinGroup(join(first.memberId)), secondJoin]);
    expect(leader.generationId).toBe(2);
    expect(leader.leader).toBe(first.memberId);
    expect(leader.members.map((m) => m.memberId)).toEqual([first.memberId, "client-uuid-2"]);
    expect(follower.members).toEqual([]);

    // the follower's sync waits for the leader's
    let followerAssignment: Buffer | undefined;
    const followerSync = coordinator.syncGroup({ groupId: "order", generationId: 2, memberId: follower.memberId, assignments: [] }).then((r) => (followerAssignment = r.assignment));
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(followerAssignment).toBeUndefined();
    await coordinator.syncGroup({
      groupId: "order",
      generationId: 2,
      memberId: leader.memberId,
      assignments: [
        { memberId: leader.memberId, assignment: assignmentOf([0, 1]) },
        { memberId: follower.memberId, assignment: assignmentOf([2]) },
      ],
    });
    await followerSync;
    expect(decodeAssignment(followerAssignment!).partitions).toEqual([{ topic: "first_topic", partitions: [2] }]);
    coordinator.heartbeat({ groupId: "order", generationId: 2, memberId: follower.memberId });

    await Promise.resolve();
    expect(changes.map((c) => `${c.state}@${c.generationId}`)).toEqual([
      "PreparingRebalance@0",
      "CompletingRebalance@1",
      "Stable@1",
      "PreparingRebalance@1",
      "CompletingRebalance@2",
      "Stable@2",
    ]);
  });

  it("answers stale generations, unknown members, bad protocols and timeouts with Kafka's errors", async () => {
    const { coordinator } = await open();
    const first = await coordinator.joinGroup(join());
    await coordinator.syncGroup({ groupId: "order", generationId: 1, memberId: first.memberId, assignments: [] });

    expect(() => coordinator.heartbeat({ groupId: "order", generationId: 0, memberId: first.memberId })).toThrow(IllegalGenerationError);
    expect(() => coordinator.heartbeat({ groupId: "order", generationId: 1, memberId: "ghost" })).toThrow(UnknownMemberIdError);
    expect(() => coordinator.heartbeat({ groupId: "nope", generationId: 1, memberId: "ghost" })).toThrow(UnknownMemberIdError);
    await expect(coordinator.syncGroup({ groupId: "order", generationId: 7, memberId: first.memberId, assignments: [] })).rejects.toThrow(IllegalGenerationError);
    await expect(coordinator.syncGroup({ groupId: "order", generationId: 1, memberId: first.memberId, protocolName: "roundrobin", assignments: [] })).rejects.toThrow(
      InconsistentGroupProtocolError,
    );
    await expect(coordinator.joinGroup(join("", { protocolType: "connect" }))).rejects.toThrow(InconsistentGroupProtocolError);
    await expect(coordinator.joinGroup(join("", { protocols: [{ name: "roundrobin", metadata: subscription }] }))).rejects.toThrow(InconsistentGroupProtocolError);
    await expect(coordinator.joinGroup(join("", { groupId: "fresh", protocols: [] }))).rejects.toThrow(InconsistentGroupProtocolError);
    expect(coordinator.groupState("fresh")).toBe("Dead");
    await expect(coordinator.joinGroup(join("ghost"))).rejects.toThrow(UnknownMemberIdError);
    await expect(coordinator.joinGroup(join("", { groupId: "" }))).rejects.toThrow(InvalidGroupIdError);
    await expect(coordinator.joinGroup(join("", { sessionTimeoutMs: 500 }))).rejects.toThrow(InvalidSessionTimeoutError);
    await expect(coordinator.joinGroup(join("", { sessionTimeoutMs: 1_800_001 }))).rejects.toThrow(/group.max.session.timeout.ms=1800000/);
  });

  it("supports the MEMBER_ID_REQUIRED handshake of JoinGroup v4+", async () => {
    const { coordinator } = await open();
    const error = await coordinator.joinGroup(join("", { requireKnownMemberId: true })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MemberIdRequiredError);
    const memberId = (error as { memberId: string }).memberId;
    expect(memberId).toBe("client-uuid-1");
    const joined = await coordinator.joinGroup(join(memberId));
    expect(joined).toMatchObject({ memberId, leader: memberId, generationId: 1 });
  });

  it("returns the current generation to a follower rejoining a Stable group with unchanged metadata", async () => {
    const { coordinator } = await open();
    const consumer = { groupId: "order", clientId: "rest", clientHost: "/10.0.0.1", sessionTimeoutMs: 10_000, topics: ["first_topic"] };
    const a = await coordinator.joinAndSync({ ...consumer, memberId: "" });
    const bJoin = coordinator.joinAndSync({ ...consumer, memberId: "" });
    const [a2, b] = await Promise.all([coordinator.joinAndSync({ ...consumer, memberId: a.memberId }), bJoin]);
    expect(a2.generationId).toBe(2);
    const again = await coordinator.joinGroup({
      ...join(b.memberId),
      protocols: [{ name: "range", metadata: encodeSubscription({ topics: ["first_topic"] }) }],
    });
    expect(again).toMatchObject({ generationId: 2, memberId: b.memberId, leader: a.memberId, members: [] });
    expect(coordinator.groupState("order")).toBe("Stable");
  });

  it("evicts a member whose heartbeats stop for session.timeout.ms, and rebalances the rest", async () => {
    const fixture = await open();
    const { coordinator } = fixture;
    const consumer = { groupId: "order", clientId: "rest", clientHost: "/h", sessionTimeoutMs: 10_000, topics: ["first_topic"] };
    const a = await coordinator.joinAndSync({ ...consumer, memberId: "" });
    const bJoin = coordinator.joinAndSync({ ...consumer, memberId: "" });
    const [a2, b] = await Promise.all([coordinator.joinAndSync({ ...consumer, memberId: a.memberId }), bJoin]);
    expect(a2.assignment).toEqual([{ topic: "first_topic", partitions: [0, 1] }]);
    expect(b.assignment).toEqual([{ topic: "first_topic", partitions: [2] }]);

    fixture.advance(6_000);
    coordinator.heartbeat({ groupId: "order", generationId: 2, memberId: a.memberId });
    fixture.advance(3_999);
    expect(coordinator.describeGroup("order").members).toHaveLength(2);
    fixture.advance(1);
    expect(coordinator.describeGroup("order").members.map((m) => m.memberId)).toEqual([a.memberId]);
    expect(coordinator.groupState("order")).toBe("PreparingRebalance");
    expect(() => coordinator.heartbeat({ groupId: "order", generationId: 2, memberId: b.memberId })).toThrow(UnknownMemberIdError);
    expect(() => coordinator.heartbeat({ groupId: "order", generationId: 2, memberId: a.memberId })).toThrow(RebalanceInProgressError);
    const alone = await coordinator.joinAndSync({ ...consumer, memberId: a.memberId });
    expect(alone).toMatchObject({ generationId: 3, assignment: [{ topic: "first_topic", partitions: [0, 1, 2] }] });

    // the evicted member joins again as a new member
    const bAgain = coordinator.joinAndSync({ ...consumer, memberId: b.memberId });
    const [a3, b3] = await Promise.all([coordinator.joinAndSync({ ...consumer, memberId: a.memberId }), bAgain]);
    expect(b3.memberId).not.toBe(b.memberId);
    expect(b3.generationId).toBe(a3.generationId);
    expect([...a3.assignment, ...b3.assignment].flatMap((tp) => tp.partitions).sort()).toEqual([0, 1, 2]);
    coordinator.leaveGroup({ groupId: "order", members: [{ memberId: b3.memberId }] });
    const last = await coordinator.joinAndSync({ ...consumer, memberId: a.memberId });

    // the last member's session expiring empties the group
    fixture.advance(10_000);
    expect(coordinator.groupState("order")).toBe("Empty");
    expect(coordinator.describeGroup("order").generationId).toBe(last.generationId + 1);
  });

  it("drops members that do not rejoin within the rebalance timeout", async () => {
    const fixture = await open();
    const { coordinator } = fixture;
    const a = await coordinator.joinGroup(join());
    await coordinator.syncGroup({ groupId: "order", generationId: 1, memberId: a.memberId, assignments: [] });
    let joinedB: { generationId: number; leader: string } | undefined;
    const bJoin = coordinator.joinGroup(join()).then((r) => (joinedB = r));
    // a keeps heartbeating but never rejoins
    for (let t = 0; t < 4; t++) {
      fixture.advance(4_000);
      expect(() => coordinator.heartbeat({ groupId: "order", generationId: 1, memberId: a.memberId })).toThrow(RebalanceInProgressError);
    }
    await Promise.resolve();
    expect(joinedB).toBeUndefined();
    fixture.advance(4_000);
    await bJoin;
    expect(joinedB).toMatchObject({ generationId: 2, leader: "client-uuid-2" });
    expect(coordinator.describeGroup("order").members.map((m) => m.memberId)).toEqual(["client-uuid-2"]);
  });

  it("waits group.initial.rebalance.delay.ms for more members before the first rebalance", async () => {
    const fixture = await open({ "group.initial.rebalance.delay.ms": "3000" });
    const { coordinator } = fixture;
    const results: string[] = [];
    const a = coordinator.joinGroup(join()).then((r) => results.push(`a@${r.generationId}`));
    fixture.advance(2_000);
    const b = coordinator.joinGroup(join()).then((r) => results.push(`b@${r.generationId}`));
    fixture.advance(1_000); // a new member arrived during the delay: wait once more
    await Promise.resolve();
    expect(results).toEqual([]);
    fixture.advance(3_000);
    await Promise.all([a, b]);
    expect(results.sort()).toEqual(["a@1", "b@1"]);
  });

  it("lets members leave; the last one leaving empties the group", async () => {
    const { coordinator } = await open();
    const consumer = { groupId: "order", clientId: "rest", clientHost: "/h", sessionTimeoutMs: 10_000, topics: ["first_topic"] };
    const a = await coordinator.joinAndSync({ ...consumer, memberId: "" });
    const results = coordinator.leaveGroup({ groupId: "order", members: [{ memberId: a.memberId }, { memberId: "ghost" }] });
    expect(results[0]).toEqual({ memberId: a.memberId, groupInstanceId: null, error: null });
    expect(results[1]!.error).toBeInstanceOf(UnknownMemberIdError);
    expect(coordinator.describeGroup("order")).toMatchObject({ state: "Empty", generationId: 2, members: [] });
    expect(coordinator.leaveGroup({ groupId: "nope", members: [{ memberId: "x" }] })[0]!.error).toBeInstanceOf(UnknownMemberIdError);
  });

  it("removes members that never send SyncGroup within the rebalance timeout", async () => {
    const fixture = await open();
    const { coordinator } = fixture;
    const a = await coordinator.joinGroup(join());
    expect(a.generationId).toBe(1);
    fixture.advance(20_000);
    expect(coordinator.describeGroup("order")).toMatchObject({ state: "Empty", members: [] });
  });

  it("fails pending joins when the coordinator closes", async () => {
    const fixture = await open({ "group.initial.rebalance.delay.ms": "3000" });
    const pending = fixture.coordinator.joinGroup(join());
    fixture.coordinator.close();
    await expect(pending).rejects.toThrow(/shut down/);
    await expect(fixture.coordinator.joinGroup(join())).rejects.toThrow(CoordinatorNotAvailableError);
  });

  it("describes and lists groups as Kafka does", async () => {
    const { coordinator } = await open();
    const consumer = { groupId: "order", clientId: "rest", clientHost: "/10.0.0.1", sessionTimeoutMs: 10_000, topics: ["first_topic"] };
    const a = await coordinator.joinAndSync({ ...consumer, memberId: "", assignor: "roundrobin" });
    await coordinator.commitOffsets({ groupId: "simple", offsets: [{ topic: "first_topic", partition: 0, offset: 1 }] });
    expect(coordinator.listGroups()).toEqual([
      { groupId: "order", protocolType: "consumer", state: "Stable" },
      { groupId: "simple", protocolType: "", state: "Empty" },
    ]);
    expect(coordinator.listGroups({ states: ["Empty"] }).map((g) => g.groupId)).toEqual(["simple"]);
    const description = coordinator.describeGroup("order");
    expect(description).toMatchObject({ state: "Stable", protocolType: "consumer", protocol: "roundrobin", generationId: 1, leader: a.memberId, coordinatorId: 0 });
    expect(description.members).toMatchObject([
      { memberId: a.memberId, clientId: "rest", clientHost: "/10.0.0.1", sessionTimeoutMs: 10_000, assignedPartitions: [{ topic: "first_topic", partitions: [0, 1, 2] }] },
    ]);
    expect(coordinator.describeGroup("unknown")).toMatchObject({ state: "Dead", members: [] });
  });
});
