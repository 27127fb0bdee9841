import type { CorruptRange } from "../broker-types.js";
import { CorruptRangeError } from "../errors.js";
import type { Log } from "./log.js";
import { describeCorruptRange } from "./quarantine.js";
import { CorruptBatchError } from "./segment.js";

/**
 * Runs a read of `log` (which CRC-checks what it returns) for a reader at `offset`. When it meets a corrupt batch,
 * the segment is checked and its corrupt ranges quarantined, then the reader gets CorruptRangeError (CORRUPT_MESSAGE)
 * for the range holding `offset`: it is told once, and its next read skips the gap. When the segment holds no
 * corruption the read was misdirected (a stale index entry pointing inside a batch): the indexes are rebuilt from the
 * log and the read runs again.
 */
export async function readVerified<T>(log: Log, offset: number, read: (log: Log) => T): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    let corrupt: CorruptBatchError;
    try {
      return read(log);
    } catch (err) {
      if (!(err instanceof CorruptBatchError)) throw err;
      corrupt = err;
    }
    const where = `${log.name}: the record batch at position ${corrupt.at.position} of segment ${corrupt.segment.baseOffset} failed its check (${corrupt.at.reason})`;
    let ranges: CorruptRange[];
    try {
      ranges = await log.checkSegment(corrupt.segment, "read");
    } catch (err) {
      throw new CorruptRangeError(`${where}, and verifying the segment failed: ${(err as Error).message}`, null);
    }
    const hit = ranges.find((r) => r.baseOffset <= offset && offset <= r.lastOffset) ?? (attempt > 0 ? ranges[0] : undefined);
    if (hit) throw new CorruptRangeError(describeCorruptRange(hit), hit);
    if (attempt > 0) throw new CorruptRangeError(`${where}.`, null);
    if (ranges.length === 0) log.rebuildIndexes(corrupt.segment);
  }
}
