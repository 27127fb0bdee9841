import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Kafka, logLevel, type Producer } from "kafkajs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, skein, startService, type Running } from "./skein-processes.js";

/** `skein console-consumer --isolation-level`, against a transaction a Kafka client holds open on the Kafka listener. */
describe("skein console-consumer and transactions", () => {
  let dataDir: string;
  let service: Running;
  let server: string;
  let producer: Producer;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), "skein-cli-isolation-"));
    const kafkaPort = await freePort();
    ({ service, baseUrl: server } = await startService(dataDir, { env: { SKEIN_KAFKA_PORT: String(kafkaPort), SKEIN_ADVERTISED_LISTENER: `127.0.0.1:${kafkaPort}` } }));
    const kafka = new Kafka({ clientId: "isolation", brokers: [`127.0.0.1:${kafkaPort}`], logLevel: logLevel.NOTHING });
    producer = kafka.producer({ transactionalId: "cli-isolation", idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
  }, 90_000);

  afterAll(async () => {
    await producer?.disconnect();
    await service?.stop("SIGTERM");
    rmSync(dataDir, { recursive: true, force: true });
  });

  const consume = (...args: string[]) => skein(server, ["console-consumer", "--topic", "payments", "--from-beginning", "--timeout-ms", "1500", ...args]);

  it("reads committed data by default, and an open transaction's records with --isolation-level read_uncommitted", async () => {
    expect((await skein(server, ["topics", "--create", "--topic", "payments", "--partitions", "1"])).code).toBe(0);
    const open = await producer.transaction();
    await open.send({ topic: "payments", messages: [{ value: "pending-1" }, { value: "pending-2" }] });

    const committed = await consume();
    expect(committed.code).toBe(0);
    expect(committed.stdout).toBe("");
    const uncommitted = await consume("--isolation-level", "read_uncommitted");
    expect(uncommitted.stdout).toBe("pending-1\npending-2\n");
    expect((await consume("--consumer-property", "isolation.level=read_uncommitted")).stdout).toBe("pending-1\npending-2\n");

    await open.abort();
    const next = await producer.transaction();
    await next.send({ topic: "payments", messages: [{ value: "paid" }] });
    await next.commit();
    expect((await consume()).stdout).toBe("paid\n");
    expect((await consume("--isolation-level", "read_uncommitted")).stdout).toBe("pending-1\npending-2\npaid\n");
  });

  it("refuses an unknown isolation level, and read_uncommitted in a group", async () => {
    const unknown = await consume("--isolation-level", "dirty");
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toContain("isolation.level must be read_committed or read_uncommitted, got 'dirty'");
    const grouped = await consume("--group", "g", "--isolation-level", "read_uncommitted");
    expect(grouped.code).not.toBe(0);
    expect(grouped.stderr).toContain("not supported with a group yet");
  });
});
