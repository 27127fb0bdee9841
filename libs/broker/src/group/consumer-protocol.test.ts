import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { decodeAssignment, decodeSubscription, encodeAssignment, encodeSubscription } from "./consumer-protocol.js";

const require = createRequire(import.meta.url);
const { MemberMetadata, MemberAssignment } = require("kafkajs/src/consumer/assignerProtocol");
const hex = (s: string) => Buffer.from(s.replace(/\s+/g, ""), "hex");

describe("the consumer protocol's subscription and assignment bytes", () => {
  it("writes version 0 exactly as kafkajs does, and reads kafkajs's bytes", () => {
    const kafkajsSubscription: Buffer = MemberMetadata.encode({ version: 0, topics: ["first_topic", "b"], userData: Buffer.alloc(0) });
    expect(encodeSubscription({ topics: ["first_topic", "b"], userData: Buffer.alloc(0) }, 0)).toEqual(kafkajsSubscription);
    expect(decodeSubscription(kafkajsSubscription)).toMatchObject({ version: 0, topics: ["first_topic", "b"] });

    const kafkajsAssignment: Buffer = MemberAssignment.encode({ version: 0, assignment: { first_topic: [0, 2], b: [1] } });
    const ours = encodeAssignment({ partitions: [{ topic: "first_topic", partitions: [0, 2] }, { topic: "b", partitions: [1] }], userData: Buffer.alloc(0) }, 0);
    expect(ours).toEqual(kafkajsAssignment);
    expect(MemberAssignment.decode(encodeAssignment({ partitions: [{ topic: "t", partitions: [3] }] }))).toMatchObject({ assignment: { t: [3] } });
    expect(decodeAssignment(kafkajsAssignment).partitions).toEqual([
      { topic: "first_topic", partitions: [0, 2] },
      { topic: "b", partitions: [1] },
    ]);
  });

  it("writes version 3 (Kafka's client today) with owned partitions, generation and rack", () => {
    const bytes = encodeSubscription({ topics: ["t"], ownedPartitions: [{ topic: "t", partitions: [1] }], generationId: 4, rackId: "r" });
    expect(bytes).toEqual(hex("0003  00000001 0001 74  ffffffff  00000001 0001 74 00000001 00000001  00000004  0001 72"));
    expect(decodeSubscription(bytes)).toEqual({
      version: 3,
      topics: ["t"],
      userData: null,
      ownedPartitions: [{ topic: "t", partitions: [1] }],
      generationId: 4,
      rackId: "r",
    });
    expect(encodeAssignment({ partitions: [{ topic: "t", partitions: [0] }] })).toEqual(hex("0003 00000001 0001 74 00000001 00000000 ffffffff"));
  });

  it("reads newer versions by their known fields, and empty assignment bytes as no partitions", () => {
    const v9 = Buffer.concat([hex("0009"), encodeSubscription({ topics: ["x"] }, 3).subarray(2), hex("deadbeef")]);
    expect(decodeSubscription(v9)).toMatchObject({ version: 9, topics: ["x"] });
    expect(decodeAssignment(Buffer.alloc(0))).toEqual({ version: 0, partitions: [], userData: null });
  });
});
