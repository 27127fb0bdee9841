/**
 * Kafka's built-in partitioner for keyless records (KIP-480's sticky partitioner as KIP-794 made it in Kafka 3.3:
 * `BuiltInPartitioner`): every keyless record goes to the current partition until `batch.size` bytes have been
 * produced to it, then a new partition is drawn at random, uniformly among all partitions (it may be the same one).
 * Kafka's adaptive weighting by per-broker queue sizes needs several brokers to mean anything; Skein has one.
 */
export class StickyPartitioner {
  private current: number | null = null;
  private producedBytes = 0;
  /** Records in the current partition's batch, for the offset delta of the next one. */
  private recordsInBatch = 0;

  constructor(
    /** `batch.size`: how many bytes go to one partition before switching (Kafka's default 16384). */
    private readonly batchSize: number,
    private readonly random: () => number = Math.random,
  ) {
    if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`batch.size must be a positive integer, got ${batchSize}`);
  }

  /** The partition of the next keyless record, whose value takes `valueBytes` (-1 for a null value). */
  partition(partitionCount: number, valueBytes: number): number {
    if (this.current === null || this.current >= partitionCount) this.switchPartition(partitionCount);
    const partition = this.current!;
    // As Kafka counts it: what the record adds to its batch, the batch header included for a batch's first record.
    const appended = recordSizeInBatch(this.recordsInBatch, -1, valueBytes) + (this.recordsInBatch === 0 ? RECORD_BATCH_OVERHEAD : 0);
    this.producedBytes += appended;
    this.recordsInBatch++;
    if (this.producedBytes >= this.batchSize) this.switchPartition(partitionCount);
    return partition;
  }

  private switchPartition(partitionCount: number): void {
    this.current = Math.min(partitionCount - 1, Math.floor(this.random() * partitionCount));
    this.producedBytes = 0;
    this.recordsInBatch = 0;
  }
}

/** The header of a RecordBatch v2 (`DefaultRecordBatch.RECORD_BATCH_OVERHEAD`). */
export const RECORD_BATCH_OVERHEAD = 61;

/**
 * The bytes one record without headers takes in a RecordBatch v2 (`DefaultRecord.sizeInBytes`), with a timestamp
 * delta of 0: a length varint, then attributes, timestamp delta, offset delta, key and value with their lengths
 * (-1 for null) and the header count.
 */
export function recordSizeInBatch(offsetDelta: number, keyBytes: number, valueBytes: number): number {
  const body =
    1 + varintSize(0) + varintSize(offsetDelta) + varintSize(keyBytes) + Math.max(keyBytes, 0) + varintSize(valueBytes) + Math.max(valueBytes, 0) + varintSize(0);
  return varintSize(body) + body;
}

/** The size of a zig-zag varint (Kafka's `ByteUtils.sizeOfVarint`). */
export function varintSize(value: number): number {
  let zigzag = value >= 0 ? value * 2 : -value * 2 - 1;
  let bytes = 1;
  while (zigzag >= 0x80) {
    zigzag = Math.floor(zigzag / 128);
    bytes++;
  }
  return bytes;
}
