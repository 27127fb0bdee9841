import { describe, expect, it } from "vitest";
import { formatGroupMembers, formatGroupOffsets, formatGroupState, formatResetPlan, kafkaGroupState } from "./group-tables.js";

describe("consumer group tables", () => {
  it("pads the offsets table as kafka-consumer-groups.sh does (min 15 for group, topic, consumer and host)", () => {
    const text = formatGroupOffsets([
      { group: "first_group", topic: "first_topic", partition: 0, currentOffset: 1, logEndOffset: 1, lag: 0, consumerId: "consumer-1-a451f9ff", host: "/192.168.0.13", clientId: "consumer-1" },
      { group: "first_group", topic: "first_topic", partition: 1, currentOffset: null, logEndOffset: 4, lag: null, consumerId: null, host: null, clientId: null },
    ]);
    expect(text.split("\n")).toEqual([
      "",
      "GROUP           TOPIC           PARTITION  CURRENT-OFFSET  LOG-END-OFFSET  LAG             CONSUMER-ID         HOST            CLIENT-ID",
      "first_group     first_topic     0          1               1               0               consumer-1-a451f9ff /192.168.0.13   consumer-1",
      "first_group     first_topic     1          -               4               -               -                   -               -",
      "",
    ]);
  });

  it("prints members, state and a reset plan", () => {
    expect(formatGroupMembers([{ group: "order", consumerId: "c-1", host: null, clientId: "cl", partitions: 2 }]).split("\n")[2]).toBe(
      "order           c-1             -               cl              2",
    );
    expect(formatGroupState({ group: "order", coordinator: "localhost:8080 (0)", assignmentStrategy: "range", state: "Stable", members: 2 }).split("\n")).toEqual([
      "",
      "GROUP           COORDINATOR (ID)          ASSIGNMENT-STRATEGY  STATE           #MEMBERS",
      "order           localhost:8080 (0)        range                Stable          2",
      "",
    ]);
    expect(formatResetPlan([{ group: "product", topic: "first_topic", partition: 0, newOffset: 0 }]).split("\n")[2]).toBe(
      "product                        first_topic                    0          0",
    );
  });

  it("spells states the Kafka way", () => {
    expect(kafkaGroupState("PREPARING_REBALANCE")).toBe("PreparingRebalance");
    expect(kafkaGroupState("EMPTY")).toBe("Empty");
  });
});
