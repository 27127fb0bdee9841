import { performance } from "node:perf_hooks";

/** Thrown when a cleaning pass must stop: the cleaner is stopping, or the log was closed, deleted or changed under it. */
export class CleaningAbortedError extends Error {}

/**
 * Cuts long synchronous work into slices of about `sliceMs` of event-loop time, so produce and fetch never wait
 * longer than one slice: the worker asks `due()` between small steps and, when it is, awaits `yield()`, which
 * lets every pending task run and then checks (through `check`) that the work may go on.
 */
export class WorkSlices {
  private sliceStart = performance.now();
  /** The longest stretch of event-loop time taken between two yields, in milliseconds. */
  longestSliceMs = 0;
  yields = 0;

  constructor(
    private readonly sliceMs: number,
    /** Throws CleaningAbortedError when the work must stop. */
    private readonly check: () => void,
  ) {}

  due(): boolean {
    return performance.now() - this.sliceStart >= this.sliceMs;
  }

  async yield(): Promise<void> {
    this.endSlice();
    await new Promise<void>((resolve) => setImmediate(resolve));
    this.yields++;
    this.sliceStart = performance.now();
    this.check();
  }

  /** Waits for asynchronous work (an fsync on the thread pool) as a yield: other tasks run meanwhile. */
  async wait<T>(work: Promise<T>): Promise<T> {
    this.endSlice();
    const result = await work;
    this.yields++;
    this.sliceStart = performance.now();
    this.check();
    return result;
  }

  /** Closes the current slice's accounting (at a yield, or when the work ends). */
  endSlice(): void {
    const elapsed = performance.now() - this.sliceStart;
    if (elapsed > this.longestSliceMs) this.longestSliceMs = elapsed;
  }
}
