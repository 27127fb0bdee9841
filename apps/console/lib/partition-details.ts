/** A topic's partitions with their replicas and log offsets, for the Partitions tab. */
import { api, type PartitionLog, type ReplicaData } from "./api";

export interface PartitionDetail {
  partitionId: number;
  leader: number | null;
  replicas: ReplicaData[];
  log: PartitionLog | null;
}

/** Loads every partition of a topic with its replicas and offsets (one request per partition and kind). */
export async function loadPartitionDetails(clusterId: string, topic: string): Promise<PartitionDetail[]> {
  const partitions = await api.listPartitions(clusterId, topic);
  return Promise.all(
    partitions.map(async (p) => {
      const [replicas, log] = await Promise.all([
        api.listReplicas(clusterId, topic, p.partition_id),
        api.getPartitionLog(clusterId, topic, p.partition_id).catch(() => null),
      ]);
      const leaderFromLink = p.leader?.related.match(/\/replicas\/(\d+)$/)?.[1];
      const leader = replicas.find((r) => r.is_leader)?.broker_id ?? (leaderFromLink === undefined ? null : Number(leaderFromLink));
      return { partitionId: p.partition_id, leader, replicas, log };
    }),
  );
}
