import type { ConsumerRecord } from "@skein/broker";
import type { Encoding, RecordView, SubscribeFrame } from "./live-protocol.js";

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
  ) {}

  matches(record: ConsumerRecord): boolean {
    const { keyEquals, valueContains } = this.filter;
    if (keyEquals !== undefined && (record.key === null || !record.key.equals(keyEquals))) return false;
    if (valueContains !== undefined && (record.value === null || !record.value.includes(valueContains))) return false;
    return true;
  }

  /** The record as a `records` frame carries it, with its size in bytes (key, value and headers) for the metrics. */
  view(record: ConsumerRecord): RecordView {
    const encode = this.encoding === "string" ? (b: Buffer) => b.toString("utf8") : (b: Buffer) => b.toString("base64");
    const headers: Record<string, string | null> = {};
    for (const header of record.headers) headers[header.key] = header.value === null ? null : encode(header.value);
    return {
      partition: record.partition,
      offset: record.offset,
      timestamp: record.timestamp,
      key: record.key === null ? null : encode(record.key),
      value: record.value === null ? null : encode(record.value),
      headers,
      encoding: this.encoding,
    };
  }
}
