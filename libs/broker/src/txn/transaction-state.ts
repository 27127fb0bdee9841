/**
 * The states of a transactional id (Kafka's `TransactionState`), with the ids `__transaction_state` stores and the
 * names DescribeTransactions and ListTransactions report:
 *
 *   Empty → Ongoing (AddPartitionsToTxn) → PrepareCommit | PrepareAbort (EndTxn, logged) → CompleteCommit |
 *   CompleteAbort (markers written, logged) → Ongoing (the next transaction) …
 *
 * PrepareEpochFence is the transient state of an open transaction whose producer is being fenced (InitProducerId by a
 * new instance, or the transaction timed out) on its way to PrepareAbort; Dead is an expiring transactional id.
 */
export type TransactionState = "Empty" | "Ongoing" | "PrepareCommit" | "PrepareAbort" | "CompleteCommit" | "CompleteAbort" | "Dead" | "PrepareEpochFence";

const STATES: readonly TransactionState[] = ["Empty", "Ongoing", "PrepareCommit", "PrepareAbort", "CompleteCommit", "CompleteAbort", "Dead", "PrepareEpochFence"];

const VALID_PREVIOUS: Record<TransactionState, readonly TransactionState[]> = {
  Empty: ["Empty", "CompleteCommit", "CompleteAbort"],
  Ongoing: ["Ongoing", "Empty", "CompleteCommit", "CompleteAbort"],
  PrepareCommit: ["Ongoing"],
  PrepareAbort: ["Ongoing", "PrepareEpochFence"],
  CompleteCommit: ["PrepareCommit"],
  CompleteAbort: ["PrepareAbort"],
  Dead: ["Empty", "CompleteAbort", "CompleteCommit"],
  PrepareEpochFence: ["Ongoing"],
};

/** The id `__transaction_state` stores for a state. */
export function transactionStateId(state: TransactionState): number {
  return STATES.indexOf(state);
}

/**
 * The state a stored id names.
 * @throws RangeError for an id no Kafka version writes.
 */
export function transactionStateFromId(id: number): TransactionState {
  const state = STATES[id];
  if (state === undefined) throw new RangeError(`Unknown transaction state id ${id} from the transaction status message`);
  return state;
}

/** Kafka's state names, for ListTransactions' state filter. */
export function isTransactionStateName(name: string): name is TransactionState {
  return (STATES as readonly string[]).includes(name);
}

/** Whether `to` may follow `from`. */
export function isValidTransition(from: TransactionState, to: TransactionState): boolean {
  return VALID_PREVIOUS[to].includes(from);
}

/** States whose transactional id may expire after `transactional.id.expiration.ms` without updates. */
export function isExpirationAllowed(state: TransactionState): boolean {
  return state === "Empty" || state === "CompleteCommit" || state === "CompleteAbort";
}

/** States with a transaction not finished yet (Kafka's `hasPendingTransaction`). */
export function hasPendingTransaction(state: TransactionState): boolean {
  return state === "Ongoing" || state === "PrepareAbort" || state === "PrepareCommit";
}
