import type { Broker } from "../broker.js";
import type { Logger } from "../broker-types.js";
import { systemClock, type Clock } from "../clock.js";
import {
  ConcurrentTransactionsError,
  CoordinatorNotAvailableError,
  InvalidProducerEpochError,
  InvalidProducerIdMappingError,
  InvalidRequestError,
  InvalidTransactionTimeoutError,
  InvalidTxnStateError,
  KafkaError,
  ProducerFencedError,
  TransactionAbortableError,
  TransactionalIdNotFoundError,
  TransactionCoordinatorFencedError,
  UnknownServerError,
} from "../errors.js";
import type { TransactionResult } from "../storage/control-records.js";
import { COORDINATOR_EPOCH, markerDone, writeTransactionMarkers, type TransactionCompletionListener } from "./transaction-markers.js";
import { isEpochExhausted, TransactionMetadata, type TxnPartition, type TxnTransitMetadata } from "./transaction-metadata.js";
import { TransactionStateManager } from "./transaction-state-manager.js";
import { isExpirationAllowed, isTransactionStateName, type TransactionState } from "./transaction-state.js";

export interface TransactionCoordinatorOptions {
  clock?: Clock;
  logger?: Logger;
  /** Told when markers reach `__consumer_offsets` (the group coordinator, for transactional offset commits). */
  completions?: TransactionCompletionListener;
  /** Real milliseconds between retries of markers that could not be written (a full disk). Default 1000. */
  markerRetryBackoffMs?: number;
  /** Whether the periodic tasks (timed-out transactions, expired transactional ids) run on timers. Default true. */
  timers?: boolean;
}

/** A transaction as DescribeTransactions and the service report it. */
export interface TransactionDescription {
  transactionalId: string;
  state: TransactionState;
  producerId: number;
  producerEpoch: number;
  transactionTimeoutMs: number;
  /** When the open transaction started, or -1. */
  transactionStartTimeMs: number;
  lastUpdateTimeMs: number;
  partitions: TxnPartition[];
}

/** ListTransactions' filters: states and producer ids (empty: all) and the minimum duration (-1: any). */
export interface ListTransactionsFilter {
  states?: readonly string[];
  producerIds?: readonly number[];
  durationFilterMs?: number;
}

const NO_PRODUCER_ID = -1;
const NO_PRODUCER_EPOCH = -1;

/**
 * Kafka's transaction coordinator on one broker: every `transactional.id` is coordinated here (the leader of its
 * `__transaction_state` partition). It hands out producer ids and epochs (InitProducerId, fencing the previous
 * instance), tracks each transaction's partitions (AddPartitionsToTxn, AddOffsetsToTxn), ends transactions (EndTxn:
 * PrepareCommit/PrepareAbort logged, then the markers written to every partition, then CompleteCommit/CompleteAbort
 * logged), aborts transactions older than their timeout, expires idle transactional ids, and answers
 * DescribeTransactions and ListTransactions. Every state change is written to `__transaction_state` (acks=all)
 * before it takes effect; a restart reloads the topic and finishes the markers of transactions it finds prepared.
 */
export class TransactionCoordinator {
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly markerRetryBackoffMs: number;
  private readonly timers: NodeJS.Timeout[] = [];
  /** Marker writes under way, awaited by `close` and by tests (`markersWritten`). */
  private readonly sending = new Set<Promise<void>>();
  private closed = false;

  private constructor(
    private readonly broker: Broker,
    private readonly state: TransactionStateManager,
    private readonly options: TransactionCoordinatorOptions,
  ) {
    this.clock = options.clock ?? systemClock;
    this.logger = options.logger ?? { info: () => undefined, warn: () => undefined };
    this.markerRetryBackoffMs = options.markerRetryBackoffMs ?? 1000;
  }

