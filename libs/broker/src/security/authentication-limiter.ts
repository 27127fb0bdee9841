import { systemClock, type Clock } from "../clock.js";

export interface AuthenticationLimiterOptions {
  /** Failed authentications a source may have within `windowMs` before it is refused (default 10). */
  maxFailures?: number;
  /** The span failures are counted over, and the longest a source stays refused (default 60 s). */
  windowMs?: number;
  /** Sources remembered at most (the least recently failing are forgotten first; default 100,000). */
  maxSources?: number;
  clock?: Clock;
}

/**
 * Failed authentications per source address, shared by every edge: a source that failed `maxFailures` times within
 * `windowMs` is refused without its credentials being checked until its oldest counted failure is older than the
 * window, so guessing passwords costs an attacker the window, not the broker's CPU (a PBKDF2 per PLAIN attempt).
 */
export class AuthenticationLimiter {
  private readonly failures = new Map<string, number[]>();
  private readonly maxFailures: number;
  private readonly windowMs: number;
  private readonly maxSources: number;
  private readonly clock: Clock;

  constructor(options: AuthenticationLimiterOptions = {}) {
    this.maxFailures = options.maxFailures ?? 10;
    this.windowMs = options.windowMs ?? 60_000;
    this.maxSources = options.maxSources ?? 100_000;
    this.clock = options.clock ?? systemClock;
  }

  /** How long `source` is still refused, in milliseconds; 0 when it may try. */
  blockedForMs(source: string): number {
    const recent = this.recent(source);
    if (recent.length < this.maxFailures) return 0;
    return Math.max(1, recent[recent.length - this.maxFailures]! + this.windowMs - this.clock.now());
  }

  /** Counts a failed authentication; returns true when it is the one that makes the source refused. */
  recordFailure(source: string): boolean {
    const recent = this.recent(source);
    recent.push(this.clock.now());
    // Re-inserted so that the map's order is least recently failing first.
    this.failures.delete(source);
    this.failures.set(source, recent.slice(-this.maxFailures));
    if (this.failures.size > this.maxSources) this.failures.delete(this.failures.keys().next().value!);
    return recent.length === this.maxFailures;
  }

  private recent(source: string): number[] {
    const cutoff = this.clock.now() - this.windowMs;
    const times = (this.failures.get(source) ?? []).filter((t) => t > cutoff);
    if (times.length === 0) this.failures.delete(source);
    return times;
  }
}
