/** A topic's open transactions per partition, for the Partitions tab's Transactions panel. */
import { api, type OpenTransaction, type PartitionTransactions } from "./api";

export interface PartitionTransactionState {
  partitionId: number;
  state: PartitionTransactions;
}

/** An open transaction with the partition that holds it. */
export type OpenTransactionRow = OpenTransaction & { partitionId: number };

/** Loads every partition's last stable offset, LSO lag and open transactions (one request per partition). */
export async function loadTopicTransactions(clusterId: string, topic: string): Promise<PartitionTransactionState[]> {
  const partitions = await api.listPartitions(clusterId, topic);
  return Promise.all(partitions.map(async (p) => ({ partitionId: p.partition_id, state: await api.getTransactions(clusterId, topic, p.partition_id) })));
}

/** The open transactions of every partition, the longest-open first. */
export function openTransactionRows(states: PartitionTransactionState[]): OpenTransactionRow[] {
  return states.flatMap(({ partitionId, state }) => state.data.map((txn) => ({ ...txn, partitionId }))).sort((a, b) => b.open_ms - a.open_ms);
}

/** The `kafka-transactions` command that aborts a hanging transaction in its partition. */
export function abortCommand(topic: string, txn: OpenTransactionRow): string {
  return `kafka-transactions --bootstrap-server <broker> abort --topic ${topic} --partition ${txn.partitionId} --start-offset ${txn.first_offset}`;
}
