import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { Broker } from "./broker.js";
import type { CompressionType } from "./storage/compression/index.js";
import { encodeRecordBatch } from "./storage/record-batch.js";
import { useTempDirs } from "./test-support/temp-dir.js";

const here = dirname(fileURLToPath(import.meta.url));
const tempDir = useTempDirs();
const CODECS: CompressionType[] = ["none", "gzip", "snappy", "lz4", "zstd"];
const PARTITIONS = 2;
const MAX_IN_FLIGHT = 5;

/** One batch of the simulated idempotent producer: its sequence range and bytes, resent as is until acknowledged. */
interface ProducerBatch {
  id: number;
  partition: number;
  baseSequence: number;
  count: number;
  data: Buffer;
  /** The offset the broker acknowledged, once it did. */
  baseOffset?: number;
}

/** A broker child process driven over stdin/stdout (see test-support/crash-idempotent-broker.mjs). */
class BrokerChild {
  readonly child: ChildProcess;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
  private readonly waiters: ((line: string) => boolean)[] = [];
  private onLine: (line: string) => void = () => undefined;

  constructor(dataDir: string) {
    this.child = spawn(process.execPath, [join(here, "test-support/crash-idempotent-broker.mjs"), dataDir], { stdio: ["pipe", "pipe", "pipe"] });
    this.child.stdin!.on("error", () => undefined);
    let buffered = "";
    let stderr = "";
    this.child.stdout!.setEncoding("utf8");
    this.child.stdout!.on("data", (chunk: string) => {
      buffered += chunk;
      const lines = buffered.split("\n");
      buffered = lines.pop()!;
      for (const line of lines) {
        const waiter = this.waiters.findIndex((w) => w(line));
        if (waiter >= 0) this.waiters.splice(waiter, 1);
        else this.onLine(line);
      }
    });
    this.child.stderr!.on("data", (chunk) => (stderr += chunk));
    this.exited = new Promise((resolve) => this.child.on("exit", (code, signal) => resolve({ code, signal, stderr })));
  }

  /** Resolves with the first line `match` accepts. */
  next(match: (line: string) => boolean): Promise<string> {
    return new Promise((resolve, reject) => {
      this.waiters.push((line) => (match(line) ? (resolve(line), true) : false));
      void this.exited.then((exit) => reject(new Error(`broker child exited (${exit.code ?? exit.signal}): ${exit.stderr}`)));
    });
  }

  listen(onLine: (line: string) => void): void {
    this.onLine = onLine;
  }

  send(line: string): void {
    this.child.stdin!.write(line + "\n");
  }
}

function makeBatch(id: number, producerId: number, partition: number, baseSequence: number): ProducerBatch {
  const count = 1 + (id % 23);
  const records = Array.from({ length: count }, (_, i) => ({
    key: Buffer.from(`key-${(baseSequence + i) % 31}`),
    value: Buffer.from(`${partition}:${baseSequence + i}:`.padEnd(30 + ((baseSequence + i) % 90), "~")),
  }));
  const data = encodeRecordBatch(records, {
    timestampType: "CreateTime",
    now: Date.now(),
    compression: CODECS[id % CODECS.length],
    producerId,
    producerEpoch: 0,
    baseSequence,
  });
  return { id, partition, baseSequence, count, data };
}

