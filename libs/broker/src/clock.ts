/** Where the engine reads the time: injected so tests can control retention, rolls and timeouts. */
export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };
