import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { Broker } from "./broker.js";
import { runNodeChild } from "./test-support/child-process.js";
import { useTempDirs } from "./test-support/temp-dir.js";

const here = dirname(fileURLToPath(import.meta.url));
const tempDir = useTempDirs();

/** Runs the producer child until it has acknowledged some records, then SIGKILLs it; returns what it acknowledged. */
async function produceThenKill(dataDir: string, runId: number, killAfterMs: number): Promise<Map<string, string>> {
  const acked = new Map<string, string>();
  let timer: NodeJS.Timeout | undefined;
  const exit = await runNodeChild(join(here, "test-support/crash-producer.mjs"), [dataDir, String(runId)], (line, child) => {
    if (line === "ready") {
      timer = setTimeout(() => child.kill("SIGKILL"), killAfterMs);
      return;
    }
    const [seq, partition, offset] = line.split(" ");
    acked.set(`${partition}:${offset}`, `${runId}:${seq}`);
  });
  clearTimeout(timer);
  if (exit.signal !== "SIGKILL") throw new Error(`producer exited with ${exit.code ?? exit.signal}: ${exit.stderr}`);
  return acked;
}

async function readPartition(broker: Broker, partition: number) {
  const records = [];
  let next = broker.partitionOffsets("crash", partition).logStartOffset;
  const end = broker.partitionOffsets("crash", partition).logEndOffset;
  while (next < end) {
    const fetched = await broker.fetch("crash", partition, next, { maxBytes: 1 << 20 });
    records.push(...fetched.records);
    next = fetched.records.at(-1)!.offset + 1;
  }
  return records;
}

describe("crash recovery", () => {
  beforeAll(() => {
    execFileSync("npx", ["tsc", "-b", join(here, "..")], { stdio: "inherit" });
  }, 120_000);

  it("keeps every acknowledged record through repeated SIGKILLs mid-write, and reopens cleanly each time", async () => {
    const dataDir = tempDir();
    const expected = new Map<string, string>();
    const runs = 12;
    let lost = 0;
    for (let run = 0; run < runs; run++) {
      const acked = await produceThenKill(dataDir, run, 100 + ((run * 37) % 250));
      expect(acked.size).toBeGreaterThan(0);
      for (const [position, id] of acked) expected.set(position, id);
      expect(existsSync(join(dataDir, ".kafka_cleanshutdown"))).toBe(false);

      const broker = await Broker.open({ dataDir });
      const found = new Map<string, string>();
      for (let partition = 0; partition < 3; partition++) {
        const records = await readPartition(broker, partition);
        records.forEach((r, i) => expect(r.offset).toBe(i));
        for (const r of records) found.set(`${partition}:${r.offset}`, r.value!.toString().split(":").slice(0, 2).join(":"));
      }
      for (const [position, id] of expected) expect(found.get(position), `record at ${position}`).toBe(id);
      lost += [...expected].filter(([position, id]) => found.get(position) !== id).length;
      const produced = await broker.produce("crash", [{ value: Buffer.from(`${run}:after`) }], { acks: -1 });
      expected.set(`${produced[0]!.partition}:${produced[0]!.offset}`, `${run}:after`);
      await broker.close();
    }
    expect(expected.size).toBeGreaterThan(runs * 10);
    console.log(`crash test: ${runs} SIGKILL cycles, ${expected.size} acknowledged records, ${lost} lost`);
  }, 180_000);
});
