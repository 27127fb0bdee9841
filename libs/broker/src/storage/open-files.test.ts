import { spawnSync } from "node:child_process";
import { constants, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import { useTempDirs } from "../test-support/temp-dir.js";
import { useTmpfs } from "../test-support/tmpfs.js";
import { OpenFiles, type OpenFileRef } from "./open-files.js";
import { readSync } from "node:fs";

const here = dirname(fileURLToPath(import.meta.url));
const tempDir = useTempDirs();
const tmpfs = useTmpfs();

function files(dir: string, count: number): OpenFileRef[] {
  return Array.from({ length: count }, (_, i) => {
    const path = join(dir, `f${i}`);
    writeFileSync(path, `file ${i}`);
    return { path, flags: constants.O_RDWR };
  });
}

function readWith(fd: number): string {
  const buf = Buffer.alloc(16);
  return buf.subarray(0, readSync(fd, buf, 0, 16, 0)).toString();
}

describe("OpenFiles", () => {
  beforeAll(() => {
    execFileSync("npx", ["tsc", "-b", join(here, "../..")], { stdio: "inherit" });
  }, 120_000);

  it("keeps at most maxOpen descriptors, closing the least recently used", () => {
    const open = new OpenFiles(3);
    const [a, b, c, d] = files(tempDir(), 4);
    open.fd(a!);
    open.fd(b!);
    open.fd(c!);
    open.fd(a!);
    expect(readWith(open.fd(d!))).toBe("file 3");
    expect(open.size).toBe(3);
    expect([a, b, c, d].map((f) => open.isOpen(f!))).toEqual([true, false, true, true]);
    // A closed file opens again on demand, by its current path.
    renameSync(b!.path, `${b!.path}.moved`);
    b!.path = `${b!.path}.moved`;
    expect(readWith(open.fd(b!))).toBe("file 1");
    expect(open.size).toBe(3);
  });

  it("never closes a descriptor that asynchronous work is using", async () => {
    const open = new OpenFiles(2);
    const [a, b, c] = files(tempDir(), 3);
    let release!: () => void;
    const held = open.use(a!, (fd) => new Promise<string>((resolve) => (release = () => resolve(readWith(fd)))));
    open.fd(b!);
    open.fd(c!);
    expect(open.isOpen(a!)).toBe(true);
    release();
    expect(await held).toBe("file 0");
  });

  it("serves a 600-partition topic with several segments each (about 4,000 log files) under ulimit -n 256, through a restart", () => {
    // On a tmpfs: the test is about descriptors, and a shared disk's fsyncs would only make it slow.
    const dataDir = tmpfs.mount("256m");
    const script = join(here, "../test-support/many-partitions.mjs");
    const run = spawnSync("sh", ["-c", `ulimit -n 256 && exec "${process.execPath}" "${script}" "${dataDir}" 600`], { encoding: "utf8", timeout: 240_000 });
    expect(run.stderr).toBe("");
    const [status, partitions, segments, records, maxOpen, budget] = run.stdout.trim().split(" ");
    expect(status).toBe("ok");
    expect(Number(partitions)).toBe(600);
    expect(Number(segments)).toBeGreaterThanOrEqual(1200);
    expect(Number(records)).toBe(2400);
    expect(Number(budget)).toBe(128);
    expect(Number(maxOpen)).toBeLessThanOrEqual(128);
    expect(readFileSync(join(dataDir, "recovery-point-offset-checkpoint"), "utf8").split("\n")[1]).toBe("600");
  }, 240_000);
});
