import { CorruptRecordError, MessageTooLargeError } from "../../errors.js";
import type { CompressionType } from "./compression-type.js";

/**
 * One compression codec over the records section of a RecordBatch v2 (everything after the 61-byte header), in
 * the framing Kafka's own client writes. Both directions are synchronous: the read path decodes batches inline.
 */
export interface CompressionCodec {
  readonly type: CompressionType;
  compress(data: Buffer): Buffer;
  /**
   * Decompresses `data`, refusing output larger than `maxBytes` before allocating it where the format allows.
   * @throws CorruptRecordError when the data is not valid for the codec; MessageTooLargeError past `maxBytes`.
   */
  decompress(data: Buffer, maxBytes: number): Buffer;
}

/** The error for compressed data a codec cannot read. */
export function corruptCompressedData(type: CompressionType, reason: string): CorruptRecordError {
  return new CorruptRecordError(`The ${type}-compressed records are corrupt: ${reason}.`);
}

/** The error for compressed data that would decompress to more than `maxBytes`. */
export function decompressedTooLarge(type: CompressionType, size: number | string, maxBytes: number): MessageTooLargeError {
  return new MessageTooLargeError(
    `The ${type}-compressed records would decompress to ${size} bytes, more than the ${maxBytes} bytes the broker accepts in one batch.`,
  );
}
