// franz-go (Go module proxy, v1.22), unchanged, against the selected brokers: idempotent produce (its default), a
// group consumer that commits, and admin calls through kadm (test/kafka-clients/go).
import { partitionForKey } from "@skein/broker";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureFranzGo } from "../../scripts/kafka-clients-setup.mjs";
import { runProgram } from "./support/processes.js";
import { kafkaTargets, type KafkaTarget, type StartedTarget } from "./support/targets.js";

for (const target of kafkaTargets()) describeFranzGo(target);

function describeFranzGo(target: KafkaTarget): void {
  describe(`franz-go against ${target.name}`, () => {
    let broker: StartedTarget;
    const franzGo = async (command: string, args: string[]) => {
      const result = await runProgram(ensureFranzGo(), [command, "-brokers", broker.bootstrap, ...args], { label: `franz-go ${command}` });
      expect(result.code, `${command}: ${result.stdout}${result.stderr}`).toBe(0);
      return result.lines().map((line) => line.split(" "));
    };

    beforeAll(async () => {
      broker = await target.start();
    });
    afterAll(async () => {
      await broker?.stop();
    });

    it("kadm creates a topic and lists it, the brokers and the end offsets", async () => {
      const lines = await franzGo("admin", ["-topic", "franz_topic", "-partitions", "3"]);
      expect(lines).toContainEqual(["CREATED", "franz_topic", "3"]);
      expect(lines).toContainEqual(["TOPIC", "franz_topic", "partitions=3"]);
      expect(lines.filter(([word]) => word === "BROKER")).toEqual([["BROKER", "0", broker.bootstrap]]);
      expect(lines.filter(([word]) => word === "END").sort()).toEqual([0, 1, 2].map((p) => ["END", "franz_topic", String(p), "0"]));
    });

    it("an idempotent producer gets a producer id and murmur2's partition per key", async () => {
      const lines = await franzGo("produce", ["-topic", "franz_topic", "-count", "30"]);
      const acks = lines.filter(([word]) => word === "ACK");
      expect(acks).toHaveLength(30);
      expect(lines.at(-1)).toEqual(["PRODUCED", "30"]);
      for (const [, key, partition, , producerId] of acks) {
        expect(Number(partition), key).toBe(partitionForKey(Buffer.from(key!), 3));
        expect(Number(producerId!.split("=")[1])).toBeGreaterThanOrEqual(0);
      }
      // One producer id for the whole run, and per partition contiguous offsets from 0.
      expect(new Set(acks.map((fields) => fields[4])).size).toBe(1);
      for (const partition of ["0", "1", "2"]) {
        const offsets = acks.filter(([, , p]) => p === partition).map(([, , , offset]) => Number(offset)).sort((a, b) => a - b);
        expect(offsets).toEqual(offsets.map((_, i) => i));
      }
    });

    it("a group consumer reads every record, commits, and kadm sees the committed offsets", async () => {
      const consumed = await franzGo("consume", ["-topic", "franz_topic", "-group", "franz-group", "-count", "30"]);
      const records = consumed.filter(([word]) => word === "RECORD");
      expect(records.map(([, , , key]) => key).sort()).toEqual(Array.from({ length: 30 }, (_, i) => `key-${i}`).sort());
      expect(consumed.at(-1)).toEqual(["COMMITTED", "30"]);

      // The group committed the offset after the last record it read of each partition.
      const next = new Map<string, number>();
      for (const [, partition, offset] of records) next.set(partition!, Math.max(next.get(partition!) ?? 0, Number(offset) + 1));
      const admin = await franzGo("admin", ["-topic", "franz_topic_2", "-partitions", "1", "-group", "franz-group"]);
      const committed = admin.filter(([word]) => word === "COMMITTED");
      expect(committed.map(([, group, topic, p, offset]) => [group, topic, p, offset])).toEqual(
        [...next].sort().map(([p, offset]) => ["franz-group", "franz_topic", p, String(offset)]),
      );
    });
  });
}
