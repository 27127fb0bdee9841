import { describe, expect, it } from "vitest";
import { Broker } from "../broker.js";
import { useTempDirs } from "../test-support/temp-dir.js";
import { AuditLog, type AuditEvent } from "./audit-log.js";

const tempDir = useTempDirs();

async function readAudit(broker: Broker): Promise<AuditEvent[]> {
  const events: AuditEvent[] = [];
  // A fetch reads one segment, and an event's old timestamp may have rolled one.
  for (let offset = 0; offset < broker.partitionOffsets(AuditLog.TOPIC, 0).logEndOffset; ) {
    const { records, nextOffset } = await broker.fetch(AuditLog.TOPIC, 0, offset);
    events.push(...records.map((r) => JSON.parse(r.value!.toString()) as AuditEvent));
    offset = nextOffset;
  }
  return events;
}

describe("AuditLog", () => {
  it("writes each event as a JSON record to the internal topic _skein_audit, keyed by principal", async () => {
    const broker = await Broker.open({ dataDir: tempDir() });
    const audit = await AuditLog.open(broker, { retentionMs: 3_600_000 });
    const event: AuditEvent = { time: 1, principal: "User:alice", sourceAddress: "10.0.0.1", surface: "wire", operation: "AUTHENTICATE", resource: null, outcome: "failure", request: "SaslAuthenticate", detail: "SCRAM-SHA-256" };
    audit.record(event);
    audit.record({ principal: "User:bob", sourceAddress: "10.0.0.2", surface: "rest", operation: "DELETE", resource: { type: "TOPIC", name: "orders" }, outcome: "denied" });
    await audit.flush();
    const events = await readAudit(broker);
    expect(events[0]).toEqual(event);
    expect(events[1]).toMatchObject({ principal: "User:bob", surface: "rest", outcome: "denied", resource: { type: "TOPIC", name: "orders" } });
    expect(typeof events[1]!.time).toBe("number");
    const { records } = await broker.fetch(AuditLog.TOPIC, 0, 1);
    expect(records[0]!.key!.toString()).toBe("User:bob");
    const topic = broker.findTopic(AuditLog.TOPIC)!;
    expect(topic.internal).toBe(true);
    expect(topic.configs["retention.ms"]).toBe("3600000");
    await expect(broker.produce(AuditLog.TOPIC, [{ value: Buffer.from("forged") }])).rejects.toThrow(/internal topic/);
    await audit.close();
    await broker.close();
  });

  it("changes the topic's retention when reopened with another", async () => {
    const dataDir = tempDir();
    let broker = await Broker.open({ dataDir });
    await (await AuditLog.open(broker, { retentionMs: 1000 })).close();
    await broker.close();
    broker = await Broker.open({ dataDir });
    await (await AuditLog.open(broker, { retentionMs: 2000 })).close();
    expect(broker.findTopic(AuditLog.TOPIC)!.configs["retention.ms"]).toBe("2000");
    await broker.close();
  });

  it("drops events beyond its bound instead of growing, and counts them", async () => {
    const broker = await Broker.open({ dataDir: tempDir() });
    const audit = await AuditLog.open(broker, { maxPendingEvents: 3 });
    for (let i = 0; i < 5; i++) audit.record({ principal: `User:u${i}`, sourceAddress: "h", surface: "cli", operation: "CREATE", resource: null, outcome: "success" });
    expect(audit.dropped).toBe(2);
    await audit.flush();
    expect((await readAudit(broker)).map((e) => e.principal)).toEqual(["User:u0", "User:u1", "User:u2"]);
    await broker.close();
  });
});