  /**
   * Loads `__transaction_state` when it exists (it is created when first needed), completes the transactions it
   * finds prepared (their markers may not all have been written before the restart), and starts the periodic tasks.
   */
  static async start(broker: Broker, options: TransactionCoordinatorOptions = {}): Promise<TransactionCoordinator> {
    const state = await TransactionStateManager.open(broker, options.clock ?? systemClock, options.logger ?? { info: () => undefined, warn: () => undefined });
    const coordinator = new TransactionCoordinator(broker, state, options);
    for (const txn of state.all()) {
      if (txn.state === "PrepareCommit" || txn.state === "PrepareAbort") {
        coordinator.logger.info(`Completing transaction ${txn.transactionalId} (${txn.state}) found prepared at start-up`);
        coordinator.sendMarkers(txn, txn.prepareComplete(coordinator.clock.now()), txn.state === "PrepareCommit" ? "COMMIT" : "ABORT");
      }
    }
    if (options.timers ?? true) {
      const every = (ms: number, task: () => Promise<unknown>) => {
        const timer = setInterval(() => void task().catch((err: Error) => coordinator.logger.warn(err.message)), ms);
        timer.unref();
        coordinator.timers.push(timer);
      };
      every(Number(broker.config("transaction.abort.timed.out.transaction.cleanup.interval.ms")), () => coordinator.abortTimedOutTransactions());
      every(Number(broker.config("transaction.remove.expired.transaction.cleanup.interval.ms")), () => coordinator.removeExpiredTransactionalIds());
    }
    return coordinator;
  }

  /** The `__transaction_state` partition of a transactional id: FindCoordinator's answer (its leader). */
  partitionFor(transactionalId: string): number {
    return this.state.partitionFor(transactionalId);
  }

  /** Creates `__transaction_state` when it does not exist yet: what a client's FindCoordinator for a transactional id does. */
  async ensureStateTopic(): Promise<void> {
    this.ensureOpen();
    await this.state.stateTopic();
  }

  get coordinatorId(): number {
    return this.broker.brokerId;
  }

  // ---- InitProducerId ----

  /**
   * Kafka's `handleInitProducerId`. Without a transactional id: a new producer id at epoch 0. With one: the id's
   * producer id at the next epoch, which fences every earlier instance; an open transaction is aborted first (the
   * caller gets CONCURRENT_TRANSACTIONS and retries), an exhausted epoch brings a new producer id, and `expected`
   * (KIP-360: the producer's current id and epoch after an error) must match or the caller is PRODUCER_FENCED.
   * @throws KafkaError: INVALID_REQUEST, INVALID_TRANSACTION_TIMEOUT, CONCURRENT_TRANSACTIONS, PRODUCER_FENCED,
   *   COORDINATOR_NOT_AVAILABLE / NOT_COORDINATOR (the log could not be written).
   */
  async initProducerId(transactionalId: string | null, transactionTimeoutMs: number, expected: { producerId: number; producerEpoch: number } | null): Promise<{ producerId: number; producerEpoch: number }> {
    this.ensureOpen();
    if (transactionalId === null) return this.broker.initProducerId();
    if (transactionalId.length === 0) throw new InvalidRequestError("The transactional id must not be empty.");
    const max = Number(this.broker.config("transaction.max.timeout.ms"));
    if (!(transactionTimeoutMs > 0 && transactionTimeoutMs <= max)) {
      throw new InvalidTransactionTimeoutError(`The transaction timeout ${transactionTimeoutMs} ms is not between 1 ms and transaction.max.timeout.ms=${max} ms.`);
    }
    let txn = this.state.get(transactionalId);
    if (!txn) {
      const { producerId } = await this.broker.initProducerId();
      txn = this.state.putIfNotExists(TransactionMetadata.fresh(transactionalId, producerId, transactionTimeoutMs, this.clock.now()));
    }
    // Generated ahead: an exhausted epoch needs a new producer id, and preparing the change must not wait.
    const rotationProducerId = txn.isProducerEpochExhausted ? (await this.broker.initProducerId()).producerId : NO_PRODUCER_ID;
    const transit = this.prepareInitProducerIdTransit(txn, transactionTimeoutMs, expected, rotationProducerId);
    if (transit.state === "PrepareEpochFence") {
      await this.endTransaction(transactionalId, transit.producerId, transit.producerEpoch, "ABORT", false);
      throw new ConcurrentTransactionsError(`Transactional id ${transactionalId} had an open transaction: it is being aborted; retry InitProducerId.`);
    }
    await this.state.appendTransactionToLog(txn, transit);
    this.logger.info(`Initialized transactional id ${transactionalId} with producer id ${transit.producerId} and epoch ${transit.producerEpoch} on partition __transaction_state-${this.partitionFor(transactionalId)}`);
    return { producerId: transit.producerId, producerEpoch: transit.producerEpoch };
  }

