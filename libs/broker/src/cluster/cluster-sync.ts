import type { ClusterSnapshot } from "./cluster-metadata-store.js";
import { partitionKey } from "./cluster-snapshot.js";
import type { LogConfig } from "./config/log-config.js";
import type { TopicMetadata } from "./metadata-store.js";
import type { TopicState } from "./topic-admin.js";
import type { Partition } from "./partition.js";
import type { PartitionRegistration } from "./cluster-metadata-store.js";

/** What making a broker agree with the cluster metadata works with. */
export interface ClusterSyncContext {
  topics: Map<string, TopicState>;
  openTopic(metadata: TopicMetadata): TopicState;
  openPartition(metadata: TopicMetadata, config: LogConfig, partition: number): Partition;
  /** Resolves a topic's configs (with the broker's defaults); throws when they are invalid. */
  resolveConfig(configs: Record<string, string>): LogConfig;
  applyLogConfig(state: TopicState, config: LogConfig): void;
  applyRegistration(topic: string, partition: number, registration: PartitionRegistration, version: number): void;
  /** Deletes a topic's logs here only (it is gone from the metadata, or replaced by a new incarnation). */
  deleteLocally(name: string): Promise<void>;
  /** A broker's registration may have changed (its fetcher follows its address). */
  brokerChanged(brokerId: number): void;
}

/**
 * Makes this broker's topics and partitions agree with the cluster metadata (Kafka's `applyDelta` on a new
 * MetadataImage, done as a diff so a re-list after compaction needs nothing else): new topics open (logs for the
 * replicas hosted here), deleted or re-created ones go, partition counts and configs follow, and every partition's
 * registration is applied — leadership, ISR, replicas moving on or off this broker.
 */
export async function syncWithImage(ctx: ClusterSyncContext, image: ClusterSnapshot): Promise<void> {
  for (const [name, state] of [...ctx.topics]) {
    const current = image.topics.get(name);
    if (!current || current.topicId !== state.metadata.topicId) await ctx.deleteLocally(name);
  }
  for (const [name, metadata] of image.topics) {
    const state = ctx.topics.get(name) ?? ctx.openTopic(metadata);
    if (state.metadata !== metadata && JSON.stringify(state.metadata.configs) !== JSON.stringify(metadata.configs)) {
      try {
        ctx.applyLogConfig(state, ctx.resolveConfig(metadata.configs));
      } catch {
        // Configs another broker validated but this one cannot resolve keep the previous ones here.
      }
    }
    const previousCount = state.partitions.length;
    state.metadata = metadata;
    for (let p = previousCount; p < metadata.partitions; p++) state.partitions[p] = ctx.openPartition(metadata, state.config, p);
    const registrations = image.partitions.get(name);
    if (!registrations) continue;
    for (const [index, registration] of registrations) {
      ctx.applyRegistration(name, index, registration, image.partitionVersions.get(partitionKey(name, index)) ?? -1);
    }
  }
  for (const brokerId of image.brokers.keys()) ctx.brokerChanged(brokerId);
}
