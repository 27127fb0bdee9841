import { Injectable, type OnModuleDestroy } from "@nestjs/common";
import { Broker, isInternalTopic, type AppendEvent, type FetchEvent } from "@skein/broker";
import { Counter } from "prom-client";
import { MetricsService } from "../metrics/metrics.service.js";
import { ThroughputHistory, type ThroughputSample } from "./throughput-history.js";

/**
 * The cluster's traffic: records and bytes appended and read (from the broker's `append` and `fetch` events, so every
 * producer and every reader counts: REST, v2 consumers, WebSocket), per second over the last ten minutes, and as
 * Prometheus counters per topic. Internal topics (`__consumer_offsets`) are left out of the per-second figures.
 */
@Injectable()
export class ThroughputService implements OnModuleDestroy {
  private readonly history = new ThroughputHistory(600);
  private readonly recordsOut: Counter<"topic">;
  private readonly bytesOut: Counter<"topic">;

  private readonly onAppend = (event: AppendEvent): void => {
    if (!isInternalTopic(event.topic)) this.history.add(Date.now(), "in", event.recordCount, event.sizeBytes);
  };

  private readonly onFetch = (event: FetchEvent): void => this.recordOut(event.topic, event.recordCount, event.sizeBytes);

  constructor(
    private readonly broker: Broker,
    metrics: MetricsService,
  ) {
    this.recordsOut = new Counter({
      name: "skein_records_out_total",
      help: "Records handed to clients (REST reads, WebSocket pushes), by topic.",
      labelNames: ["topic"] as const,
      registers: [metrics.registry],
    });
    this.bytesOut = new Counter({
      name: "skein_bytes_out_total",
      help: "Bytes of keys, values and headers handed to clients, by topic.",
      labelNames: ["topic"] as const,
      registers: [metrics.registry],
    });
    broker.on("append", this.onAppend);
    broker.on("fetch", this.onFetch);
  }

  private recordOut(topic: string, records: number, bytes: number): void {
    if (records === 0) return;
    this.recordsOut.inc({ topic }, records);
    this.bytesOut.inc({ topic }, bytes);
    if (!isInternalTopic(topic)) this.history.add(Date.now(), "out", records, bytes);
  }

  /** The last complete second and the ten minutes before it. */
  snapshot(): { latest: ThroughputSample; history: ThroughputSample[] } {
    const now = Date.now();
    return { latest: this.history.latest(now), history: this.history.history(now) };
  }

  onModuleDestroy(): void {
    this.broker.off("append", this.onAppend);
    this.broker.off("fetch", this.onFetch);
  }
}