  private prepareInitProducerIdTransit(
    txn: TransactionMetadata,
    timeoutMs: number,
    expected: { producerId: number; producerEpoch: number } | null,
    rotationProducerId: number,
  ): TxnTransitMetadata {
    if (txn.pendingTransitionInProgress) throw new ConcurrentTransactionsError(`Transactional id ${txn.transactionalId} is completing a state change; retry.`);
    // KIP-360: a producer recovering from an error names its id and epoch; any other producer id is fenced.
    const validExpected =
      expected === null ||
      txn.producerEpoch === NO_PRODUCER_EPOCH ||
      expected.producerId === txn.producerId ||
      (expected.producerId === txn.previousProducerId && isEpochExhausted(expected.producerEpoch));
    if (!validExpected) throw new ProducerFencedError(`Producer id ${expected!.producerId} is no longer the producer id of transactional id ${txn.transactionalId}.`);
    switch (txn.state) {
      case "PrepareAbort":
      case "PrepareCommit":
        throw new ConcurrentTransactionsError(`Transactional id ${txn.transactionalId} is completing its transaction (${txn.state}); retry.`);
      case "CompleteAbort":
      case "CompleteCommit":
      case "Empty":
        if (txn.isProducerEpochExhausted && rotationProducerId !== NO_PRODUCER_ID && (expected === null || expected.producerEpoch === txn.producerEpoch)) {
          return txn.prepareProducerIdRotation(rotationProducerId, timeoutMs, this.clock.now(), expected !== null);
        }
        return txn.prepareIncrementProducerEpoch(timeoutMs, expected?.producerEpoch ?? null, this.clock.now());
      case "Ongoing":
        // The bumped epoch is never returned: the transaction is aborted, the caller retries, and the epoch is bumped again.
        return txn.prepareFenceProducerEpoch();
      case "Dead":
      case "PrepareEpochFence":
        throw new UnknownServerError(`Found transactional id ${txn.transactionalId} with state ${txn.state}, which it should never be left in.`);
    }
  }

  // ---- AddPartitionsToTxn, AddOffsetsToTxn ----

  /**
   * Kafka's `handleAddPartitionsToTransaction`: adds partitions to the transaction (starting it), logged before it
   * counts. Partitions already in the open transaction need no write.
   * @throws INVALID_REQUEST, INVALID_PRODUCER_ID_MAPPING, PRODUCER_FENCED, CONCURRENT_TRANSACTIONS, or the log's errors.
   */
  async addPartitionsToTxn(transactionalId: string, producerId: number, producerEpoch: number, partitions: readonly TxnPartition[]): Promise<void> {
    this.ensureOpen();
    if (!transactionalId) throw new InvalidRequestError("The transactional id must not be empty.");
    const txn = this.state.get(transactionalId);
    if (!txn || txn.producerId !== producerId) throw this.unknownMapping(transactionalId, producerId);
    if (txn.producerEpoch !== producerEpoch) throw this.fenced(txn, producerEpoch);
    if (txn.pendingTransitionInProgress) throw new ConcurrentTransactionsError(`Transactional id ${transactionalId} is completing a state change; retry.`);
    if (txn.state === "PrepareCommit" || txn.state === "PrepareAbort") throw new ConcurrentTransactionsError(`Transactional id ${transactionalId} is completing its transaction (${txn.state}); retry.`);
    if (txn.state === "Ongoing" && partitions.every((p) => txn.hasPartition(p))) return;
    await this.state.appendTransactionToLog(txn, txn.prepareAddPartitions(partitions, this.clock.now()));
  }

