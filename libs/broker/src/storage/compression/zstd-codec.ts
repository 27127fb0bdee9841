import { Decoder, Encoder } from "@toondepauw/node-zstd";
import { corruptCompressedData, decompressedTooLarge, type CompressionCodec } from "./codec.js";

/**
 * Zstandard frames (RFC 8878) at Kafka's default level 3. Java's zstd-jni streams frames without a content size,
 * so the decoder's output is bounded by walking the frame's block headers first: a raw or RLE block declares its
 * size, a compressed one regenerates at most 128 KiB.
 */
const FRAME_MAGIC = 0xfd2fb528;
const SKIPPABLE_MAGIC_MASK = 0xfffffff0;
const SKIPPABLE_MAGIC = 0x184d2a50;
const MAX_BLOCK_SIZE = 128 * 1024;
const KAFKA_DEFAULT_LEVEL = 3;

const encoder = new Encoder(KAFKA_DEFAULT_LEVEL);
const decoder = new Decoder();

export const zstdCodec: CompressionCodec = {
  type: "zstd",
  compress(data) {
    return encoder.encodeSync(data);
  },
  decompress(data, maxBytes) {
    const bound = decompressedBound(data);
    if (bound > maxBytes) throw decompressedTooLarge("zstd", `up to ${bound}`, maxBytes);
    try {
      return decoder.decodeSync(data);
    } catch (err) {
      throw corruptCompressedData("zstd", (err as Error).message);
    }
  },
};

/** The most the frames in `data` can decompress to, from their headers alone. */
export function decompressedBound(data: Buffer): number {
  let pos = 0;
  let bound = 0;
  if (data.length === 0) throw corruptCompressedData("zstd", "no frame");
  while (pos < data.length) {
    if (pos + 4 > data.length) throw corruptCompressedData("zstd", `${data.length - pos} stray bytes after the last frame`);
    const magic = data.readUInt32LE(pos);
    if ((magic & SKIPPABLE_MAGIC_MASK) >>> 0 === SKIPPABLE_MAGIC) {
      if (pos + 8 > data.length) throw corruptCompressedData("zstd", "a skippable frame is cut off");
      pos += 8 + data.readUInt32LE(pos + 4);
      continue;
    }
    if (magic !== FRAME_MAGIC) throw corruptCompressedData("zstd", `bad frame magic 0x${magic.toString(16)}`);
    const frame = frameBound(data, pos + 4);
    bound += frame.bound;
    pos = frame.end;
  }
  if (pos > data.length) throw corruptCompressedData("zstd", "the last frame is cut off");
  return bound;
}

const FCS_FIELD_SIZES = [0, 2, 4, 8];
const DICT_ID_FIELD_SIZES = [0, 1, 2, 4];

function frameBound(data: Buffer, start: number): { bound: number; end: number } {
  if (start >= data.length) throw corruptCompressedData("zstd", "the frame header is cut off");
  const descriptor = data[start]!;
  const fcsFlag = descriptor >>> 6;
  const singleSegment = (descriptor & 0x20) !== 0;
  const hasChecksum = (descriptor & 0x04) !== 0;
  let pos = start + 1;
  let windowSize = Number.MAX_SAFE_INTEGER;
  if (!singleSegment) {
    const windowDescriptor = data[pos++];
    if (windowDescriptor === undefined) throw corruptCompressedData("zstd", "the frame header is cut off");
    const exponent = windowDescriptor >>> 3;
    const base = 2 ** (10 + exponent);
    windowSize = base + (base / 8) * (windowDescriptor & 0x07);
  }
  pos += DICT_ID_FIELD_SIZES[descriptor & 0x03]!;
  const fcsSize = fcsFlag === 0 && singleSegment ? 1 : FCS_FIELD_SIZES[fcsFlag]!;
  if (pos + fcsSize > data.length) throw corruptCompressedData("zstd", "the frame header is cut off");
  let contentSize: number | undefined;
  if (fcsSize === 1) contentSize = data[pos]!;
  else if (fcsSize === 2) contentSize = data.readUInt16LE(pos) + 256;
  else if (fcsSize === 4) contentSize = data.readUInt32LE(pos);
  else if (fcsSize === 8) contentSize = Number(data.readBigUInt64LE(pos));
  pos += fcsSize;

  const blockMax = Math.min(MAX_BLOCK_SIZE, windowSize);
  let bound = 0;
  for (;;) {
    if (pos + 3 > data.length) throw corruptCompressedData("zstd", "a block header is cut off");
    const header = data[pos]! | (data[pos + 1]! << 8) | (data[pos + 2]! << 16);
    pos += 3;
    const last = (header & 1) !== 0;
    const type = (header >>> 1) & 0x03;
    const size = header >>> 3;
    if (type === 0) {
      bound += size;
      pos += size;
    } else if (type === 1) {
      bound += size;
      pos += 1;
    } else if (type === 2) {
      bound += blockMax;
      pos += size;
    } else {
      throw corruptCompressedData("zstd", "a block has the reserved type");
    }
    if (pos > data.length) throw corruptCompressedData("zstd", "a block runs past the end of the data");
    if (last) break;
  }
  if (hasChecksum) pos += 4;
  return { bound: contentSize ?? bound, end: pos };
}
