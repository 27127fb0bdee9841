import type { BrokerCompressionType } from "../../cluster/config/broker-config-defs.js";
import { UnsupportedCompressionTypeError } from "../../errors.js";

/**
 * Kafka's compression codecs, by the id a RecordBatch v2 carries in the low three bits of its attributes
 * (`CompressionType` in Kafka's clients).
 */
export type CompressionType = "none" | "gzip" | "snappy" | "lz4" | "zstd";

const BY_ID: readonly CompressionType[] = ["none", "gzip", "snappy", "lz4", "zstd"];

/** The attributes' codec id of `type` (none 0, gzip 1, snappy 2, lz4 3, zstd 4). */
export function compressionId(type: CompressionType): number {
  return BY_ID.indexOf(type);
}

/**
 * The codec of attribute id `id`.
 * @throws UnsupportedCompressionTypeError for ids 5 to 7, which no Kafka version defines.
 */
export function compressionTypeForId(id: number): CompressionType {
  const type = BY_ID[id];
  if (type === undefined) throw new UnsupportedCompressionTypeError(`Unknown compression type id: ${id}.`);
  return type;
}

/**
 * The codec a batch is stored with (Kafka's `BrokerCompressionType.targetCompression`): the topic's
 * `compression.type`, or the producer's own codec when it is `producer`.
 */
export function targetCompression(configured: BrokerCompressionType, source: CompressionType): CompressionType {
  if (configured === "producer") return source;
  if (configured === "uncompressed") return "none";
  return configured;
}
