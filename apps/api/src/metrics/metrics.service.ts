import { Injectable, type OnModuleDestroy } from "@nestjs/common";
import { Broker, type AppendEvent, type KafkaListener, type KafkaRequestEvent } from "@skein/broker";
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import { registerReplicationMetrics } from "./replication-metrics.js";
import { registerStorageMetrics } from "./storage-metrics.js";

/**
 * The service's Prometheus metrics, in a registry of its own (several apps can live in one process, as in tests):
 * HTTP request latency by route, records and bytes appended per topic, partitions per topic, the data directory's
 * health (storage-metrics.ts), replication (replication-metrics.ts), and Node's defaults.
 */
@Injectable()
export class MetricsService implements OnModuleDestroy {
  readonly registry = new Registry();

  readonly httpRequestDuration = new Histogram({
    name: "skein_http_request_duration_seconds",
    help: "HTTP request latency, by method, route pattern and status code.",
    labelNames: ["method", "route", "status_code"] as const,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  readonly recordsIn = new Counter({
    name: "skein_records_in_total",
    help: "Records appended, by topic.",
    labelNames: ["topic"] as const,
    registers: [this.registry],
  });

  readonly bytesIn = new Counter({
    name: "skein_bytes_in_total",
    help: "Bytes of record batches appended, by topic.",
    labelNames: ["topic"] as const,
    registers: [this.registry],
  });

  readonly kafkaRequestDuration = new Histogram({
    name: "skein_kafka_request_duration_seconds",
    help: "Kafka wire-protocol request latency (long polls included), by API.",
    labelNames: ["api"] as const,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  private kafkaListener: KafkaListener | undefined;
  readonly kafkaThrottleTime = new Counter({
    name: "skein_kafka_throttle_time_seconds_total",
    help: "Time Kafka clients were told to wait (throttle_time_ms) for exceeding a client quota, by API.",
    labelNames: ["api"] as const,
    registers: [this.registry],
  });
  private readonly onKafkaRequest = (event: KafkaRequestEvent): void => {
    this.kafkaRequestDuration.observe({ api: event.apiName }, event.durationMs / 1000);
    if (event.throttleTimeMs > 0) this.kafkaThrottleTime.inc({ api: event.apiName }, event.throttleTimeMs / 1000);
  };

  private readonly onAppend = (event: AppendEvent): void => {
    this.recordsIn.inc({ topic: event.topic }, event.recordCount);
    this.bytesIn.inc({ topic: event.topic }, event.sizeBytes);
  };

  constructor(private readonly broker: Broker) {
    const topics = () => this.broker.listTopics({ includeInternal: true });
    new Gauge({
      name: "skein_topic_partitions",
      help: "Partitions, by topic.",
      labelNames: ["topic"] as const,
      registers: [this.registry],
      collect() {
        this.reset();
        for (const topic of topics()) this.set({ topic: topic.name }, topic.partitions.length);
      },
    });
    registerStorageMetrics(this.registry, broker);
    registerReplicationMetrics(this.registry, broker);
    collectDefaultMetrics({ register: this.registry });
    broker.on("append", this.onAppend);
  }

  /** Adds the Kafka listener's request latencies and open connections to the metrics. */
  observeKafkaListener(listener: KafkaListener): void {
    this.kafkaListener = listener;
    listener.on("request", this.onKafkaRequest);
    const current = () => this.kafkaListener?.connectionCount ?? 0;
    new Gauge({
      name: "skein_kafka_connections",
      help: "Open connections to the Kafka listener.",
      registers: [this.registry],
      collect() {
        this.set(current());
      },
    });
  }

  onModuleDestroy(): void {
    this.broker.off("append", this.onAppend);
    this.kafkaListener?.off("request", this.onKafkaRequest);
  }
}
