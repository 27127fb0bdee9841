import { getTopic } from "../client/admin-api.js";
import type { RestClient } from "../client/rest-client.js";
import { produceRecords, type ProduceRecord, type ProducerAcks } from "../client/records-api.js";
import type { StickyPartitioner } from "./sticky-partitioner.js";

export interface BatchProducerOptions {
  /** Kafka's `max.request.size`: most bytes of keys and values in one request (a larger record still goes, alone). */
  maxRequestBytes: number;
  /** Most records in one request (1 sends each record on its own). */
  maxRequestRecords: number;
  /** Places keyless records; keyed ones are left to the service, which hashes the key as Kafka does (murmur2). */
  partitioner: StickyPartitioner;
  /** The topic's partition count, or null when it does not exist yet (producing creates it). */
  partitionCount: number | null;
  /** Kafka's `acks` from --producer-property; the service's default when absent. */
  acks?: ProducerAcks;
  /** Called after each request with how many records were stored and the reports that failed. */
  onBatch?: (stored: number, failures: { record: ProduceRecord; message: string }[]) => void;
}

/** Requests' worth of records read ahead of the service before the reader is asked to wait. */
const READ_AHEAD_REQUESTS = 4;

/**
 * Sends records in requests, one in flight at a time so records keep their order: while a request is out, lines
 * pile up and leave together in the next one, so interactive input goes out at once and a file in full requests.
 * Keyless records get their partition here, from Kafka's sticky partitioner, so piped lines spread over the
 * partitions batch by batch as a Kafka producer spreads them. A topic that does not exist yet is created by the
 * first record, sent alone, as a Kafka producer's first metadata request creates it; its partition count is then
 * read before the other records are placed.
 */
export class BatchProducer {
  private pending: ProduceRecord[] = [];
  private pendingBytes = 0;
  private inFlight: Promise<void> | null = null;
  private scheduled = false;
  private failure: unknown = null;
  private partitionCount: number | null;

  constructor(
    private readonly client: RestClient,
    private readonly topic: string,
    private readonly options: BatchProducerOptions,
  ) {
    this.partitionCount = options.partitionCount;
  }

  /** Queues a record; throws the transport error that stopped an earlier request. */
  add(record: ProduceRecord): void {
    if (this.failure) throw this.failure;
    this.pending.push(record);
    this.pendingBytes += recordBytes(record);
    if (!this.inFlight && !this.scheduled) {
      // Let the lines already read join this request.
      this.scheduled = true;
      setImmediate(() => {
        this.scheduled = false;
        this.sendNext();
      });
    }
  }

  /** Resolves when the queue is short enough to read more input. */
  async whenReady(): Promise<void> {
    while (this.inFlight && (this.pending.length >= this.options.maxRequestRecords * READ_AHEAD_REQUESTS || this.pendingBytes >= this.options.maxRequestBytes * READ_AHEAD_REQUESTS)) {
      await this.inFlight;
    }
    if (this.failure) throw this.failure;
  }

  /** Sends whatever is queued and waits for every report. */
  async flush(): Promise<void> {
    while (this.inFlight || this.scheduled || this.pending.length > 0) {
      if (!this.inFlight && !this.scheduled) this.sendNext();
      if (this.inFlight) await this.inFlight;
      else await new Promise((resolve) => setImmediate(resolve));
      if (this.failure) throw this.failure;
    }
    if (this.failure) throw this.failure;
  }

  private sendNext(): void {
    if (this.inFlight || this.failure || this.pending.length === 0) return;
    const batch = this.takeRequest();
    this.inFlight = this.send(batch)
      .catch((error: unknown) => {
        this.failure = error;
      })
      .finally(() => {
        this.inFlight = null;
        this.sendNext();
      });
  }

  /** The records of the next request: up to the record and byte limits, and only the first while the topic is unknown. */
  private takeRequest(): ProduceRecord[] {
    const maxRecords = this.partitionCount === null ? 1 : this.options.maxRequestRecords;
    let count = 0;
    let bytes = 0;
    while (count < this.pending.length && count < maxRecords) {
      const size = recordBytes(this.pending[count]!);
      if (count > 0 && bytes + size > this.options.maxRequestBytes) break;
      bytes += size;
      count++;
    }
    this.pendingBytes -= bytes;
    return this.pending.splice(0, count);
  }

  private async send(records: ProduceRecord[]): Promise<void> {
    const batch = this.partitionCount === null ? records : records.map((record) => this.place(record, this.partitionCount!));
    const reports = await produceRecords(this.client, this.topic, batch, this.options.acks);
    const failures: { record: ProduceRecord; message: string }[] = [];
    let stored = 0;
    batch.forEach((record, i) => {
      const report = reports[i];
      if (!report) failures.push({ record, message: "no delivery report" });
      else if (report.error_code !== 200) failures.push({ record, message: report.message ?? `error ${report.error_code}` });
      else stored++;
    });
    // The first record has created the topic: from now on keyless records are placed here.
    this.partitionCount ??= (await getTopic(this.client, this.topic)).partitions_count;
    this.options.onBatch?.(stored, failures);
  }

  private place(record: ProduceRecord, partitionCount: number): ProduceRecord {
    if (record.key !== null || record.partition !== undefined) return record;
    const valueBytes = record.value === null ? -1 : Buffer.byteLength(record.value);
    return { ...record, partition: this.options.partitioner.partition(partitionCount, valueBytes) };
  }
}

/** The bytes of a record's key and value, as max.request.size counts them. */
function recordBytes(record: ProduceRecord): number {
  return (record.key === null ? 0 : Buffer.byteLength(record.key)) + (record.value === null ? 0 : Buffer.byteLength(record.value));
}
