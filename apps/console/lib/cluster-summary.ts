/**
 * Per-topic figures the topic list and the overview show, put together from several v3 resources: the topic list,
 * every topic's configs (`/topics/-/configs`), each broker's replicas (in-sync state) and each partition's log.
 */
import { api, ApiError, type TopicData } from "./api";

export interface TopicSummary {
  topic: TopicData;
  /**
   * Offsets between log start and log end, summed over partitions; null when the logs could not be read. Not a
   * record count: offsets a compaction removed and transaction markers are counted too.
   */
  offsetSpan: number | null;
  sizeBytes: number | null;
  retentionMs: number | null;
  retentionBytes: number | null;
  cleanupPolicy: string | null;
  /** Partitions with fewer in-sync replicas than the replication factor; null when unknown. */
  underReplicated: number | null;
}

export interface ClusterSummary {
  topics: TopicSummary[];
  /** What could not be read, so the page can say which figures are missing. */
  problems: string[];
}

/** Runs `work` over `items` with at most `limit` at a time. */
async function mapLimit<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

function describe(error: unknown): string {
  return error instanceof ApiError ? `${error.message} (${error.error_code})` : String(error);
}

/** Loads the topic list with records, size, retention, cleanup policy and under-replicated count per topic. */
export async function loadClusterSummary(clusterId: string): Promise<ClusterSummary> {
  const problems: string[] = [];
  const [topics, configs, brokers] = await Promise.all([
    api.listTopics(clusterId),
    api.listAllTopicConfigs(clusterId).catch((e) => {
      problems.push(`topic configs: ${describe(e)}`);
      return null;
    }),
    api.listBrokers(clusterId).catch((e) => {
      problems.push(`brokers: ${describe(e)}`);
      return null;
    }),
  ]);

  const inSync = new Map<string, number>();
  let replicasKnown = brokers !== null;
  if (brokers) {
    const lists = await Promise.all(
      brokers.map((b) =>
        api.listBrokerReplicas(clusterId, b.broker_id).catch((e) => {
          problems.push(`replicas of broker ${b.broker_id}: ${describe(e)}`);
          replicasKnown = false;
          return [];
        }),
      ),
    );
    for (const replica of lists.flat()) {
      const key = `${replica.topic_name}/${replica.partition_id}`;
      if (replica.is_in_sync) inSync.set(key, (inSync.get(key) ?? 0) + 1);
    }
  }

  const configOf = (topic: string, name: string) => configs?.find((c) => c.topic_name === topic && c.name === name)?.value ?? null;
  const numberOrNull = (value: string | null) => (value === null || value === "" ? null : Number(value));

  let logProblem = false;
  const summaries = await mapLimit(topics, 4, async (topic): Promise<TopicSummary> => {
    const partitions = Array.from({ length: topic.partitions_count }, (_, p) => p);
    const logs = await mapLimit(partitions, 8, (p) => api.getPartitionLog(clusterId, topic.topic_name, p).catch(() => null));
    const complete = logs.every((l) => l !== null);
    if (!complete) logProblem = true;
    const underReplicated = replicasKnown ? partitions.filter((p) => (inSync.get(`${topic.topic_name}/${p}`) ?? 0) < topic.replication_factor).length : null;
    return {
      topic,
      offsetSpan: complete ? logs.reduce((sum, l) => sum + (l!.log_end_offset - l!.log_start_offset), 0) : null,
      sizeBytes: complete ? logs.reduce((sum, l) => sum + l!.size_bytes, 0) : null,
      retentionMs: numberOrNull(configOf(topic.topic_name, "retention.ms")),
      retentionBytes: numberOrNull(configOf(topic.topic_name, "retention.bytes")),
      cleanupPolicy: configOf(topic.topic_name, "cleanup.policy"),
      underReplicated,
    };
  });
  if (logProblem) problems.push("partition logs (offset span and size) of some topics could not be read");
  return { topics: summaries, problems };
}
