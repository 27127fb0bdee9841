/** Flow control and keep-alive of `/ws` sessions. */
export interface LiveLimits {
  /** Stop reading from the log for a session once this many bytes wait unsent on its socket. */
  highWaterBytes: number;
  /** Resume reading once the unsent bytes fall to this. */
  lowWaterBytes: number;
  /**
   * Frames are handed to the socket only while it holds less than this unsent; the rest wait in the session's
   * outbox, where they can be dropped, so that a close frame never queues behind much.
   */
  sendWindowBytes: number;
  /** Close a session (1008) whose unsent bytes stayed above the high-water mark this long. */
  stallTimeoutMs: number;
  /** Protocol-level ping interval; a peer that has not answered the previous ping by the next one is dropped. */
  keepAliveMs: number;
  /**
   * Bytes and records read from one partition per read: a read takes every record of the batches it got unless the
   * record limit comes first (its rest is read again), so the limit sits above what the bytes usually hold.
   */
  readBytes: number;
  readRecords: number;
  maxSubscriptions: number;
}

export const DEFAULT_LIVE_LIMITS: LiveLimits = {
  highWaterBytes: 1024 * 1024,
  lowWaterBytes: 256 * 1024,
  sendWindowBytes: 64 * 1024,
  stallTimeoutMs: 30_000,
  keepAliveMs: 30_000,
  readBytes: 1024 * 1024,
  readRecords: 10_000,
  maxSubscriptions: 64,
};

/** The close code for a client that reads too slowly: 1008, policy violation. */
export const CLOSE_TOO_SLOW = 1008;