  /**
   * KIP-890's verification (AddPartitionsToTxn v4+ `verify_only`, and the check before a transactional Produce or
   * TxnOffsetCommit): for each partition, null when it is in the producer's open transaction, else the error.
   * Synchronous, so a caller can verify and append without anything in between.
   */
  verifyPartitionsInTxn(transactionalId: string, producerId: number, producerEpoch: number, partitions: readonly TxnPartition[]): (KafkaError | null)[] {
    if (!transactionalId) return partitions.map(() => new InvalidRequestError("The transactional id must not be empty."));
    const txn = this.state.get(transactionalId);
    let error: KafkaError | null = null;
    if (!txn || txn.producerId !== producerId) error = this.unknownMapping(transactionalId, producerId);
    else if (txn.producerEpoch !== producerEpoch) error = this.fenced(txn, producerEpoch);
    else if (txn.state === "PrepareCommit" || txn.state === "PrepareAbort") error = new ConcurrentTransactionsError(`Transactional id ${transactionalId} is completing its transaction; retry.`);
    if (error) return partitions.map(() => error);
    return partitions.map((p) =>
      txn!.hasPartition(p) && txn!.state === "Ongoing"
        ? null
        : new TransactionAbortableError(`Partition ${p.topic}-${p.partition} was not added to the transaction of transactional id ${transactionalId}.`),
    );
  }

  // ---- EndTxn ----

  /**
   * Kafka's `handleEndTransaction` from a client: PrepareCommit or PrepareAbort is logged, the call returns, and the
   * markers are written in the background (then CompleteCommit/CompleteAbort is logged). A repeat of a completed
   * end is answered as done.
   * @throws INVALID_PRODUCER_ID_MAPPING, PRODUCER_FENCED, CONCURRENT_TRANSACTIONS, INVALID_TXN_STATE, or the log's errors.
   */
  async endTxn(transactionalId: string, producerId: number, producerEpoch: number, committed: boolean): Promise<void> {
    this.ensureOpen();
    await this.endTransaction(transactionalId, producerId, producerEpoch, committed ? "COMMIT" : "ABORT", true);
  }

  private async endTransaction(transactionalId: string, producerId: number, producerEpoch: number, result: TransactionResult, fromClient: boolean): Promise<void> {
    if (!transactionalId) throw new InvalidRequestError("The transactional id must not be empty.");
    const txn = this.state.get(transactionalId);
    if (!txn || txn.producerId !== producerId) throw this.unknownMapping(transactionalId, producerId);
    // Transactions v1: a client names the current epoch; the coordinator itself may end it at a newer one (a fence).
    const validEpoch = (!fromClient || producerEpoch === txn.producerEpoch) && producerEpoch >= txn.producerEpoch;
    if (!validEpoch) throw this.fenced(txn, producerEpoch);
    if (txn.pendingTransitionInProgress && txn.pendingState !== "PrepareEpochFence") throw new ConcurrentTransactionsError(`Transactional id ${transactionalId} is completing a state change; retry.`);
    const invalid = () => new InvalidTxnStateError(`Transactional id ${transactionalId} is ${txn.state}: it cannot ${result === "COMMIT" ? "commit" : "abort"} now.`);
    let isEpochFence = false;
    switch (txn.state) {
      case "Ongoing":
        break;
      case "CompleteCommit":
        if (result === "COMMIT") return;
        throw invalid();
      case "CompleteAbort":
        if (result === "ABORT") return;
        throw invalid();
      case "PrepareCommit":
        if (result === "COMMIT") throw new ConcurrentTransactionsError(`Transactional id ${transactionalId} is already committing; retry.`);
        throw invalid();
      case "PrepareAbort":
        if (result === "ABORT") throw new ConcurrentTransactionsError(`Transactional id ${transactionalId} is already aborting; retry.`);
        throw invalid();
      case "Empty":
        throw invalid();
      case "Dead":
      case "PrepareEpochFence":
        throw new UnknownServerError(`Found transactional id ${transactionalId} with state ${txn.state}, which it should never be left in.`);
    }
    if (result === "ABORT" && txn.pendingState === "PrepareEpochFence") {
      // The fence's bumped epoch goes into the PrepareAbort record; the markers carry it, fencing the old epoch.
      isEpochFence = true;
      txn.pendingState = null;
      txn.producerEpoch = producerEpoch;
      txn.lastProducerEpoch = NO_PRODUCER_EPOCH;
    }
    const prepared = txn.prepareAbortOrCommit(result === "COMMIT" ? "PrepareCommit" : "PrepareAbort", this.clock.now());
    try {
      await this.state.appendTransactionToLog(txn, prepared);
    } catch (err) {
      if (isEpochFence) {
        txn.hasFailedEpochFence = true;
        this.logger.warn(`The epoch fence of transactional id ${transactionalId} could not be written (${(err as Error).message}); the epoch was increased to ${producerEpoch} but not returned to the client.`);
      }
      throw err;
    }
    if (txn.pendingTransitionInProgress || txn.producerId !== producerId || txn.producerEpoch !== prepared.producerEpoch) {
      throw new ConcurrentTransactionsError(`Transactional id ${transactionalId} changed while its end was being written; retry.`);
    }
    this.sendMarkers(txn, txn.prepareComplete(this.clock.now()), result);
  }

