import { InvalidProducerEpochError, OutOfOrderSequenceNumberError } from "../../errors.js";
import { NO_PRODUCER_EPOCH, NO_SEQUENCE } from "../record-batch.js";
import { ProducerStateEntry } from "./producer-state-entry.js";

/**
 * Where an append comes from (Kafka's `AppendOrigin`): a client's batches are fully checked; batches replayed from
 * the log during recovery were checked when they were first written.
 */
export type AppendOrigin = "client" | "replication";

/** What the producer state needs of a data batch. */
export interface ProducerBatch {
  producerEpoch: number;
  baseSequence: number;
  lastSequence: number;
  baseOffset: number;
  lastOffset: number;
  maxTimestamp: number;
}

/**
 * The changes one append makes to one producer's state (Kafka's `ProducerAppendInfo`): each batch is checked against
 * the state as the earlier batches of the same append left it, and the result is applied with
 * `ProducerStateManager.update` only once the batches are written.
 */
export class ProducerAppendInfo {
  private readonly updatedEntry: ProducerStateEntry;

  constructor(
    private readonly topicPartition: string,
    readonly producerId: number,
    private readonly currentEntry: ProducerStateEntry,
    private readonly origin: AppendOrigin,
  ) {
    this.updatedEntry = currentEntry.withoutBatches();
  }

  /**
   * Checks and records one data batch.
   * @throws InvalidProducerEpochError for an epoch older than the producer's; OutOfOrderSequenceNumberError for a
   *   sequence that does not follow the producer's last (a producer the partition does not know may start anywhere).
   */
  append(batch: ProducerBatch): void {
    this.checkProducerEpoch(batch.producerEpoch, batch.baseOffset);
    if (this.origin === "client") this.checkSequence(batch.producerEpoch, batch.baseSequence, batch.baseOffset);
    this.updatedEntry.addBatch(batch.producerEpoch, batch.lastSequence, batch.lastOffset, batch.lastOffset - batch.baseOffset, batch.maxTimestamp);
  }

  private checkProducerEpoch(producerEpoch: number, offset: number): void {
    if (producerEpoch < this.updatedEntry.producerEpoch && this.origin !== "replication") {
      throw new InvalidProducerEpochError(
        `Epoch of producer ${this.producerId} at offset ${offset} in ${this.topicPartition} is ${producerEpoch}, which is smaller than the last seen epoch ${this.updatedEntry.producerEpoch}`,
      );
    }
  }

  private checkSequence(producerEpoch: number, firstSeq: number, offset: number): void {
    const updated = this.updatedEntry;
    if (producerEpoch !== updated.producerEpoch) {
      if (firstSeq !== 0 && updated.producerEpoch !== NO_PRODUCER_EPOCH) {
        throw new OutOfOrderSequenceNumberError(
          `Invalid sequence number for new epoch of producer ${this.producerId} at offset ${offset} in partition ${this.topicPartition}: ` +
            `${producerEpoch} (request epoch), ${firstSeq} (seq. number), ${updated.producerEpoch} (current producer epoch)`,
        );
      }
      return;
    }
    let currentLastSeq: number;
    if (!updated.isEmpty) currentLastSeq = updated.lastSeq;
    else if (producerEpoch === this.currentEntry.producerEpoch) currentLastSeq = this.currentEntry.lastSeq;
    else currentLastSeq = NO_SEQUENCE;
    // A producer whose state is gone (expired, or its records deleted) may continue with any sequence, as in Kafka.
    if (this.currentEntry.producerEpoch !== NO_PRODUCER_EPOCH && !inSequence(currentLastSeq, firstSeq)) {
      throw new OutOfOrderSequenceNumberError(
        `Out of order sequence number for producer ${this.producerId} at offset ${offset} in partition ${this.topicPartition}: ` +
          `${firstSeq} (incoming seq. number), ${currentLastSeq} (current end sequence number)`,
      );
    }
  }

  /** The producer's state as this append leaves it. */
  toEntry(): ProducerStateEntry {
    return this.updatedEntry;
  }
}

function inSequence(lastSeq: number, nextSeq: number): boolean {
  return nextSeq === lastSeq + 1 || (nextSeq === 0 && lastSeq === 0x7fffffff);
}
