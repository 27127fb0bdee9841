import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { KafkaStorageError } from "../errors.js";
import { useTempDirs } from "../test-support/temp-dir.js";
import { PRODUCER_ID_BLOCK_FILE, ProducerIdManager } from "./producer-id-manager.js";

const tempDir = useTempDirs();

describe("ProducerIdManager", () => {
  it("hands out consecutive ids, recording each block before using it", () => {
    const dir = tempDir();
    const manager = new ProducerIdManager(dir, 10);
    expect(Array.from({ length: 12 }, () => manager.generateProducerId())).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(JSON.parse(readFileSync(join(dir, PRODUCER_ID_BLOCK_FILE), "utf8"))).toEqual({ version: 1, firstProducerId: 10, size: 10 });
  });

  it("never reuses an id after a restart: allocation resumes after the last recorded block", () => {
    const dir = tempDir();
    const seen = new Set<number>();
    for (let run = 0; run < 4; run++) {
      const manager = new ProducerIdManager(dir, 1000);
      for (let i = 0; i < 3; i++) {
        const id = manager.generateProducerId();
        expect(seen.has(id)).toBe(false);
        seen.add(id);
      }
    }
    expect([...seen]).toEqual([0, 1, 2, 1000, 1001, 1002, 2000, 2001, 2002, 3000, 3001, 3002]);
  });

  it("answers KAFKA_STORAGE_ERROR for an unreadable record, and the broker's other work is unaffected until asked", () => {
    const dir = tempDir();
    writeFileSync(join(dir, PRODUCER_ID_BLOCK_FILE), "garbage");
    const manager = new ProducerIdManager(dir);
    expect(() => manager.generateProducerId()).toThrow(KafkaStorageError);
  });
});

describe("ProducerIdManager on a full disk", () => {
  let mount: string;

  beforeAll(() => {
    mount = join(mkdtempSync(join(tmpdir(), "skein-test-")), "small-disk");
    mkdirSync(mount);
    try {
      execFileSync("mount", ["-t", "tmpfs", "-o", "size=64k", "tmpfs", mount]);
    } catch (err) {
      throw new Error(`This test needs a small tmpfs (run as root with mount available): ${(err as Error).message}`);
    }
  });

  afterAll(() => {
    execFileSync("umount", [mount]);
    rmSync(join(mount, ".."), { recursive: true, force: true });
  });

  it("refuses with KAFKA_STORAGE_ERROR when a block cannot be recorded, and hands out nothing", () => {
    const manager = new ProducerIdManager(mount, 2);
    expect(manager.generateProducerId()).toBe(0);
    expect(manager.generateProducerId()).toBe(1);
    try {
      execFileSync("dd", ["if=/dev/zero", `of=${join(mount, "filler")}`, "bs=4k", "count=100"], { stdio: "ignore" });
    } catch {
      // dd stops with ENOSPC once the filesystem is full, which is the point.
    }
    const err = (() => {
      try {
        manager.generateProducerId();
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(KafkaStorageError);
    expect((err as Error).message).toMatch(/Reserving producer ids 2 to 3 .* failed: .*ENOSPC/);
    expect(JSON.parse(readFileSync(join(mount, PRODUCER_ID_BLOCK_FILE), "utf8"))).toMatchObject({ firstProducerId: 0 });
    execFileSync("rm", [join(mount, "filler")]);
    expect(manager.generateProducerId()).toBe(2);
  });
});
