import type { Broker } from "../broker.js";
import { CorruptRangeError } from "../errors.js";
import { readEndTransactionMarker, type TransactionResult } from "../storage/control-records.js";
import { LOG_OVERHEAD, batchLastOffset, decodeBatchRecords, isControlBatch, isTransactionalBatch, readBatchHeader } from "../storage/record-batch.js";
import { GROUP_METADATA_TOPIC_NAME } from "../cluster/topic-name.js";
import { offsetsPartitionFor } from "./offsets-partition.js";

export const OFFSETS_TOPIC = GROUP_METADATA_TOPIC_NAME;

/** Kafka's settings for `__consumer_offsets`: compacted, 100 MiB segments. */
export const OFFSETS_TOPIC_CONFIGS: Readonly<Record<string, string>> = { "cleanup.policy": "compact", "segment.bytes": "104857600" };

export interface OffsetsTopicRecord {
  key: Buffer;
  /** Null for a tombstone. */
  value: Buffer | null;
}

/**
 * What replaying a `__consumer_offsets` partition meets, in offset order: keyed records (with the producer id of a
 * transactional batch: TxnOffsetCommit's offsets, pending until the producer's marker) and transaction markers.
 */
export type OffsetsTopicEvent =
  | { kind: "record"; partition: number; key: Buffer; value: Buffer | null; batchOffset: number; transactionalProducerId: number | null }
  | { kind: "marker"; partition: number; producerId: number; result: TransactionResult };

/**
 * The internal topic `__consumer_offsets` as the coordinator uses it: created on first start, one partition per
 * group (by Kafka's hash), appended with acks=all, read back whole on start-up.
 */
export class OffsetsTopic {
  private constructor(
    private readonly broker: Broker,
    /** The topic's actual partition count (a topic made with another `offsets.topic.num.partitions` keeps its own). */
    readonly partitionCount: number,
  ) {}

  /** Creates the topic when missing (`offsets.topic.num.partitions` partitions). */
  static async open(broker: Broker): Promise<OffsetsTopic> {
    const partitions = Number(broker.config("offsets.topic.num.partitions"));
    const topic = await broker.ensureInternalTopic(OFFSETS_TOPIC, partitions, { ...OFFSETS_TOPIC_CONFIGS });
    return new OffsetsTopic(broker, topic.partitions.length);
  }

  /** The partitions this broker leads (all of them on a single broker): the groups it coordinates. */
  ledPartitions(): number[] {
    return Array.from({ length: this.partitionCount }, (_, p) => p).filter((p) => this.broker.leadsPartition(OFFSETS_TOPIC, p));
  }

  partitionFor(groupId: string): number {
    return offsetsPartitionFor(groupId, this.partitionCount);
  }

  /** Appends a group's records to its partition, durably (acks=all); resolves with the offset of the first, or -1 for none. */
  async append(groupId: string, records: readonly OffsetsTopicRecord[]): Promise<number> {
    if (records.length === 0) return -1;
    const partition = this.partitionFor(groupId);
    const results = await this.broker.produce(OFFSETS_TOPIC, records.map((r) => ({ key: r.key, value: r.value, partition })), { acks: -1, allowInternal: true });
    return results[0]!.offset;
  }

  /**
   * Appends a group's transactional offset commit (TxnOffsetCommit) in one transactional batch of the producer,
   * durably; resolves with the batch's base offset. The records count once the producer's commit marker follows.
   */
  async appendTransactional(groupId: string, records: readonly OffsetsTopicRecord[], producerId: number, producerEpoch: number): Promise<number> {
    const partition = this.partitionFor(groupId);
    const { baseOffset } = await this.broker.appendTransactional(OFFSETS_TOPIC, partition, records, producerId, producerEpoch);
    return baseOffset;
  }

  /**
   * Every keyed record and every transaction marker, partition by partition, in offset order. A range found corrupt
   * on disk is skipped (the engine has reported and quarantined it): the commits it held are lost, the rest load.
   * By default the partitions this broker leads (all of them on a single broker).
   */
  async *replay(partitions: readonly number[] = this.ledPartitions()): AsyncGenerator<OffsetsTopicEvent> {
    for (const partition of partitions) {
      let { logStartOffset: offset, logEndOffset } = this.broker.partitionOffsets(OFFSETS_TOPIC, partition);
      while (offset < logEndOffset) {
        let read;
        try {
          read = await this.broker.fetchBatches(OFFSETS_TOPIC, partition, offset);
        } catch (err) {
          if (!(err instanceof CorruptRangeError) || err.range === null || err.range.lastOffset < offset) throw err;
          offset = err.range.lastOffset + 1;
          continue;
        }
        if (read.data.length === 0) break;
        let next = offset;
        for (let pos = 0; pos + LOG_OVERHEAD <= read.data.length; ) {
          const header = readBatchHeader(read.data, pos);
          const last = batchLastOffset(header);
          if (last >= offset) {
            if (isControlBatch(header.attributes)) {
              const marker = readEndTransactionMarker(read.data, pos, header);
              if (marker) yield { kind: "marker", partition, producerId: header.producerId, result: marker.type };
            } else {
              const transactionalProducerId = isTransactionalBatch(header.attributes) ? header.producerId : null;
              for (const record of decodeBatchRecords(read.data, pos, offset)) {
                if (record.key !== null) yield { kind: "record", partition, key: record.key, value: record.value, batchOffset: header.baseOffset, transactionalProducerId };
              }
            }
          }
          next = Math.max(next, last + 1);
          pos += LOG_OVERHEAD + header.batchLength;
        }
        if (next <= offset) break;
        offset = next;
        logEndOffset = read.logEndOffset;
      }
    }
  }
}
