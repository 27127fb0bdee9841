import { execFileSync } from "node:child_process";
import { cpSync, existsSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { systemClock } from "../clock.js";
import { Log } from "../storage/log.js";
import type { LogSettings } from "../storage/log-settings.js";
import { logSettings } from "../test-support/log-settings.js";
import { runNodeChild } from "../test-support/child-process.js";
import { useTempDirs } from "../test-support/temp-dir.js";
import { CLEANER_OFFSET_CHECKPOINT } from "./log-cleaner-manager.js";

const here = dirname(fileURLToPath(import.meta.url));
const tempDir = useTempDirs();
const NAME = "crash-compacted-0";
const settings: LogSettings = logSettings({ compact: true, delete: false, segmentBytes: 4096, indexIntervalBytes: 512, minCleanableDirtyRatio: 0.001 });

interface ChildRun {
  swaps: number;
  done: boolean;
  killed: boolean;
  readyToEndMs: number | null;
}

/** Runs the cleaner child on `dataDir`; SIGKILLs it `killAfterMs` after it is ready (null: lets it finish). */
async function runCleaner(dataDir: string, killAfterMs: number | null): Promise<ChildRun> {
  const args = [dataDir, NAME, JSON.stringify(settings), killAfterMs === null ? "finish" : "wait"];
  const run: ChildRun = { swaps: 0, done: false, killed: false, readyToEndMs: null };
  let readyAt = 0;
  let failure: string | undefined;
  let timer: NodeJS.Timeout | undefined;
  const exit = await runNodeChild(join(here, "../test-support/crash-cleaner.mjs"), args, (line, child) => {
    if (line === "ready") {
      readyAt = performance.now();
      if (killAfterMs !== null) timer = setTimeout(() => child.kill("SIGKILL"), killAfterMs);
    } else if (line.startsWith("swapped")) {
      run.swaps++;
    } else if (line.startsWith("done")) {
      run.done = true;
      run.readyToEndMs = performance.now() - readyAt;
      if (line !== "done completed") failure = line;
    }
  });
  clearTimeout(timer);
  if (failure !== undefined) throw new Error(`cleaner pass ended with "${failure}": ${exit.stderr}`);
  run.killed = exit.signal === "SIGKILL";
  if (!run.killed && exit.code !== 0) throw new Error(`cleaner child exited with ${exit.code ?? exit.signal}: ${exit.stderr}`);
  return run;
}

function openLog(dataDir: string): Log {
  return Log.open({ dir: join(dataDir, NAME), name: NAME, config: settings, clock: systemClock }).log;
}

/** The log's logical content: the latest value of each live key. Checks on the way that offsets strictly increase. */
function logicalContent(log: Log): Map<string, string> {
  const latest = new Map<string, string | null>();
  let next = log.logStartOffset;
  let previous = -1;
  while (next < log.logEndOffset) {
    const read = log.readRecords(next, 1 << 20);
    for (const r of read.records) {
      if (r.offset <= previous) throw new Error(`offset ${r.offset} follows ${previous}: duplicated or out of order`);
      previous = r.offset;
      latest.set(r.key!.toString(), r.value === null ? null : r.value.toString());
    }
    next = read.nextOffset;
  }
  return new Map([...latest].filter((e): e is [string, string] => e[1] !== null));
}

let seed = 42;
function random(): number {
  seed = (seed * 1103515245 + 12345) % 2 ** 31;
  return seed / 2 ** 31;
}

/** Appends a round of updates (and some deletes) over `keys` keys, then rolls so the cleaner has work. */
async function appendRound(dataDir: string, round: number, records: number, keys: number): Promise<{ content: Map<string, string>; logEndOffset: number }> {
  const log = openLog(dataDir);
  for (let i = 0; i < records; i += 10) {
    const batch = Array.from({ length: 10 }, (_, j) => {
      const key = `key-${Math.floor(random() * keys)}`;
      const tombstone = random() < 0.08;
      return { key: Buffer.from(key), value: tombstone ? null : Buffer.from(`${round}:${i + j}:`.padEnd(40 + Math.floor(random() * 60), "*")) };
    });
    await log.append(batch);
  }
  log.roll();
  const content = logicalContent(log);
  const logEndOffset = log.logEndOffset;
  log.close();
  return { content, logEndOffset };
}

describe("log cleaner crash safety", () => {
  beforeAll(() => {
    execFileSync("npx", ["tsc", "-b", join(here, "../..")], { stdio: "inherit" });
  }, 120_000);

  // Twenty SIGKILLed child processes take about 50 s on a quiet 2-core machine: room for a loaded one.
  it("keeps a log's logical content exactly through SIGKILLs at random moments of cleaning", async () => {
    const dataDir = tempDir();
    await appendRound(dataDir, 0, 2000, 400);

    // How long a pass over one round takes here, measured on a copy: kills are spread over that time.
    const calibration = tempDir();
    cpSync(dataDir, calibration, { recursive: true });
    const full = await runCleaner(calibration, null);
    expect(full.done).toBe(true);
    const passMs = full.readyToEndMs!;

    const iterations = 20;
    let midPass = 0;
    let beforeFirstSwap = 0;
    for (let i = 0; i < iterations; i++) {
      const { content, logEndOffset } = await appendRound(dataDir, i + 1, i === 0 ? 10 : 1000, 400);
      // Every fifth kill comes at once, before the first swap; the others anywhere in the pass.
      const run = await runCleaner(dataDir, Math.floor(random() * (i % 5 === 1 ? 2 : passMs)));
      if (run.killed && !run.done && run.swaps > 0) midPass++;
      if (run.killed && run.swaps === 0) beforeFirstSwap++;

      const log = openLog(dataDir);
      expect(readdirSync(log.dir).filter((f) => f.endsWith(".cleaned") || f.endsWith(".swap"))).toEqual([]);
      expect(log.logEndOffset).toBe(logEndOffset);
      expect(logicalContent(log), `iteration ${i} (${run.swaps} swap(s) before the kill)`).toEqual(content);
      log.close();
    }
    expect(midPass).toBeGreaterThanOrEqual(3);
    expect(beforeFirstSwap).toBeGreaterThanOrEqual(2);

    // Left to finish, the cleaner compacts the log: each key once below the first dirty offset.
    const { content } = await appendRound(dataDir, iterations + 1, 10, 400);
    expect((await runCleaner(dataDir, null)).done).toBe(true);
    expect(existsSync(join(dataDir, CLEANER_OFFSET_CHECKPOINT))).toBe(true);
    const log = openLog(dataDir);
    expect(logicalContent(log)).toEqual(content);
    const keys: string[] = [];
    let next = log.logStartOffset;
    while (next < log.logEndOffset) {
      const read = log.readRecords(next, 1 << 20);
      keys.push(...read.records.map((r) => r.key!.toString()));
      next = read.nextOffset;
    }
    expect(new Set(keys).size).toBe(keys.length);
    log.close();
    console.log(`crash test: a full pass took ${passMs.toFixed(0)} ms; ${midPass} of ${iterations} kills fell between two swaps, ${beforeFirstSwap} before the first`);
  }, 240_000);
});
