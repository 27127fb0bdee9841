import type { Broker } from "../../../broker.js";
import {
  ConcurrentTransactionsError,
  CoordinatorLoadInProgressError,
  CoordinatorNotAvailableError,
  InvalidTxnStateError,
  NotCoordinatorError,
  NotEnoughReplicasError,
  type KafkaError,
} from "../../../errors.js";
import { BATCH_HEADER_SIZE, isTransactionalBatch, readBatchHeader } from "../../../storage/record-batch.js";
import type { TransactionCoordinator } from "../../../txn/transaction-coordinator.js";
import { toKafkaError } from "../../error-codes.js";
import { errorForVersion } from "./txn-errors.js";

/**
 * KIP-890 part 1 for a Produce partition: a transactional batch is written only when its partition is in its
 * producer's open transaction at the coordinator (added with AddPartitionsToTxn), so a late or hanging write cannot
 * start a transaction the coordinator will never end. Returns the partition's error, or null (not transactional,
 * verification off, or verified). A request without a transactional id cannot be verified: its transactional batch
 * is refused unless the producer's transaction is already open in the partition. Synchronous: the append that follows sees the
 * transaction as verified. Errors read as Kafka's ReplicaManager sends them: PRODUCER_FENCED as
 * INVALID_PRODUCER_EPOCH, TRANSACTION_ABORTABLE as INVALID_TXN_STATE before Produce v11, and the coordinator's
 * retriable errors as NOT_ENOUGH_REPLICAS (which every client retries).
 */
export function verifyTransactionalProduce(
  broker: Broker,
  transactions: TransactionCoordinator,
  transactionalId: string | null,
  topic: string,
  partition: number,
  records: Buffer,
  version: number,
): KafkaError | null {
  if (records.length < BATCH_HEADER_SIZE || !broker.config("transaction.partition.verification.enable")) return null;
  const header = readBatchHeader(records);
  if (!isTransactionalBatch(header.attributes)) return null;
  if (transactionalId === null) {
    // Nothing to verify with: only a transaction the partition already has open for the producer may go on (Kafka's
    // verification guard refuses the rest).
    let open: boolean;
    try {
      open = broker.partitionProducers(topic, partition).some((p) => p.producerId === header.producerId && p.currentTxnStartOffset >= 0);
    } catch (error) {
      return toKafkaError(error);
    }
    return open ? null : new InvalidTxnStateError(`Record was not part of an ongoing transaction: producer ${header.producerId} has no transaction open in ${topic}-${partition}, and the request names no transactional id to verify one.`);
  }
  const [error] = transactions.verifyPartitionsInTxn(transactionalId, header.producerId, header.producerEpoch, [{ topic, partition }]);
  if (!error) return null;
  if (error instanceof ConcurrentTransactionsError || error instanceof CoordinatorLoadInProgressError || error instanceof CoordinatorNotAvailableError || error instanceof NotCoordinatorError) {
    return new NotEnoughReplicasError(`Unable to verify the partition has been added to the transaction. Underlying error: ${error.errorName}`);
  }
  return errorForVersion(error, version, Number.POSITIVE_INFINITY, 11);
}
