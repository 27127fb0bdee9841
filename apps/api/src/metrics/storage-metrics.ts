import type { Broker, LogDirState } from "@skein/broker";
import { Counter, Gauge, type Registry } from "prom-client";

const STATES: LogDirState[] = ["ok", "nearly-full", "full", "failed"];

/**
 * The data directory's health as Prometheus metrics, read from the engine at each scrape: space (`skein_log_dir_*`,
 * labelled by `log_dir`), its state (one series per state, 1 for the current one, as Prometheus writes enums),
 * corrupt ranges per partition, partitions offline, and the background scrubber's progress.
 */
export function registerStorageMetrics(registry: Registry, broker: Broker): void {
  const status = () => broker.logDirStatus();
  const gauge = (name: string, help: string, value: (s: ReturnType<typeof status>) => number) =>
    new Gauge({
      name,
      help,
      labelNames: ["log_dir"] as const,
      registers: [registry],
      collect() {
        const s = status();
        this.reset();
        this.set({ log_dir: s.path }, value(s));
      },
    });
  gauge("skein_log_dir_total_bytes", "Size of the filesystem holding the data directory.", (s) => s.totalBytes);
  gauge("skein_log_dir_usable_bytes", "Bytes the broker may still write in the data directory's filesystem.", (s) => s.usableBytes);
  gauge("skein_log_dir_used_ratio", "Share of the data directory's filesystem in use.", (s) => s.usedRatio);
  gauge("skein_log_dir_nearly_full_ratio", "log.dir.nearly.full.ratio: the used ratio from which the data directory is reported nearly full.", (s) => s.nearlyFullRatio);
  new Gauge({
    name: "skein_log_dir_state",
    help: "The data directory's state: 1 for the current one of ok, nearly-full (still writable), full (appends refused), failed (offline).",
    labelNames: ["log_dir", "state"] as const,
    registers: [registry],
    collect() {
      const s = status();
      this.reset();
      for (const state of STATES) this.set({ log_dir: s.path, state }, state === s.state ? 1 : 0);
    },
  });
  new Gauge({
    name: "skein_corrupt_ranges",
    help: "Ranges of a partition's log found corrupt (and quarantined): by recovery, the scrubber or a read.",
    labelNames: ["topic", "partition"] as const,
    registers: [registry],
    collect() {
      this.reset();
      const counts = new Map<string, { topic: string; partition: number; count: number }>();
      for (const range of broker.corruptRanges()) {
        const key = `${range.topic}\u0000${range.partition}`;
        const entry = counts.get(key) ?? { topic: range.topic, partition: range.partition, count: 0 };
        entry.count++;
        counts.set(key, entry);
      }
      for (const { topic, partition, count } of counts.values()) this.set({ topic, partition: String(partition) }, count);
    },
  });
  new Gauge({
    name: "skein_offline_partitions",
    help: "Partitions this broker cannot serve (their log could not be opened or failed); Kafka's OfflinePartitionsCount.",
    registers: [registry],
    collect() {
      this.set(broker.offlinePartitions().length);
    },
  });
  let verified = 0;
  new Counter({
    name: "skein_scrubber_bytes_verified_total",
    help: "Bytes of closed segments the background scrubber verified (CRC32C).",
    registers: [registry],
    collect() {
      const now = broker.scrubberState().bytesVerified;
      if (now > verified) this.inc(now - verified);
      verified = now;
    },
  });
  let found = 0;
  new Counter({
    name: "skein_scrubber_corruptions_found_total",
    help: "Corrupt ranges the background scrubber found.",
    registers: [registry],
    collect() {
      const now = broker.scrubberState().corruptionsFound;
      if (now > found) this.inc(now - found);
      found = now;
    },
  });
}