describe("idempotent producer through broker crashes", () => {
  beforeAll(() => {
    execFileSync("npx", ["tsc", "-b", join(here, "..")], { stdio: "inherit" });
  }, 120_000);

  it("leaves every acknowledged batch exactly once, in order, when a producer retries across SIGKILLs", async () => {
    const dataDir = tempDir();
    const cycles = 12;
    const nextSequence = new Array<number>(PARTITIONS).fill(0);
    const pending: ProducerBatch[] = []; // sent but not acknowledged: retried by the next broker incarnation
    const acked: ProducerBatch[] = [];
    const producerIds = new Set<number>();
    let producerId = -1;
    let nextId = 0;
    let duplicatesAnswered = 0;
    let retriesResolved = 0;

    for (let cycle = 0; cycle <= cycles; cycle++) {
      const last = cycle === cycles;
      const broker = new BrokerChild(dataDir);
      await broker.next((l) => l === "ready");
      broker.send("init");
      const [, pid] = (await broker.next((l) => l.startsWith("pid "))).split(" ");
      expect(producerIds.has(Number(pid))).toBe(false);
      producerIds.add(Number(pid));
      if (producerId < 0) producerId = Number(pid);

      // One acks setting per producer incarnation, as a producer has: its responses then come back in request order,
      // as Kafka answers on one connection, so at most MAX_IN_FLIGHT batches are ever unacknowledged.
      const acks = cycle % 3 === 0 ? -1 : 1;
      const inFlight = new Map<number, ProducerBatch>();
      const resentAcked = new Map<number, ProducerBatch>();
      let failure: string | null = null;
      let wake: () => void = () => undefined;
      broker.listen((line) => {
        const [status, id, ...rest] = line.split(" ");
        const key = Number(id);
        const duplicate = resentAcked.get(key);
        if (duplicate) {
          resentAcked.delete(key);
          if (status !== "ok" || Number(rest[0]) !== duplicate.baseOffset) failure = `resent batch ${duplicate.id} answered "${line}", not its offset ${duplicate.baseOffset}`;
          duplicatesAnswered++;
        } else {
          const batch = inFlight.get(key);
          if (!batch) return;
          inFlight.delete(key);
          if (status !== "ok") {
            failure = `batch ${key} failed: ${line}`;
          } else {
            batch.baseOffset = Number(rest[0]);
            acked.push(batch);
            pending.splice(pending.indexOf(batch), 1);
          }
        }
        wake();
      });
      const send = (batch: ProducerBatch) => {
        inFlight.set(batch.id, batch);
        broker.send(`${batch.id} ${batch.partition} ${acks} ${batch.data.toString("base64")}`);
      };

      // First the batches the last incarnation never acknowledged, in their order: each is either a duplicate of
      // what that broker wrote before dying (answered with its original offset) or appended now.
      retriesResolved += pending.length;
      for (const batch of [...pending]) send(batch);

      let killed = false;
      const killAt = Date.now() + 150 + ((cycle * 53) % 300);
      const target = last ? 200 : Number.POSITIVE_INFINITY;
      let sentThisCycle = 0;
      while (!killed && failure === null) {
        if (!last && Date.now() >= killAt) {
          broker.child.kill("SIGKILL");
          killed = true;
          break;
        }
        if (last && sentThisCycle >= target && inFlight.size === 0 && resentAcked.size === 0) break;
        if (inFlight.size < MAX_IN_FLIGHT && sentThisCycle < target) {
          const partition = nextId % PARTITIONS;
          const batch = makeBatch(nextId++, producerId, partition, nextSequence[partition]!);
          nextSequence[partition] = nextSequence[partition]! + batch.count;
          pending.push(batch);
          send(batch);
          sentThisCycle++;
          // Now and then a retry of a batch acknowledged moments ago (as a producer whose response was lost sends
          // it): it is among its partition's last five, so the broker must answer its original offset.
          if (sentThisCycle % 7 === 0 && acked.length > 0) {
            const recent = acked.at(-1)!;
            const newer = pending.filter((b) => b.partition === recent.partition).length;
            if (newer === 0) {
              const resendId = nextId++;
              resentAcked.set(resendId, recent);
              broker.send(`${resendId} ${recent.partition} ${acks} ${recent.data.toString("base64")}`);
            }
          }
          continue;
        }
        await new Promise<void>((resolve) => {
          wake = resolve;
          setTimeout(resolve, 20);
        });
      }
      expect(failure).toBeNull();
      if (last) broker.child.stdin!.end();
      const exit = await broker.exited;
      expect(last ? exit.code : exit.signal).toBe(last ? 0 : "SIGKILL");
    }

    expect(pending).toEqual([]);
    const broker = await Broker.open({ dataDir });
    let records = 0;
    for (let partition = 0; partition < PARTITIONS; partition++) {
      const sequences: number[] = [];
      let next = 0;
      const end = broker.partitionOffsets("idem", partition).logEndOffset;
      while (next < end) {
        const fetched = await broker.fetch("idem", partition, next, { maxBytes: 1 << 20 });
        for (const r of fetched.records) sequences.push(Number(r.value!.toString().split(":")[1]));
        next = fetched.nextOffset;
      }
      // Every sequence the producer sent is there exactly once and in order: no duplicate, no gap.
      expect(sequences).toEqual(Array.from({ length: nextSequence[partition]! }, (_, i) => i));
      records += sequences.length;
    }
    for (const batch of acked) {
      const fetched = await broker.fetch("idem", batch.partition, batch.baseOffset!, { maxRecords: 1 });
      expect(fetched.records[0]!.value!.toString().split(":")[1]).toBe(String(batch.baseSequence));
    }
    await broker.close();
    console.log(`idempotent crash test: ${cycles} SIGKILLs, ${acked.length} batches (${records} records) acknowledged, ${retriesResolved} retries of unacknowledged batches, ${duplicatesAnswered} duplicates answered with their original offsets, 0 duplicates or gaps in the log`);
    expect(duplicatesAnswered).toBeGreaterThan(0);
  }, 240_000);
});
