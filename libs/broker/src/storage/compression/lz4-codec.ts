import { compressSync, decompressFrameSync, uncompressSync } from "lz4-napi";
import { corruptCompressedData, decompressedTooLarge, type CompressionCodec } from "./codec.js";
import { xxhash32 } from "./xxhash32.js";

/**
 * The LZ4 frame format as Kafka's `Lz4BlockOutputStream` writes it: magic, FLG 0x60 (version 1, independent
 * blocks, no checksums, no content size), BD 0x40 (64 KiB blocks), the header checksum, blocks each prefixed by a
 * little-endian length (high bit: stored uncompressed), and a zero end mark. Reading accepts any valid frame —
 * other block sizes, block and content checksums, a content size, several frames, skippable frames (librdkafka and
 * kafkajs' lz4 codecs write such variants) — and dependent (linked) blocks, which Kafka itself refuses.
 */
const MAGIC = 0x184d2204;
const SKIPPABLE_MAGIC_MASK = 0xfffffff0;
const SKIPPABLE_MAGIC = 0x184d2a50;
const KAFKA_FLG = 0x60;
const KAFKA_BD = 0x40;
const KAFKA_BLOCK_SIZE = 64 * 1024;
const UNCOMPRESSED_FLAG = 0x80000000;

const FLG_VERSION_MASK = 0xc0;
const FLG_VERSION_1 = 0x40;
const FLG_BLOCK_INDEPENDENCE = 0x20;
const FLG_BLOCK_CHECKSUM = 0x10;
const FLG_CONTENT_SIZE = 0x08;
const FLG_CONTENT_CHECKSUM = 0x04;
const FLG_DICT_ID = 0x01;

export const lz4Codec: CompressionCodec = {
  type: "lz4",
  compress(data) {
    const header = Buffer.from([0x04, 0x22, 0x4d, 0x18, KAFKA_FLG, KAFKA_BD, 0]);
    header[6] = (xxhash32(header, 4, 6) >>> 8) & 0xff;
    const parts: Buffer[] = [header];
    for (let pos = 0; pos < data.length; pos += KAFKA_BLOCK_SIZE) {
      const block = data.subarray(pos, Math.min(data.length, pos + KAFKA_BLOCK_SIZE));
      // lz4-napi prepends the uncompressed length (4 bytes, little-endian) to the raw block: the frame has none.
      const compressed = compressSync(block).subarray(4);
      const stored = compressed.length < block.length;
      const length = Buffer.allocUnsafe(4);
      length.writeUInt32LE(stored ? compressed.length : (block.length | UNCOMPRESSED_FLAG) >>> 0, 0);
      parts.push(length, stored ? compressed : block);
    }
    parts.push(Buffer.alloc(4));
    return Buffer.concat(parts);
  },
  decompress(data, maxBytes) {
    const parts: Buffer[] = [];
    let total = 0;
    let pos = 0;
    while (pos < data.length) {
      if (pos + 4 > data.length) throw corruptCompressedData("lz4", `${data.length - pos} stray bytes after the last frame`);
      const magic = data.readUInt32LE(pos);
      if ((magic & SKIPPABLE_MAGIC_MASK) >>> 0 === SKIPPABLE_MAGIC) {
        if (pos + 8 > data.length) throw corruptCompressedData("lz4", "a skippable frame is cut off");
        pos += 8 + data.readUInt32LE(pos + 4);
        continue;
      }
      if (magic !== MAGIC) throw corruptCompressedData("lz4", `bad frame magic 0x${magic.toString(16)}`);
      const frame = readFrame(data, pos, maxBytes - total);
      total += frame.size;
      parts.push(...frame.blocks);
      pos = frame.end;
    }
    return Buffer.concat(parts, total);
  },
};

interface Frame {
  blocks: Buffer[];
  size: number;
  end: number;
}

