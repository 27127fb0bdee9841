import { describe, expect, it } from "vitest";
import type { AssignorMember } from "./assignor.js";
import { RangeAssignor } from "./range-assignor.js";
import { RoundRobinAssignor } from "./round-robin-assignor.js";
import { StickyAssignor } from "./sticky-assignor.js";
import type { TopicPartitions } from "../consumer-protocol.js";

const member = (memberId: string, topics: string[], ownedPartitions: TopicPartitions[] = [], groupInstanceId: string | null = null): AssignorMember => ({
  memberId,
  groupInstanceId,
  topics,
  ownedPartitions,
});
const plain = (assignment: Map<string, TopicPartitions[]>) => Object.fromEntries(assignment);
const counts = (assignment: Map<string, TopicPartitions[]>) => [...assignment.values()].map((tps) => tps.reduce((n, tp) => n + tp.partitions.length, 0));

describe("RangeAssignor", () => {
  const range = new RangeAssignor();

  it("gives each member a contiguous range per topic, the first members one extra (Kafka's example)", () => {
    const result = range.assign(new Map([["t0", 3], ["t1", 3]]), [member("c1", ["t0", "t1"]), member("c0", ["t0", "t1"])]);
    expect(plain(result)).toEqual({
      c1: [{ topic: "t0", partitions: [2] }, { topic: "t1", partitions: [2] }],
      c0: [{ topic: "t0", partitions: [0, 1] }, { topic: "t1", partitions: [0, 1] }],
    });
  });

  it("leaves members beyond the partition count idle, and orders static members first", () => {
    const result = range.assign(new Map([["t", 3]]), ["a", "b", "c", "d"].map((id) => member(id, ["t"])));
    expect(plain(result)).toEqual({ a: [{ topic: "t", partitions: [0] }], b: [{ topic: "t", partitions: [1] }], c: [{ topic: "t", partitions: [2] }], d: [] });
    const statics = range.assign(new Map([["t", 2]]), [member("a", ["t"]), member("z", ["t"], [], "instance-1")]);
    expect(plain(statics)).toEqual({ a: [{ topic: "t", partitions: [1] }], z: [{ topic: "t", partitions: [0] }] });
  });

  it("assigns per topic among that topic's subscribers and skips unknown topics", () => {
    const result = range.assign(new Map([["t0", 2], ["t1", 2]]), [member("a", ["t0"]), member("b", ["t0", "t1", "missing"])]);
    expect(plain(result)).toEqual({ a: [{ topic: "t0", partitions: [0] }], b: [{ topic: "t0", partitions: [1] }, { topic: "t1", partitions: [0, 1] }] });
  });
});

describe("RoundRobinAssignor", () => {
  const roundRobin = new RoundRobinAssignor();

  it("deals every partition of the sorted topics in turn (Kafka's example)", () => {
    const result = roundRobin.assign(new Map([["t0", 3], ["t1", 3]]), [member("c0", ["t0", "t1"]), member("c1", ["t0", "t1"])]);
    expect(plain(result)).toEqual({
      c0: [{ topic: "t0", partitions: [0, 2] }, { topic: "t1", partitions: [1] }],
      c1: [{ topic: "t0", partitions: [1] }, { topic: "t1", partitions: [0, 2] }],
    });
  });

  it("skips members not subscribed to a partition's topic, and leaves extra members idle", () => {
    const result = roundRobin.assign(new Map([["t0", 1], ["t1", 2], ["t2", 3]]), [member("c0", ["t0"]), member("c1", ["t0", "t1"]), member("c2", ["t0", "t1", "t2"])]);
    expect(plain(result)).toEqual({
      c0: [{ topic: "t0", partitions: [0] }],
      c1: [{ topic: "t1", partitions: [0] }],
      c2: [{ topic: "t1", partitions: [1] }, { topic: "t2", partitions: [0, 1, 2] }],
    });
    expect(counts(roundRobin.assign(new Map([["t", 2]]), ["a", "b", "c"].map((id) => member(id, ["t"]))))).toEqual([1, 1, 0]);
  });
});

describe("StickyAssignor", () => {
  const sticky = new StickyAssignor();
  const topics = new Map([["t", 6]]);

  it("balances a fresh group", () => {
    const result = sticky.assign(topics, [member("a", ["t"]), member("b", ["t"]), member("c", ["t"])]);
    expect(counts(result)).toEqual([2, 2, 2]);
  });

  it("keeps what members own and moves only what balance needs when a member joins", () => {
    const before = [member("a", ["t"], [{ topic: "t", partitions: [0, 2, 4] }]), member("b", ["t"], [{ topic: "t", partitions: [1, 3, 5] }])];
    const result = sticky.assign(topics, [...before, member("c", ["t"])]);
    expect(counts(result)).toEqual([2, 2, 2]);
    const a = result.get("a")![0]!.partitions;
    const b = result.get("b")![0]!.partitions;
    expect(a.every((p) => [0, 2, 4].includes(p))).toBe(true);
    expect(b.every((p) => [1, 3, 5].includes(p))).toBe(true);
    expect(plain(result)).toEqual({ a: [{ topic: "t", partitions: [0, 2] }], b: [{ topic: "t", partitions: [1, 3] }], c: [{ topic: "t", partitions: [4, 5] }] });
  });

  it("hands a leaving member's partitions to the others without moving theirs", () => {
    const result = sticky.assign(topics, [member("a", ["t"], [{ topic: "t", partitions: [0, 1] }]), member("c", ["t"], [{ topic: "t", partitions: [4, 5] }])]);
    expect(plain(result)).toEqual({ a: [{ topic: "t", partitions: [0, 1, 2] }], c: [{ topic: "t", partitions: [3, 4, 5] }] });
  });

  it("ignores owned partitions that are claimed twice, unsubscribed or gone; leaves extra members idle", () => {
    const result = sticky.assign(new Map([["t", 2]]), [
      member("a", ["t"], [{ topic: "t", partitions: [0, 7] }, { topic: "old", partitions: [0] }]),
      member("b", ["t"], [{ topic: "t", partitions: [0] }]),
      member("c", ["t"]),
    ]);
    expect(plain(result)).toEqual({ a: [{ topic: "t", partitions: [0] }], b: [{ topic: "t", partitions: [1] }], c: [] });
  });

  it("balances within what different subscriptions allow", () => {
    const result = sticky.assign(new Map([["t0", 2], ["t1", 4]]), [member("a", ["t0"]), member("b", ["t0", "t1"]), member("c", ["t1"])]);
    expect(counts(result)).toEqual([2, 2, 2]);
    expect(result.get("a")).toEqual([{ topic: "t0", partitions: [0, 1] }]);
  });
});
