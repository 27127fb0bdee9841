import { compressSync, uncompressSync } from "snappy";
import { corruptCompressedData, decompressedTooLarge, type CompressionCodec } from "./codec.js";

/**
 * Snappy in the framing of snappy-java's `SnappyOutputStream` (what Kafka's Java client writes): a 16-byte header
 * (magic `\x82SNAPPY\0`, version 1, compatible version 1), then chunks of at most 32 KiB of input, each an int32
 * big-endian length and a raw Snappy block. Reading also accepts one raw Snappy block without that framing, which
 * is what librdkafka and kafkajs-snappy write (snappy-java's reader does the same).
 */
const XERIAL_MAGIC = Buffer.from([0x82, 0x53, 0x4e, 0x41, 0x50, 0x50, 0x59, 0x00]);
const XERIAL_HEADER_SIZE = 16;
const XERIAL_VERSION = 1;
const XERIAL_BLOCK_SIZE = 32 * 1024;

export const snappyCodec: CompressionCodec = {
  type: "snappy",
  compress(data) {
    const parts: Buffer[] = [xerialHeader()];
    for (let pos = 0; pos < data.length; pos += XERIAL_BLOCK_SIZE) {
      const block = compressSync(data.subarray(pos, Math.min(data.length, pos + XERIAL_BLOCK_SIZE)));
      const length = Buffer.allocUnsafe(4);
      length.writeInt32BE(block.length, 0);
      parts.push(length, block);
    }
    return Buffer.concat(parts);
  },
  decompress(data, maxBytes) {
    if (!isXerialFramed(data)) return uncompressBlock(data, maxBytes);
    const parts: Buffer[] = [];
    let total = 0;
    let pos = XERIAL_HEADER_SIZE;
    while (pos < data.length) {
      if (pos + 4 > data.length) throw corruptCompressedData("snappy", `a chunk length is cut off at byte ${pos}`);
      const length = data.readInt32BE(pos);
      pos += 4;
      if (length < 0 || pos + length > data.length) throw corruptCompressedData("snappy", `a chunk of ${length} bytes runs past the end of the data`);
      const chunk = uncompressBlock(data.subarray(pos, pos + length), maxBytes - total);
      total += chunk.length;
      parts.push(chunk);
      pos += length;
    }
    return parts.length === 1 ? parts[0]! : Buffer.concat(parts, total);
  },
};

function xerialHeader(): Buffer {
  const header = Buffer.alloc(XERIAL_HEADER_SIZE);
  XERIAL_MAGIC.copy(header, 0);
  header.writeInt32BE(XERIAL_VERSION, 8);
  header.writeInt32BE(XERIAL_VERSION, 12);
  return header;
}

function isXerialFramed(data: Buffer): boolean {
  return data.length >= XERIAL_HEADER_SIZE && data.subarray(0, XERIAL_MAGIC.length).equals(XERIAL_MAGIC);
}

/** One raw Snappy block, whose preamble (a varint) declares its uncompressed length: checked before decoding. */
function uncompressBlock(block: Buffer, maxBytes: number): Buffer {
  const declared = declaredLength(block);
  if (declared > maxBytes) throw decompressedTooLarge("snappy", declared, maxBytes);
  try {
    return uncompressSync(block) as Buffer;
  } catch (err) {
    throw corruptCompressedData("snappy", (err as Error).message);
  }
}

function declaredLength(block: Buffer): number {
  let value = 0;
  let multiplier = 1;
  for (let i = 0; i < 5; i++) {
    const byte = block[i];
    if (byte === undefined) break;
    value += (byte & 0x7f) * multiplier;
    if ((byte & 0x80) === 0) return value;
    multiplier *= 128;
  }
  throw corruptCompressedData("snappy", "the block's length preamble is malformed");
}
