import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ManualClock, useTempDirs } from "../test-support/temp-dir.js";
import type { ClientQuotaEntity } from "./client-quota.js";
import { FileQuotaStore } from "./file-quota-store.js";
import { userPrincipal } from "./principal.js";
import { QuotaManager } from "./quota-manager.js";
import { SampledRate } from "./sampled-rate.js";

const tempDir = useTempDirs();

async function managerWith(quotas: { entity: ClientQuotaEntity; key: string; value: number }[], clock = new ManualClock()) {
  const path = join(tempDir(), "client-quotas.json");
  const manager = await QuotaManager.open(new FileQuotaStore(path), { clock });
  const results = await manager.alterClientQuotas(quotas.map((q) => ({ entity: q.entity, changes: [{ key: q.key, value: q.value }] })));
  expect(results).toEqual(quotas.map(() => null));
  return { manager, clock, path };
}

const alice = userPrincipal("alice");

describe("QuotaManager: Kafka's precedence", () => {
  // Every entity Kafka's default callback consults, most specific first; each row sets that one and everything below it.
  const levels: { entity: ClientQuotaEntity; name: string }[] = [
    { entity: { user: "alice", "client-id": "app" }, name: "/users/alice/clients/app" },
    { entity: { user: "alice", "client-id": null }, name: "/users/alice/clients/<default>" },
    { entity: { user: "alice" }, name: "/users/alice" },
    { entity: { user: null, "client-id": "app" }, name: "/users/<default>/clients/app" },
    { entity: { user: null, "client-id": null }, name: "/users/<default>/clients/<default>" },
    { entity: { user: null }, name: "/users/<default>" },
    { entity: { "client-id": "app" }, name: "/clients/app" },
    { entity: { "client-id": null }, name: "/clients/<default>" },
  ];
  levels.forEach((level, i) => {
    it(`${level.name} wins over everything less specific`, async () => {
      const { manager } = await managerWith(levels.slice(i).map((l, j) => ({ entity: l.entity, key: "producer_byte_rate", value: 1000 * (i + j + 1) })));
      expect(manager.quotaFor("producer_byte_rate", alice, "app")).toEqual({ limit: 1000 * (i + 1), entity: level.entity });
    });
  });

  it("quotas are per key, and none applies without one", async () => {
    const { manager } = await managerWith([{ entity: { user: "alice" }, key: "consumer_byte_rate", value: 500 }]);
    expect(manager.quotaFor("producer_byte_rate", alice, "app")).toBeNull();
    expect(manager.recordAndGetThrottleTimeMs("producer_byte_rate", alice, "app", 1e9)).toBe(0);
    expect(manager.enabled("consumer_byte_rate")).toBe(true);
    expect(manager.enabled("producer_byte_rate")).toBe(false);
  });
});

describe("QuotaManager: throttling", () => {
  it("throttles a client over its rate for as long as its rate needs to fall back to the quota", async () => {
    const { manager, clock } = await managerWith([{ entity: { user: "alice" }, key: "producer_byte_rate", value: 1000 }]);
    // 11 samples of 1 s: the rate is measured over at least 10 s, so 10,000 bytes at once is exactly the quota.
    expect(manager.recordAndGetThrottleTimeMs("producer_byte_rate", alice, "app", 10_000)).toBe(0);
    // 20,000 bytes over 10 s is 2,000 B/s, twice the quota: (2000 - 1000) / 1000 × 10 s.
    expect(manager.recordAndGetThrottleTimeMs("producer_byte_rate", alice, "app", 10_000)).toBe(10_000);
    clock.advance(10_000);
    // Measured over 10 s (no longer padded): 20,000 B / 10 s = 2,000 B/s still.
    expect(manager.throttleTimeMs("producer_byte_rate", alice, "app")).toBe(10_000);
    clock.advance(12_000);
    // Every sample is older than 11 windows: nothing is counted any more.
    expect(manager.throttleTimeMs("producer_byte_rate", alice, "app")).toBe(0);
  });

  it("a user quota is shared by the user's clients, a default-user quota applies to each user apart", async () => {
    const { manager } = await managerWith([
      { entity: { user: "alice" }, key: "producer_byte_rate", value: 1000 },
      { entity: { user: null }, key: "producer_byte_rate", value: 1000 },
    ]);
    manager.recordAndGetThrottleTimeMs("producer_byte_rate", alice, "one", 10_000);
    expect(manager.recordAndGetThrottleTimeMs("producer_byte_rate", alice, "two", 1000)).toBeGreaterThan(0);
    const bob = userPrincipal("bob");
    const carol = userPrincipal("carol");
    expect(manager.recordAndGetThrottleTimeMs("producer_byte_rate", bob, "x", 10_000)).toBe(0);
    expect(manager.recordAndGetThrottleTimeMs("producer_byte_rate", carol, "x", 10_000)).toBe(0);
  });

  it("unrecord takes back a value and maxValueInQuotaWindow bounds a single record", async () => {
    const { manager } = await managerWith([{ entity: { "client-id": "app" }, key: "consumer_byte_rate", value: 100 }]);
    expect(manager.maxValueInQuotaWindow("consumer_byte_rate", alice, "app")).toBe(1000);
    expect(manager.recordAndGetThrottleTimeMs("consumer_byte_rate", alice, "app", 2000)).toBeGreaterThan(0);
    manager.unrecord("consumer_byte_rate", alice, "app", 2000);
    expect(manager.throttleTimeMs("consumer_byte_rate", alice, "app")).toBe(0);
  });
});

