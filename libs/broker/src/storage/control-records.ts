import { CorruptRecordError } from "../errors.js";
import { batchRecordsSection, encodeRecordBatch, isControlBatch, readBatchHeader, type RecordBatchHeader } from "./record-batch.js";
import { VarintReader } from "./varint.js";

/**
 * Kafka's control records, the content of control batches: the transaction markers (`EndTransactionMarker`) that
 * the transaction coordinator writes to every partition of a transaction when it commits or aborts.
 *
 *   key:   version int16 (0) | type int16 (ABORT = 0, COMMIT = 1)
 *   value: version int16 (0) | coordinator_epoch int32
 *
 * A marker batch is transactional and a control batch, carries the producer's id and epoch, no sequence, and one
 * record. Consumers never see control records; read_committed consumers use them to end a producer's transaction.
 */

export type ControlRecordType = "ABORT" | "COMMIT";

const CONTROL_KEY_VERSION = 0;
const MARKER_VALUE_VERSION = 0;
const CONTROL_TYPE_IDS: Record<ControlRecordType, number> = { ABORT: 0, COMMIT: 1 };

/** A transaction marker: how the producer's transaction ended, and the coordinator epoch that decided it. */
export interface EndTransactionMarker {
  type: ControlRecordType;
  coordinatorEpoch: number;
}

/** Whether a transaction ended by commit or abort (Kafka's `TransactionResult`). */
export type TransactionResult = "COMMIT" | "ABORT";

export function encodeControlKey(type: ControlRecordType): Buffer {
  const key = Buffer.alloc(4);
  key.writeInt16BE(CONTROL_KEY_VERSION, 0);
  key.writeInt16BE(CONTROL_TYPE_IDS[type], 2);
  return key;
}

/** The marker's value: version 0 and the coordinator epoch. */
export function encodeMarkerValue(coordinatorEpoch: number): Buffer {
  const value = Buffer.alloc(6);
  value.writeInt16BE(MARKER_VALUE_VERSION, 0);
  value.writeInt32BE(coordinatorEpoch, 2);
  return value;
}

/**
 * Kafka's `MemoryRecords.withEndTransactionMarker`: one control batch holding the marker, at base offset 0 (the log
 * assigns the real one), timestamped `now`.
 */
export function encodeEndTransactionMarkerBatch(producerId: number, producerEpoch: number, marker: EndTransactionMarker, now: number): Buffer {
  return encodeRecordBatch([{ key: encodeControlKey(marker.type), value: encodeMarkerValue(marker.coordinatorEpoch), timestamp: now }], {
    timestampType: "CreateTime",
    now,
    producerId,
    producerEpoch,
    isTransactional: true,
    isControl: true,
  });
}

/**
 * The marker of the control batch at `pos` in `buf` (its first record), or null when the batch holds no record (the
 * cleaner may leave an empty control batch) or is a control record of another type.
 * @throws CorruptRecordError when the control record cannot be read.
 */
export function readEndTransactionMarker(buf: Buffer, pos = 0, header: RecordBatchHeader = readBatchHeader(buf, pos)): EndTransactionMarker | null {
  if (!isControlBatch(header.attributes)) throw new CorruptRecordError(`The batch at offset ${header.baseOffset} is not a control batch.`);
  if (header.recordCount === 0) return null;
  const section = batchRecordsSection(buf, pos, header);
  const reader = new VarintReader(section.data, section.start);
  try {
    reader.varint(); // record length
    reader.pos++; // attributes
    reader.varlong(); // timestamp delta
    reader.varint(); // offset delta
    const key = readBytes(reader);
    const value = readBytes(reader);
    if (key === null || key.length < 4) throw new RangeError("a control record needs a 4-byte key");
    const typeId = key.readInt16BE(2);
    const type = typeId === 0 ? "ABORT" : typeId === 1 ? "COMMIT" : null;
    if (type === null) return null;
    if (value === null || value.length < 6) throw new RangeError("an end transaction marker needs a 6-byte value");
    if (value.readInt16BE(0) < 0) throw new RangeError(`invalid end transaction marker version ${value.readInt16BE(0)}`);
    return { type, coordinatorEpoch: value.readInt32BE(2) };
  } catch (err) {
    throw new CorruptRecordError(`The control record at offset ${header.baseOffset} cannot be read: ${(err as Error).message}`);
  }
}

function readBytes(reader: VarintReader): Buffer | null {
  const length = reader.varint();
  if (length < 0) return null;
  const start = reader.pos;
  reader.pos += length;
  if (reader.pos > reader.buf.length) throw new RangeError("bytes run past the end of the record");
  return (reader.buf as Buffer).subarray(start, reader.pos);
}
