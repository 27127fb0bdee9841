import { describe, expect, it } from "vitest";
import { formatTopicDescription } from "./topic-description.js";

describe("formatTopicDescription", () => {
  it("prints kafka-topics.sh's tab-separated layout", () => {
    const text = formatTopicDescription({
      topic: "first_topic",
      partitionCount: 3,
      replicationFactor: 1,
      configs: [],
      partitions: [0, 1, 2].map((partition) => ({ partition, leader: 0, replicas: [0], isr: [0] })),
    });
    expect(text).toBe(
      "Topic: first_topic\tPartitionCount: 3\tReplicationFactor: 1\tConfigs: \n" +
        "\tTopic: first_topic\tPartition: 0\tLeader: 0\tReplicas: 0\tIsr: 0\n" +
        "\tTopic: first_topic\tPartition: 1\tLeader: 0\tReplicas: 0\tIsr: 0\n" +
        "\tTopic: first_topic\tPartition: 2\tLeader: 0\tReplicas: 0\tIsr: 0\n",
    );
  });

  it("lists overridden configs comma-separated, and 'none' for a partition without a leader", () => {
    const text = formatTopicDescription({
      topic: "bank-account",
      partitionCount: 1,
      replicationFactor: 3,
      configs: [
        ["cleanup.policy", "compact"],
        ["segment.ms", "5000"],
      ],
      partitions: [{ partition: 0, leader: null, replicas: [1, 2, 3], isr: [] }],
    });
    expect(text.split("\n")[0]).toBe("Topic: bank-account\tPartitionCount: 1\tReplicationFactor: 3\tConfigs: cleanup.policy=compact,segment.ms=5000");
    expect(text.split("\n")[1]).toBe("\tTopic: bank-account\tPartition: 0\tLeader: none\tReplicas: 1,2,3\tIsr: ");
  });
});
