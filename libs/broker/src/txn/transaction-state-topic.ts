import type { Broker } from "../broker.js";
import { TRANSACTION_STATE_TOPIC_NAME } from "../cluster/topic-name.js";
import { CorruptRangeError } from "../errors.js";
import { offsetsPartitionFor } from "../group/offsets-partition.js";

export const TRANSACTION_STATE_TOPIC = TRANSACTION_STATE_TOPIC_NAME;

export interface TransactionStateRecord {
  key: Buffer;
  /** Null for a tombstone. */
  value: Buffer | null;
}

/**
 * The internal topic `__transaction_state` as the transaction coordinator uses it (Kafka's `TransactionStateManager`
 * log side): created when a transactional id is first used, with `transaction.state.log.num.partitions` partitions (50), compacted,
 * uncompressed, `transaction.state.log.segment.bytes` segments; a transactional id's records go to partition
 * `abs(id.hashCode) % partitions`; every write is acks=all; the whole topic is read back at start.
 */
export class TransactionStateTopic {
  private constructor(
    private readonly broker: Broker,
    /** The topic's actual partition count (a topic made with another setting keeps its own). */
    readonly partitionCount: number,
  ) {}

  /** The topic when it exists (it is created on first use, as in Kafka), else null. */
  static existing(broker: Broker): TransactionStateTopic | null {
    const topic = broker.findTopic(TRANSACTION_STATE_TOPIC);
    return topic ? new TransactionStateTopic(broker, topic.partitions.length) : null;
  }

  /** The topic, created now when it does not exist yet. */
  static async open(broker: Broker): Promise<TransactionStateTopic> {
    const partitions = Number(broker.config("transaction.state.log.num.partitions"));
    const configs = {
      "cleanup.policy": "compact",
      "compression.type": "uncompressed",
      "unclean.leader.election.enable": "false",
      "segment.bytes": String(broker.config("transaction.state.log.segment.bytes")),
      "min.insync.replicas": String(Math.min(Number(broker.config("transaction.state.log.min.isr")), broker.brokerCount)),
    };
    const topic = await broker.ensureInternalTopic(TRANSACTION_STATE_TOPIC, partitions, configs);
    return new TransactionStateTopic(broker, topic.partitions.length);
  }

  /** Kafka's `partitionFor`: the `__transaction_state` partition (and so the coordinator) of a transactional id. */
  partitionFor(transactionalId: string): number {
    return offsetsPartitionFor(transactionalId, this.partitionCount);
  }

  /** Appends a transactional id's record to its partition, durably (acks=all). */
  async append(transactionalId: string, record: TransactionStateRecord): Promise<void> {
    await this.broker.produce(TRANSACTION_STATE_TOPIC, [{ key: record.key, value: record.value, partition: this.partitionFor(transactionalId) }], { acks: -1, allowInternal: true });
  }

  /**
   * Every keyed record of one partition, in offset order. A range found corrupt on disk is skipped (the engine has
   * reported and quarantined it): the states it held are lost, the rest load.
   */
  async *replay(partition: number): AsyncGenerator<TransactionStateRecord> {
    let { logStartOffset: offset, logEndOffset } = this.broker.partitionOffsets(TRANSACTION_STATE_TOPIC, partition);
    while (offset < logEndOffset) {
      let fetched;
      try {
        fetched = await this.broker.fetch(TRANSACTION_STATE_TOPIC, partition, offset, { isolationLevel: "read_uncommitted" });
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