function readFrame(data: Buffer, start: number, maxBytes: number): Frame {
  let pos = start + 4;
  if (pos + 3 > data.length) throw corruptCompressedData("lz4", "the frame descriptor is cut off");
  const flg = data[pos]!;
  const bd = data[pos + 1]!;
  if ((flg & FLG_VERSION_MASK) !== FLG_VERSION_1) throw corruptCompressedData("lz4", `unsupported frame version ${flg >>> 6}`);
  const blockSizeId = (bd >>> 4) & 0x07;
  if (blockSizeId < 4) throw corruptCompressedData("lz4", `invalid block size id ${blockSizeId}`);
  const maxBlockSize = 1 << (2 * blockSizeId + 8);
  const descriptorEnd = pos + 2 + (flg & FLG_CONTENT_SIZE ? 8 : 0) + (flg & FLG_DICT_ID ? 4 : 0);
  if (descriptorEnd + 1 > data.length) throw corruptCompressedData("lz4", "the frame descriptor is cut off");
  if (flg & FLG_DICT_ID) throw corruptCompressedData("lz4", "frames that need a dictionary are not supported");
  const checksum = (xxhash32(data, pos, descriptorEnd) >>> 8) & 0xff;
  if (checksum !== data[descriptorEnd]) throw corruptCompressedData("lz4", "the frame descriptor checksum does not match");
  pos = descriptorEnd + 1;

  const blockChecksum = (flg & FLG_BLOCK_CHECKSUM) !== 0;
  const independent = (flg & FLG_BLOCK_INDEPENDENCE) !== 0;
  const blocks: Buffer[] = [];
  let size = 0;
  const prefix = Buffer.allocUnsafe(4);
  prefix.writeUInt32LE(maxBlockSize, 0);
  for (;;) {
    if (pos + 4 > data.length) throw corruptCompressedData("lz4", "the frame has no end mark");
    const word = data.readUInt32LE(pos);
    pos += 4;
    if (word === 0) break;
    const length = word & ~UNCOMPRESSED_FLAG;
    if (length > maxBlockSize || pos + length + (blockChecksum ? 4 : 0) > data.length) {
      throw corruptCompressedData("lz4", `a block of ${length} bytes does not fit the frame`);
    }
    const body = data.subarray(pos, pos + length);
    let block: Buffer;
    if (word & UNCOMPRESSED_FLAG) {
      block = body;
    } else if (!independent) {
      return readLinkedFrame(data, start, maxBytes);
    } else {
      try {
        // A block decompresses to at most maxBlockSize (4 MiB at most), so the bound is checked after each one.
        // lz4-napi wants the uncompressed size in front; the block's maximum is enough (the result is its real size).
        block = uncompressSync(Buffer.concat([prefix, body])) as Buffer;
      } catch (err) {
        throw corruptCompressedData("lz4", (err as Error).message);
      }
    }
    if (size + block.length > maxBytes) throw decompressedTooLarge("lz4", `more than ${maxBytes}`, maxBytes);
    blocks.push(block);
    size += block.length;
    pos += length + (blockChecksum ? 4 : 0);
  }
  if (flg & FLG_CONTENT_CHECKSUM) pos += 4;
  if (pos > data.length) throw corruptCompressedData("lz4", "the content checksum is cut off");
  return { blocks, size, end: pos };
}

/**
 * A frame of dependent blocks (each may refer to the previous ones) is decoded whole by lz4_flex, after bounding its
 * output from the block count.
 */
function readLinkedFrame(data: Buffer, start: number, maxBytes: number): Frame {
  const { end, bound } = frameExtent(data, start);
  if (bound > maxBytes) throw decompressedTooLarge("lz4", `up to ${bound}`, maxBytes);
  let out: Buffer;
  try {
    out = decompressFrameSync(data.subarray(start, end));
  } catch (err) {
    throw corruptCompressedData("lz4", (err as Error).message);
  }
  if (out.length > maxBytes) throw decompressedTooLarge("lz4", out.length, maxBytes);
  return { blocks: [out], size: out.length, end };
}

/** Where the (already checked) frame at `start` ends, and the most it can decompress to: blocks × their maximum size. */
function frameExtent(data: Buffer, start: number): { end: number; bound: number } {
  const flg = data[start + 4]!;
  const maxBlockSize = 1 << (2 * ((data[start + 5]! >>> 4) & 0x07) + 8);
  let pos = start + 7 + (flg & FLG_CONTENT_SIZE ? 8 : 0);
  let bound = 0;
  for (;;) {
    if (pos + 4 > data.length) throw corruptCompressedData("lz4", "the frame has no end mark");
    const word = data.readUInt32LE(pos);
    pos += 4;
    if (word === 0) break;
    pos += (word & ~UNCOMPRESSED_FLAG) + (flg & FLG_BLOCK_CHECKSUM ? 4 : 0);
    bound += maxBlockSize;
  }
  return { end: pos + (flg & FLG_CONTENT_CHECKSUM ? 4 : 0), bound };
}
