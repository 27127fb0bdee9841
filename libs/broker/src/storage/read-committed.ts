import { readEndTransactionMarker } from "./control-records.js";
import type { LogRecord } from "./record.js";
import { BATCH_HEADER_SIZE, LOG_OVERHEAD, batchLastOffset, decodeBatchRecords, isControlBatch, isTransactionalBatch, readBatchHeader } from "./record-batch.js";
import type { AbortedTxn } from "./transaction-index.js";

/**
 * Decodes the records of whole batches as a read_committed consumer delivers them (Kafka's consumer `Fetcher`):
 * the aborted transactions of the range (from the transaction index) mark their producers as aborted from each
 * transaction's first offset on; a transactional batch of a producer marked so is skipped, until that producer's
 * abort marker. Control batches are never delivered. Offsets below `minOffset` are skipped.
 */
export function decodeCommittedBatches(buf: Buffer, minOffset: number, abortedTransactions: readonly AbortedTxn[]): LogRecord[] {
  const pending = [...abortedTransactions].sort((a, b) => a.firstOffset - b.firstOffset);
  const abortedProducers = new Set<number>();
  const out: LogRecord[] = [];
  let pos = 0;
  while (pos + BATCH_HEADER_SIZE <= buf.length) {
    const header = readBatchHeader(buf, pos);
    const size = LOG_OVERHEAD + header.batchLength;
    if (pos + size > buf.length) break;
    const lastOffset = batchLastOffset(header);
    while (pending.length > 0 && pending[0]!.firstOffset <= lastOffset) abortedProducers.add(pending.shift()!.producerId);
    if (isControlBatch(header.attributes)) {
      if (abortedProducers.has(header.producerId) && readEndTransactionMarker(buf, pos, header)?.type === "ABORT") abortedProducers.delete(header.producerId);
    } else if (!(isTransactionalBatch(header.attributes) && abortedProducers.has(header.producerId))) {
      decodeBatchRecords(buf, pos, minOffset, out);
    }
    pos += size;
  }
  return out;
}