  /**
   * Writes the markers of a prepared transaction until every partition has its marker (retrying what fails, such as
   * a full disk, every `markerRetryBackoffMs`), then logs the completion.
   */
  private sendMarkers(txn: TransactionMetadata, completion: TxnTransitMetadata, result: TransactionResult): void {
    const task = (async () => {
      let remaining = txn.partitions;
      for (;;) {
        const outcomes = await writeTransactionMarkers(this.broker, this.options.completions, txn.producerId, txn.producerEpoch, COORDINATOR_EPOCH, result, remaining);
        // A partition already at a newer producer epoch (or coordinator epoch) had this transaction ended by a newer
        // marker (an administrator's abort): nothing is left to end there.
        for (const o of outcomes) {
          if (o.error instanceof InvalidProducerEpochError || o.error instanceof TransactionCoordinatorFencedError) {
            this.logger.warn(`The ${result} marker of transactional id ${txn.transactionalId} for ${o.partition.topic}-${o.partition.partition} is not needed: ${o.error.message}`);
            o.error = null;
          }
        }
        remaining = outcomes.filter((o) => !markerDone(o)).map((o) => o.partition);
        if (remaining.length === 0) break;
        if (this.closed) return;
        this.logger.warn(`Could not write ${remaining.length} ${result} marker(s) of transactional id ${txn.transactionalId} (${outcomes.find((o) => !markerDone(o))!.error!.message}); retrying`);
        await delay(this.markerRetryBackoffMs);
        if (this.closed) return;
      }
      for (;;) {
        try {
          await this.state.appendTransactionToLog(txn, completion);
          return;
        } catch (err) {
          if (this.closed) return;
          this.logger.warn(`Could not log the completion of transactional id ${txn.transactionalId} (${(err as Error).message}); retrying`);
          // appendTransactionToLog cleared the pending state: claim it again for the retry.
          txn.pendingState = completion.state;
          await delay(this.markerRetryBackoffMs);
        }
      }
    })();
    const tracked = task.catch((err: Error) => this.logger.warn(`Writing the markers of transactional id ${txn.transactionalId} failed: ${err.message}`)).finally(() => this.sending.delete(tracked));
    this.sending.add(tracked);
  }

  /** Resolves once the markers being written now (and their completion records) are done. */
  async markersWritten(): Promise<void> {
    while (this.sending.size > 0) await Promise.all([...this.sending]);
  }

  // ---- time ----

  /**
   * Kafka's `abortTimedOutTransactions`: fences and aborts every Ongoing transaction older than its
   * `transaction.timeout.ms`. Returns the transactional ids it aborted.
   */
  async abortTimedOutTransactions(): Promise<string[]> {
    if (this.closed) return [];
    const aborted: string[] = [];
    for (const txn of this.state.timedOutTransactions()) {
      if (txn.pendingTransitionInProgress) continue;
      const fence = txn.prepareFenceProducerEpoch();
      try {
        await this.endTransaction(txn.transactionalId, fence.producerId, fence.producerEpoch, "ABORT", false);
        this.logger.info(`Aborted transaction of transactional id ${txn.transactionalId} (producer ${fence.producerId}) after its timeout of ${txn.txnTimeoutMs} ms`);
        aborted.push(txn.transactionalId);
      } catch (err) {
        if (txn.pendingState === "PrepareEpochFence") txn.pendingState = null;
        this.logger.warn(`Rolling back the timed-out transaction of transactional id ${txn.transactionalId} failed: ${(err as Error).message}`);
      }
    }
    return aborted;
  }

