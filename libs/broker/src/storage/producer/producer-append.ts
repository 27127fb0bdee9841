import { DuplicateSequenceNumberError } from "../../errors.js";
import type { ValidatedBatch } from "../log-validator.js";
import { NO_PRODUCER_ID } from "../record-batch.js";
import type { ProducerAppendInfo } from "./producer-append-info.js";
import { batchFirstOffset, type BatchMetadata } from "./producer-state-entry.js";
import type { ProducerStateManager } from "./producer-state-manager.js";

/** What the producer state says of an append: write it (with these updates), or it is a retry already in the log. */
export type ProducerCheck =
  | { kind: "append"; updates: ProducerAppendInfo[] }
  | { kind: "duplicate"; firstOffset: number; lastOffset: number; timestamp: number };

/**
 * Kafka's `analyzeAndValidateProducerState` for a client's validated batches: a batch that repeats one of its
 * producer's last five (same epoch and sequence range) is a retry, answered with the original offsets and not
 * written; every other batch of an idempotent producer is checked (epoch, sequence) against the producer's state as
 * the batches before it leave it. A request mixing retries and new batches cannot be answered with one offset:
 * DUPLICATE_SEQUENCE_NUMBER.
 * @throws InvalidProducerEpochError, OutOfOrderSequenceNumberError, DuplicateSequenceNumberError
 */
export function checkProducerBatches(manager: ProducerStateManager, batches: readonly ValidatedBatch[]): ProducerCheck {
  const updates = new Map<number, ProducerAppendInfo>();
  const duplicates: BatchMetadata[] = [];
  for (const batch of batches) {
    if (batch.producerId === NO_PRODUCER_ID) continue;
    const duplicate = manager.lastEntry(batch.producerId)?.findDuplicateBatch(batch.producerEpoch, batch.baseSequence, batch.lastSequence);
    if (duplicate) {
      duplicates.push(duplicate);
      continue;
    }
    let info = updates.get(batch.producerId);
    if (!info) updates.set(batch.producerId, (info = manager.prepareUpdate(batch.producerId, "client")));
    info.append(batch);
  }
  if (duplicates.length === 0) return { kind: "append", updates: [...updates.values()] };
  if (duplicates.length < batches.length) {
    throw new DuplicateSequenceNumberError(
      `${duplicates.length} of the ${batches.length} batches for ${manager.topicPartition} repeat batches already appended, the others are new: send them in separate requests.`,
    );
  }
  return {
    kind: "duplicate",
    firstOffset: batchFirstOffset(duplicates[0]!),
    lastOffset: duplicates.at(-1)!.lastOffset,
    timestamp: duplicates.at(-1)!.timestamp,
  };
}
