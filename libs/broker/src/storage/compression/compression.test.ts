import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { gzipSync } from "node:zlib";
import { compressFrameSync } from "lz4-napi";
import { compressSync as snappyRaw } from "snappy";
import { describe, expect, it } from "vitest";
import { CorruptRecordError, MessageTooLargeError, UnsupportedCompressionTypeError } from "../../errors.js";
import { codecFor, compressionId, compressionTypeForId, targetCompression, type CompressionType } from "./index.js";
import { decompressedBound } from "./zstd-codec.js";
import { xxhash32 } from "./xxhash32.js";

const require = createRequire(import.meta.url);
const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));
/** The text both fixtures were made from (by the lz4 and zstd command-line tools). */
const fixtureText = Buffer.from(Array.from({ length: 14000 }, (_, i) => `record ${i % 100} of the skein fixture`).join("\n"));

const CODECS = ["gzip", "snappy", "lz4", "zstd"] as const;

/** About 1 MiB of JSON-ish records, as typical produced values look. */
function typicalRecords(bytes: number): Buffer {
  const lines: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const line = JSON.stringify({ id: i, user: `user-${i % 977}`, event: ["click", "view", "buy"][i % 3], amount: (i * 37) % 1000 });
    lines.push(line);
    size += line.length + 1;
  }
  return Buffer.from(lines.join("\n")).subarray(0, bytes);
}

