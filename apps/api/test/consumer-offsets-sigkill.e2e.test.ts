import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, expect, it } from "vitest";
import { Engine } from "../src/engine/engine.js";
import { createTestDatabase, describeEachProvider, type TestDatabase } from "./support/databases.js";
import { eventually, RestClient, RestConsumer } from "./support/rest-consumer.js";

const MAIN = fileURLToPath(new URL("../dist/main.js", import.meta.url));

/** `node apps/api/dist/main.js` in a child process, on a data directory and database. */
class ServiceProcess {
  private output = "";
  private readonly child: ChildProcess;
  private readonly exited: Promise<number | null>;

  constructor(db: TestDatabase) {
    if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run npm run build first`);
    this.child = spawn(process.execPath, [MAIN], {
      env: { ...process.env, NO_COLOR: "1", PORT: "0", HOST: "127.0.0.1", SKEIN_DATA_DIR: db.dataDir, DATABASE_URL: db.databaseUrl ?? "" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    this.child.stdout?.on("data", (chunk: Buffer) => (this.output += chunk.toString()));
    this.child.stderr?.on("data", (chunk: Buffer) => (this.output += chunk.toString()));
    this.exited = new Promise((resolve) => this.child.on("exit", (code) => resolve(code)));
  }

  async client(): Promise<RestClient> {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const match = /REST API\s+(http:\/\/127\.0\.0\.1:\d+)\//.exec(this.output);
      if (match) return new RestClient(match[1]!);
      if (this.child.exitCode !== null || Date.now() > deadline) throw new Error(`the service did not start:\n${this.output}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  kill(): Promise<number | null> {
    this.child.kill("SIGKILL");
    return this.exited;
  }
}

describeEachProvider("committed offsets and consumer instances across a SIGKILL of the built service", (provider) => {
  let db: TestDatabase;
  let running: ServiceProcess | null = null;

  beforeEach(async () => {
    db = await createTestDatabase(provider);
    // The data the walk-through needs: first_topic with 3 partitions of 4 records each.
    const engine = await Engine.open({ dataDir: db.dataDir, databaseUrl: db.databaseUrl });
    await engine.broker.createTopic({ name: "first_topic", partitions: 3 });
    await engine.broker.produce("first_topic", Array.from({ length: 12 }, (_, i) => ({ partition: i % 3, value: Buffer.from(JSON.stringify({ n: i })) })));
    await engine.close();
  });

  afterEach(async () => {
    await running?.kill();
    running = null;
    await db.drop();
  });

  it("keeps every committed offset and the instances themselves", async () => {
    running = new ServiceProcess(db);
    let client = await running.client();
    const clusterId = (await client.call("GET", "/v3/clusters")).body.data[0].cluster_id;
    const lags = async (c: RestClient, group: string) =>
      (await c.call("GET", `/v3/clusters/${clusterId}/consumer-groups/${group}/lags`)).body.data.map((l: any) => [l.partition_id, l.current_offset, l.log_end_offset, l.lag]);

    // order reads everything through a subscribed member; product reads partition 0 by hand and commits offset 1 (+1)
    const order = await RestConsumer.create(client, "order", "o", { "auto.offset.reset": "earliest" });
    await order.subscribe(["first_topic"]);
    await eventually(() => order.partitions(), (p) => p.length === 3, 30_000);
    expect(await order.readExactly(12)).toHaveLength(12);
    await order.commit();
    const product = await RestConsumer.create(client, "product", "p", { "auto.offset.reset": "earliest", "auto.commit.enable": "false" });
    await client.call("POST", `${product.path}/assignments`, { body: { partitions: [{ topic: "first_topic", partition: 0 }] } });
    expect((await product.read(500)).map((r) => r.offset)).toEqual([0, 1, 2, 3]);
    await product.commit([{ topic: "first_topic", partition: 0, offset: 1 }]);
    const before = { order: await lags(client, "order"), product: await lags(client, "product") };
    expect(before.order).toEqual([0, 1, 2].map((p) => [p, 4, 4, 0]));
    expect(before.product).toEqual([[0, 2, 4, 2]]);

    expect(await running.kill()).toBe(null);
    running = new ServiceProcess(db);
    client = await running.client();
    expect(await lags(client, "order")).toEqual(before.order);
    expect(await lags(client, "product")).toEqual(before.product);
    // the instance survived too: its assignment, its committed offsets, and it resumes at the committed offset
    const resumed = new RestConsumer(client, "product", "p");
    expect(await resumed.assignments()).toEqual([{ topic: "first_topic", partition: 0 }]);
    expect((await client.getWithBody(`${resumed.path}/offsets`, { partitions: [{ topic: "first_topic", partition: 0 }] })).body).toEqual({
      offsets: [{ topic: "first_topic", partition: 0, offset: 2, metadata: "" }],
    });
    expect((await resumed.read(500)).map((r) => r.offset)).toEqual([2, 3]);
  });
});
