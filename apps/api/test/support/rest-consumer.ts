import { expect } from "vitest";

/** The v2 media types a REST Proxy client sends and accepts. */
export const V2 = "application/vnd.kafka.v2+json";
export const V2_JSON = "application/vnd.kafka.json.v2+json";
export const V2_BINARY = "application/vnd.kafka.binary.v2+json";

export interface V2Record {
  topic: string;
  key: unknown;
  value: unknown;
  partition: number;
  offset: number;
}

/** An HTTP client over a base URL (a listening test service or a spawned one), with fetch. */
export class RestClient {
  constructor(readonly base: string) {}

  async call(method: string, path: string, options: { body?: unknown; contentType?: string; accept?: string } = {}): Promise<{ status: number; body: any; type: string | null }> {
    const headers: Record<string, string> = {};
    if (options.body !== undefined) headers["content-type"] = options.contentType ?? V2;
    if (options.accept) headers.accept = options.accept;
    const response = await fetch(`${this.base}${path}`, { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) });
    const text = await response.text();
    return { status: response.status, body: text === "" ? undefined : JSON.parse(text), type: response.headers.get("content-type") };
  }

  /** A GET with a JSON body, which fetch refuses to send: over node:http instead. */
  async getWithBody(path: string, body: unknown): Promise<{ status: number; body: any }> {
    const { request } = await import("node:http");
    const url = new URL(`${this.base}${path}`);
    const payload = JSON.stringify(body);
    return new Promise((resolve, reject) => {
      const req = request(url, { method: "GET", headers: { "content-type": V2, "content-length": Buffer.byteLength(payload) } }, (res) => {
        let text = "";
        res.on("data", (chunk: Buffer) => (text += chunk.toString()));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text === "" ? undefined : JSON.parse(text) }));
      });
      req.on("error", reject);
      req.end(payload);
    });
  }
}

/** A REST Proxy v2 consumer instance, driven the way its users drive it. */
export class RestConsumer {
  constructor(
    readonly client: RestClient,
    readonly group: string,
    readonly name: string,
    readonly format: "json" | "binary" = "json",
  ) {}

  static async create(client: RestClient, group: string, name: string, config: Record<string, unknown> = {}): Promise<RestConsumer> {
    const format = (config.format as "json" | "binary" | undefined) ?? "json";
    const created = await client.call("POST", `/consumers/${group}`, { body: { name, format, ...config } });
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    expect(created.body).toEqual({ instance_id: name, base_uri: `${client.base}/consumers/${group}/instances/${name}` });
    return new RestConsumer(client, group, name, format);
  }

  get path(): string {
    return `/consumers/${this.group}/instances/${this.name}`;
  }

  async subscribe(topics: string[]): Promise<void> {
    const answer = await this.client.call("POST", `${this.path}/subscription`, { body: { topics } });
    expect(answer.status, JSON.stringify(answer.body)).toBe(204);
  }

  async assignments(): Promise<{ topic: string; partition: number }[]> {
    const answer = await this.client.call("GET", `${this.path}/assignments`);
    expect(answer.status).toBe(200);
    return answer.body.partitions;
  }

  async partitions(): Promise<number[]> {
    return (await this.assignments()).map((p) => p.partition).sort();
  }

  async read(timeoutMs = 200): Promise<V2Record[]> {
    const answer = await this.client.call("GET", `${this.path}/records?timeout=${timeoutMs}`, { accept: this.format === "json" ? V2_JSON : V2_BINARY });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    return answer.body;
  }

  /** Reads until `count` records came (failing after `timeoutMs`), then checks nothing more is waiting. */
  async readExactly(count: number, timeoutMs = 15_000): Promise<V2Record[]> {
    const records: V2Record[] = [];
    const deadline = Date.now() + timeoutMs;
    while (records.length < count) {
      if (Date.now() > deadline) throw new Error(`${this.name} read ${records.length} of ${count} records`);
      records.push(...(await this.read(200)));
    }
    expect(await this.read(100)).toEqual([]);
    expect(records).toHaveLength(count);
    return records;
  }

  async commit(offsets?: { topic: string; partition: number; offset: number }[]): Promise<any> {
    const answer = await this.client.call("POST", `${this.path}/offsets`, offsets ? { body: { offsets } } : {});
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    return answer.body;
  }

  async delete(): Promise<void> {
    const answer = await this.client.call("DELETE", this.path);
    expect(answer.status, JSON.stringify(answer.body)).toBe(204);
  }
}

/** Polls `probe` until `accept` holds (failing after `timeoutMs`), returning the last value. */
export async function eventually<T>(probe: () => Promise<T>, accept: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (accept(value)) return value;
    if (Date.now() > deadline) throw new Error(`condition not met in ${timeoutMs} ms; last value ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
