import { describe, expect, it } from "vitest";
import {
  decodeGroupMetadataValue,
  decodeOffsetCommitValue,
  decodeOffsetsKey,
  encodeGroupMetadataKey,
  encodeGroupMetadataValue,
  encodeOffsetCommitKey,
  encodeOffsetCommitValue,
  type GroupMetadataValue,
} from "./offsets-records.js";

const hex = (s: string) => Buffer.from(s.replace(/\s+/g, ""), "hex");

describe("__consumer_offsets records (Kafka's coordinator-records schemas)", () => {
  it("writes OffsetCommitKey v1 and GroupMetadataKey v2 byte for byte", () => {
    expect(encodeOffsetCommitKey({ group: "g", topic: "t", partition: 2 })).toEqual(hex("0001 0001 67 0001 74 00000002"));
    expect(encodeGroupMetadataKey("order")).toEqual(hex("0002 0005 6f72646572"));
  });

  it("reads both key types, and key version 0, and reports versions it does not know", () => {
    expect(decodeOffsetsKey(hex("0000 0001 67 0001 74 00000002"))).toEqual({ type: "offsetCommit", group: "g", topic: "t", partition: 2 });
    expect(decodeOffsetsKey(encodeOffsetCommitKey({ group: "grüppe", topic: "first_topic", partition: 49 }))).toEqual({
      type: "offsetCommit",
      group: "grüppe",
      topic: "first_topic",
      partition: 49,
    });
    expect(decodeOffsetsKey(encodeGroupMetadataKey("order"))).toEqual({ type: "groupMetadata", group: "order" });
    expect(decodeOffsetsKey(hex("0003 0001 67"))).toEqual({ type: "unknown", version: 3 });
  });

  const value = { offset: 5, leaderEpoch: 7, metadata: "m", commitTimestamp: 1000, expireTimestamp: -1 };

  it("writes OffsetCommitValue v3 (Kafka's choice) byte for byte", () => {
    expect(encodeOffsetCommitValue(value)).toEqual(hex("0003 0000000000000005 00000007 0001 6d 00000000000003e8"));
  });

  it("reads OffsetCommitValue versions 0 to 4, skipping v4 tagged fields", () => {
    expect(decodeOffsetCommitValue(hex("0000 0000000000000005 0001 6d 00000000000003e8"))).toEqual({ ...value, leaderEpoch: -1 });
    expect(decodeOffsetCommitValue(hex("0001 0000000000000005 0001 6d 00000000000003e8 00000000000007d0"))).toEqual({
      ...value,
      leaderEpoch: -1,
      expireTimestamp: 2000,
    });
    expect(decodeOffsetCommitValue(hex("0002 0000000000000005 0001 6d 00000000000003e8"))).toEqual({ ...value, leaderEpoch: -1 });
    expect(decodeOffsetCommitValue(hex("0003 0000000000000005 00000007 0001 6d 00000000000003e8"))).toEqual(value);
    // v4: compact string (length + 1), then a tagged-field section holding one unknown tag (5) of two bytes
    expect(decodeOffsetCommitValue(hex("0004 0000000000000005 00000007 02 6d 00000000000003e8 01 05 02 aabb"))).toEqual(value);
    expect(encodeOffsetCommitValue(value, 4)).toEqual(hex("0004 0000000000000005 00000007 02 6d 00000000000003e8 00"));
    for (const version of [0, 1, 2, 3, 4]) {
      const expected = { ...value, leaderEpoch: version >= 3 ? 7 : -1, expireTimestamp: version === 1 ? 99 : -1 };
      expect(decodeOffsetCommitValue(encodeOffsetCommitValue({ ...value, expireTimestamp: 99 }, version))).toEqual(expected);
    }
  });

  it("refuses unknown value versions and truncated values", () => {
    expect(() => decodeOffsetCommitValue(hex("0005 0000000000000005"))).toThrow(/Unknown OffsetCommitValue version 5/);
    expect(() => decodeOffsetCommitValue(hex("0003 0000000000000005 0000"))).toThrow(/Malformed OffsetCommitValue/);
  });

  const group: GroupMetadataValue = {
    protocolType: "consumer",
    generation: 3,
    protocol: "range",
    leader: "c-1",
    currentStateTimestamp: 1000,
    members: [
      {
        memberId: "c-1",
        groupInstanceId: null,
        clientId: "c",
        clientHost: "/h",
        rebalanceTimeout: 300000,
        sessionTimeout: 45000,
        subscription: hex("aa"),
        assignment: hex("bbcc"),
      },
    ],
  };

  it("writes GroupMetadataValue v3 byte for byte", () => {
    expect(encodeGroupMetadataValue(group)).toEqual(
      hex(`0003
        0008 636f6e73756d6572   00000003   0005 72616e6765   0003 632d31   00000000000003e8
        00000001
          0003 632d31  ffff  0001 63  0002 2f68  000493e0  0000afc8  00000001 aa  00000002 bbcc`),
    );
  });

  it("writes GroupMetadataValue v4 with compact fields and tagged-field sections", () => {
    expect(encodeGroupMetadataValue(group, 4)).toEqual(
      hex(`0004
        09 636f6e73756d6572   00000003   06 72616e6765   04 632d31   00000000000003e8
        02
          04 632d31  00  02 63  03 2f68  000493e0  0000afc8  02 aa  03 bbcc  00
        00`),
    );
  });

  it("round-trips GroupMetadataValue versions 0 to 4, and an empty group with null protocol and leader", () => {
    for (const version of [0, 1, 2, 3, 4]) {
      const member = { ...group.members[0]!, groupInstanceId: "static-1" };
      const decoded = decodeGroupMetadataValue(encodeGroupMetadataValue({ ...group, members: [member] }, version));
      expect(decoded).toEqual({
        ...group,
        currentStateTimestamp: version >= 2 ? 1000 : -1,
        members: [{ ...member, groupInstanceId: version >= 3 ? "static-1" : null, rebalanceTimeout: version >= 1 ? 300000 : -1 }],
      });
    }
    const empty: GroupMetadataValue = { protocolType: "consumer", generation: 4, protocol: null, leader: null, currentStateTimestamp: 5, members: [] };
    expect(encodeGroupMetadataValue(empty)).toEqual(hex("0003 0008 636f6e73756d6572 00000004 ffff ffff 0000000000000005 00000000"));
    expect(decodeGroupMetadataValue(encodeGroupMetadataValue(empty))).toEqual(empty);
    expect(decodeGroupMetadataValue(encodeGroupMetadataValue(empty, 4))).toEqual(empty);
  });
});
