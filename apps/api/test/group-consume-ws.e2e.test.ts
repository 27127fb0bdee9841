import { afterEach, beforeEach, expect, it } from "vitest";
import WebSocket from "ws";
import { createTestDatabase, describeEachProvider, type TestDatabase } from "./support/databases.js";
import { startListeningService, type ListeningService } from "./support/listening-service.js";
import { eventually } from "./support/rest-consumer.js";

/** A `/ws` client that keeps every frame it received. */
class WsClient {
  readonly frames: any[] = [];
  private constructor(private readonly socket: WebSocket) {
    socket.on("message", (data) => this.frames.push(JSON.parse(data.toString())));
  }

  static async connect(base: string): Promise<WsClient> {
    const socket = new WebSocket(`${base.replace("http", "ws")}/ws`);
    await new Promise((resolve, reject) => socket.once("open", resolve).once("error", reject));
    return new WsClient(socket);
  }

  send(frame: object): void {
    this.socket.send(JSON.stringify(frame));
  }

  of(type: string): any[] {
    return this.frames.filter((f) => f.type === type);
  }

  records(): any[] {
    return this.of("records").flatMap((f) => f.records);
  }

  /** The partitions of the last assignment pushed. */
  assigned(): number[] {
    const last = this.of("assigned").at(-1);
    return last ? last.partitions.map((p: any) => p.partition).sort() : [];
  }

  close(): void {
    this.socket.close();
  }
}

describeEachProvider("/ws group consumption", (provider) => {
  let db: TestDatabase;
  let service: ListeningService;
  const sockets: WsClient[] = [];

  beforeEach(async () => {
    db = await createTestDatabase(provider);
    service = await startListeningService(db);
    await service.engine.broker.createTopic({ name: "first_topic", partitions: 3 });
  });

  afterEach(async () => {
    for (const s of sockets.splice(0)) s.close();
    await service.stop();
    await db.drop();
  });

  const connect = async () => {
    const client = await WsClient.connect(service.client.base);
    sockets.push(client);
    return client;
  };

  it("pushes assignments on every rebalance, shares records, commits on request and automatically", async () => {
    const a = await connect();
    const b = await connect();
    a.send({ type: "group_subscribe", id: "s", group: "ws-order", topics: ["first_topic"], auto_offset_reset: "earliest", auto_commit: false, encoding: "string" });
    await eventually(async () => a.assigned(), (p) => p.length === 3);
    b.send({ type: "group_subscribe", id: "s", group: "ws-order", topics: ["first_topic"], auto_offset_reset: "earliest", encoding: "string" });
    await eventually(async () => [a.assigned(), b.assigned()], ([pa, pb]) => pa!.length > 0 && pb!.length > 0 && pa!.length + pb!.length === 3);

    await service.engine.broker.produce(
      "first_topic",
      Array.from({ length: 30 }, (_, i) => ({ partition: i % 3, value: Buffer.from(`r${i}`) })),
    );
    await eventually(async () => a.records().length + b.records().length, (n) => n === 30);
    const values = [...a.records(), ...b.records()].map((r) => r.value).sort();
    expect(values).toEqual(Array.from({ length: 30 }, (_, i) => `r${i}`).sort());
    expect(a.records().every((r) => a.assigned().includes(r.partition))).toBe(true);

    // a (auto_commit false) commits explicitly; b's automatic commit happens at its next read
    a.send({ type: "commit", id: "s" });
    const committed = await eventually(async () => a.of("committed"), (f) => f.length === 1);
    expect(committed[0].offsets.map((o: any) => o.offset)).toEqual(a.assigned().map(() => 10));
    const lags = await eventually(
      async () => (await service.client.call("GET", `/v3/clusters/${service.clusterId}/consumer-groups/ws-order/lags`)).body.data,
      (data: any[]) => data.length === 3 && data.every((l) => l.current_offset === 10),
    );
    expect(lags.map((l: any) => l.lag)).toEqual([0, 0, 0]);

    // b leaving hands its partitions to a
    b.send({ type: "group_unsubscribe", id: "s" });
    await eventually(async () => a.assigned(), (p) => p.length === 3);

    a.send({ type: "group_subscribe", id: "s", group: "ws-order", topics: ["first_topic"] });
    const errors = await eventually(async () => a.of("error"), (f) => f.length === 1);
    expect(errors[0]).toEqual({ type: "error", id: "s", error_code: 40901, message: "A subscription with id s exists: unsubscribe it first." });
    a.send({ type: "group_subscribe", id: "t", group: "ws-order", topics: ["nope"] });
    await eventually(async () => a.of("error"), (f) => f.length === 2);
    expect(a.of("error")[1]).toEqual({ type: "error", id: "t", error_code: 40403, message: "Topic nope not found." });
  });
});
