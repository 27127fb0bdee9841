/** One second of traffic, starting at `timestamp` (epoch ms). */
export interface ThroughputSample {
  timestamp: number;
  records_in: number;
  records_out: number;
  bytes_in: number;
  bytes_out: number;
}

/** Which way records went: appended to the log (in) or read by a client (out). */
export type Direction = "in" | "out";

/**
 * Records and bytes in and out, summed per wall-clock second over a sliding window (600 seconds by default): a
 * ring of counters indexed by second, where a slot still holding an older second counts as idle.
 */
export class ThroughputHistory {
  private readonly second: number[];
  private readonly recordsIn: number[];
  private readonly recordsOut: number[];
  private readonly bytesIn: number[];
  private readonly bytesOut: number[];

  constructor(readonly windowSeconds = 600) {
    this.second = new Array<number>(windowSeconds).fill(-1);
    this.recordsIn = new Array<number>(windowSeconds).fill(0);
    this.recordsOut = new Array<number>(windowSeconds).fill(0);
    this.bytesIn = new Array<number>(windowSeconds).fill(0);
    this.bytesOut = new Array<number>(windowSeconds).fill(0);
  }

  /** Counts records and bytes at time `now` (epoch ms). */
  add(now: number, direction: Direction, records: number, bytes: number): void {
    const second = Math.floor(now / 1000);
    const slot = second % this.windowSeconds;
    if (this.second[slot] !== second) {
      this.second[slot] = second;
      this.recordsIn[slot] = this.recordsOut[slot] = this.bytesIn[slot] = this.bytesOut[slot] = 0;
    }
    if (direction === "in") {
      this.recordsIn[slot]! += records;
      this.bytesIn[slot]! += bytes;
    } else {
      this.recordsOut[slot]! += records;
      this.bytesOut[slot]! += bytes;
    }
  }

  /** The last complete second before `now`: the "per second now" figures. */
  latest(now: number): ThroughputSample {
    return this.sampleAt(Math.floor(now / 1000) - 1);
  }

  /** Every complete second of the window before `now`, oldest first, idle seconds as zeros. */
  history(now: number): ThroughputSample[] {
    const current = Math.floor(now / 1000);
    const samples: ThroughputSample[] = [];
    for (let second = current - this.windowSeconds; second < current; second++) samples.push(this.sampleAt(second));
    return samples;
  }

  private sampleAt(second: number): ThroughputSample {
    const slot = ((second % this.windowSeconds) + this.windowSeconds) % this.windowSeconds;
    const timestamp = second * 1000;
    if (this.second[slot] !== second) return { timestamp, records_in: 0, records_out: 0, bytes_in: 0, bytes_out: 0 };
    return {
      timestamp,
      records_in: this.recordsIn[slot]!,
      records_out: this.recordsOut[slot]!,
      bytes_in: this.bytesIn[slot]!,
      bytes_out: this.bytesOut[slot]!,
    };
  }
}
