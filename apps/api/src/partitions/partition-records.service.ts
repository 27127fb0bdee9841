import { Injectable } from "@nestjs/common";
import { Broker, CorruptRecordError, OffsetOutOfRangeError, type ConsumerRecord, type FetchResult, type IsolationLevel } from "@skein/broker";
import { offsetOutOfRange, PartitionsService } from "./partitions.service.js";
import type { RecordsQuery } from "./records-query.js";

/** The byte budget of a read without `max_bytes`. */
const DEFAULT_READ_BYTES = 1024 * 1024;

/** What a record weighs against a read's byte budget: its key, value and headers. */
function recordBytes(record: ConsumerRecord): number {
  let size = (record.key?.length ?? 0) + (record.value?.length ?? 0);
  for (const header of record.headers) size += header.key.length + (header.value?.length ?? 0);
  return size;
}

export interface RecordsRead {
  /** The offset the read started at. */
  startOffset: number;
  records: ConsumerRecord[];
  /** Where the next read continues. */
  nextOffset: number;
  logStartOffset: number;
  logEndOffset: number;
  highWatermark: number;
  lastStableOffset: number;
  /** Where this read stops: the last stable offset (read_committed) or the high watermark (read_uncommitted). */
  readableEnd: number;
}

/**
 * Reads a partition's records for the console: from an offset (through the offset index), from the first record at
 * or after a time (through the time index), or the newest ones (from the high watermark back); never a scan from
 * the start of the log. Only records below the high watermark are returned; with read_committed (the default) only
 * committed ones below the last stable offset, as Kafka's read_committed consumer sees them.
 */
@Injectable()
export class PartitionRecordsService {
  constructor(
    private readonly broker: Broker,
    private readonly partitions: PartitionsService,
  ) {}

  async read(clusterId: string, topicName: string, partitionId: number, query: RecordsQuery): Promise<RecordsRead> {
    const offsets = this.partitions.offsets(clusterId, topicName, partitionId);
    const { logStartOffset, highWatermark } = offsets;
    const { isolationLevel } = query;
    const end = (read: { highWatermark: number; lastStableOffset: number }) => (isolationLevel === "read_committed" ? read.lastStableOffset : read.highWatermark);
    const readableEnd = end(offsets);
    let startOffset: number;
    if ("offset" in query.start) {
      startOffset = query.start.offset;
      if (startOffset < logStartOffset) {
        throw offsetOutOfRange(
          `Offset ${startOffset} is below the log start offset ${logStartOffset} of partition ${topicName}-${partitionId}: earlier records were deleted by retention or delete-records. Read from offset ${logStartOffset} or later.`,
        );
      }
      if (startOffset > offsets.logEndOffset) {
        throw offsetOutOfRange(`Offset ${startOffset} is beyond the log end offset ${offsets.logEndOffset} of partition ${topicName}-${partitionId}.`);
      }
    } else if ("timestamp" in query.start) {
      const found = await this.broker.offsetForTimestamp(topicName, partitionId, query.start.timestamp);
      startOffset = found ? Math.max(found.offset, logStartOffset) : readableEnd;
    } else if ("newest" in query.start) {
      startOffset = Math.max(logStartOffset, readableEnd - query.limit);
    } else {
      startOffset = logStartOffset;
    }
    if (startOffset >= readableEnd) return { startOffset, records: [], nextOffset: startOffset, ...offsets, readableEnd };

    // A fetch stops at a segment's end, as in Kafka: continue segment by segment until the limit, the byte budget
    // or the high watermark, each fetch starting through the offset index.
    const records: ConsumerRecord[] = [];
    let budget = query.maxBytes ?? DEFAULT_READ_BYTES;
    let next = startOffset;
    let last: FetchResult | undefined;
    while (records.length < query.limit && budget > 0 && next < (last ? end(last) : readableEnd)) {
      let fetched: FetchResult;
      try {
        fetched = await this.fetch(topicName, partitionId, next, { maxBytes: budget, maxRecords: query.limit - records.length, isolationLevel });
      } catch (error) {
        // Records corrupt on disk: what was read before them is the answer (its next offset is the range); a read
        // that starts in the range answers the error naming it and where to go on.
        if (error instanceof CorruptRecordError && records.length > 0) break;
        throw error;
      }
      last = fetched;
      const fetchedEnd = end(fetched);
      const readable = fetched.records.filter((record) => record.offset < fetchedEnd);
      records.push(...readable);
      budget -= readable.reduce((sum, record) => sum + recordBytes(record), 0);
      if (fetched.nextOffset <= next) break;
      next = readable.length < fetched.records.length ? fetchedEnd : fetched.nextOffset;
    }
    return {
      startOffset,
      records,
      nextOffset: next,
      logStartOffset: last?.logStartOffset ?? logStartOffset,
      logEndOffset: last?.logEndOffset ?? offsets.logEndOffset,
      highWatermark: last?.highWatermark ?? highWatermark,
      lastStableOffset: last?.lastStableOffset ?? offsets.lastStableOffset,
      readableEnd: last ? end(last) : readableEnd,
    };
  }

  private async fetch(topicName: string, partitionId: number, offset: number, options: { maxBytes: number; maxRecords: number; isolationLevel: IsolationLevel }): Promise<FetchResult> {
    try {
      return await this.broker.fetch(topicName, partitionId, offset, options);
    } catch (error) {
      // Retention or delete-records moved the log start past the offset since it was checked.
      if (error instanceof OffsetOutOfRangeError) throw offsetOutOfRange(error.message);
      throw error;
    }
  }
}
