import type { Clock } from "../clock.js";
import type { LogManager } from "../storage/log-manager.js";
import type { DeletedPartitionDir } from "../storage/partition-dir.js";
import type { MetadataStore, TopicMetadata } from "./metadata-store.js";
import type { PendingDeletion } from "./pending-deletions.js";
import { newKafkaUuid } from "./topic-id.js";
import { isInternalTopic } from "./topic-name.js";

/** What start-up reconciliation works with. */
export interface ReconciliationContext {
  store: MetadataStore;
  logs: LogManager;
  clock: Clock;
  /** Adds a line to the broker's start-up report. */
  report(line: string): void;
  /** Opens a topic's partitions (one that fails is kept offline and reported). */
  openTopic(metadata: TopicMetadata): unknown;
  /** Hands over a deletion whose logs are gone but which the store could not record yet (retried in the background). */
  pendingDeletion(deletion: PendingDeletion): void;
  /** In a cluster, whether this broker hosts a replica of the partition (only those have log directories here). */
  hostsReplica?(topic: string, partition: number): boolean;
}

/**
 * Makes the metadata and the partition directories agree after any crash or failure, then opens every topic:
 * completes or undoes interrupted creations (`-creating` directories: completed when the store recorded the topic,
 * removed when it did not), finishes interrupted deletions (`-delete` markers: emptied, then recorded by the store —
 * in the background when the store still fails), drops directories of deleted incarnations of a topic, raises
 * partition counts to cover directories that exist, and adopts logs the metadata lost. A store that cannot be
 * written (a full disk) never stops the start: what it could not record is reported and retried.
 */
export async function reconcileDataDir(ctx: ReconciliationContext, topics: TopicMetadata[]): Promise<void> {
  const { logs, store, report } = ctx;
  const disk = logs.scan();
  const known = new Map(topics.map((t) => [t.name, t]));

  for (const staged of disk.staged) {
    const topic = known.get(staged.topic);
    const name = `${staged.topic}-${staged.partition}`;
    const committed = topic !== undefined && topic.topicId === staged.topicId && staged.partition < topic.partitions;
    if (committed && !disk.partitions.some((p) => p.name === name)) {
      try {
        logs.promoteStaged(staged, staged.topicId);
        disk.partitions.push({ topic: staged.topic, partition: staged.partition, name, topicId: staged.topicId });
        report(`completed the creation of ${name}, interrupted after the metadata recorded it`);
        continue;
      } catch (err) {
        report(`could not complete the creation of ${name} from ${staged.name} (${(err as Error).message}); its log starts afresh`);
      }
    }
    logs.removeDir(staged.name);
    if (!committed) report(`removed ${staged.name}: a creation of topic ${staged.topic} that the metadata never recorded (interrupted by a crash or a failure)`);
  }

  const deletions = new Map<string, { topic: string; topicId: string; markers: DeletedPartitionDir[] }>();
  for (const marker of disk.pendingDeletes) {
    const key = `${marker.topic}\0${marker.topicId}`;
    let group = deletions.get(key);
    if (!group) deletions.set(key, (group = { topic: marker.topic, topicId: marker.topicId, markers: [] }));
    group.markers.push(marker);
  }
  for (const { topic: name, topicId, markers } of deletions.values()) {
    await Promise.all(markers.map((m) => logs.emptyDeleteMarker(m.name)));
    const topic = known.get(name);
    if (topic && topic.topicId === topicId) {
      known.delete(name);
      for (const sibling of disk.partitions.filter((p) => p.topic === name && p.topicId === topicId)) logs.removeDir(sibling.name);
      disk.partitions = disk.partitions.filter((p) => !(p.topic === name && p.topicId === topicId));
      try {
        await store.deleteTopic(name);
        report(`completed the deletion of topic ${name}, interrupted by a crash or a failure`);
      } catch (err) {
        const partitions = Math.max(topic.partitions, ...markers.map((m) => m.partition + 1));
        ctx.pendingDeletion({ name, topicId, partitions, error: (err as Error).message });
        report(`deleted the logs of topic ${name}; the metadata store could not record the deletion yet (${(err as Error).message}), retrying in the background`);
        continue;
      }
    }
    for (const marker of markers) logs.removeDir(marker.name);
  }

  for (const topic of known.values()) {
    for (const dir of disk.partitions.filter((p) => p.topic === topic.name)) {
      if (dir.topicId !== undefined && dir.topicId !== topic.topicId) {
        logs.removeDir(dir.name);
        report(`removed ${dir.name}: it belonged to an earlier topic ${topic.name} (id ${dir.topicId}) that was deleted`);
      } else if (dir.partition >= topic.partitions) {
        report(`topic ${topic.name}: metadata said ${topic.partitions} partition(s) but ${dir.name} exists on disk; raised the count to keep its data`);
        topic.partitions = dir.partition + 1;
        await saveOrReport(ctx, topic);
      }
    }
  }
  const orphans = new Map<string, number>();
  for (const dir of disk.partitions) {
    if (known.has(dir.topic)) continue;
    orphans.set(dir.topic, Math.max(orphans.get(dir.topic) ?? 0, dir.partition + 1));
  }
  for (const [name, partitions] of orphans) {
    const topicId = disk.partitions.find((p) => p.topic === name && p.topicId !== undefined)?.topicId ?? newKafkaUuid();
    const topic: TopicMetadata = { name, topicId, partitions, replicationFactor: 1, configs: {}, internal: isInternalTopic(name), createdAt: ctx.clock.now() };
    known.set(name, topic);
    report(`recovered topic ${name} (${partitions} partition(s)) from its log directories: the metadata had lost it, its configs are back to defaults`);
    await saveOrReport(ctx, topic);
  }

  for (const topic of known.values()) {
    ctx.openTopic(topic);
    for (let partition = 0; partition < topic.partitions; partition++) {
      if (ctx.hostsReplica?.(topic.name, partition) === false) continue;
      if (!disk.partitions.some((p) => p.topic === topic.name && p.partition === partition)) report(`created the missing log directory ${topic.name}-${partition}`);
    }
  }
}

/** Records a repaired topic; when the store fails, the topic is served anyway and the next start records it. */
async function saveOrReport(ctx: ReconciliationContext, topic: TopicMetadata): Promise<void> {
  try {
    await ctx.store.saveTopic(topic);
  } catch (err) {
    ctx.report(`could not record topic ${topic.name} in the metadata store (${(err as Error).message}); it is served, and the next start records it`);
  }
}
