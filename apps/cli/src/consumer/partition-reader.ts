import { listPartitions, partitionOffsets } from "../client/admin-api.js";
import { readPartition, type IsolationLevel } from "../client/records-api.js";
import type { RestClient } from "../client/rest-client.js";
import type { PartitionRecord } from "../client/v3-types.js";
import type { ConsumedRecord } from "../format/record-formatter.js";
import { UsageError } from "../errors.js";

/** Where to start reading a partition: Kafka's --offset values. */
export type StartOffset = "earliest" | "latest" | number;

/** Parses `--offset earliest|latest|N`. */
export function parseStartOffset(text: string): StartOffset {
  const lower = text.trim().toLowerCase();
  if (lower === "earliest" || lower === "latest") return lower;
  if (/^\d+$/.test(lower)) return Number(lower);
  throw new UsageError(`--offset must be earliest, latest or a non-negative offset, got '${text}'`);
}

/** The records of partition reads, decoded. */
export function decodePartitionRecord(topic: string, record: PartitionRecord): ConsumedRecord {
  const bytes = (data: { data: string } | null | undefined) => (data ? Buffer.from(data.data, "base64") : null);
  return {
    topic,
    partition: record.partition_id,
    offset: record.offset,
    timestamp: record.timestamp ?? null,
    timestampType: record.timestamp_type ?? "CreateTime",
    key: bytes(record.key),
    value: bytes(record.value),
    headers: (record.headers ?? []).map((h) => ({ name: h.name, value: h.value === null ? null : Buffer.from(h.value, "base64") })),
  };
}

export interface PartitionReaderOptions {
  /** One partition (--partition), or every partition of the topic. */
  partition?: number;
  start: StartOffset;
  /** What the reads see of transactions (Kafka's isolation.level); the service's default, read_committed, when absent. */
  isolationLevel?: IsolationLevel;
  /** Most records asked for per read. */
  limit?: number;
  /** Pause after a round that found nothing new. */
  pollIntervalMs?: number;
}

/**
 * Reads a topic's partitions straight from their logs through the partition `records` extension: no consumer
 * group is joined and nothing is committed, so reading leaves no trace in the cluster. Yields batches (possibly
 * empty, after an idle round) until the signal aborts.
 */
export async function* readPartitions(client: RestClient, topic: string, options: PartitionReaderOptions, signal: AbortSignal): AsyncGenerator<ConsumedRecord[]> {
  const partitions = options.partition !== undefined ? [options.partition] : (await listPartitions(client, topic)).map((p) => p.partition_id);
  const positions = new Map<number, number>();
  for (const partition of partitions) positions.set(partition, await startPosition(client, topic, partition, options.start));
  const limit = options.limit ?? 500;
  while (!signal.aborted) {
    let found = 0;
    for (const partition of partitions) {
      if (signal.aborted) return;
      let list;
      try {
        list = await readPartition(client, topic, partition, positions.get(partition)!, limit, signal, options.isolationLevel);
      } catch (error) {
        if (signal.aborted) return;
        throw error;
      }
      // A position below the log start (retention removed records) moves up to it, as auto.offset.reset would.
      positions.set(partition, Math.max(list.next_offset, list.log_start_offset));
      if (list.data.length > 0) {
        found += list.data.length;
        yield list.data.map((r) => decodePartitionRecord(topic, r));
      }
    }
    if (found === 0) {
      yield [];
      await sleep(options.pollIntervalMs ?? 200, signal);
    }
  }
}

async function startPosition(client: RestClient, topic: string, partition: number, start: StartOffset): Promise<number> {
  if (typeof start === "number") return start;
  const offsets = await partitionOffsets(client, topic, partition);
  return start === "earliest" ? offsets.earliest_offset : offsets.latest_offset;
}

/** Waits, or less when the signal aborts. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
    signal.addEventListener("abort", done, { once: true });
  });
}
