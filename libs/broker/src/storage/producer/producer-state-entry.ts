import { decrementSequence, NO_PRODUCER_EPOCH, NO_SEQUENCE, NO_TIMESTAMP } from "../record-batch.js";

/** Kafka's `ProducerStateEntry.NUM_BATCHES_TO_RETAIN`: how many recent batches a retry may duplicate. */
export const NUM_BATCHES_TO_RETAIN = 5;

/** One appended batch of a producer (Kafka's `BatchMetadata`): enough to recognise a retry and answer its offsets. */
export interface BatchMetadata {
  lastSeq: number;
  lastOffset: number;
  /** `lastOffset - firstOffset`, which is also `lastSeq - firstSeq`. */
  offsetDelta: number;
  /** The batch's max timestamp. */
  timestamp: number;
}

export function batchFirstSeq(batch: BatchMetadata): number {
  return decrementSequence(batch.lastSeq, batch.offsetDelta);
}

export function batchFirstOffset(batch: BatchMetadata): number {
  return batch.lastOffset - batch.offsetDelta;
}

/**
 * What a partition remembers of one producer (Kafka's `ProducerStateEntry`): its epoch, its last five batches with
 * their sequences and offsets, and the timestamp of its last write (what expiry looks at). The transactional fields
 * (coordinator epoch, the first offset of the open transaction) serve transactions and the snapshot format.
 */
export class ProducerStateEntry {
  private readonly batches: BatchMetadata[] = [];

  constructor(
    readonly producerId: number,
    public producerEpoch: number,
    public coordinatorEpoch: number,
    public lastTimestamp: number,
    /** The first offset of the producer's ongoing transaction, or -1. */
    public currentTxnFirstOffset: number,
    firstBatch?: BatchMetadata,
  ) {
    if (firstBatch) this.batches.push(firstBatch);
  }

  static empty(producerId: number): ProducerStateEntry {
    return new ProducerStateEntry(producerId, NO_PRODUCER_EPOCH, -1, NO_TIMESTAMP, -1);
  }

  get batchMetadata(): readonly BatchMetadata[] {
    return this.batches;
  }

  get isEmpty(): boolean {
    return this.batches.length === 0;
  }

  get firstSeq(): number {
    return this.isEmpty ? NO_SEQUENCE : batchFirstSeq(this.batches[0]!);
  }

  get lastSeq(): number {
    return this.isEmpty ? NO_SEQUENCE : this.batches.at(-1)!.lastSeq;
  }

  get firstDataOffset(): number {
    return this.isEmpty ? -1 : batchFirstOffset(this.batches[0]!);
  }

  get lastDataOffset(): number {
    return this.isEmpty ? -1 : this.batches.at(-1)!.lastOffset;
  }

  get lastOffsetDelta(): number {
    return this.isEmpty ? 0 : this.batches.at(-1)!.offsetDelta;
  }

  /** A copy with the same epoch and timestamps but no batches: what an append builds its update on. */
  withoutBatches(): ProducerStateEntry {
    return new ProducerStateEntry(this.producerId, this.producerEpoch, this.coordinatorEpoch, this.lastTimestamp, this.currentTxnFirstOffset);
  }

  addBatch(producerEpoch: number, lastSeq: number, lastOffset: number, offsetDelta: number, timestamp: number): void {
    this.maybeUpdateProducerEpoch(producerEpoch);
    this.addBatchMetadata({ lastSeq, lastOffset, offsetDelta, timestamp });
    this.lastTimestamp = timestamp;
  }

  /** A new epoch forgets the batches of the old one. Returns whether the epoch changed. */
  maybeUpdateProducerEpoch(producerEpoch: number): boolean {
    if (this.producerEpoch === producerEpoch) return false;
    this.batches.length = 0;
    this.producerEpoch = producerEpoch;
    return true;
  }

  private addBatchMetadata(batch: BatchMetadata): void {
    if (this.batches.length === NUM_BATCHES_TO_RETAIN) this.batches.shift();
    this.batches.push(batch);
  }

  /** A transaction marker ended the producer's transaction (Kafka's `update(epoch, coordinatorEpoch, timestamp)`). */
  endTransaction(producerEpoch: number, coordinatorEpoch: number, timestamp: number): void {
    this.maybeUpdateProducerEpoch(producerEpoch);
    this.coordinatorEpoch = coordinatorEpoch;
    this.currentTxnFirstOffset = -1;
    this.lastTimestamp = timestamp;
  }

  /** Takes over what an append changed (Kafka's `update(nextEntry)`). */
  update(next: ProducerStateEntry): void {
    this.maybeUpdateProducerEpoch(next.producerEpoch);
    for (const batch of next.batches) this.addBatchMetadata(batch);
    this.coordinatorEpoch = next.coordinatorEpoch;
    this.currentTxnFirstOffset = next.currentTxnFirstOffset;
    this.lastTimestamp = next.lastTimestamp;
  }

  /** The retained batch with exactly this epoch and sequence range: a retry of it is a duplicate. */
  findDuplicateBatch(producerEpoch: number, firstSeq: number, lastSeq: number): BatchMetadata | undefined {
    if (producerEpoch !== this.producerEpoch) return undefined;
    return this.batches.find((b) => b.lastSeq === lastSeq && batchFirstSeq(b) === firstSeq);
  }
}
