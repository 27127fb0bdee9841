import { describe, expect, it } from "vitest";
import { ManualClock } from "../test-support/temp-dir.js";
import { AuthenticationLimiter } from "./authentication-limiter.js";

describe("AuthenticationLimiter", () => {
  it("refuses a source after maxFailures within the window, until its oldest counted failure ages out", () => {
    const clock = new ManualClock(0);
    const limiter = new AuthenticationLimiter({ maxFailures: 3, windowMs: 10_000, clock });
    expect(limiter.recordFailure("10.0.0.1")).toBe(false);
    clock.advance(1000);
    expect(limiter.recordFailure("10.0.0.1")).toBe(false);
    expect(limiter.blockedForMs("10.0.0.1")).toBe(0);
    clock.advance(1000);
    expect(limiter.recordFailure("10.0.0.1")).toBe(true);
    expect(limiter.blockedForMs("10.0.0.1")).toBe(8000);
    expect(limiter.blockedForMs("10.0.0.2")).toBe(0);
    clock.advance(8000);
    expect(limiter.blockedForMs("10.0.0.1")).toBe(0);
  });

  it("forgets the least recently failing sources beyond maxSources", () => {
    const limiter = new AuthenticationLimiter({ maxFailures: 1, maxSources: 2, clock: new ManualClock(0) });
    limiter.recordFailure("a");
    limiter.recordFailure("b");
    limiter.recordFailure("c");
    expect(limiter.blockedForMs("a")).toBe(0);
    expect(limiter.blockedForMs("b")).toBeGreaterThan(0);
    expect(limiter.blockedForMs("c")).toBeGreaterThan(0);
  });
});
