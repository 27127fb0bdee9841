import { encodeRecordBatch } from "../storage/record-batch.js";

/** A client's transactional batch of `values` from `producerId` at `producerEpoch`, sequences from `baseSequence`. */
export function txnBatch(producerId: number, values: readonly string[], options: { producerEpoch?: number; baseSequence?: number; keys?: readonly string[] } = {}): Buffer {
  const now = 1_700_000_000_000;
  return encodeRecordBatch(
    values.map((value, i) => ({ key: Buffer.from(options.keys?.[i] ?? value), value: Buffer.from(value), timestamp: now })),
    { timestampType: "CreateTime", now, producerId, producerEpoch: options.producerEpoch ?? 0, baseSequence: options.baseSequence ?? 0, isTransactional: true },
  );
}

/** A client's non-transactional batch of `values` (keyed by the value unless `keys` say otherwise). */
export function plainBatch(values: readonly string[], keys?: readonly string[]): Buffer {
  const now = 1_700_000_000_000;
  return encodeRecordBatch(
    values.map((value, i) => ({ key: Buffer.from(keys?.[i] ?? value), value: Buffer.from(value), timestamp: now })),
    { timestampType: "CreateTime", now },
  );
}
