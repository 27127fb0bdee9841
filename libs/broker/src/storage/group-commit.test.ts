import { describe, expect, it } from "vitest";
import { GroupCommit } from "./group-commit.js";

describe("GroupCommit", () => {
  it("serves every request made during one sync with the next single sync", async () => {
    let syncs = 0;
    let release: (() => void) | undefined;
    const commit = new GroupCommit(() => {
      syncs++;
      return new Promise<void>((resolve) => (release = resolve));
    });
    const first = commit.request();
    expect(syncs).toBe(1);
    const queued = [commit.request(), commit.request(), commit.request()];
    expect(syncs).toBe(1);
    release!();
    await first;
    await Promise.resolve();
    expect(syncs).toBe(2);
    release!();
    await Promise.all(queued);
    expect(syncs).toBe(2);
  });

  it("passes a failed sync on to its waiters", async () => {
    const commit = new GroupCommit(() => Promise.reject(new Error("EIO")));
    await expect(commit.request()).rejects.toThrow("EIO");
  });
});
