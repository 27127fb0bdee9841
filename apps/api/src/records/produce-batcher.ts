import { Injectable, Logger } from "@nestjs/common";
import { Broker, KafkaError, type Acks, type ProduceRecord, type ProduceResult } from "@skein/broker";

interface Pending {
  records: readonly ProduceRecord[];
  resolve(results: ProduceResult[]): void;
  reject(error: unknown): void;
}

/** Kafka's RecordMetadata for acks=0: the broker's answer is not awaited, so neither partition nor offset is known. */
const UNKNOWN = -1;

const logger = new Logger("ProduceBatcher");

/**
 * Coalesces the produces of one event-loop turn into one engine append per topic and acks level, as a Kafka
 * producer batches: under load, a hundred concurrent single-record requests cost one append (and with acks=all one
 * fsync) instead of a hundred. Each caller still gets its own results, in its own order; when the engine refuses
 * the combined append (it validates every record first), each caller's records are appended alone, so that one bad
 * request fails only itself. With acks=0 the caller is answered at once with unknown offsets (-1) and the append
 * follows; a failure then is only logged, as Kafka's fire-and-forget producer never hears of it either.
 */
@Injectable()
export class ProduceBatcher {
  private readonly queues = new Map<string, { topic: string; acks: Acks; pending: Pending[] }>();
  private scheduled = false;

  constructor(private readonly broker: Broker) {}

  /** Appends the records (in order) with those of other callers in this turn; rejects with the engine's error for them. */
  produce(topic: string, records: readonly ProduceRecord[], acks: Acks): Promise<ProduceResult[]> {
    if (acks === 0) {
      this.enqueue(topic, acks, { records, resolve: () => undefined, reject: (error) => logDropped(topic, records.length, error) });
      return Promise.resolve(records.map((record) => ({ partition: record.partition ?? UNKNOWN, offset: UNKNOWN, timestamp: record.timestamp ?? Date.now() })));
    }
    return new Promise((resolve, reject) => this.enqueue(topic, acks, { records, resolve, reject }));
  }

  private enqueue(topic: string, acks: Acks, pending: Pending): void {
    const key = `${acks} ${topic}`;
    let queue = this.queues.get(key);
    if (!queue) this.queues.set(key, (queue = { topic, acks, pending: [] }));
    queue.pending.push(pending);
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(this.flush);
    }
  }

  private readonly flush = (): void => {
    this.scheduled = false;
    const queues = [...this.queues.values()];
    this.queues.clear();
    for (const { topic, acks, pending } of queues) void this.append(topic, acks, pending);
  };

  private async append(topic: string, acks: Acks, pending: Pending[]): Promise<void> {
    if (pending.length > 1) {
      let results: ProduceResult[] | undefined;
      try {
        results = await this.broker.produce(topic, pending.flatMap((p) => p.records), { acks });
      } catch (error) {
        if (!(error instanceof KafkaError)) {
          for (const p of pending) p.reject(error);
          return;
        }
      }
      if (results) {
        let next = 0;
        for (const p of pending) {
          p.resolve(results.slice(next, next + p.records.length));
          next += p.records.length;
        }
        return;
      }
    }
    for (const p of pending) {
      try {
        p.resolve(await this.broker.produce(topic, p.records, { acks }));
      } catch (error) {
        p.reject(error);
      }
    }
  }
}

function logDropped(topic: string, count: number, error: unknown): void {
  logger.warn(`acks=0: ${count} record(s) for ${topic} were not stored: ${error instanceof Error ? error.message : String(error)}`);
}
