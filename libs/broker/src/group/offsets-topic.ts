import type { Broker } from "../broker.js";
import { CorruptRangeError } from "../errors.js";
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

  /** Appends a group's records to its partition, durably (acks=all). */
  async append(groupId: string, records: readonly OffsetsTopicRecord[]): Promise<void> {
    if (records.length === 0) return;
    const partition = this.partitionFor(groupId);
    await this.broker.produce(OFFSETS_TOPIC, records.map((r) => ({ key: r.key, value: r.value, partition })), { acks: -1, allowInternal: true });
  }

  /**
   * Every keyed record, partition by partition, in offset order. A range found corrupt on disk is skipped (the
   * engine has reported and quarantined it): the commits it held are lost, the rest load.
   */
  async *replay(partitions: readonly number[] = this.ledPartitions()): AsyncGenerator<OffsetsTopicRecord> {
    for (const partition of partitions) {
      let { logStartOffset: offset, logEndOffset } = this.broker.partitionOffsets(OFFSETS_TOPIC, partition);
      while (offset < logEndOffset) {
        let fetched;
        try {
          fetched = await this.broker.fetch(OFFSETS_TOPIC, partition, offset);
        } catch (err) {
          if (!(err instanceof CorruptRangeError) || err.range === null || err.range.lastOffset < offset) throw err;
          offset = err.range.lastOffset + 1;
          continue;
        }
        for (const record of fetched.records) if (record.key !== null) yield { key: record.key, value: record.value };
        if (fetched.nextOffset <= offset) break;
        offset = fetched.nextOffset;
        logEndOffset = fetched.logEndOffset;
      }
    }
  }
}
