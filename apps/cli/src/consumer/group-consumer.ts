import { randomBytes } from "node:crypto";
import type { RestClient } from "../client/rest-client.js";
import type { ConsumedRecord } from "../format/record-formatter.js";

const V2 = "application/vnd.kafka.v2+json";
const V2_BINARY = "application/vnd.kafka.binary.v2+json";

/** A v2 binary consumer record; `timestamp` is read when the service adds it (REST Proxy's v2 has none). */
interface V2Record {
  topic: string;
  key: string | null;
  value: string | null;
  partition: number;
  offset: number;
  timestamp?: number | null;
}

/**
 * A member of a consumer group through a REST Proxy v2 consumer instance, with auto-commit off: the console consumer
 * commits exactly the records it printed, and deleting the instance leaves the group.
 */
export class GroupConsumer {
  private constructor(
    private readonly client: RestClient,
    private readonly path: string,
    readonly instanceId: string,
  ) {}

  /** Creates the instance in the group and subscribes it to the topic; it joins the group on its first poll. */
  static async join(client: RestClient, group: string, topic: string, autoOffsetReset: "earliest" | "latest"): Promise<GroupConsumer> {
    const name = `skein-console-consumer-${process.pid}-${randomBytes(4).toString("hex")}`;
    const created = await client.request<{ instance_id: string }>("POST", `/consumers/${encodeURIComponent(group)}`, {
      body: { name, format: "binary", "auto.offset.reset": autoOffsetReset, "auto.commit.enable": "false" },
      contentType: V2,
      accept: V2,
    });
    const instanceId = created.instance_id ?? name;
    const consumer = new GroupConsumer(client, `/consumers/${encodeURIComponent(group)}/instances/${encodeURIComponent(instanceId)}`, instanceId);
    try {
      await client.request("POST", `${consumer.path}/subscription`, { body: { topics: [topic] }, contentType: V2, accept: V2 });
    } catch (error) {
      await consumer.leave().catch(() => undefined);
      throw error;
    }
    return consumer;
  }

  /** One fetch: the records the service has for this member, waiting up to `timeoutMs` for some. */
  async poll(timeoutMs: number): Promise<ConsumedRecord[]> {
    const records = await this.client.request<V2Record[]>("GET", `${this.path}/records`, { query: { timeout: timeoutMs }, accept: V2_BINARY });
    return (records ?? []).map((r) => ({
      topic: r.topic,
      partition: r.partition,
      offset: r.offset,
      timestamp: typeof r.timestamp === "number" ? r.timestamp : null,
      timestampType: typeof r.timestamp === "number" ? "CreateTime" : null,
      key: r.key === null || r.key === undefined ? null : Buffer.from(r.key, "base64"),
      value: r.value === null || r.value === undefined ? null : Buffer.from(r.value, "base64"),
      headers: [],
    }));
  }

  /** The partitions the group has assigned to this member so far. */
  async assignments(): Promise<{ topic: string; partition: number }[]> {
    const answer = await this.client.request<{ partitions: { topic: string; partition: number }[] }>("GET", `${this.path}/assignments`, { accept: V2 });
    return answer.partitions ?? [];
  }

  /** Commits the last printed offset of each partition (the service stores offset + 1, Kafka's next position). */
  async commit(lastPrinted: ReadonlyMap<string, { topic: string; partition: number; offset: number }>): Promise<void> {
    if (lastPrinted.size === 0) return;
    const offsets = [...lastPrinted.values()].map((p) => ({ topic: p.topic, partition: p.partition, offset: p.offset }));
    await this.client.request("POST", `${this.path}/offsets`, { body: { offsets }, contentType: V2, accept: V2 });
  }

  /** Deletes the instance, which leaves the group at once rather than after a session timeout. */
  async leave(): Promise<void> {
    await this.client.request("DELETE", this.path, { contentType: V2, accept: V2 });
  }
}
