import { Injectable } from "@nestjs/common";
import { Broker, KafkaError, type ProduceRecord, type ProduceResult } from "@skein/broker";

interface Pending {
  records: readonly ProduceRecord[];
  resolve(results: ProduceResult[]): void;
  reject(error: unknown): void;
}

/**
 * Coalesces the produces of one event-loop turn into one engine append per topic, as a Kafka producer batches:
 * under load, a hundred concurrent single-record requests cost one append instead of a hundred. Each caller still
 * gets its own results, in its own order; when the engine refuses the combined append (it validates every record
 * first), each caller's records are appended alone, so that one bad request fails only itself. acks=1.
 */
@Injectable()
export class ProduceBatcher {
  private readonly queues = new Map<string, Pending[]>();
  private scheduled = false;

  constructor(private readonly broker: Broker) {}

  /** Appends the records (in order) with those of other callers in this turn; rejects with the engine's error for them. */
  produce(topic: string, records: readonly ProduceRecord[]): Promise<ProduceResult[]> {
    return new Promise((resolve, reject) => {
      let queue = this.queues.get(topic);
      if (!queue) this.queues.set(topic, (queue = []));
      queue.push({ records, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(this.flush);
      }
    });
  }

  private readonly flush = (): void => {
    this.scheduled = false;
    const queues = [...this.queues];
    this.queues.clear();
    for (const [topic, pending] of queues) void this.append(topic, pending);
  };

  private async append(topic: string, pending: Pending[]): Promise<void> {
    if (pending.length > 1) {
      let results: ProduceResult[] | undefined;
      try {
        results = await this.broker.produce(topic, pending.flatMap((p) => p.records), { acks: 1 });
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
        p.resolve(await this.broker.produce(topic, p.records, { acks: 1 }));
      } catch (error) {
        p.reject(error);
      }
    }
  }
}
