import type { Log } from "../storage/log.js";

/** A partition as admin APIs describe it: replica placement and the log's offsets. */
export interface PartitionDescription {
  partition: number;
  leader: number;
  /** The leader's epoch: bumped at every leader change (0 for a partition that never changed leader). */
  leaderEpoch: number;
  replicas: number[];
  isr: number[];
  logStartOffset: number;
  logEndOffset: number;
  highWatermark: number;
  sizeBytes: number;
}

/**
 * One partition hosted by this broker: its log and its replica set. With a single broker, this broker leads
 * every partition and is its only in-sync replica.
 */
export class Partition {
  constructor(
    readonly topic: string,
    readonly partition: number,
    readonly log: Log,
    readonly leader: number,
    readonly replicas: readonly number[],
    readonly isr: readonly number[],
  ) {}

  describe(): PartitionDescription {
    return {
      partition: this.partition,
      leader: this.leader,
      leaderEpoch: 0,
      replicas: [...this.replicas],
      isr: [...this.isr],
      logStartOffset: this.log.logStartOffset,
      logEndOffset: this.log.logEndOffset,
      highWatermark: this.log.highWatermark,
      sizeBytes: this.log.size,
    };
  }
}
