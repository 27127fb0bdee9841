import { InvalidProducerEpochError, InvalidTxnStateError, OutOfOrderSequenceNumberError, TransactionCoordinatorFencedError } from "../../errors.js";
import type { EndTransactionMarker } from "../control-records.js";
import { NO_PRODUCER_EPOCH, NO_SEQUENCE } from "../record-batch.js";
import { ProducerStateEntry } from "./producer-state-entry.js";

/**
 * Where an append comes from (Kafka's `AppendOrigin`): a client's batches are fully checked; the coordinators'
 * (transactional offset commits, transaction markers) are checked for epochs but carry no sequences; batches
 * replayed from the log during recovery were checked when they were first written.
 */
export type AppendOrigin = "client" | "coordinator" | "replication";

/** A transaction of one producer that a marker ended in a partition (Kafka's `CompletedTxn`). */
export interface CompletedTxn {
  producerId: number;
  /** The offset of the transaction's first batch in the partition. */
  firstOffset: number;
  /** The offset of the marker. */
  lastOffset: number;
  isAborted: boolean;
}

/** A transaction that began in a partition (Kafka's `TxnMetadata`): its first offset, and its marker's offset once ended. */
export interface TxnMetadata {
  producerId: number;
  firstOffset: number;
  lastOffset: number | null;
}

/** What the producer state needs of a data batch. */
export interface ProducerBatch {
  producerEpoch: number;
  baseSequence: number;
  lastSequence: number;
  baseOffset: number;
  lastOffset: number;
  maxTimestamp: number;
  isTransactional: boolean;
}

/**
 * The changes one append makes to one producer's state (Kafka's `ProducerAppendInfo`): each batch is checked against
 * the state as the earlier batches of the same append left it, and the result is applied with
 * `ProducerStateManager.update` only once the batches are written.
 */
export class ProducerAppendInfo {
  private readonly updatedEntry: ProducerStateEntry;
  private readonly transactions: TxnMetadata[] = [];

  constructor(
    private readonly topicPartition: string,
    readonly producerId: number,
    private readonly currentEntry: ProducerStateEntry,
    private readonly origin: AppendOrigin,
  ) {
    this.updatedEntry = currentEntry.withoutBatches();
  }

  /**
   * Checks and records one data batch. A transactional batch of a producer without an open transaction in the
   * partition begins one there (Kafka's `appendDataBatch`).
   * @throws InvalidProducerEpochError for an epoch older than the producer's; OutOfOrderSequenceNumberError for a
   *   sequence that does not follow the producer's last (a producer the partition does not know may start anywhere);
   *   InvalidTxnStateError for a non-transactional batch while the producer's transaction is open.
   */
  append(batch: ProducerBatch): void {
    this.checkProducerEpoch(batch.producerEpoch, batch.baseOffset);
    if (this.origin === "client") this.checkSequence(batch.producerEpoch, batch.baseSequence, batch.baseOffset);
    this.updatedEntry.addBatch(batch.producerEpoch, batch.lastSequence, batch.lastOffset, batch.lastOffset - batch.baseOffset, batch.maxTimestamp);
    const open = this.updatedEntry.currentTxnFirstOffset >= 0;
    if (open && !batch.isTransactional) {
      throw new InvalidTxnStateError(`Expected transactional write from producer ${this.producerId} at offset ${batch.baseOffset} in partition ${this.topicPartition}`);
    }
    if (!open && batch.isTransactional) {
      this.updatedEntry.currentTxnFirstOffset = batch.baseOffset;
      this.transactions.push({ producerId: this.producerId, firstOffset: batch.baseOffset, lastOffset: null });
    }
  }

  /**
   * Checks and records a transaction marker at `offset` (Kafka's `appendEndTxnMarker`): the producer's epoch becomes
   * the marker's and its open transaction ends. Returns the transaction it ended, or null when the producer had none
   * open in this partition (a marker of an empty transaction changes neither the LSO nor the transaction index).
   * @throws InvalidProducerEpochError for an older epoch; TransactionCoordinatorFencedError for a marker of an older
   *   coordinator epoch than the producer's last.
   */
  appendEndTxnMarker(marker: EndTransactionMarker, producerEpoch: number, offset: number, timestamp: number): CompletedTxn | null {
    this.checkProducerEpoch(producerEpoch, offset);
    if (this.updatedEntry.coordinatorEpoch > marker.coordinatorEpoch && this.origin !== "replication") {
      throw new TransactionCoordinatorFencedError(
        `Invalid coordinator epoch for producerId ${this.producerId} at offset ${offset} in partition ${this.topicPartition}: ${marker.coordinatorEpoch} (zombie), ${this.updatedEntry.coordinatorEpoch} (current)`,
      );
    }
    const firstOffset = this.updatedEntry.currentTxnFirstOffset;
    const completed = firstOffset >= 0 ? { producerId: this.producerId, firstOffset, lastOffset: offset, isAborted: marker.type === "ABORT" } : null;
    this.updatedEntry.endTransaction(producerEpoch, marker.coordinatorEpoch, timestamp);
    return completed;
  }

  /** The transactions this append began. */
  startedTransactions(): readonly TxnMetadata[] {
    return this.transactions;
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
