import type { Reader, Writer } from "@skein/protocol";
import { decodeVersioned, encodeVersioned } from "../group/versioned-bytes.js";
import { InvalidRequestError } from "../errors.js";

/**
 * The records of `__transaction_state`, with Kafka's schemas (`TransactionLogKey.json`, `TransactionLogValue.json` in
 * apache/kafka's transaction-coordinator module), each key and value starting with its int16 version:
 *
 *   TransactionLogKey v0:   TransactionalId string
 *   TransactionLogValue v0: ProducerId int64, ProducerEpoch int16, TransactionTimeoutMs int32, TransactionStatus int8,
 *                           TransactionPartitions nullable [Topic string, PartitionIds [int32]],
 *                           TransactionLastUpdateTimestampMs int64, TransactionStartTimestampMs int64
 *   TransactionLogValue v1: the same, flexible (compact strings and arrays, tagged fields), with tagged
 *                           PreviousProducerId (0), NextProducerId (1) and ClientTransactionVersion (2)
 *
 * Hand-written on @skein/protocol's Reader and Writer: Kafka's generator input for these two lives in another module
 * of apache/kafka than the message definitions @skein/protocol is generated from. Values are written at version 0,
 * as Kafka writes them while `transaction.version` is below 2, and read at both. A null value is a tombstone (an
 * expired transactional id).
 */

export const TRANSACTION_LOG_KEY_VERSION = 0;
export const TRANSACTION_LOG_VALUE_VERSION = 0;

export interface TransactionLogValue {
  producerId: number;
  /** Tagged in v1; -1 in v0. */
  previousProducerId: number;
  /** Tagged in v1; -1 in v0. */
  nextProducerId: number;
  producerEpoch: number;
  transactionTimeoutMs: number;
  /** The state's id (Empty 0, Ongoing 1, PrepareCommit 2, PrepareAbort 3, CompleteCommit 4, CompleteAbort 5, Dead 6, PrepareEpochFence 7). */
  transactionStatus: number;
  /** Null for Empty transactions, as Kafka writes them. */
  transactionPartitions: { topic: string; partitionIds: number[] }[] | null;
  transactionLastUpdateTimestampMs: number;
  transactionStartTimestampMs: number;
  /** Tagged in v1; 0 in v0. */
  clientTransactionVersion: number;
}

/** A decoded key: a transactional id, or a key version this coordinator does not know (skipped, as Kafka does). */
export type TransactionLogKey = { type: "transaction"; transactionalId: string } | { type: "unknown"; version: number };

export function encodeTransactionLogKey(transactionalId: string): Buffer {
  return encodeVersioned("TransactionLogKey", TRANSACTION_LOG_KEY_VERSION, (w) => w.string(transactionalId, "TransactionalId"));
}

export function decodeTransactionLogKey(buf: Buffer): TransactionLogKey {
  return decodeVersioned("TransactionLogKey", buf, (r, version): TransactionLogKey => {
    if (version !== 0) return { type: "unknown", version };
    return { type: "transaction", transactionalId: r.string("TransactionalId") };
  });
}

/** TransactionLogValue at `version` (0, or 1 flexible). */
export function encodeTransactionLogValue(value: TransactionLogValue, version = TRANSACTION_LOG_VALUE_VERSION): Buffer {
  checkVersion(version);
  return encodeVersioned("TransactionLogValue", version, (w) => (version === 0 ? writeV0(w, value) : writeV1(w, value)));
}

export function decodeTransactionLogValue(buf: Buffer): TransactionLogValue {
  return decodeVersioned("TransactionLogValue", buf, (r, version) => {
    checkVersion(version);
    return version === 0 ? readV0(r) : readV1(r);
  });
}

function checkVersion(version: number): void {
  if (version !== 0 && version !== 1) throw new InvalidRequestError(`Unknown TransactionLogValue version ${version}: versions 0 and 1 are known.`);
}

function writeV0(w: Writer, v: TransactionLogValue): void {
  w.int64(v.producerId);
  w.int16(v.producerEpoch);
  w.int32(v.transactionTimeoutMs);
  w.int8(v.transactionStatus);
  w.nullableArrayLength(v.transactionPartitions, "TransactionPartitions");
  for (const p of v.transactionPartitions ?? []) {
    w.string(p.topic, "Topic");
    w.arrayLength(p.partitionIds, "PartitionIds");
    for (const id of p.partitionIds) w.int32(id);
  }
  w.int64(v.transactionLastUpdateTimestampMs);
  w.int64(v.transactionStartTimestampMs);
}

