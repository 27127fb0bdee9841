import { execFileSync } from "node:child_process";
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach } from "vitest";

/**
 * Small real filesystems for the disk-full tests: `mount()` mounts a tmpfs of `size` (mount(8) syntax, e.g. "8m")
 * on a fresh directory and returns it; every mount is unmounted after the current test. Mounting needs root (the
 * tests run as root here and in CI); when it fails the test fails with the reason, it is never skipped.
 */
export function useTmpfs(): { mount(size: string): string; remount(dir: string, options: string): void } {
  const mounted: string[] = [];
  afterEach(() => {
    for (const dir of mounted.splice(0).reverse()) {
      try {
        execFileSync("umount", [dir], { stdio: "pipe" });
      } catch {
        execFileSync("umount", ["-l", dir], { stdio: "pipe" });
      }
      rmSync(dir, { recursive: true, force: true });
    }
  });
  return {
    mount(size: string): string {
      const dir = mkdtempSync(join(tmpdir(), "skein-tmpfs-"));
      try {
        execFileSync("mount", ["-t", "tmpfs", "-o", `size=${size}`, "tmpfs", dir], { stdio: "pipe" });
      } catch (err) {
        rmSync(dir, { recursive: true, force: true });
        const stderr = (err as { stderr?: Buffer }).stderr?.toString().trim();
        throw new Error(`mounting a ${size} tmpfs at ${dir} failed (${stderr || (err as Error).message}): the disk-full tests need root and mount(8)`);
      }
      mounted.push(dir);
      return dir;
    },
    remount(dir: string, options: string): void {
      execFileSync("mount", ["-o", `remount,${options}`, dir], { stdio: "pipe" });
    },
  };
}

/**
 * Fills the filesystem holding `dir` from outside Skein: writes `filler` until ENOSPC, in ever smaller chunks, so
 * that not one more byte fits. Returns the filler's path (remove it to free the space again).
 */
export function fillUp(dir: string, filler = join(dir, "filler.bin")): string {
  const fd = openSync(filler, "a");
  try {
    for (let chunk = 1 << 20; chunk >= 1; chunk >>= 1) {
      const bytes = Buffer.alloc(chunk, 0x5a);
      for (;;) {
        try {
          writeSync(fd, bytes);
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code !== "ENOSPC") throw err;
          break;
        }
      }
    }
  } finally {
    closeSync(fd);
  }
  return filler;
}
