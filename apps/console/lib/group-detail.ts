/** One consumer group with its members, their assignments and per-partition lag. */
import { api, type ConsumerAssignmentData, type ConsumerData, type ConsumerGroupData, type ConsumerLagData } from "./api";

export interface GroupMember {
  consumer: ConsumerData;
  assignments: ConsumerAssignmentData[];
}

export interface GroupDetailData {
  group: ConsumerGroupData;
  members: GroupMember[];
  lags: ConsumerLagData[];
}

export async function loadGroupDetail(clusterId: string, groupId: string): Promise<GroupDetailData> {
  const [group, consumers, lags] = await Promise.all([
    api.getConsumerGroup(clusterId, groupId),
    api.listConsumers(clusterId, groupId),
    api.listLags(clusterId, groupId),
  ]);
  const members = await Promise.all(
    consumers.map(async (consumer) => ({
      consumer,
      assignments: await api.listAssignments(clusterId, groupId, consumer.consumer_id).catch(() => []),
    })),
  );
  return { group, members, lags };
}