function pseudoRandom(bytes: number, seed = 1): Buffer {
  const out = Buffer.allocUnsafe(bytes);
  let x = seed;
  for (let i = 0; i < bytes; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

describe("compression types", () => {
  it("maps Kafka's codec ids both ways and refuses undefined ones", () => {
    expect(CODECS.map((c) => compressionId(c))).toEqual([1, 2, 3, 4]);
    expect([0, 1, 2, 3, 4].map(compressionTypeForId)).toEqual(["none", "gzip", "snappy", "lz4", "zstd"]);
    expect(() => compressionTypeForId(5)).toThrow(UnsupportedCompressionTypeError);
  });

  it("resolves the stored codec from compression.type as Kafka's BrokerCompressionType does", () => {
    expect(targetCompression("producer", "snappy")).toBe("snappy");
    expect(targetCompression("producer", "none")).toBe("none");
    expect(targetCompression("uncompressed", "zstd")).toBe("none");
    expect(targetCompression("lz4", "none")).toBe("lz4");
  });
});

describe("xxhash32", () => {
  it("matches the reference vectors", () => {
    expect(xxhash32(Buffer.alloc(0))).toBe(0x02cc5d05);
    expect(xxhash32(Buffer.from("a"))).toBe(0x550d7456);
    expect(xxhash32(Buffer.from("abc"))).toBe(0x32d153ff);
    expect(xxhash32(Buffer.from("Nobody inspects the spammish repetition"))).toBe(0xe2293b2f);
  });
});

describe.each(CODECS)("%s codec", (type) => {
  const codec = codecFor(type);

  it("round-trips typical records, incompressible bytes and tiny inputs", () => {
    for (const input of [typicalRecords(1 << 20), pseudoRandom(200_000), Buffer.from("x"), typicalRecords(100)]) {
      const compressed = codec.compress(input);
      expect(codec.decompress(compressed, 2 << 20).equals(input)).toBe(true);
    }
    const text = typicalRecords(1 << 20);
    expect(codec.compress(text).length).toBeLessThan(text.length / 3);
  });

  it("refuses output beyond the bound with MESSAGE_TOO_LARGE", () => {
    const input = Buffer.alloc(300_000, 7);
    expect(() => codec.decompress(codec.compress(input), 100_000)).toThrow(MessageTooLargeError);
  });

  it("answers CORRUPT_MESSAGE for garbage and for cut-off data", () => {
    const compressed = codec.compress(typicalRecords(100_000));
    expect(() => codec.decompress(Buffer.from("certainly not compressed data"), 1 << 20)).toThrow(CorruptRecordError);
    expect(() => codec.decompress(compressed.subarray(0, compressed.length - 9), 1 << 20)).toThrow(CorruptRecordError);
  });
});

describe("snappy framing", () => {
  it("writes snappy-java's xerial framing in 32 KiB chunks", () => {
    const input = typicalRecords(100_000);
    const out = codecFor("snappy").compress(input);
    expect(out.subarray(0, 16).toString("hex")).toBe("82534e415050590000000001" + "00000001");
    let chunks = 0;
    for (let pos = 16; pos < out.length; pos += 4 + out.readInt32BE(pos)) chunks++;
    expect(chunks).toBe(Math.ceil(input.length / 32768));
  });

  it("reads a raw Snappy block (librdkafka, kafkajs-snappy) and kafkajs-snappy reads what it writes", async () => {
    const input = typicalRecords(70_000);
    expect(codecFor("snappy").decompress(snappyRaw(input), 1 << 20).equals(input)).toBe(true);
    const kafkajsSnappy = require("kafkajs-snappy")();
    const fromKafkajs: Buffer = await kafkajsSnappy.compress({ buffer: input });
    expect(codecFor("snappy").decompress(fromKafkajs, 1 << 20).equals(input)).toBe(true);
    const back: Buffer = await kafkajsSnappy.decompress(codecFor("snappy").compress(input));
    expect(back.equals(input)).toBe(true);
  });
});

describe("lz4 framing", () => {
  it("writes Kafka's frame: FLG 0x60, BD 0x40 (64 KiB independent blocks), header checksum, end mark", () => {
    const input = typicalRecords(200_000);
    const out = codecFor("lz4").compress(input);
    expect(out.subarray(0, 7).toString("hex")).toBe("04224d18604082");
    let pos = 7;
    let blocks = 0;
    for (let word = out.readUInt32LE(pos); word !== 0; word = out.readUInt32LE(pos)) {
      pos += 4 + (word & 0x7fffffff);
      blocks++;
    }
    expect(blocks).toBe(Math.ceil(input.length / 65536));
    expect(pos + 4).toBe(out.length);
  });

  it("stores an incompressible block uncompressed (the length's high bit)", () => {
    const out = codecFor("lz4").compress(pseudoRandom(1000));
    expect(out.readUInt32LE(7)).toBe((1000 | 0x80000000) >>> 0);
  });

  it("reads other encoders' frames: 4 MiB blocks, checksums, content size, linked blocks", () => {
    const input = typicalRecords(300_000);
    for (const options of [undefined, { contentChecksum: true, blockChecksums: true }]) {
      expect(codecFor("lz4").decompress(compressFrameSync(input, options), 1 << 20).equals(input)).toBe(true);
    }
    const linked = fixture("linked-blocks.lz4");
    expect(linked[4]! & 0x20).toBe(0);
    expect(codecFor("lz4").decompress(linked, 1 << 20).equals(fixtureText)).toBe(true);
    expect(() => codecFor("lz4").decompress(linked, 100_000)).toThrow(MessageTooLargeError);
  });

  it("refuses a frame whose descriptor checksum is wrong", () => {
    const out = codecFor("lz4").compress(typicalRecords(1000));
    out[6] ^= 0xff;
    expect(() => codecFor("lz4").decompress(out, 1 << 20)).toThrow(/descriptor checksum/);
  });
});

describe("zstd frames", () => {
  it("reads a streamed frame without a content size (as zstd-jni writes)", () => {
    const streamed = fixture("streamed-no-content-size.zst");
    expect((streamed[4]! >>> 6) & 3).toBe(0);
    expect(codecFor("zstd").decompress(streamed, 1 << 20).equals(fixtureText)).toBe(true);
  });

  it("bounds a frame's output from its block headers before decoding it", () => {
    // A hand-made frame: no content size, a 2 MiB window, ten RLE blocks of 128 KiB of 'z'.
    const blocks = Array.from({ length: 10 }, (_, i) => {
      const header = (131072 << 3) | (1 << 1) | (i === 9 ? 1 : 0);
      return Buffer.from([header & 0xff, (header >>> 8) & 0xff, (header >>> 16) & 0xff, 0x7a]);
    });
    const frame = Buffer.concat([Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0x00, 0x58]), ...blocks]);
    expect(decompressedBound(frame)).toBe(10 * 131072);
    expect(codecFor("zstd").decompress(frame, 10 * 131072).equals(Buffer.alloc(10 * 131072, "z"))).toBe(true);
    expect(() => codecFor("zstd").decompress(frame, 10 * 131072 - 1)).toThrow(MessageTooLargeError);
  });
});

describe("gzip", () => {
  it("reads concatenated gzip members as one stream", () => {
    const a = typicalRecords(5000);
    const b = typicalRecords(7000);
    const out = codecFor("gzip").decompress(Buffer.concat([gzipSync(a), gzipSync(b)]), 1 << 20);
    expect(out.equals(Buffer.concat([a, b]))).toBe(true);
  });
});

describe("codecs by type", () => {
  it("gives every codec its own type", () => {
    expect(CODECS.map((c) => codecFor(c).type)).toEqual(CODECS as unknown as CompressionType[]);
  });
});
