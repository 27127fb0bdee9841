import { describe, expect, it } from "vitest";
import { Broker } from "./broker.js";
import { ManualClock, useTempDirs } from "./test-support/temp-dir.js";

const tempDir = useTempDirs();

async function readAll(broker: Broker, topic: string) {
  const out: { key: string; value: string | null; offset: number }[] = [];
  let next = broker.partitionOffsets(topic, 0).logStartOffset;
  while (next < broker.partitionOffsets(topic, 0).logEndOffset) {
    const fetched = await broker.fetch(topic, 0, next);
    out.push(...fetched.records.map((r) => ({ key: r.key!.toString(), value: r.value?.toString() ?? null, offset: r.offset })));
    next = fetched.nextOffset;
  }
  return out;
}

describe("Broker retention and compaction", () => {
  it("compacts bank-account to the latest balance per key once a segment has rolled", async () => {
    const clock = new ManualClock();
    const broker = await Broker.open({ dataDir: tempDir(), clock, brokerConfig: { "log.cleaner.enable": "false" } });
    await broker.createTopic({ name: "bank-account", configs: { "cleanup.policy": "compact", "segment.ms": "5000", "min.cleanable.dirty.ratio": "0.001" } });
    const balances: [string, string][] = [["kim", "50000 won"], ["lee", "30300 won"], ["park", "20000 won"], ["seo", "100000 won"], ["kim", "30000 won"], ["sin", "200000 won"]];
    for (const [key, value] of balances) await broker.produce("bank-account", [{ key: Buffer.from(key), value: Buffer.from(value), timestamp: clock.now() }]);
    expect(broker.cleanerState("bank-account", 0).notCleanedReason?.code).toBe("no-closed-segments");
    clock.advance(6000);
    await broker.produce("bank-account", [{ key: Buffer.from("choi"), value: Buffer.from("1000 won"), timestamp: clock.now() }]);
    await broker.runCleaner();
    const records = await readAll(broker, "bank-account");
    expect(records.filter((r) => r.key === "kim")).toEqual([{ key: "kim", value: "30000 won", offset: 4 }]);
    expect(records.map((r) => r.key).sort()).toEqual(["choi", "kim", "lee", "park", "seo", "sin"]);
    expect(broker.cleanerState("bank-account", 0).lastRun).toBeTruthy();
    await broker.close();
  });

  it("deletes aged segments at the retention check, and stops when retention.ms is raised again", async () => {
    const clock = new ManualClock();
    const broker = await Broker.open({ dataDir: tempDir(), clock });
    await broker.createTopic({ name: "short", configs: { "retention.ms": "10000", "segment.bytes": "1000" } });
    for (let i = 0; i < 20; i++) {
      await broker.produce("short", [{ value: Buffer.alloc(200, i), timestamp: clock.now() }]);
      clock.advance(1000);
    }
    const before = broker.listSegments("short", 0).length;
    expect(broker.retentionState("short", 0).dueForDeletion.length).toBeGreaterThan(0);
    await broker.alterTopicConfigs("short", [{ name: "retention.ms", value: "604800000" }]);
    expect(broker.retentionState("short", 0).dueForDeletion).toEqual([]);
    broker.runRetentionCheck();
    expect(broker.listSegments("short", 0)).toHaveLength(before);
    await broker.alterTopicConfigs("short", [{ name: "retention.ms", value: "10000" }]);
    broker.runRetentionCheck();
    const after = broker.listSegments("short", 0);
    expect(after.length).toBeLessThan(before);
    expect(broker.partitionOffsets("short", 0).logStartOffset).toBe(after[0]!.baseOffset);
    expect(broker.retentionState("short", 0).recentDeletions.every((d) => d.reason === "retention.ms")).toBe(true);
    await expect(broker.fetch("short", 0, 0)).rejects.toThrow(/out of range/);
    await broker.close();
  });

  it("deletes records before an offset and remembers the log start offset across a restart", async () => {
    const dataDir = tempDir();
    const broker = await Broker.open({ dataDir });
    await broker.createTopic({ name: "trim" });
    await broker.produce("trim", Array.from({ length: 10 }, (_, i) => ({ value: Buffer.from(String(i)) })));
    expect(await broker.deleteRecords("trim", 0, 4)).toBe(4);
    expect(broker.checkpointPending()).toBeNull();
    await broker.close();
    const again = await Broker.open({ dataDir });
    expect(again.partitionOffsets("trim", 0).logStartOffset).toBe(4);
    expect((await again.fetch("trim", 0, 4)).records[0]!.value!.toString()).toBe("4");
    await again.close();
  });
});
