/** Kafka's record-batch compression codecs, by type. */
import type { CompressionCodec } from "./codec.js";
import type { CompressionType } from "./compression-type.js";
import { gzipCodec } from "./gzip-codec.js";
import { lz4Codec } from "./lz4-codec.js";
import { snappyCodec } from "./snappy-codec.js";
import { zstdCodec } from "./zstd-codec.js";

export type { CompressionCodec } from "./codec.js";
export { compressionId, compressionTypeForId, targetCompression, type CompressionType } from "./compression-type.js";

const CODECS: Record<Exclude<CompressionType, "none">, CompressionCodec> = {
  gzip: gzipCodec,
  snappy: snappyCodec,
  lz4: lz4Codec,
  zstd: zstdCodec,
};

/** The codec of a compressed type. */
export function codecFor(type: Exclude<CompressionType, "none">): CompressionCodec {
  return CODECS[type];
}

/**
 * The most bytes the records of one batch may decompress to: a batch of `max.message.bytes` of highly repetitive
 * records stays well inside it, while a small "compression bomb" cannot make the broker allocate gigabytes.
 */
export const MAX_DECOMPRESSED_BATCH_BYTES = 256 * 1024 * 1024;

/** `MAX_DECOMPRESSED_BATCH_BYTES`, raised for topics whose `max.message.bytes` allows batches near or above it. */
export function maxDecompressedBytes(maxMessageBytes: number): number {
  return Math.max(MAX_DECOMPRESSED_BATCH_BYTES, Math.min(2 ** 31 - 1, maxMessageBytes * 8));
}
