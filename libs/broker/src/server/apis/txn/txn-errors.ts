import { InvalidProducerEpochError, InvalidTxnStateError, ProducerFencedError, TransactionAbortableError, type KafkaError } from "../../../errors.js";

/**
 * The error a client of `version` understands: PRODUCER_FENCED reads INVALID_PRODUCER_EPOCH to versions before
 * `fencedFrom` (Kafka 2.7 added the code), TRANSACTION_ABORTABLE reads INVALID_TXN_STATE before `abortableFrom`
 * (KIP-890), as Kafka's handlers convert them.
 */
export function errorForVersion(error: KafkaError, version: number, fencedFrom: number, abortableFrom = Number.POSITIVE_INFINITY): KafkaError {
  if (error instanceof ProducerFencedError && version < fencedFrom) return new InvalidProducerEpochError(error.message);
  if (error instanceof TransactionAbortableError && version < abortableFrom) return new InvalidTxnStateError(error.message);
  return error;
}
