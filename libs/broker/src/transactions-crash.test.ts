import { execFileSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { Broker } from "./broker.js";
import { GroupCoordinator } from "./group/group-coordinator.js";
import { runNodeChild } from "./test-support/child-process.js";
import { useTempDirs } from "./test-support/temp-dir.js";
import { TransactionCoordinator } from "./txn/transaction-coordinator.js";

const here = dirname(fileURLToPath(import.meta.url));
const CHILD = join(here, "test-support/crash-transactional-broker.mjs");
const tempDir = useTempDirs();
const CONFIG = { "transaction.state.log.num.partitions": "3", "offsets.topic.num.partitions": "3" };

describe("transactions through broker crashes", () => {
  beforeAll(() => {
    execFileSync("npx", ["tsc", "-b", join(here, "..")], { stdio: "inherit" });
  }, 120_000);

  it("shows read_committed readers each committed transaction once and no aborted or unfinished one, across SIGKILLs", async () => {
    const dataDir = tempDir();
    const cycles = 10;
    const committed = new Set<number>();
    const aborted = new Set<number>();
    const begun = new Set<number>();
    let next = 0;
    for (let cycle = 0; cycle <= cycles; cycle++) {
      const last = cycle === cycles;
      let seen = 0;
      const killAfter = 3 + ((cycle * 7) % 11);
      const exit = await runNodeChild(CHILD, [dataDir, String(next), last ? "10" : "1000000"], (line, child) => {
        const [what, t] = line.split(" ");
        if (what === "begin") begun.add(Number(t));
        if (what === "committed") committed.add(Number(t));
        if (what === "aborted") aborted.add(Number(t));
        // Killed at varied moments: between transactions, while one is open, while its markers are being written.
        if (!last && (what === "begin" || what === "committed" || what === "aborted") && ++seen >= killAfter) child.kill("SIGKILL");
      });
      expect(last ? exit.code : exit.signal, exit.stderr).toBe(last ? 0 : "SIGKILL");
      next = Math.max(next, ...begun) + 1;
    }

    // Last, an incarnation killed with its transaction written but never ended: a hanging transaction that only the
    // coordinator's timeout can end.
    let hanging: { t: number; firstOffsets: number[] } | undefined;
    const hangExit = await runNodeChild(CHILD, [dataDir, String(next), "1", "hang"], (line, child) => {
      const [what, t, ...offsets] = line.split(" ");
      if (what === "begin") begun.add(Number(t));
      if (what === "open") {
        hanging = { t: Number(t), firstOffsets: offsets.map(Number) };
        child.kill("SIGKILL");
      }
    });
    expect(hangExit.signal, hangExit.stderr).toBe("SIGKILL");
    expect(hanging).toBeDefined();

    const broker = await Broker.open({ dataDir, brokerConfig: CONFIG });
    const groups = await GroupCoordinator.start(broker, { tickIntervalMs: 0 });
    // The coordinator runs past the open transaction's timeout (60 s in the child).
    const transactions = await TransactionCoordinator.start(broker, { completions: groups, timers: false, clock: { now: () => Date.now() + 120_000 } });
    try {
      await transactions.markersWritten();
      const readCommitted = async (partition: number, upTo: number) => {
        const values: string[] = [];
        let offset = 0;
        while (offset < upTo) {
          const read = await broker.fetch("txn", partition, offset, { isolationLevel: "read_committed" });
          values.push(...read.records.map((record) => record.value!.toString()));
          if (read.nextOffset <= offset) break;
          offset = read.nextOffset;
        }
        return values;
      };

      // Recovered with the transaction still open: the last stable offset holds at its first offset, read_committed
      // stops there, and the group's offset it commits is unstable.
      for (const partition of [0, 1]) {
        const offsets = broker.partitionOffsets("txn", partition);
        expect(offsets.lastStableOffset).toBe(hanging!.firstOffsets[partition]);
        expect(offsets.highWatermark).toBeGreaterThan(offsets.lastStableOffset);
        const values = await readCommitted(partition, offsets.highWatermark);
        expect(values.some((v) => v.startsWith(`${hanging!.t}:`))).toBe(false);
      }
      expect(groups.fetchOffsets("eos", [{ topic: "txn", partitions: [0] }], { requireStable: true })[0]!.error?.errorName).toBe("UNSTABLE_OFFSET_COMMIT");
      expect(transactions.describeTransaction("crash-app").state).toBe("Ongoing");

      expect(await transactions.abortTimedOutTransactions()).toEqual(["crash-app"]);
      await transactions.markersWritten();
      expect(transactions.describeTransaction("crash-app").state).toBe("CompleteAbort");

      const found = new Map<number, number>();
      for (const partition of [0, 1]) {
        const offsets = broker.partitionOffsets("txn", partition);
        // Nothing is left open: every incarnation was fenced and its transaction completed or aborted.
        expect(offsets.lastStableOffset).toBe(offsets.highWatermark);
        for (const value of await readCommitted(partition, offsets.lastStableOffset)) {
          const t = Number(value.split(":")[0]);
          found.set(t, (found.get(t) ?? 0) + 1);
        }
      }
      const recordsOf = (t: number) => 1 + (t % 5) + 1 + ((t + 1) % 5);
      for (const t of committed) expect(found.get(t), `committed transaction ${t}`).toBe(recordsOf(t));
      for (const t of aborted) expect(found.has(t), `aborted transaction ${t}`).toBe(false);
      expect(found.has(hanging!.t), "the timed-out transaction").toBe(false);
      // A transaction killed after its commit was logged but before it was reported may be there — whole; nothing
      // else appears, and nothing appears twice.
      for (const [t, count] of found) {
        expect(count, `transaction ${t} whole`).toBe(recordsOf(t));
        expect(t % 4, `transaction ${t} was one to commit`).not.toBe(3);
      }
      // The group's offset, committed inside the transactions, is that of the last one committed.
      const offset = groups.fetchOffsets("eos", [{ topic: "txn", partitions: [0] }], { requireStable: true })[0]!;
      expect(offset.error).toBeUndefined();
      expect(offset.offset).toBe(Math.max(...found.keys()));
      console.log(
        `transactions crash test: ${cycles + 1} SIGKILLs, ${begun.size} transactions begun, ${committed.size} reported committed and ${aborted.size} aborted; ` +
          `${found.size} visible to read_committed (${found.size - committed.size} committed without being reported), none partial, none twice; ` +
          `one left open, aborted by its timeout after recovery`,
      );
      expect(committed.size).toBeGreaterThan(30);
      expect(aborted.size).toBeGreaterThan(5);
    } finally {
      await transactions.close();
      groups.close();
      await broker.close();
    }
  }, 300_000);
});
