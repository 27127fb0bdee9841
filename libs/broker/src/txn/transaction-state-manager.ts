import type { Broker } from "../broker.js";
import type { Logger } from "../broker-types.js";
import type { Clock } from "../clock.js";
import {
  CoordinatorNotAvailableError,
  KafkaError,
  KafkaStorageError,
  MessageTooLargeError,
  NotCoordinatorError,
  NotEnoughReplicasError,
  RecordListTooLargeError,
  RequestTimedOutError,
  UnknownServerError,
  UnknownTopicOrPartitionError,
} from "../errors.js";
import { decodeTransactionLogKey, decodeTransactionLogValue, encodeTransactionLogKey, encodeTransactionLogValue } from "./transaction-log.js";
import { TransactionMetadata, type TxnTransitMetadata } from "./transaction-metadata.js";
import { transactionStateFromId, transactionStateId } from "./transaction-state.js";
import { TransactionStateTopic } from "./transaction-state-topic.js";
import { offsetsPartitionFor } from "../group/offsets-partition.js";

/**
 * The transaction coordinator's state (Kafka's `TransactionStateManager`): every transactional id's metadata in
 * memory, kept in `__transaction_state` and rebuilt from it at start. A change is written to the log before it is
 * applied (`appendTransactionToLog`), so what a client was told survives a crash.
 */
export class TransactionStateManager {
  private readonly transactions = new Map<string, TransactionMetadata>();
  private creating: Promise<TransactionStateTopic> | null = null;

