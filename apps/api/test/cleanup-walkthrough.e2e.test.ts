import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { describeEachProvider } from "./support/databases.js";
import { startTestService, type TestService } from "./support/test-service.js";

/** Issue 5's walk-throughs, through the REST API only: compaction of bank-account, and retention that follows its config. */
describeEachProvider("retention and compaction walk-throughs over REST", (provider) => {
  let service: TestService;
  let c: string;

  beforeAll(async () => {
    service = await startTestService(provider, {
      brokerConfig: { "log.cleaner.backoff.ms": "200", "log.retention.check.interval.ms": "300" },
    });
    c = service.engine.broker.clusterId;
  });

  afterAll(async () => {
    await service?.close();
  });

  const http = () => service.http();
  const topics = () => `/v3/clusters/${c}/topics`;
  const produce = (topic: string, key: string, value: string, timestamp?: string) =>
    http()
      .post(`${topics()}/${topic}/records`)
      .send({ key: { type: "STRING", data: key }, value: { type: "STRING", data: value }, ...(timestamp ? { timestamp } : {}) })
      .expect(200)
      .then((r) => expect(r.body.error_code).toBe(200));
  const readAll = async (topic: string) => {
    const body = (await http().get(`${topics()}/${topic}/partitions/0/records?limit=1000`).expect(200)).body;
    return (body.data as { offset: number; key: { data: string }; value: { data: string } }[]).map((r) => ({
      offset: r.offset,
      key: Buffer.from(r.key.data, "base64").toString(),
      value: Buffer.from(r.value.data, "base64").toString(),
    }));
  };
  const segments = async (topic: string) => (await http().get(`${topics()}/${topic}/partitions/0/segments`).expect(200)).body.data as { base_offset: number; active: boolean }[];

  it("compacts bank-account to the latest balance per key once a segment has rolled and the cleaner has run", async () => {
    await http()
      .post(topics())
      .send({
        topic_name: "bank-account",
        partitions_count: 1,
        configs: [
          { name: "cleanup.policy", value: "compact" },
          { name: "segment.ms", value: "5000" },
          { name: "min.cleanable.dirty.ratio", value: "0.001" },
        ],
      })
      .expect(201);
    for (const [key, value] of [["kim", "50000 won"], ["lee", "30300 won"], ["park", "20000 won"], ["seo", "100000 won"], ["kim", "30000 won"], ["sin", "200000 won"]]) {
      await produce("bank-account", key!, value!);
    }
    expect((await readAll("bank-account")).filter((r) => r.key === "kim")).toHaveLength(2);
    const cleanerBefore = (await http().get(`${topics()}/bank-account/partitions/0/cleaner`).expect(200)).body;
    expect(JSON.stringify(cleanerBefore)).toMatch(/no-closed-segments|no closed segment/i);

    await new Promise((resolve) => setTimeout(resolve, 5200));
    await produce("bank-account", "choi", "1000 won");
    expect((await segments("bank-account")).length).toBe(2);

    await vi.waitFor(async () => expect((await readAll("bank-account")).filter((r) => r.key === "kim")).toHaveLength(1), { timeout: 10_000, interval: 200 });
    const records = await readAll("bank-account");
    expect(records.filter((r) => r.key === "kim")).toEqual([{ offset: 4, key: "kim", value: "30000 won" }]);
    expect(records.map((r) => r.key).sort()).toEqual(["choi", "kim", "lee", "park", "seo", "sin"]);
  }, 30_000);

  it("deletes aged segments within a check interval, stops when retention.ms is changed back, and caps size with retention.bytes", async () => {
    await http()
      .post(topics())
      .send({ topic_name: "short-lived", partitions_count: 1, configs: [{ name: "retention.ms", value: "604800000" }, { name: "segment.bytes", value: "400" }] })
      .expect(201);
    const old = new Date(Date.now() - 60_000).toISOString();
    for (let i = 0; i < 12; i++) await produce("short-lived", `k${i}`, `value ${i}`.padEnd(120, "."), old);
    const before = (await segments("short-lived")).length;
    expect(before).toBeGreaterThan(3);

    await new Promise((resolve) => setTimeout(resolve, 800));
    expect((await segments("short-lived")).length).toBe(before);

    await http().put(`${topics()}/short-lived/configs/retention.ms`).send({ value: "10000" }).expect(204);
    await vi.waitFor(async () => expect((await segments("short-lived")).length).toBe(1), { timeout: 5_000, interval: 100 });
    const retention = (await http().get(`${topics()}/short-lived/partitions/0/retention`).expect(200)).body;
    expect(retention.recent_deletions.length).toBe(before - 1);
    expect(retention.recent_deletions.every((d: { reason: string }) => d.reason === "retention.ms")).toBe(true);

    await http().delete(`${topics()}/short-lived/configs/retention.ms`).expect(204);
    for (let i = 0; i < 12; i++) await produce("short-lived", `k${i}`, `value ${i}`.padEnd(120, "."), old);
    const kept = (await segments("short-lived")).length;
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect((await segments("short-lived")).length).toBe(kept);

    await http().put(`${topics()}/short-lived/configs/retention.bytes`).send({ value: "1000" }).expect(204);
    await vi.waitFor(async () => {
      const log = (await http().get(`${topics()}/short-lived/partitions/0/log`).expect(200)).body;
      expect(log.size_bytes).toBeLessThanOrEqual(1000 + 400);
    }, { timeout: 5_000, interval: 100 });
  }, 30_000);
});
