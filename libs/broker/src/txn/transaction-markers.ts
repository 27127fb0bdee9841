import type { Broker } from "../broker.js";
import { GROUP_METADATA_TOPIC_NAME } from "../cluster/topic-name.js";
import { KafkaError, UnknownServerError, UnknownTopicOrPartitionError } from "../errors.js";
import type { TransactionResult } from "../storage/control-records.js";
import type { TxnPartition } from "./transaction-metadata.js";

/** Told when markers reach `__consumer_offsets` partitions, so transactional offset commits become visible or go. */
export interface TransactionCompletionListener {
  onTransactionCompleted(producerId: number, offsetsPartitions: readonly number[], result: TransactionResult): void;
}

/** The coordinator epoch markers carry: the leader epoch of the `__transaction_state` partition, 0 on one broker. */
export const COORDINATOR_EPOCH = 0;

/** What writing one partition's marker came to: done (null), or the error. */
export interface MarkerOutcome {
  partition: TxnPartition;
  error: KafkaError | null;
}

/**
 * Writes the markers that end `producerId`'s transaction (Kafka's WriteTxnMarkers, one broker: the leader of every
 * partition is this one): a control batch per partition, concurrently, each durable before it counts. A partition
 * that no longer exists needs none (its topic was deleted, as Kafka drops it from the transaction). When markers
 * reach `__consumer_offsets` partitions the group coordinator is told, so the transaction's offset commits become
 * visible (commit) or go (abort). Resolves with each partition's outcome; never rejects.
 */
export async function writeTransactionMarkers(
  broker: Broker,
  listener: TransactionCompletionListener | undefined,
  producerId: number,
  producerEpoch: number,
  coordinatorEpoch: number,
  result: TransactionResult,
  partitions: readonly TxnPartition[],
): Promise<MarkerOutcome[]> {
  const outcomes = await Promise.all(
    partitions.map(async (partition): Promise<MarkerOutcome> => {
      try {
        await broker.writeTxnMarker(partition.topic, partition.partition, producerId, producerEpoch, { type: result, coordinatorEpoch });
        return { partition, error: null };
      } catch (err) {
        return { partition, error: err instanceof KafkaError ? err : new UnknownServerError((err as Error).message) };
      }
    }),
  );
  const offsets = outcomes.filter((o) => o.error === null && o.partition.topic === GROUP_METADATA_TOPIC_NAME).map((o) => o.partition.partition);
  if (offsets.length > 0 && listener) {
    try {
      listener.onTransactionCompleted(producerId, offsets, result);
    } catch (err) {
      for (const o of outcomes) {
        if (o.error === null && o.partition.topic === GROUP_METADATA_TOPIC_NAME) o.error = new UnknownServerError(`Completing the transaction's offset commits failed: ${(err as Error).message}`);
      }
    }
  }
  return outcomes;
}

/** Whether a marker outcome means the partition is done with the transaction: written, or the partition is gone. */
export function markerDone(outcome: MarkerOutcome): boolean {
  return outcome.error === null || outcome.error instanceof UnknownTopicOrPartitionError;
}
