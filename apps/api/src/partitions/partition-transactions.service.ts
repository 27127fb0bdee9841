import { Injectable } from "@nestjs/common";
import { Broker, TransactionCoordinator, type TransactionDescription } from "@skein/broker";
import { PartitionsService } from "./partitions.service.js";

/** One transaction open in a partition: what holds its last stable offset back. */
export interface OpenPartitionTransaction {
  producerId: number;
  producerEpoch: number;
  /** The transactional id, when this broker's coordinator knows the producer id. */
  transactionalId: string | null;
  /** The coordinator's state of that transactional id (Ongoing, PrepareCommit, …), or null. */
  coordinatorState: string | null;
  /** The offset of the transaction's first record in this partition. */
  firstOffset: number;
  /** When the transaction started (the coordinator's start time), or null when the coordinator does not know it. */
  startedAtMs: number | null;
  /** The timestamp of the producer's last batch in this partition. */
  lastWriteMs: number;
  /** How long it has been open: since its start, or (start unknown) at least since its last write. */
  openMs: number;
  timeoutMs: number;
  /** Where `timeoutMs` comes from: the producer's `transaction.timeout.ms`, or the broker's `transaction.max.timeout.ms`. */
  timeoutSource: "transaction.timeout.ms" | "transaction.max.timeout.ms";
  /** Open longer than its timeout, or its coordinator no longer counts this partition in an open transaction. */
  hanging: boolean;
}

export interface PartitionTransactions {
  highWatermark: number;
  lastStableOffset: number;
  /** high watermark − last stable offset: what read_committed consumers cannot read yet. */
  lsoLag: number;
  transactions: OpenPartitionTransaction[];
}

/** Coordinator states in which a transaction still holds its partitions. */
const HOLDING_STATES = new Set(["Ongoing", "PrepareCommit", "PrepareAbort"]);

/**
 * A partition's open transactions, as `kafka-transactions describe-producers` and `find-hanging` see them: the
 * producer state of the partition joined with the transaction coordinator's view of the same producer id.
 */
@Injectable()
export class PartitionTransactionsService {
  constructor(
    private readonly broker: Broker,
    private readonly coordinator: TransactionCoordinator,
    private readonly partitions: PartitionsService,
  ) {}

  describe(clusterId: string, topicName: string, partitionId: number, now = Date.now()): PartitionTransactions {
    const offsets = this.partitions.offsets(clusterId, topicName, partitionId);
    const byProducer = new Map<number, TransactionDescription>();
    for (const txn of this.coordinator.listTransactions().transactions) byProducer.set(txn.producerId, txn);
    const maxTimeoutMs = Number(this.broker.config("transaction.max.timeout.ms"));
    const transactions = this.broker
      .partitionProducers(topicName, partitionId)
      .filter((producer) => producer.currentTxnStartOffset >= 0)
      .map((producer): OpenPartitionTransaction => {
        const txn = byProducer.get(producer.producerId);
        const started = txn && txn.transactionStartTimeMs >= 0 ? txn.transactionStartTimeMs : null;
        const openMs = Math.max(0, now - (started ?? producer.lastTimestamp));
        const timeoutMs = txn ? txn.transactionTimeoutMs : maxTimeoutMs;
        // As find-hanging: the coordinator has moved on from this partition (or never heard of the producer) while
        // the partition still waits for its marker, or the transaction outlived its timeout.
        const held = txn !== undefined && HOLDING_STATES.has(txn.state) && txn.partitions.some((p) => p.topic === topicName && p.partition === partitionId);
        return {
          producerId: producer.producerId,
          producerEpoch: producer.producerEpoch,
          transactionalId: txn?.transactionalId ?? null,
          coordinatorState: txn?.state ?? null,
          firstOffset: producer.currentTxnStartOffset,
          startedAtMs: started,
          lastWriteMs: producer.lastTimestamp,
          openMs,
          timeoutMs,
          timeoutSource: txn ? "transaction.timeout.ms" : "transaction.max.timeout.ms",
          hanging: openMs > timeoutMs || (txn !== undefined && !held),
        };
      })
      .sort((a, b) => a.firstOffset - b.firstOffset);
    return {
      highWatermark: offsets.highWatermark,
      lastStableOffset: offsets.lastStableOffset,
      lsoLag: offsets.highWatermark - offsets.lastStableOffset,
      transactions,
    };
  }
}
