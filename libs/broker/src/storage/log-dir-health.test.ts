import { openSync, writeSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { KafkaStorageError, LogDirFullError } from "../errors.js";
import { ManualClock, useTempDirs } from "../test-support/temp-dir.js";
import { LogDirHealth } from "./log-dir-health.js";

const tempDir = useTempDirs();

function health(dir: string, overrides: Partial<{ nearlyFullRatio: number; minFreeBytes: number }> = {}) {
  const logged: string[] = [];
  const logger = { info: (m: string) => logged.push(`INFO ${m}`), warn: (m: string) => logged.push(`WARN ${m}`), error: (m: string) => logged.push(`ERROR ${m}`) };
  const h = new LogDirHealth(dir, { nearlyFullRatio: 1, minFreeBytes: 0, checkIntervalMs: Number.POSITIVE_INFINITY, clock: new ManualClock(), logger, ...overrides });
  h.measure();
  return { h, logged };
}

/** A real errno error from a real system call. */
function realError(call: () => unknown): NodeJS.ErrnoException {
  try {
    call();
  } catch (err) {
    return err as NodeJS.ErrnoException;
  }
  throw new Error("the call did not fail");
}

describe("LogDirHealth", () => {
  it("measures the filesystem with statfs", () => {
    const { h } = health(tempDir());
    const status = h.status();
    expect(status.totalBytes).toBeGreaterThan(0);
    expect(status.usableBytes).toBeGreaterThan(0);
    expect(status.usedRatio).toBeGreaterThanOrEqual(0);
    expect(status.usedRatio).toBeLessThan(1);
    expect(status.state).toBe("ok");
  });

  it("reports nearly-full from the configured ratio, and full below log.dir.min.free.bytes", () => {
    const dir = tempDir();
    expect(health(dir, { nearlyFullRatio: 0 }).h.state).toBe("nearly-full");
    const { h, logged } = health(dir, { minFreeBytes: Number.MAX_SAFE_INTEGER });
    expect(h.state).toBe("full");
    expect(() => h.checkWritable(1)).toThrow(LogDirFullError);
    expect(logged[0]).toMatch(/^ERROR Log directory .* is full/);
  });

  it("classifies write errors: no space makes it full, other I/O errors failed, too many open files and missing files neither", () => {
    const dir = tempDir();
    const { h } = health(dir);
    const missing = realError(() => openSync(join(dir, "no", "such", "file"), "r"));
    expect(h.writeFailed(missing, "Opening")).toBeInstanceOf(KafkaStorageError);
    expect(h.state).toBe("ok");
    const tooMany = Object.assign(new Error("EMFILE: too many open files, open 'x'"), { code: "EMFILE" });
    expect(h.writeFailed(tooMany, "Opening").message).toMatch(/too many open files/);
    expect(h.state).toBe("ok");
    const noSpace = Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" });
    const full = h.writeFailed(noSpace, "Appending");
    expect(full).toBeInstanceOf(LogDirFullError);
    expect(full.message).toContain(`the data directory ${dir} is full`);
    expect(h.state).toBe("full");
    // An ENOSPC that the free space does not explain (a quota, no inodes left) holds until more space is usable.
    expect(h.measure().state).toBe("full");

    const other = health(dir).h;
    const badFd = realError(() => writeSync(987654, Buffer.from("x")));
    expect(badFd.code).toBe("EBADF");
    const failed = other.writeFailed(badFd, "Appending");
    expect(failed).toBeInstanceOf(KafkaStorageError);
    expect(failed).not.toBeInstanceOf(LogDirFullError);
    expect(other.status()).toMatchObject({ state: "failed", error: expect.stringMatching(/EBADF/) });
    expect(other.measure().state).toBe("failed");
    expect(() => other.checkWritable(1)).toThrow(/offline for writes/);
  });
});
