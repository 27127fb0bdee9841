import { ProducerFencedError } from "../errors.js";
import { hasPendingTransaction, isValidTransition, type TransactionState } from "./transaction-state.js";

const NO_PRODUCER_ID = -1;
const NO_PRODUCER_EPOCH = -1;
const SHORT_MAX = 32767;

/** A partition of a transaction. */
export interface TxnPartition {
  topic: string;
  partition: number;
}

/** The state a transactional id moves to once its record is in `__transaction_state` (Kafka's `TxnTransitMetadata`). */
export interface TxnTransitMetadata {
  producerId: number;
  prevProducerId: number;
  nextProducerId: number;
  producerEpoch: number;
  lastProducerEpoch: number;
  txnTimeoutMs: number;
  state: TransactionState;
  partitions: TxnPartition[];
  txnStartTimestamp: number;
  txnLastUpdateTimestamp: number;
}

/** Kafka's `isEpochExhausted`: an epoch this high cannot be bumped twice more (fence, then abort), so a new producer id is due. */
export function isEpochExhausted(producerEpoch: number): boolean {
  return producerEpoch >= SHORT_MAX - 1;
}

function partitionKey(p: TxnPartition): string {
  return `${p.partition}:${p.topic}`;
}

/** Orders partitions by topic, then partition: how responses and the log list them. */
export function sortPartitions(partitions: Iterable<TxnPartition>): TxnPartition[] {
  return [...partitions].sort((a, b) => (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : a.partition - b.partition));
}

/**
 * One transactional id's state at its coordinator (Kafka's `TransactionMetadata`, transactions version 1: the epoch
 * changes only when a producer is (re)initialised or fenced). A change is prepared (`prepare…`, which sets the
 * pending state so that no other change starts meanwhile), written to `__transaction_state`, and only then applied
 * (`completeTransitionTo`); a failed write clears the pending state and changes nothing.
 */
export class TransactionMetadata {
  /** The state being written to the log, if any: no other change may start meanwhile. */
  pendingState: TransactionState | null = null;
  /** A fence whose bumped epoch may not have reached the log: the next fence does not bump again. */
  hasFailedEpochFence = false;
  private readonly partitionSet = new Map<string, TxnPartition>();

  constructor(
    readonly transactionalId: string,
    public producerId: number,
    public previousProducerId: number,
    public nextProducerId: number,
    public producerEpoch: number,
    public lastProducerEpoch: number,
    public txnTimeoutMs: number,
    public state: TransactionState,
    partitions: Iterable<TxnPartition>,
    public txnStartTimestamp: number,
    public txnLastUpdateTimestamp: number,
  ) {
    for (const p of partitions) this.partitionSet.set(partitionKey(p), { topic: p.topic, partition: p.partition });
  }

  /** A transactional id seen for the first time: Empty, with a fresh producer id and no epoch yet. */
  static fresh(transactionalId: string, producerId: number, txnTimeoutMs: number, now: number): TransactionMetadata {
    return new TransactionMetadata(transactionalId, producerId, NO_PRODUCER_ID, NO_PRODUCER_ID, NO_PRODUCER_EPOCH, NO_PRODUCER_EPOCH, txnTimeoutMs, "Empty", [], -1, now);
  }

  /** The partitions of the transaction, by topic then partition. */
  get partitions(): TxnPartition[] {
    return sortPartitions(this.partitionSet.values());
  }

  hasPartition(p: TxnPartition): boolean {
    return this.partitionSet.has(partitionKey(p));
  }

  get pendingTransitionInProgress(): boolean {
    return this.pendingState !== null;
  }

  get isProducerEpochExhausted(): boolean {
    return isEpochExhausted(this.producerEpoch);
  }

  /** The open transaction's producer is fenced: the epoch is bumped (once), on the way to aborting it. */
  prepareFenceProducerEpoch(): TxnTransitMetadata {
    if (this.producerEpoch === SHORT_MAX) throw new Error(`Cannot fence producer with epoch equal to Short.MaxValue since this would overflow`);
    const bumped = this.hasFailedEpochFence ? this.producerEpoch : this.producerEpoch + 1;
    return this.prepareTransitionTo("PrepareEpochFence", this.producerId, bumped, NO_PRODUCER_EPOCH, this.txnTimeoutMs, this.partitions, this.txnStartTimestamp, this.txnLastUpdateTimestamp);
  }

