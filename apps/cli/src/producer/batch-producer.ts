import type { RestClient } from "../client/rest-client.js";
import { produceRecords, type ProduceRecord } from "../client/records-api.js";

export interface BatchProducerOptions {
  /** Most records in one request. */
  batchSize: number;
  /** Records waiting beyond which `add` asks the reader to wait (`whenReady`). */
  maxPending?: number;
  /** Called after each batch with how many records were stored and the reports that failed. */
  onBatch?: (stored: number, failures: { record: ProduceRecord; message: string }[]) => void;
}

/**
 * Sends records in batches, one request in flight at a time so records keep their order: while a request is out,
 * lines pile up and leave together in the next one, so interactive input goes out at once and a file goes out in
 * full batches.
 */
export class BatchProducer {
  private pending: ProduceRecord[] = [];
  private inFlight: Promise<void> | null = null;
  private scheduled = false;
  private failure: unknown = null;
  private readonly maxPending: number;

  constructor(
    private readonly client: RestClient,
    private readonly topic: string,
    private readonly options: BatchProducerOptions,
  ) {
    this.maxPending = options.maxPending ?? options.batchSize * 4;
  }

  /** Queues a record; throws the transport error that stopped an earlier batch. */
  add(record: ProduceRecord): void {
    if (this.failure) throw this.failure;
    this.pending.push(record);
    if (!this.inFlight && !this.scheduled) {
      // Let the lines already read join this batch.
      this.scheduled = true;
      setImmediate(() => {
        this.scheduled = false;
        this.sendNext();
      });
    }
  }

  /** Resolves when the queue is short enough to read more input. */
  async whenReady(): Promise<void> {
    while (this.pending.length >= this.maxPending && this.inFlight) await this.inFlight;
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
    const batch = this.pending.splice(0, this.options.batchSize);
    this.inFlight = this.send(batch)
      .catch((error: unknown) => {
        this.failure = error;
      })
      .finally(() => {
        this.inFlight = null;
        this.sendNext();
      });
  }

  private async send(batch: ProduceRecord[]): Promise<void> {
    const reports = await produceRecords(this.client, this.topic, batch);
    const failures: { record: ProduceRecord; message: string }[] = [];
    let stored = 0;
    batch.forEach((record, i) => {
      const report = reports[i];
      if (!report) failures.push({ record, message: "no delivery report" });
      else if (report.error_code !== 200) failures.push({ record, message: report.message ?? `error ${report.error_code}` });
      else stored++;
    });
    this.options.onBatch?.(stored, failures);
  }
}
