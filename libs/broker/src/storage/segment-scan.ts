import { scanSegment, type ScanBatch, type ScanBounds, type ScanCorrupt } from "./batch-scan.js";

/** What a scan reports: intact batches and corrupt ranges, in file order. */
export type ScanEvent = ScanBatch | ScanCorrupt;

/** Runs `scanSegment` with synchronous reads (recovery at start-up). */
export function scanSync(read: (position: number, length: number) => Buffer, bounds: ScanBounds, onEvent: (event: ScanEvent) => void): void {
  const scan = scanSegment(bounds);
  let step = scan.next();
  while (!step.done) {
    const value = step.value;
    if (value.kind === "read") {
      step = scan.next({ buf: read(value.position, value.length), start: value.position });
    } else {
      onEvent(value);
      step = scan.next();
    }
  }
}

/**
 * Runs `scanSegment` with asynchronous reads, so the event loop keeps serving between chunks; `pace` is awaited
 * after each read with the bytes it returned (the scrubber sleeps there to keep to its rate), and may throw to stop.
 */
export async function scanAsync(
  read: (position: number, length: number) => Promise<Buffer>,
  bounds: ScanBounds,
  onEvent: (event: ScanEvent) => void,
  pace: (bytesRead: number) => Promise<void> = () => new Promise((resolve) => setImmediate(resolve)),
): Promise<void> {
  const scan = scanSegment(bounds);
  let step = scan.next();
  while (!step.done) {
    const value = step.value;
    if (value.kind === "read") {
      const buf = await read(value.position, value.length);
      await pace(buf.length);
      step = scan.next({ buf, start: value.position });
    } else {
      onEvent(value);
      step = scan.next();
    }
  }
}