function readV0(r: Reader): TransactionLogValue {
  const producerId = r.int64();
  const producerEpoch = r.int16();
  const transactionTimeoutMs = r.int32();
  const transactionStatus = r.int8();
  const count = r.nullableArrayLength("TransactionPartitions", 6);
  let transactionPartitions: TransactionLogValue["transactionPartitions"] = null;
  if (count >= 0) {
    transactionPartitions = [];
    for (let i = 0; i < count; i++) {
      const topic = r.string("Topic");
      const ids = r.arrayLength("PartitionIds", 4);
      const partitionIds: number[] = [];
      for (let j = 0; j < ids; j++) partitionIds.push(r.int32());
      transactionPartitions.push({ topic, partitionIds });
    }
  }
  return {
    producerId,
    previousProducerId: -1,
    nextProducerId: -1,
    producerEpoch,
    transactionTimeoutMs,
    transactionStatus,
    transactionPartitions,
    transactionLastUpdateTimestampMs: r.int64(),
    transactionStartTimestampMs: r.int64(),
    clientTransactionVersion: 0,
  };
}

function writeV1(w: Writer, v: TransactionLogValue): void {
  w.int64(v.producerId);
  w.int16(v.producerEpoch);
  w.int32(v.transactionTimeoutMs);
  w.int8(v.transactionStatus);
  w.compactNullableArrayLength(v.transactionPartitions, "TransactionPartitions");
  for (const p of v.transactionPartitions ?? []) {
    w.compactString(p.topic, "Topic");
    w.compactArrayLength(p.partitionIds, "PartitionIds");
    for (const id of p.partitionIds) w.int32(id);
    w.unsignedVarint(0);
  }
  w.int64(v.transactionLastUpdateTimestampMs);
  w.int64(v.transactionStartTimestampMs);
  const tagged: [number, (w: Writer) => void][] = [];
  if (v.previousProducerId !== -1) tagged.push([0, (t) => t.int64(v.previousProducerId)]);
  if (v.nextProducerId !== -1) tagged.push([1, (t) => t.int64(v.nextProducerId)]);
  if (v.clientTransactionVersion !== 0) tagged.push([2, (t) => t.int16(v.clientTransactionVersion)]);
  w.unsignedVarint(tagged.length);
  for (const [tag, write] of tagged) w.taggedField(tag, write);
}

function readV1(r: Reader): TransactionLogValue {
  const producerId = r.int64();
  const producerEpoch = r.int16();
  const transactionTimeoutMs = r.int32();
  const transactionStatus = r.int8();
  const count = r.compactNullableArrayLength("TransactionPartitions", 3);
  let transactionPartitions: TransactionLogValue["transactionPartitions"] = null;
  if (count >= 0) {
    transactionPartitions = [];
    for (let i = 0; i < count; i++) {
      const topic = r.compactString("Topic");
      const ids = r.compactArrayLength("PartitionIds", 4);
      const partitionIds: number[] = [];
      for (let j = 0; j < ids; j++) partitionIds.push(r.int32());
      r.unknownTaggedFields();
      transactionPartitions.push({ topic, partitionIds });
    }
  }
  const value: TransactionLogValue = {
    producerId,
    previousProducerId: -1,
    nextProducerId: -1,
    producerEpoch,
    transactionTimeoutMs,
    transactionStatus,
    transactionPartitions,
    transactionLastUpdateTimestampMs: r.int64(),
    transactionStartTimestampMs: r.int64(),
    clientTransactionVersion: 0,
  };
  for (let fields = r.taggedFieldCount(); fields > 0; fields--) {
    const tag = r.unsignedVarint();
    const size = r.taggedFieldSize();
    const outer = r.enterTaggedField(size);
    if (tag === 0) value.previousProducerId = r.int64();
    else if (tag === 1) value.nextProducerId = r.int64();
    else if (tag === 2) value.clientTransactionVersion = r.int16();
    else r.unknownTaggedField(tag, size);
    r.leaveTaggedField(outer, `tag ${tag}`);
  }
  return value;
}