  /**
   * Kafka's transactional id expiration: ids with no transaction under way and no update for
   * `transactional.id.expiration.ms` are removed (a tombstone in `__transaction_state`). Returns the ids removed.
   */
  async removeExpiredTransactionalIds(): Promise<string[]> {
    if (this.closed) return [];
    const expirationMs = Number(this.broker.config("transactional.id.expiration.ms"));
    const now = this.clock.now();
    const removed: string[] = [];
    for (const txn of [...this.state.all()]) {
      if (txn.pendingTransitionInProgress || !isExpirationAllowed(txn.state) || txn.txnLastUpdateTimestamp > now - expirationMs) continue;
      try {
        await this.state.appendTransactionToLog(txn, txn.prepareDead());
        removed.push(txn.transactionalId);
      } catch (err) {
        this.logger.warn(`Expiring transactional id ${txn.transactionalId} failed: ${(err as Error).message}`);
      }
    }
    return removed;
  }

  // ---- admin ----

  /**
   * Kafka's `handleDescribeTransactions` for one id.
   * @throws INVALID_REQUEST (empty id), TRANSACTIONAL_ID_NOT_FOUND.
   */
  describeTransaction(transactionalId: string): TransactionDescription {
    this.ensureOpen();
    if (!transactionalId) throw new InvalidRequestError("The transactional id must not be empty.");
    const txn = this.state.get(transactionalId);
    if (!txn || txn.state === "Dead") throw new TransactionalIdNotFoundError(`Transactional id ${transactionalId} is not known to the coordinator.`);
    return describe(txn);
  }

  /**
   * Kafka's `handleListTransactions`: the transactions matching every filter given (states by Kafka's names,
   * producer ids, running longer than `durationFilterMs`); names that are not states come back as unknown.
   */
  listTransactions(filter: ListTransactionsFilter = {}): { transactions: TransactionDescription[]; unknownStateFilters: string[] } {
    this.ensureOpen();
    const states = filter.states ?? [];
    const unknownStateFilters = states.filter((s) => !isTransactionStateName(s));
    const producerIds = new Set(filter.producerIds ?? []);
    const duration = filter.durationFilterMs ?? -1;
    const now = this.clock.now();
    const transactions = [...this.state.all()]
      .filter((t) => t.state !== "Dead")
      .filter((t) => producerIds.size === 0 || producerIds.has(t.producerId))
      .filter((t) => states.length === 0 || states.includes(t.state))
      .filter((t) => duration < 0 || now - t.txnStartTimestamp > duration)
      .map(describe)
      .sort((a, b) => (a.transactionalId < b.transactionalId ? -1 : a.transactionalId > b.transactionalId ? 1 : 0));
    return { transactions, unknownStateFilters };
  }

  /** Stops the periodic tasks and waits for marker writes in progress to give up or finish. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const timer of this.timers) clearInterval(timer);
    await Promise.all([...this.sending]);
  }

  private ensureOpen(): void {
    if (this.closed) throw new CoordinatorNotAvailableError("The transaction coordinator is shut down.");
  }

  private unknownMapping(transactionalId: string, producerId: number): KafkaError {
    return new InvalidProducerIdMappingError(`Producer id ${producerId} is not the producer id of transactional id ${transactionalId}.`);
  }

  private fenced(txn: TransactionMetadata, producerEpoch: number): KafkaError {
    return new ProducerFencedError(
      `Producer epoch ${producerEpoch} of transactional id ${txn.transactionalId} is not the current epoch ${txn.producerEpoch}: a newer instance of the producer has fenced this one.`,
    );
  }
}

function describe(t: TransactionMetadata): TransactionDescription {
  return {
    transactionalId: t.transactionalId,
    state: t.state,
    producerId: t.producerId,
    producerEpoch: t.producerEpoch,
    transactionTimeoutMs: t.txnTimeoutMs,
    transactionStartTimeMs: t.txnStartTimestamp,
    lastUpdateTimeMs: t.txnLastUpdateTimestamp,
    partitions: t.partitions,
  };
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
