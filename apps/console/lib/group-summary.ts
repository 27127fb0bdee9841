/** Consumer groups with their members, topics and lag, for the group list and a topic's Consumers tab. */
import { api, type ConsumerGroupData, type ConsumerLagData } from "./api";

export interface GroupSummary {
  group: ConsumerGroupData;
  members: number | null;
  lags: ConsumerLagData[] | null;
  topics: string[];
  totalLag: number | null;
}

/** Loads every group with its consumers and per-partition lags (two requests per group). */
export async function loadGroupSummaries(clusterId: string): Promise<GroupSummary[]> {
  const groups = await api.listConsumerGroups(clusterId);
  return Promise.all(
    groups.map(async (group) => {
      const [consumers, lags] = await Promise.all([
        api.listConsumers(clusterId, group.consumer_group_id).catch(() => null),
        api.listLags(clusterId, group.consumer_group_id).catch(() => null),
      ]);
      return {
        group,
        members: consumers ? consumers.length : null,
        lags,
        topics: lags ? [...new Set(lags.map((l) => l.topic_name))].sort() : [],
        totalLag: lags ? lags.reduce((sum, l) => sum + Math.max(0, l.lag), 0) : null,
      };
    }),
  );
}
