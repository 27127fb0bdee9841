import { encodeRecordBatch } from "@skein/broker";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachProvider } from "./support/databases.js";
import { startTestService, type TestService } from "./support/test-service.js";

describeEachProvider("REST reads and open transactions (isolation_level, the transactions extension)", (provider) => {
  let service: TestService;
  let c: string;

  beforeAll(async () => {
    service = await startTestService(provider, { brokerConfig: { "num.partitions": "1" } });
    c = service.engine.broker.clusterId;
  });

  afterAll(async () => {
    await service?.close();
  });

  const p = (topic: string) => `/v3/clusters/${c}/topics/${topic}/partitions/0`;
  const get = async (path: string, status = 200) => (await service.http().get(path).expect(status).expect("content-type", /application\/json/)).body;
  const values = (body: { data: { offset: number; value: { data: string } }[] }) => body.data.map((r) => [r.offset, Buffer.from(r.value.data, "base64").toString()]);
  const transactionalBatch = (values: string[], producer: { producerId: number; producerEpoch: number }, baseSequence: number, now = Date.now()) =>
    encodeRecordBatch(
      values.map((value) => ({ key: null, value: Buffer.from(value) })),
      { timestampType: "CreateTime", now, ...producer, baseSequence, isTransactional: true },
    );

  it("reads committed records by default, uncommitted ones on request, and lists the open transaction until its abort", async () => {
    const { broker, transactions } = service.engine;
    await broker.createTopic({ name: "ledger", partitions: 1 });
    await broker.produce("ledger", [{ key: null, value: Buffer.from("before") }]);
    const producer = await transactions.initProducerId("ledger-app", 60_000, null);
    await transactions.addPartitionsToTxn("ledger-app", producer.producerId, producer.producerEpoch, [{ topic: "ledger", partition: 0 }]);
    await broker.appendRecordBatches("ledger", 0, transactionalBatch(["open 1", "open 2"], producer, 0), { acks: -1 });

    // Open: a committed read stops at the last stable offset (1); an uncommitted one reads up to the high watermark.
    const committed = await get(`${p("ledger")}/records`);
    expect(values(committed)).toEqual([[0, "before"]]);
    expect(committed).toMatchObject({ high_watermark: 3, last_stable_offset: 1, isolation_level: "read_committed", next_offset: 1, metadata: { next: null } });
    const newest = await get(`${p("ledger")}/records?from=newest&limit=1`);
    expect(values(newest)).toEqual([[0, "before"]]);
    const uncommitted = await get(`${p("ledger")}/records?isolation_level=read_uncommitted&limit=2`);
    expect(values(uncommitted)).toEqual([
      [0, "before"],
      [1, "open 1"],
    ]);
    expect(uncommitted.metadata.next).toMatch(/offset=2&limit=2&isolation_level=read_uncommitted$/);
    expect(values(await get(`${p("ledger")}/records?isolation_level=read_uncommitted&offset=2`))).toEqual([[2, "open 2"]]);
    expect(await get(`${p("ledger")}/records?isolation_level=READ_COMMITTED`, 400)).toMatchObject({ error_code: 40002, message: expect.stringContaining("isolation_level") });

    const open = await get(`${p("ledger")}/transactions`);
    expect(open).toMatchObject({ kind: "SkeinPartitionTransactions", topic_name: "ledger", partition_id: 0, high_watermark: 3, last_stable_offset: 1, lso_lag: 2 });
    expect(open.metadata.self).toMatch(/\/partitions\/0\/transactions$/);
    expect(open.data).toEqual([
      {
        producer_id: producer.producerId,
        producer_epoch: producer.producerEpoch,
        transactional_id: "ledger-app",
        coordinator_state: "Ongoing",
        first_offset: 1,
        started_at: expect.any(String),
        last_write_at: expect.any(String),
        open_ms: expect.any(Number),
        timeout_ms: 60_000,
        timeout_source: "transaction.timeout.ms",
        hanging: false,
      },
    ]);
    expect(open.data[0].open_ms).toBeLessThan(60_000);

    // Aborted: committed reads never show its records, uncommitted ones still do; the marker (offset 3) is no record.
    await transactions.endTxn("ledger-app", producer.producerId, producer.producerEpoch, false);
    await transactions.markersWritten();
    await broker.produce("ledger", [{ key: null, value: Buffer.from("after") }]);
    expect(values(await get(`${p("ledger")}/records`))).toEqual([
      [0, "before"],
      [4, "after"],
    ]);
    expect(values(await get(`${p("ledger")}/records?isolation_level=read_uncommitted`))).toEqual([
      [0, "before"],
      [1, "open 1"],
      [2, "open 2"],
      [4, "after"],
    ]);
    expect(await get(`${p("ledger")}/transactions`)).toMatchObject({ high_watermark: 5, last_stable_offset: 5, lso_lag: 0, data: [] });
  });

  it("flags a transaction its coordinator does not know, open longer than transaction.max.timeout.ms, as hanging", async () => {
    const { broker } = service.engine;
    await broker.createTopic({ name: "stuck", partitions: 1 });
    // A producer id no transactional id maps to here, whose transactional batch was written two hours ago.
    const producer = await broker.initProducerId();
    await broker.appendRecordBatches("stuck", 0, transactionalBatch(["orphan"], producer, 0, Date.now() - 2 * 3_600_000), { acks: -1 });
    const stuck = await get(`${p("stuck")}/transactions`);
    expect(stuck).toMatchObject({ high_watermark: 1, last_stable_offset: 0, lso_lag: 1 });
    expect(stuck.data).toEqual([
      expect.objectContaining({
        producer_id: producer.producerId,
        transactional_id: null,
        coordinator_state: null,
        first_offset: 0,
        started_at: null,
        timeout_ms: 900_000,
        timeout_source: "transaction.max.timeout.ms",
        hanging: true,
      }),
    ]);
    expect(stuck.data[0].open_ms).toBeGreaterThanOrEqual(2 * 3_600_000 - 60_000);
    expect(await get(`/v3/clusters/${c}/topics/stuck/partitions/7/transactions`, 404)).toMatchObject({ error_code: 40402 });
  });
});
