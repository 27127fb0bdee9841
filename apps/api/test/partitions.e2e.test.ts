import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachProvider } from "./support/databases.js";
import { startTestService, type TestService } from "./support/test-service.js";

describeEachProvider("v3 partitions, replicas and Skein's partition extensions", (provider) => {
  let service: TestService;
  let c: string;
  const host = "skein.example:8080";
  const base = `http://${host}`;
  /** Record i of "events" has this CreateTime: an hour ago plus i seconds. */
  const t0 = Date.now() - 3_600_000;
  const COUNT = 30;

  beforeAll(async () => {
    service = await startTestService(provider);
    c = service.engine.broker.clusterId;
    const broker = service.engine.broker;
    await broker.createTopic({ name: "events", partitions: 2, configs: { "segment.bytes": "300" } });
    for (let i = 0; i < COUNT; i++) {
      // One batch per produce call, so the small segments roll every few records.
      await broker.produce("events", [
        { partition: 0, key: Buffer.from(`k${i}`), value: Buffer.from(`value ${i}`), timestamp: t0 + i * 1000, headers: [{ key: "trace", value: Buffer.from([i]) }] },
      ]);
    }
    await broker.createTopic({ name: "compacted", partitions: 1, configs: { "cleanup.policy": "compact" } });
  });

  afterAll(async () => {
    await service?.close();
  });

  const http = () => service.http();
  const p = (partition: number | string = 0, topic = "events") => `/v3/clusters/${c}/topics/${topic}/partitions/${partition}`;
  const get = async (path: string, status = 200) => (await http().get(path).set("host", host).expect(status).expect("content-type", /application\/json/)).body;

  it("lists and gets partitions with leader, replicas and reassignment links", async () => {
    const self = `${base}${p(1)}`;
    const partition1 = {
      kind: "KafkaPartition",
      metadata: { self, resource_name: `crn:///kafka=${c}/topic=events/partition=1` },
      cluster_id: c,
      topic_name: "events",
      partition_id: 1,
      leader: { related: `${self}/replicas/0` },
      replicas: { related: `${self}/replicas` },
      reassignment: { related: `${self}/reassignment` },
    };
    const list = await get(`/v3/clusters/${c}/topics/events/partitions`);
    expect(list.kind).toBe("KafkaPartitionList");
    expect(list.metadata).toEqual({ self: `${base}/v3/clusters/${c}/topics/events/partitions`, next: null });
    expect(list.data.map((partition: { partition_id: number }) => partition.partition_id)).toEqual([0, 1]);
    expect(list.data[1]).toEqual(partition1);
    expect(await get(p(1))).toEqual(partition1);
  });

  it("answers unknown partitions 40402, unknown topics 40403, unknown clusters 404, non-integer ids 404", async () => {
    const missing = { error_code: 40402, message: "Partition not found. Topic events has partitions 0 to 1; there is no partition 7." };
    for (const suffix of ["", "/offset", "/replicas", "/replicas/0", "/segments", "/log", "/retention", "/cleaner", "/records"]) {
      expect(await get(`${p(7)}${suffix}`, 404)).toEqual(missing);
      expect((await get(`${p(0, "nope")}${suffix}`, 404)).error_code).toBe(40403);
      expect(await get(`/v3/clusters/other/topics/events/partitions/0${suffix}`, 404)).toEqual({ error_code: 404, message: "Cluster other cannot be found." });
      expect(await get(`${p("first")}${suffix}`, 404)).toEqual({ error_code: 404, message: "HTTP 404 Not Found" });
    }
    expect((await get(p(-1), 404)).error_code).toBe(40402);
    expect((await http().post(`${p(7)}/delete-records`).send({ offset: 0 }).expect(404)).body.error_code).toBe(40402);
    expect((await get(`/v3/clusters/${c}/topics/nope/partitions`, 404)).error_code).toBe(40403);
  });

  it("gives a partition's earliest and latest offsets", async () => {
    expect(await get(`${p(0)}/offset`)).toEqual({
      kind: "KafkaPartitionWithOffsets",
      metadata: { self: `${base}${p(0)}/offset`, resource_name: `crn:///kafka=${c}/topic=events/partition=0/offset_type=earliest_and_latest` },
      cluster_id: c,
      topic_name: "events",
      partition_id: 0,
      earliest_offset: 0,
      latest_offset: COUNT,
    });
    expect((await get(`${p(1)}/offset?offset_type=earliest_and_latest`)).latest_offset).toBe(0);
    expect(await get(`${p(0)}/offset?offset_type=max_timestamp`, 400)).toEqual({ error_code: 400, message: "offset_type:max_timestamp is invalid" });
  });

  it("lists and gets replicas", async () => {
    const replica = {
      kind: "KafkaReplica",
      metadata: { self: `${base}${p(0)}/replicas/0`, resource_name: `crn:///kafka=${c}/topic=events/partition=0/replica=0` },
      cluster_id: c,
      topic_name: "events",
      partition_id: 0,
      broker_id: 0,
      is_leader: true,
      is_in_sync: true,
      broker: { related: `${base}/v3/clusters/${c}/brokers/0` },
    };
    expect(await get(`${p(0)}/replicas`)).toEqual({ kind: "KafkaReplicaList", metadata: { self: `${base}${p(0)}/replicas`, next: null }, data: [replica] });
    expect(await get(`${p(0)}/replicas/0`)).toEqual(replica);
    expect(await get(`${p(0)}/replicas/3`, 404)).toEqual({ error_code: 404, message: "HTTP 404 Not Found" });
  });

  it("lists the segments, oldest first, the last one active; and gets one by base offset", async () => {
    const list = await get(`${p(0)}/segments`);
    expect(list.kind).toBe("SkeinSegmentList");
    expect(list.metadata).toEqual({ self: `${base}${p(0)}/segments`, next: null });
    const segments = list.data;
    expect(segments.length).toBeGreaterThan(3);
    expect(segments[0]).toMatchObject({ kind: "SkeinSegment", cluster_id: c, topic_name: "events", partition_id: 0, base_offset: 0, first_timestamp: t0, active: false });
    expect(segments[0].metadata).toEqual({ self: `${base}${p(0)}/segments/0`, resource_name: `crn:///kafka=${c}/topic=events/partition=0/segment=0` });
    expect(segments.at(-1)).toMatchObject({ active: true, last_offset: COUNT - 1, max_timestamp: t0 + (COUNT - 1) * 1000 });
    for (let i = 1; i < segments.length; i++) expect(segments[i].base_offset).toBe(segments[i - 1].last_offset + 1);
    expect(await get(`${p(0)}/segments/${segments[1].base_offset}`)).toEqual(segments[1]);
    expect((await get(`${p(0)}/segments/1`, 404)).error_code).toBe(404);
  });

  it("gives the partition log's offsets and size", async () => {
    const segments = (await get(`${p(0)}/segments`)).data as { size_bytes: number }[];
    expect(await get(`${p(0)}/log`)).toEqual({
      kind: "SkeinPartitionLog",
      metadata: { self: `${base}${p(0)}/log`, resource_name: `crn:///kafka=${c}/topic=events/partition=0` },
      cluster_id: c,
      topic_name: "events",
      partition_id: 0,
      log_start_offset: 0,
      log_end_offset: COUNT,
      high_watermark: COUNT,
      size_bytes: segments.reduce((sum, segment) => sum + segment.size_bytes, 0),
    });
  });

  it("reads records from an offset, base64 keys, values and headers, with a next link", async () => {
    const body = await get(`${p(0)}/records?offset=5&limit=3`);
    expect(body).toMatchObject({
      kind: "SkeinRecordList",
      metadata: { self: `${base}${p(0)}/records?offset=5&limit=3`, next: `${base}${p(0)}/records?offset=8&limit=3` },
      cluster_id: c,
      topic_name: "events",
      partition_id: 0,
      log_start_offset: 0,
      log_end_offset: COUNT,
      high_watermark: COUNT,
      next_offset: 8,
    });
    expect(body.data[0]).toEqual({
      kind: "SkeinRecord",
      partition_id: 0,
      offset: 5,
      timestamp: t0 + 5000,
      timestamp_type: "CreateTime",
      key: { size: 2, data: Buffer.from("k5").toString("base64") },
      value: { size: 7, data: Buffer.from("value 5").toString("base64") },
      headers: [{ name: "trace", value: Buffer.from([5]).toString("base64") }],
    });
    expect(body.data.map((record: { offset: number }) => record.offset)).toEqual([5, 6, 7]);
    // Without a start, from the log start, 50 at most.
    const all = await get(`${p(0)}/records`);
    expect(all.data).toHaveLength(COUNT);
    expect(all.metadata.next).toBeNull();
  });

  it("reads from the first record at or after a time, given as epoch ms or ISO-8601", async () => {
    const byMs = await get(`${p(0)}/records?timestamp=${t0 + 10_500}&limit=2`);
    expect(byMs.data.map((record: { offset: number }) => record.offset)).toEqual([11, 12]);
    const iso = new Date(t0 + 10_500).toISOString();
    const byIso = await get(`${p(0)}/records?timestamp=${encodeURIComponent(iso)}&limit=2`);
    expect(byIso.data.map((record: { offset: number }) => record.offset)).toEqual([11, 12]);
    const future = await get(`${p(0)}/records?timestamp=${t0 + 86_400_000}`);
    expect(future).toMatchObject({ data: [], next_offset: COUNT, metadata: { next: null } });
  });

  it("reads the newest records, and bounds a read by max_bytes", async () => {
    const newest = await get(`${p(0)}/records?from=newest&limit=4`);
    expect(newest.data.map((record: { offset: number }) => record.offset)).toEqual([26, 27, 28, 29]);
    expect(newest.metadata).toEqual({ self: `${base}${p(0)}/records?offset=26&limit=4`, next: null });
    const small = await get(`${p(0)}/records?offset=0&limit=50&max_bytes=1`);
    expect(small.data.length).toBeGreaterThanOrEqual(1);
    expect(small.data.length).toBeLessThan(COUNT);
    expect(small.metadata.next).toBe(`${base}${p(0)}/records?offset=${small.next_offset}&limit=50&max_bytes=1`);
    const empty = await get(`${p(1)}/records?from=newest`);
    expect(empty).toMatchObject({ data: [], next_offset: 0, log_end_offset: 0 });
    expect((await get(`${p(0)}/records?offset=${COUNT}`)).data).toEqual([]);
  });

  it("refuses bad record queries with 400 and offsets past the log end with 416", async () => {
    const bad = async (query: string) => (await get(`${p(0)}/records?${query}`, 400)).error_code;
    for (const query of ["offset=-1", "offset=abc", "limit=0", "limit=5000", "max_bytes=0", "from=oldest", "offset=1&timestamp=5", "offset=1&from=newest", "timestamp=yesterday", "timestamp=2026-13-45"]) {
      expect(await bad(query)).toBe(400);
    }
    expect(await get(`${p(0)}/records?offset=${COUNT + 1}`, 416)).toEqual({ error_code: 41601, message: `Offset ${COUNT + 1} is beyond the log end offset ${COUNT} of partition events-0.` });
  });

  it("says why data will go: segments due for deletion under retention.ms", async () => {
    await service.engine.broker.alterTopicConfigs("events", [{ name: "retention.ms", value: "60000" }]);
    const body = await get(`${p(0)}/retention`);
    expect(body).toMatchObject({
      kind: "SkeinPartitionRetention",
      metadata: { self: `${base}${p(0)}/retention`, resource_name: `crn:///kafka=${c}/topic=events/partition=0` },
      cluster_id: c,
      topic_name: "events",
      partition_id: 0,
      recent_deletions: [],
      check_interval_ms: expect.any(Number),
    });
    const segments = (await get(`${p(0)}/segments`)).data;
    expect(body.due_for_deletion).toHaveLength(segments.length - 1);
    expect(body.due_for_deletion[0]).toEqual({ base_offset: 0, last_offset: segments[0].last_offset, size_bytes: segments[0].size_bytes, max_timestamp: segments[0].max_timestamp, reason: "retention.ms" });
    await service.engine.broker.alterTopicConfigs("events", [{ name: "retention.ms", value: null }]);
  });

  it("deletes records (DeleteRecords), then refuses reads below the log start offset with a clear 416", async () => {
    const deleted = (await http().post(`${p(0)}/delete-records`).set("host", host).send({ offset: 10 }).expect(200)).body;
    expect(deleted).toEqual({
      kind: "SkeinDeleteRecordsResult",
      metadata: { self: `${base}${p(0)}/delete-records`, resource_name: `crn:///kafka=${c}/topic=events/partition=0` },
      cluster_id: c,
      topic_name: "events",
      partition_id: 0,
      log_start_offset: 10,
      checkpoint_pending: null,
    });
    expect((await get(`${p(0)}/log`)).log_start_offset).toBe(10);
    expect((await get(`${p(0)}/offset`)).earliest_offset).toBe(10);
    expect(await get(`${p(0)}/records?offset=3`, 416)).toEqual({
      error_code: 41601,
      message: "Offset 3 is below the log start offset 10 of partition events-0: earlier records were deleted by retention or delete-records. Read from offset 10 or later.",
    });
    expect((await get(`${p(0)}/records?limit=1`)).data[0].offset).toBe(10);
    expect((await get(`${p(0)}/records?timestamp=${t0}&limit=1`)).data[0].offset).toBe(10);
    const retention = await get(`${p(0)}/retention`);
    expect(retention.recent_deletions.length).toBeGreaterThan(0);
    expect(retention.recent_deletions[0]).toMatchObject({ base_offset: 0, reason: "log-start-offset", deleted_at: expect.any(Number) });

    expect((await http().post(`${p(0)}/delete-records`).send({ offset: COUNT + 5 }).expect(416)).body.error_code).toBe(41601);
    expect((await http().post(`${p(0)}/delete-records`).send({ offset: -1 }).expect(200)).body.log_start_offset).toBe(COUNT);
    expect((await get(`${p(0)}/records`)).data).toEqual([]);
  });

  it("validates the delete-records body", async () => {
    expect((await http().post(`${p(1)}/delete-records`).expect(422)).body).toEqual({ error_code: 42206, message: "Payload error. Request body is empty. Data is required." });
    expect((await http().post(`${p(1)}/delete-records`).send({}).expect(422)).body).toEqual({ error_code: 42206, message: "Payload error. offset is required." });
    expect((await http().post(`${p(1)}/delete-records`).send({ offset: "3" }).expect(400)).body.error_code).toBe(400);
    expect((await http().post(`${p(1)}/delete-records`).send({ offset: -2 }).expect(400)).body).toEqual({ error_code: 400, message: "offset must not be less than -1" });
  });

  it("gives the log cleaner's state: why a delete-policy log is not cleaned, and a compacted one", async () => {
    const notCompacted = await get(`${p(1)}/cleaner`);
    expect(notCompacted).toMatchObject({
      kind: "SkeinPartitionCleaner",
      metadata: { self: `${base}${p(1)}/cleaner`, resource_name: `crn:///kafka=${c}/topic=events/partition=1` },
      cluster_id: c,
      topic_name: "events",
      partition_id: 1,
      compacted: false,
      status: "idle",
      not_cleaned_reason: { code: "not-compacted", message: expect.any(String) },
      last_run: null,
      totals: { runs: 0, bytes_reclaimed: 0, records_removed: 0, tombstones_removed: 0 },
      bytes_reclaimed: 0,
    });
    const compacted = await get(`${p(0, "compacted")}/cleaner`);
    expect(compacted).toMatchObject({ compacted: true, dirty_ratio: expect.any(Number), first_dirty_offset: 0, min_cleanable_dirty_ratio: 0.5 });
  });

  it("documents the partition routes", async () => {
    const paths = Object.keys((await http().get("/openapi.json").expect(200)).body.paths);
    const partition = "/v3/clusters/{cluster_id}/topics/{topic_name}/partitions/{partition_id}";
    expect(paths).toEqual(
      expect.arrayContaining([
        "/v3/clusters/{cluster_id}/topics/{topic_name}/partitions",
        partition,
        ...["/offset", "/replicas", "/replicas/{broker_id}", "/segments", "/segments/{base_offset}", "/log", "/retention", "/cleaner", "/delete-records", "/records"].map((suffix) => `${partition}${suffix}`),
      ]),
    );
  });
});