describe("QuotaManager: AlterClientQuotas and DescribeClientQuotas", () => {
  it("checks alterations with Kafka's messages, applies the valid ones, and keeps them across a reopen", async () => {
    const { manager, path } = await managerWith([]);
    const results = await manager.alterClientQuotas([
      { entity: { user: "alice" }, changes: [{ key: "producer_byte_rate", value: 1024 }, { key: "request_percentage", value: 12.5 }] },
      { entity: { user: "bob" }, changes: [{ key: "producer_byte_rate", value: 1.5 }] },
      { entity: { user: "bob" }, changes: [{ key: "nonsense", value: 1 }] },
      { entity: { "client-id": "x" }, changes: [{ key: "consumer_byte_rate", value: 0 }] },
      { entity: {}, changes: [{ key: "consumer_byte_rate", value: 1 }] },
      { entity: { "client-id": null }, changes: [{ key: "consumer_byte_rate", value: 1 }, { key: "consumer_byte_rate", value: 2 }] },
    ]);
    expect(results.map((r) => r?.message ?? null)).toEqual([
      null,
      "producer_byte_rate cannot be a fractional value.",
      "Ignoring duplicate entity ClientQuotaEntity(entries={user=bob})",
      "Quota consumer_byte_rate must be greater than 0",
      "Invalid empty client quota entity",
      "Duplicate quota key consumer_byte_rate not updating quota for this entity ClientQuotaEntity(entries={client-id=null})",
    ]);
    const reopened = await QuotaManager.open(new FileQuotaStore(path));
    expect(reopened.describeClientQuotas({ components: [], strict: false })).toEqual([{ entity: { user: "alice" }, quotas: { producer_byte_rate: 1024, request_percentage: 12.5 } }]);
    await reopened.alterClientQuotas([{ entity: { user: "alice" }, changes: [{ key: "producer_byte_rate", value: null }, { key: "request_percentage", value: null }] }]);
    expect(reopened.describeClientQuotas({ components: [], strict: false })).toEqual([]);
  });

  it("validate_only changes nothing", async () => {
    const { manager } = await managerWith([]);
    expect(await manager.alterClientQuotas([{ entity: { user: "a" }, changes: [{ key: "producer_byte_rate", value: 5 }] }], true)).toEqual([null]);
    expect(manager.describeClientQuotas({ components: [], strict: false })).toEqual([]);
  });

  it("filters by exact name, default and specified, strictly or not", async () => {
    const { manager } = await managerWith([
      { entity: { user: "alice" }, key: "producer_byte_rate", value: 1 },
      { entity: { user: "alice", "client-id": "app" }, key: "producer_byte_rate", value: 2 },
      { entity: { user: null }, key: "producer_byte_rate", value: 3 },
      { entity: { "client-id": "app" }, key: "producer_byte_rate", value: 4 },
    ]);
    const values = (filter: Parameters<QuotaManager["describeClientQuotas"]>[0]) => manager.describeClientQuotas(filter).map((e) => e.quotas.producer_byte_rate).sort();
    expect(values({ components: [{ entityType: "user", match: { kind: "exact", name: "alice" } }], strict: false })).toEqual([1, 2]);
    expect(values({ components: [{ entityType: "user", match: { kind: "exact", name: "alice" } }], strict: true })).toEqual([1]);
    expect(values({ components: [{ entityType: "user", match: { kind: "default" } }], strict: false })).toEqual([3]);
    expect(values({ components: [{ entityType: "user", match: { kind: "specified" } }], strict: false })).toEqual([1, 2, 3]);
    expect(values({ components: [{ entityType: "client-id", match: { kind: "specified" } }], strict: true })).toEqual([4]);
  });
});

describe("SampledRate", () => {
  it("measures over at least samples - 1 windows, and forgets samples older than all of them", () => {
    const rate = new SampledRate(11, 1000);
    rate.record(500, 0);
    expect(rate.measure(0)).toBe(50);
    rate.record(500, 5_500);
    // 5.5 s elapsed, padded to 10 full windows and the part of the current one: 1,000 B over 10.5 s.
    expect(rate.measure(5_500)).toBeCloseTo(1000 / 10.5, 9);
    // At 15 s the first sample (last touched at 0) is older than 11 windows and forgotten.
    expect(rate.measure(15_000)).toBeCloseTo(500 / 10.5, 9);
    expect(rate.measure(17_000)).toBe(0);
  });
});
