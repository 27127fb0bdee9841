import { CorruptRangeError, CorruptRecordError, OffsetOutOfRangeError, partitionForKey, type Broker, type ConsumerRecord } from "@skein/broker";
import { recordView } from "../partitions/partition-views.js";
import { matches, type SearchCriteria } from "./record-filter.js";

export interface SearchOptions {
  /** Only this partition; by default every partition, or the key's murmur2 partition when searching by key. */
  partition?: number;
  /** Stop after this many matches. */
  limit: number;
  /** True once the client has gone away: the scan stops at the next read. */
  gone: () => boolean;
  /** How often a progress line is written, at most. */
  progressEveryMs?: number;
}

/** Bytes read from the log per fetch: large enough to stream at disk speed, small enough to stop at once. */
const READ_BYTES = 4 * 1024 * 1024;
const LINE_END = "\n";

/**
 * Scans a topic's records below the high watermark, partition by partition from the log start, and yields lines of
 * JSON: each match (`SkeinSearchMatch`, a record as `GET .../records` shows it), `SkeinSearchProgress` at most every
 * `progressEveryMs`, and a last `SkeinSearchDone` saying why it stopped (`end`, `limit`). Records are read a
 * bounded chunk at a time and never held: memory stays flat whatever the topic's size.
 */
export async function* searchRecords(broker: Broker, topic: string, criteria: SearchCriteria, options: SearchOptions): AsyncGenerator<string> {
  const count = broker.describeTopic(topic).partitions.length;
  const partitions =
    options.partition !== undefined ? [options.partition] : criteria.key !== undefined ? [partitionForKey(criteria.key, count)] : Array.from({ length: count }, (_, p) => p);
  const started = Date.now();
  const every = options.progressEveryMs ?? 250;
  const progress = { records_scanned: 0, records_total: 0, bytes_scanned: 0, matches: 0 };
  for (const p of partitions) {
    const offsets = broker.partitionOffsets(topic, p);
    progress.records_total += offsets.highWatermark - offsets.logStartOffset;
  }
  const status = (kind: string, extra: object = {}) =>
    JSON.stringify({ kind, partitions: partitions, ...progress, elapsed_ms: Date.now() - started, ...extra }) + LINE_END;
  yield status("SkeinSearchProgress");
  let lastProgress = Date.now();
  const skipped: { partition_id: number; message: string }[] = [];

  for (const p of partitions) {
    let next = broker.partitionOffsets(topic, p).logStartOffset;
    for (;;) {
      if (options.gone()) return;
      const highWatermark = broker.partitionOffsets(topic, p).highWatermark;
      if (next >= highWatermark) break;
      let records: ConsumerRecord[];
      let nextOffset: number;
      try {
        const fetched = await broker.fetch(topic, p, next, { maxBytes: READ_BYTES });
        records = fetched.records;
        nextOffset = fetched.nextOffset;
      } catch (error) {
        if (error instanceof OffsetOutOfRangeError) {
          // Retention or delete-records moved the log start past the scan: go on from the new start.
          const start = broker.partitionOffsets(topic, p).logStartOffset;
          if (start <= next) throw error;
          next = start;
          continue;
        }
        if (error instanceof CorruptRecordError) {
          // Records corrupt on disk: go on after a known range, else leave the rest of this partition, and say so.
          skipped.push({ partition_id: p, message: error.message });
          const range = error instanceof CorruptRangeError ? error.range : null;
          if (range !== null && range.lastOffset >= next) {
            next = range.lastOffset + 1;
            continue;
          }
          break;
        }
        throw error;
      }
      let out = "";
      for (const record of records) {
        if (record.offset < next || record.offset >= highWatermark) continue;
        progress.records_scanned++;
        progress.bytes_scanned += (record.key?.length ?? 0) + (record.value?.length ?? 0);
        if (!matches(record, criteria)) continue;
        progress.matches++;
        out += JSON.stringify({ ...recordView(record), kind: "SkeinSearchMatch" }) + LINE_END;
        if (progress.matches >= options.limit) {
          yield out + status("SkeinSearchDone", { stopped: "limit", skipped });
          return;
        }
      }
      if (Date.now() - lastProgress >= every) {
        out += status("SkeinSearchProgress");
        lastProgress = Date.now();
      }
      if (out !== "") yield out;
      if (nextOffset <= next) break;
      next = nextOffset;
    }
  }
  yield status("SkeinSearchDone", { stopped: "end", skipped });
}
