import { readEndTransactionMarker } from "./control-records.js";
import { BATCH_HEADER_SIZE, LOG_OVERHEAD, batchLastOffset, isControlBatch, isTransactionalBatch, readBatchHeader } from "./record-batch.js";
import type { AbortedTxn } from "./transaction-index.js";

/**
 * The whole batches of `buf` a read_committed consumer delivers records from (Kafka's consumer `Fetcher`): the
 * aborted transactions of the range (from the transaction index) mark their producers as aborted from each
 * transaction's first offset on; a transactional batch of a producer marked so is left out, until that producer's
 * abort marker. Control batches stay (they hold no records). Returns `buf` itself when nothing is left out.
 */
export function committedBatches(buf: Buffer, abortedTransactions: readonly AbortedTxn[]): Buffer {
  if (abortedTransactions.length === 0) return buf;
  const pending = [...abortedTransactions].sort((a, b) => a.firstOffset - b.firstOffset);
  const abortedProducers = new Set<number>();
  const kept: Buffer[] = [];
  let leftOut = false;
  let pos = 0;
  while (pos + BATCH_HEADER_SIZE <= buf.length) {
    const header = readBatchHeader(buf, pos);
    const size = LOG_OVERHEAD + header.batchLength;
    if (pos + size > buf.length) break;
    const lastOffset = batchLastOffset(header);
    while (pending.length > 0 && pending[0]!.firstOffset <= lastOffset) abortedProducers.add(pending.shift()!.producerId);
    if (isControlBatch(header.attributes)) {
      if (abortedProducers.has(header.producerId) && readEndTransactionMarker(buf, pos, header)?.type === "ABORT") abortedProducers.delete(header.producerId);
      kept.push(buf.subarray(pos, pos + size));
    } else if (isTransactionalBatch(header.attributes) && abortedProducers.has(header.producerId)) {
      leftOut = true;
    } else {
      kept.push(buf.subarray(pos, pos + size));
    }
    pos += size;
  }
  return leftOut ? Buffer.concat(kept) : buf;
}