  private constructor(
    private readonly broker: Broker,
    private topic: TransactionStateTopic | null,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  /** Loads every partition of `__transaction_state` when it exists (it is created on first use). */
  static async open(broker: Broker, clock: Clock, logger: Logger): Promise<TransactionStateManager> {
    const topic = TransactionStateTopic.existing(broker);
    const manager = new TransactionStateManager(broker, topic, clock, logger);
    if (topic) for (let partition = 0; partition < topic.partitionCount; partition++) await manager.load(topic, partition);
    return manager;
  }

  /**
   * `__transaction_state`, created now if it does not exist yet (Kafka creates it when a client first looks for a
   * transaction coordinator).
   */
  async stateTopic(): Promise<TransactionStateTopic> {
    if (this.topic) return this.topic;
    this.creating ??= TransactionStateTopic.open(this.broker).finally(() => (this.creating = null));
    this.topic = await this.creating;
    return this.topic;
  }

  /** Kafka's `loadTransactionMetadata` for one partition: the last record of each transactional id wins, a tombstone removes it. */
  private async load(topic: TransactionStateTopic, partition: number): Promise<void> {
    for await (const record of topic.replay(partition)) {
      try {
        const key = decodeTransactionLogKey(record.key);
        if (key.type === "unknown") {
          this.logger.warn(`Skipped a __transaction_state-${partition} record with unknown key version ${key.version}`);
          continue;
        }
        if (record.value === null) {
          this.transactions.delete(key.transactionalId);
          continue;
        }
        const v = decodeTransactionLogValue(record.value);
        const state = transactionStateFromId(v.transactionStatus);
        const partitions = state === "Empty" ? [] : (v.transactionPartitions ?? []).flatMap((t) => t.partitionIds.map((p) => ({ topic: t.topic, partition: p })));
        this.transactions.set(
          key.transactionalId,
          new TransactionMetadata(key.transactionalId, v.producerId, v.previousProducerId, v.nextProducerId, v.producerEpoch, -1, v.transactionTimeoutMs, state, partitions, v.transactionStartTimestampMs, v.transactionLastUpdateTimestampMs),
        );
      } catch (err) {
        this.logger.warn(`Skipped an unreadable __transaction_state-${partition} record: ${(err as Error).message}`);
      }
    }
  }

  /** The `__transaction_state` partition of a transactional id (of the topic to be created, when it does not exist yet). */
  partitionFor(transactionalId: string): number {
    return offsetsPartitionFor(transactionalId, this.topic?.partitionCount ?? Number(this.broker.config("transaction.state.log.num.partitions")));
  }

  get(transactionalId: string): TransactionMetadata | undefined {
    return this.transactions.get(transactionalId);
  }

  /** The metadata of `transactionalId`, adding `created` when there is none (Kafka's `putTransactionStateIfNotExists`). */
  putIfNotExists(created: TransactionMetadata): TransactionMetadata {
    const existing = this.transactions.get(created.transactionalId);
    if (existing) return existing;
    this.transactions.set(created.transactionalId, created);
    return created;
  }

  /** Every transactional id the coordinator knows. */
  all(): IterableIterator<TransactionMetadata> {
    return this.transactions.values();
  }

  /**
   * Writes a prepared change of `metadata` to `__transaction_state` (acks=all) and applies it once written (Kafka's
   * `appendTransactionToLog`). A failed write clears the pending state and throws what a client should hear:
   * COORDINATOR_NOT_AVAILABLE or NOT_COORDINATOR (both retriable) for a log that cannot take it now.
   */
  async appendTransactionToLog(metadata: TransactionMetadata, transit: TxnTransitMetadata): Promise<void> {
    const record =
      transit.state === "Dead"
        ? { key: encodeTransactionLogKey(metadata.transactionalId), value: null }
        : { key: encodeTransactionLogKey(metadata.transactionalId), value: encodeTransactionLogValue(logValueOf(transit)) };
    try {
      await (await this.stateTopic()).append(metadata.transactionalId, record);
    } catch (err) {
      metadata.pendingState = null;
      throw appendError(err, metadata.transactionalId);
    }
    if (this.transactions.get(metadata.transactionalId) !== metadata) {
      throw new NotCoordinatorError(`The metadata of transactional id ${metadata.transactionalId} is no longer cached after its new state was written.`);
    }
    if (transit.state === "Dead") {
      this.transactions.delete(metadata.transactionalId);
      return;
    }
    metadata.completeTransitionTo(transit);
  }

  /** Kafka's `timedOutTransactions`: Ongoing transactions older than their timeout, with no change under way. */
  timedOutTransactions(): TransactionMetadata[] {
    const now = this.clock.now();
    return [...this.transactions.values()].filter((t) => !t.pendingTransitionInProgress && t.state === "Ongoing" && t.txnStartTimestamp + t.txnTimeoutMs < now);
  }
}

function logValueOf(t: TxnTransitMetadata) {
  const byTopic = new Map<string, number[]>();
  for (const p of t.partitions) byTopic.set(p.topic, [...(byTopic.get(p.topic) ?? []), p.partition]);
  return {
    producerId: t.producerId,
    previousProducerId: t.prevProducerId,
    nextProducerId: t.nextProducerId,
    producerEpoch: t.producerEpoch,
    transactionTimeoutMs: t.txnTimeoutMs,
    transactionStatus: transactionStateId(t.state),
    transactionPartitions: t.state === "Empty" ? null : [...byTopic].map(([topic, partitionIds]) => ({ topic, partitionIds })),
    transactionLastUpdateTimestampMs: t.txnLastUpdateTimestamp,
    transactionStartTimestampMs: t.txnStartTimestamp,
    clientTransactionVersion: 0,
  };
}

/** Kafka's mapping of a failed `__transaction_state` write to the error the client hears. */
function appendError(err: unknown, transactionalId: string): KafkaError {
  const what = `Writing the state of transactional id ${transactionalId} to __transaction_state failed: ${(err as Error).message}`;
  if (err instanceof UnknownTopicOrPartitionError || err instanceof NotEnoughReplicasError || err instanceof RequestTimedOutError) return new CoordinatorNotAvailableError(what);
  if (err instanceof KafkaStorageError) return new NotCoordinatorError(what);
  if (err instanceof MessageTooLargeError || err instanceof RecordListTooLargeError) return new UnknownServerError(what);
  if (err instanceof KafkaError) return err;
  return new CoordinatorNotAvailableError(what);
}
