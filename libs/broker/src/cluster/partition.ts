import { KafkaStorageError } from "../errors.js";
import type { Log } from "../storage/log.js";

/** A partition as admin APIs describe it: replica placement and the log's offsets. */
export interface PartitionDescription {
  partition: number;
  /** The leader's broker id; -1 when the partition is offline (Kafka's "no leader"). */
  leader: number;
  replicas: number[];
  /** Empty when the partition is offline. */
  isr: number[];
  /** The log's offsets; -1 when the partition is offline. */
  logStartOffset: number;
  logEndOffset: number;
  highWatermark: number;
  sizeBytes: number;
}

/**
 * One partition hosted by this broker: its log and its replica set. With a single broker, this broker leads
 * every partition and is its only in-sync replica. An offline partition (its log could not be opened or repaired)
 * has no log: reading or writing it answers KAFKA_STORAGE_ERROR with the reason, while the others serve.
 */
export class Partition {
  private constructor(
    readonly topic: string,
    readonly partition: number,
    private readonly onlineLog: Log | null,
    readonly leader: number,
    readonly replicas: readonly number[],
    readonly isr: readonly number[],
    /** Why the partition is offline, or null when it is online. */
    readonly offlineReason: string | null,
  ) {}

  static online(topic: string, partition: number, log: Log, leader: number, replicas: readonly number[]): Partition {
    return new Partition(topic, partition, log, leader, replicas, replicas, null);
  }

  static offline(topic: string, partition: number, replicas: readonly number[], reason: string): Partition {
    return new Partition(topic, partition, null, -1, replicas, [], reason);
  }

  get isOnline(): boolean {
    return this.onlineLog !== null;
  }

  /** The partition's log; throws KafkaStorageError (with the reason) when the partition is offline. */
  get log(): Log {
    if (this.onlineLog === null) throw new KafkaStorageError(`Partition ${this.topic}-${this.partition} is offline: ${this.offlineReason}`);
    return this.onlineLog;
  }

  /** The log, or null when offline: for work that simply skips offline partitions (flush, shutdown). */
  get logIfOnline(): Log | null {
    return this.onlineLog;
  }

  describe(): PartitionDescription {
    const log = this.onlineLog;
    return {
      partition: this.partition,
      leader: this.leader,
      replicas: [...this.replicas],
      isr: [...this.isr],
      logStartOffset: log?.logStartOffset ?? -1,
      logEndOffset: log?.logEndOffset ?? -1,
      highWatermark: log?.highWatermark ?? -1,
      sizeBytes: log?.size ?? 0,
    };
  }
}