  /**
   * InitProducerId: the next epoch, with the producer's expected epoch checked when it gives one (KIP-360: a retry of
   * a bump that succeeded returns the current epoch again; any other mismatch is PRODUCER_FENCED).
   * @throws ProducerFencedError
   */
  prepareIncrementProducerEpoch(newTxnTimeoutMs: number, expectedProducerEpoch: number | null, now: number): TxnTransitMetadata {
    if (this.isProducerEpochExhausted) throw new Error(`Cannot allocate any more producer epochs for producerId ${this.producerId}`);
    const bumped = this.producerEpoch + 1;
    let next: [number, number];
    if (expectedProducerEpoch === null) next = [bumped, NO_PRODUCER_EPOCH];
    else if (this.producerEpoch === NO_PRODUCER_EPOCH || expectedProducerEpoch === this.producerEpoch) next = [bumped, this.producerEpoch];
    else if (expectedProducerEpoch === this.lastProducerEpoch) next = [this.producerEpoch, this.lastProducerEpoch];
    else {
      throw new ProducerFencedError(
        `Expected producer epoch ${expectedProducerEpoch} of transactional id ${this.transactionalId} does not match the current producer epoch ${this.producerEpoch} or the previous producer epoch ${this.lastProducerEpoch}: a newer producer has fenced it.`,
      );
    }
    return this.prepareTransitionTo("Empty", this.producerId, next[0], next[1], newTxnTimeoutMs, [], -1, now);
  }

  /** InitProducerId when the epoch is exhausted: a new producer id at epoch 0. */
  prepareProducerIdRotation(newProducerId: number, newTxnTimeoutMs: number, now: number, recordLastEpoch: boolean): TxnTransitMetadata {
    if (hasPendingTransaction(this.state)) throw new Error("Cannot rotate producer ids while a transaction is still pending");
    return this.prepareTransitionTo("Empty", newProducerId, 0, recordLastEpoch ? this.producerEpoch : NO_PRODUCER_EPOCH, newTxnTimeoutMs, [], -1, now);
  }

  /** AddPartitionsToTxn (and AddOffsetsToTxn): Ongoing with these partitions added; a new transaction starts now. */
  prepareAddPartitions(added: readonly TxnPartition[], now: number): TxnTransitMetadata {
    const start = this.state === "Empty" || this.state === "CompleteAbort" || this.state === "CompleteCommit" ? now : this.txnStartTimestamp;
    const all = new Map(this.partitionSet);
    for (const p of added) all.set(partitionKey(p), p);
    return this.prepareTransitionTo("Ongoing", this.producerId, this.producerEpoch, this.lastProducerEpoch, this.txnTimeoutMs, sortPartitions(all.values()), start, now);
  }

  /** EndTxn: PrepareCommit or PrepareAbort, before the markers are written. */
  prepareAbortOrCommit(state: "PrepareCommit" | "PrepareAbort", now: number): TxnTransitMetadata {
    return this.prepareTransitionTo(state, this.producerId, this.producerEpoch, this.lastProducerEpoch, this.txnTimeoutMs, this.partitions, this.txnStartTimestamp, now);
  }

  /** Every marker is written: CompleteCommit or CompleteAbort, without partitions. */
  prepareComplete(now: number): TxnTransitMetadata {
    const state = this.state === "PrepareCommit" ? "CompleteCommit" : "CompleteAbort";
    this.hasFailedEpochFence = false;
    return this.prepareTransitionTo(state, this.producerId, this.producerEpoch, this.producerEpoch, this.txnTimeoutMs, [], this.txnStartTimestamp, now);
  }

  /** The transactional id expired (`transactional.id.expiration.ms`): its tombstone is being written. */
  prepareDead(): TxnTransitMetadata {
    return this.prepareTransitionTo("Dead", this.producerId, this.producerEpoch, this.lastProducerEpoch, this.txnTimeoutMs, [], this.txnStartTimestamp, this.txnLastUpdateTimestamp);
  }

