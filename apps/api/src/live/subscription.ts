import type { IsolationLevel, RecordView } from "@skein/broker";
import type { Encoding, SubscribeFrame } from "./live-protocol.js";

/**
 * One live tail of a topic within a session: where it reads next in each partition, which partitions have records
 * it has not read yet, and the server-side filter.
 */
export class Subscription {
  /** Partition → the next offset to read. */
  readonly positions = new Map<number, number>();
  /** Partitions with records appended past their position. */
  readonly pending = new Set<number>();
  /** Whether a read loop is running (at most one per subscription, so records go out in order). */
  draining = false;

  constructor(
    readonly id: string,
    readonly topic: string,
    /** Follows every partition, including partitions added while it runs. */
    readonly allPartitions: boolean,
    private readonly filter: SubscribeFrame["filter"],
    readonly encoding: Encoding,
    readonly isolationLevel: IsolationLevel,
  ) {}

  /** Where this tail's reads stop: the last stable offset (read_committed) or the high watermark (read_uncommitted). */
  readableEnd(offsets: { highWatermark: number; lastStableOffset: number }): number {
    return this.isolationLevel === "read_committed" ? offsets.lastStableOffset : offsets.highWatermark;
  }

  /** Whether the record passes the filter: its key equals `key_equals`, its value contains `value_contains`. */
  matches(record: RecordView): boolean {
    const { keyEquals, valueContains } = this.filter;
    if (keyEquals !== undefined) {
      if (record.keyStart < 0 || record.keyEnd - record.keyStart !== keyEquals.length) return false;
      if (record.data.compare(keyEquals, 0, keyEquals.length, record.keyStart, record.keyEnd) !== 0) return false;
    }
    if (valueContains !== undefined) {
      if (record.valueStart < 0) return false;
      if (!record.data.subarray(record.valueStart, record.valueEnd).includes(valueContains)) return false;
    }
    return true;
  }
}
