import type { EndTransactionMarker } from "../storage/control-records.js";
import { batchLastOffset, isTransactionalBatch, type RecordBatchHeader } from "../storage/record-batch.js";
import type { AbortedTxn } from "../storage/transaction-index.js";

/**
 * The transactions a cleaning pass walks through (Kafka's `CleanedTransactionMetadata`), carried from batch to batch
 * and segment to segment in offset order. Fed the aborted transactions of the range from the transaction index, it
 * says which data batches belong to an aborted transaction (their records go) and which markers may go: an abort
 * marker once no batch of its transaction is left, a commit marker once no batch of its transaction was seen. It also
 * gives the aborted transactions whose markers stay, for the cleaned segment's transaction index.
 */
export class CleanedTransactions {
  /** Aborted transactions not reached yet, by first offset. */
  private readonly pending: AbortedTxn[] = [];
  private readonly ongoingAborted = new Map<number, { txn: AbortedTxn; sawBatch: boolean }>();
  private readonly ongoingCommitted = new Set<number>();

  /** Adds aborted transactions found in the transaction index (duplicates are ignored). */
  addAbortedTransactions(txns: readonly AbortedTxn[]): void {
    for (const txn of txns) {
      if (this.pending.some((p) => p.producerId === txn.producerId && p.firstOffset === txn.firstOffset)) continue;
      if ([...this.ongoingAborted.values()].some((a) => a.txn.producerId === txn.producerId && a.txn.firstOffset === txn.firstOffset)) continue;
      this.pending.push(txn);
    }
    this.pending.sort((a, b) => a.firstOffset - b.firstOffset);
  }

  private consumeAbortedUpTo(offset: number): void {
    while (this.pending.length > 0 && this.pending[0]!.firstOffset <= offset) {
      const txn = this.pending.shift()!;
      if (!this.ongoingAborted.has(txn.producerId)) this.ongoingAborted.set(txn.producerId, { txn, sawBatch: false });
    }
  }

  /** A data batch was read: returns whether it belongs to an aborted transaction (its records may be removed). */
  onBatchRead(header: RecordBatchHeader): boolean {
    this.consumeAbortedUpTo(batchLastOffset(header));
    if (!isTransactionalBatch(header.attributes)) return false;
    const aborted = this.ongoingAborted.get(header.producerId);
    if (aborted) {
      aborted.sawBatch = true;
      return true;
    }
    this.ongoingCommitted.add(header.producerId);
    return false;
  }

  /**
   * A control batch was read (`marker` null: an empty one the cleaner left). Returns whether it may be discarded
   * (its transaction is empty), and the aborted transaction to keep indexed when the marker stays.
   */
  onControlBatchRead(header: RecordBatchHeader, marker: EndTransactionMarker | null): { discardable: boolean; indexed: AbortedTxn | null } {
    this.consumeAbortedUpTo(batchLastOffset(header));
    if (marker === null) return { discardable: true, indexed: null };
    if (marker.type === "ABORT") {
      const aborted = this.ongoingAborted.get(header.producerId);
      this.ongoingAborted.delete(header.producerId);
      if (aborted?.sawBatch) return { discardable: false, indexed: aborted.txn };
      return { discardable: true, indexed: null };
    }
    return { discardable: !this.ongoingCommitted.delete(header.producerId), indexed: null };
  }
}
