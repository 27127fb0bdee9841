/** The few REST calls the browser tests make directly, to set up state the console then shows. */

export class Rest {
  constructor(
    readonly baseUrl: string,
    readonly clusterId: string,
  ) {}

  private async call<T>(method: string, path: string, body?: unknown, contentType = "application/json"): Promise<T> {
    const response = await fetch(this.baseUrl + path, {
      method,
      headers: body === undefined ? {} : { "Content-Type": contentType },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path} → ${response.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  private v3(path: string): string {
    return `/v3/clusters/${this.clusterId}${path}`;
  }

  createTopic(name: string, partitions: number): Promise<unknown> {
    return this.call("POST", this.v3("/topics"), { topic_name: name, partitions_count: partitions, replication_factor: 1 });
  }

  /** Produces a text record; answers the delivery report. */
  async produce(topic: string, value: string, partition?: number, key?: string, timestamp?: Date): Promise<{ partition_id: number; offset: number }> {
    const report = await this.call<{ error_code: number; partition_id: number; offset: number; message?: string }>("POST", this.v3(`/topics/${topic}/records`), {
      ...(partition !== undefined && { partition_id: partition }),
      ...(key !== undefined && { key: { type: "STRING", data: key } }),
      value: { type: "STRING", data: value },
      ...(timestamp !== undefined && { timestamp: timestamp.toISOString() }),
    });
    if (report.error_code !== 200) throw new Error(`produce failed: ${report.message}`);
    return report;
  }

  /**
   * Produces many text records to one partition in one streamed request (records back to back, one report each),
   * with acks=1: the tests that use it pace records to exercise the console, not the disk's fsync latency.
   */
  async produceStream(topic: string, partition: number, values: string[]): Promise<void> {
    const body = values.map((value) => JSON.stringify({ partition_id: partition, value: { type: "STRING", data: value } })).join("");
    const response = await fetch(this.baseUrl + this.v3(`/topics/${topic}/records?acks=1`), { method: "POST", headers: { "Content-Type": "application/json" }, body });
    const text = await response.text();
    const reports = text.split("\r\n").filter((line) => line.trim()).map((line) => JSON.parse(line) as { error_code: number; message?: string });
    const failed = reports.find((r) => r.error_code !== 200);
    if (!response.ok || failed || reports.length !== values.length) throw new Error(`streamed produce failed: ${response.status} ${failed?.message ?? text.slice(0, 200)}`);
  }

  /**
   * Leaves group `group` with committed offset `offset` on `topic`/`partition` and no live member: a v2 consumer
   * instance takes the partition by manual assignment, commits, and is deleted.
   */
  async commitOffset(group: string, topic: string, partition: number, offset: number): Promise<void> {
    const v2 = "application/vnd.kafka.v2+json";
    const instance = await this.call<{ instance_id: string; base_uri: string }>("POST", `/consumers/${group}`, { name: `${group}-e2e`, format: "binary", "auto.commit.enable": "false" }, v2);
    const base = new URL(instance.base_uri).pathname;
    await this.call("POST", `${base}/assignments`, { partitions: [{ topic, partition }] }, v2);
    // REST Proxy commits "offset + 1 of the last record consumed": commit offset - 1 to leave `offset` committed.
    await this.call("POST", `${base}/offsets`, { offsets: [{ topic, partition, offset: offset - 1 }] }, v2);
    await this.call("DELETE", base, undefined, v2);
  }

  lags(group: string): Promise<{ data: { topic_name: string; partition_id: number; current_offset: number; log_end_offset: number; lag: number }[] }> {
    return this.call("GET", this.v3(`/consumer-groups/${group}/lags`));
  }

  topicConfig(topic: string, name: string): Promise<{ value: string | null; source: string }> {
    return this.call("GET", this.v3(`/topics/${topic}/configs/${name}`));
  }
}
