import type { Broker } from "@skein/broker";
import { Counter, Gauge, type Registry } from "prom-client";

/**
 * Replication as Prometheus metrics, read from the engine at each scrape, under Kafka's names: partitions this broker
 * leads that are under-replicated (ISR smaller than the replicas) or under `min.insync.replicas`, leaderless partitions
 * of the cluster, the ISR shrinks and expands this broker made, and each follower's lag on the partitions it leads.
 * A single broker reports zeros: its partitions have one replica, always in sync.
 */
export function registerReplicationMetrics(registry: Registry, broker: Broker): void {
  const status = () => broker.replicationStatus();
  new Gauge({
    name: "skein_under_replicated_partitions",
    help: "Partitions this broker leads whose ISR is smaller than their replica set (Kafka's UnderReplicatedPartitions).",
    registers: [registry],
    collect() {
      this.set(status().ledPartitions.filter((p) => p.isr.length < p.replicas.length).length);
    },
  });
  new Gauge({
    name: "skein_under_min_isr_partitions",
    help: "Partitions this broker leads whose ISR is smaller than min.insync.replicas: acks=all produces are refused (Kafka's UnderMinIsrPartitionCount).",
    registers: [registry],
    collect() {
      this.set(status().ledPartitions.filter((p) => p.isr.length < p.minInSyncReplicas).length);
    },
  });
  new Gauge({
    name: "skein_leaderless_partitions",
    help: "Partitions of the cluster without a leader, as the cluster metadata says (Kafka's controller OfflinePartitionsCount; skein_offline_partitions counts this broker's unreadable logs).",
    registers: [registry],
    collect() {
      this.set(status().offlinePartitions);
    },
  });
  new Counter({
    name: "skein_isr_shrinks_total",
    help: "ISR shrinks this broker made as a leader (Kafka's IsrShrinksPerSec).",
    registers: [registry],
    collect() {
      this.reset();
      this.inc(status().isrShrinks);
    },
  });
  new Counter({
    name: "skein_isr_expands_total",
    help: "ISR expansions this broker made as a leader (Kafka's IsrExpandsPerSec).",
    registers: [registry],
    collect() {
      this.reset();
      this.inc(status().isrExpands);
    },
  });
  new Gauge({
    name: "skein_replica_lag_offsets",
    help: "How far each follower's log end is behind the leader's, by partition this broker leads and follower.",
    labelNames: ["topic", "partition", "replica"] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const p of status().ledPartitions) {
        for (const f of p.followerLag) this.set({ topic: p.topic, partition: String(p.partition), replica: String(f.replica) }, f.lag);
      }
    },
  });
}