  private prepareTransitionTo(
    state: TransactionState,
    producerId: number,
    producerEpoch: number,
    lastProducerEpoch: number,
    txnTimeoutMs: number,
    partitions: TxnPartition[],
    txnStartTimestamp: number,
    now: number,
  ): TxnTransitMetadata {
    if (this.pendingState !== null) throw new Error(`Preparing transaction state transition to ${state} while it already a pending state ${this.pendingState}`);
    if (producerId < 0) throw new Error(`Illegal new producer id ${producerId}`);
    if (state !== "Dead" && producerEpoch < 0) throw new Error(`Illegal new producer epoch ${producerEpoch}`);
    if (!isValidTransition(this.state, state)) {
      throw new Error(`Preparing transaction state transition to ${state} failed since the target state ${state} is not a valid previous state of the current state ${this.state}`);
    }
    this.pendingState = state;
    return {
      producerId,
      prevProducerId: this.producerId,
      nextProducerId: NO_PRODUCER_ID,
      producerEpoch,
      lastProducerEpoch,
      txnTimeoutMs,
      state,
      partitions,
      txnStartTimestamp,
      txnLastUpdateTimestamp: now,
    };
  }

  /**
   * Applies a prepared change once its record is in the log (Kafka's `completeTransitionTo`), checking that it is the
   * change the pending state announced and that it is consistent with the current state.
   */
  completeTransitionTo(transit: TxnTransitMetadata): void {
    const to = this.pendingState;
    if (to === null) throw new Error(`TransactionalId ${this.transactionalId} completing transaction state transition while it does not have a pending state`);
    const fail = () => new Error(`TransactionalId ${this.transactionalId} failed transition to state ${JSON.stringify(transit)} due to unexpected metadata`);
    if (to !== transit.state) throw fail();
    const sameProducer = transit.producerEpoch === this.producerEpoch && transit.producerId === this.producerId;
    switch (to) {
      case "Empty": {
        const validBump = transit.producerEpoch === this.producerEpoch + 1 || (transit.producerEpoch === 0 && transit.producerId !== this.producerId);
        if ((this.producerEpoch !== transit.producerEpoch && !validBump) || transit.partitions.length > 0 || transit.txnStartTimestamp !== -1) throw fail();
        this.txnTimeoutMs = transit.txnTimeoutMs;
        this.producerEpoch = transit.producerEpoch;
        this.lastProducerEpoch = transit.lastProducerEpoch;
        this.producerId = transit.producerId;
        this.previousProducerId = transit.prevProducerId;
        break;
      }
      case "Ongoing": {
        if (!sameProducer || this.partitions.some((p) => !transit.partitions.some((q) => partitionKey(q) === partitionKey(p))) || this.txnTimeoutMs !== transit.txnTimeoutMs) throw fail();
        this.txnStartTimestamp = transit.txnStartTimestamp;
        for (const p of transit.partitions) this.partitionSet.set(partitionKey(p), p);
        break;
      }
      case "PrepareAbort":
      case "PrepareCommit": {
        const samePartitions = transit.partitions.length === this.partitionSet.size && transit.partitions.every((p) => this.partitionSet.has(partitionKey(p)));
        if (!sameProducer || !samePartitions || this.txnTimeoutMs !== transit.txnTimeoutMs || this.txnStartTimestamp !== transit.txnStartTimestamp) throw fail();
        break;
      }
      case "CompleteAbort":
      case "CompleteCommit": {
        if (!sameProducer || this.txnTimeoutMs !== transit.txnTimeoutMs || transit.txnStartTimestamp === -1) throw fail();
        this.txnStartTimestamp = transit.txnStartTimestamp;
        this.partitionSet.clear();
        break;
      }
      case "PrepareEpochFence":
      case "Dead":
        // A fence goes on to PrepareAbort before anything is written; a Dead id is removed, never completed.
        throw fail();
    }
    this.txnLastUpdateTimestamp = transit.txnLastUpdateTimestamp;
    this.pendingState = null;
    this.state = to;
  }
}
