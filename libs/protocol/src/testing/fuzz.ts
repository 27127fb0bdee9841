import type { MessageCodec } from "../api-message.js";
import { ProtocolDecodeError } from "../errors.js";
import { Reader } from "../reader.js";
import { Writer } from "../writer.js";
import { Rng } from "./rng.js";
import { sampleMessage } from "./samples.js";
import type { MessageSchema } from "./schema.js";

/** One encoded message to mutate, with the version it was encoded at. */
export interface FuzzSeed {
  version: number;
  bytes: Buffer;
}

/** A decode that broke the decoder's contract: an exception other than ProtocolDecodeError, or an oversized result. */
export class FuzzFailure extends Error {
  override readonly name = "FuzzFailure";

  constructor(
    message: string,
    readonly target: string,
    readonly version: number,
    readonly input: Buffer,
  ) {
    super(`${target} v${version}: ${message} (input ${input.toString("hex")})`);
  }
}

export interface FuzzReport {
  target: string;
  inputs: number;
  /** Inputs that decoded to a value (the rest were rejected with ProtocolDecodeError). */
  decoded: number;
  rejected: number;
  /** The largest footprint of a decoded value per input byte (see `footprint`). */
  maxFootprintPerByte: number;
  /** The slowest single decode in milliseconds, when a clock was given. */
  slowestMs: number | null;
}

export interface FuzzOptions {
  codec: MessageCodec;
  schema: MessageSchema;
  inputs: number;
  seed?: number;
  /** A clock in milliseconds: with it, every decode must finish within `timeBoundMs` (a hang detector). */
  now?: () => number;
  timeBoundMs?: number;
  /** The most footprint units (see `footprint`) a decoded value may have per input byte. */
  maxFootprintPerByte?: number;
}

/** Encodes a few samples of every version of `schema`: the corpus that mutations start from. */
export function seedsFor(codec: MessageCodec, schema: MessageSchema, perVersion = 4, seed = 1): FuzzSeed[] {
  const rng = new Rng(seed);
  const seeds: FuzzSeed[] = [];
  for (let version = codec.minVersion; version <= codec.maxVersion; version++) {
    for (let i = 0; i < perVersion; i++) {
      const w = new Writer();
      codec.encode(w, sampleMessage(schema, version, rng, { maxArray: i === 0 ? 1 : 3 }), version);
      seeds.push({ version, bytes: w.toBuffer() });
    }
  }
  return seeds;
}

// Values that break length and count checks: signed/unsigned edges at each width.
const INTERESTING_8 = [0, 1, 0x7f, 0x80, 0xff, 0xfe];
const INTERESTING_16 = [0, 1, 0x7fff, 0x8000, 0xffff, 0xfffe, 0x0100, 0x00ff];
const INTERESTING_32 = [0, 1, 0x7fffffff, 0x80000000, 0xffffffff, 0xfffffffe, 0x00010000, 0x0000ffff, 0x40000000];
const INTERESTING_VARINTS = [[0x00], [0x01], [0x7f], [0xff, 0x7f], [0xff, 0xff, 0xff, 0xff, 0x0f], [0xff, 0xff, 0xff, 0xff, 0x7f], [0x80, 0x80, 0x80, 0x80, 0x80, 0x01], [0xff, 0xff, 0xff, 0x7f]];

/** Positions where an int16 or int32 holding a small number (a likely length or count) starts. */
function lengthLikePosition(rng: Rng, input: Buffer): { at: number; width: number } | null {
  for (let tries = 0; tries < 8; tries++) {
    const at = rng.below(Math.max(1, input.length - 1));
    if (at + 4 <= input.length && input.readUInt32BE(at) <= 64) return { at, width: 4 };
    if (at + 2 <= input.length && input.readUInt16BE(at) <= 64) return { at, width: 2 };
  }
  return null;
}

/** One to three stacked mutations of `input`: bit flips, random bytes, truncation, extension, interesting integers, splices. */
export function mutate(rng: Rng, input: Buffer, corpus: readonly FuzzSeed[]): Buffer {
  let out: Buffer = Buffer.from(input);
  for (let n = rng.between(1, 3); n > 0; n--) out = mutateOnce(rng, out, corpus);
  return out;
}

function mutateOnce(rng: Rng, input: Buffer, corpus: readonly FuzzSeed[]): Buffer {
  const length = input.length;
  switch (rng.below(10)) {
    case 0: {
      if (length === 0) return rng.bytes(rng.between(1, 8));
      const at = rng.below(length);
      input[at]! ^= 1 << rng.below(8);
      return input;
    }
    case 1: {
      if (length === 0) return rng.bytes(1);
      input[rng.below(length)] = rng.below(256);
      return input;
    }
    case 2:
      return input.subarray(0, rng.below(length + 1));
    case 3:
      return Buffer.concat([input, rng.bytes(rng.between(1, 16))]);
    case 4:
    case 5: {
      const spot = rng.chance(0.6) ? lengthLikePosition(rng, input) : null;
      const width = spot?.width ?? rng.pick([1, 2, 4]);
      const at = spot?.at ?? rng.below(Math.max(1, length));
      if (at + width > length) return input;
      if (width === 1) input[at] = rng.pick(INTERESTING_8);
      else if (width === 2) input.writeUInt16BE(rng.pick(INTERESTING_16), at);
      else input.writeUInt32BE(rng.pick(INTERESTING_32), at);
      return input;
    }
    case 6: {
      const at = rng.below(length + 1);
      const varint = Buffer.from(rng.pick(INTERESTING_VARINTS));
      const replace = rng.chance(0.5) ? Math.min(varint.length, length - at) : 0;
      return Buffer.concat([input.subarray(0, at), varint, input.subarray(at + replace)]);
    }
    case 7: {
      const donor = rng.pick(corpus).bytes;
      if (donor.length === 0) return input;
      const from = rng.below(donor.length);
      const piece = donor.subarray(from, from + rng.between(1, 32));
      const at = rng.below(length + 1);
      return rng.chance(0.5) ? Buffer.concat([input.subarray(0, at), piece, input.subarray(at)]) : Buffer.concat([input.subarray(0, at), piece, input.subarray(at + piece.length)]);
    }
    case 8: {
      const at = rng.below(length + 1);
      return Buffer.concat([input.subarray(0, at), input.subarray(at + rng.between(1, 16))]);
    }
    default: {
      const at = rng.below(length + 1);
      const piece = input.subarray(at, at + rng.between(1, 16));
      return Buffer.concat([input.subarray(0, at), piece, input.subarray(at)]);
    }
  }
}

/**
 * The size of a decoded value in units: 1 per object, array element, number, boolean and null, 1 + length per string.
 * Buffers must be views into `input` (or empty): a decoder never copies bytes, so they count 1. The decoders check
 * every count against the bytes that remain, so the footprint grows at most linearly with the input.
 */
export function footprint(value: unknown, input: Buffer): number {
  if (value === null || typeof value !== "object") return typeof value === "string" ? 1 + value.length : 1;
  if (Buffer.isBuffer(value)) {
    const inside = value.buffer === input.buffer && value.byteOffset >= input.byteOffset && value.byteOffset + value.length <= input.byteOffset + input.length;
    if (!inside && value.length > 0) throw new Error(`a Buffer of ${value.length} bytes is not a view into the input`);
    return 1;
  }
  let total = 1;
  if (Array.isArray(value)) {
    for (const item of value) total += footprint(item, input);
  } else {
    for (const key in value) total += footprint((value as Record<string, unknown>)[key], input);
  }
  return total;
}

/** Decodes one input; returns whether it decoded, or throws FuzzFailure when the decoder broke its contract. */
export function decodeChecked(codec: MessageCodec, version: number, input: Buffer, maxFootprintPerByte: number): { decoded: boolean; footprint: number } {
  let value: unknown;
  try {
    value = codec.decode(new Reader(input), version);
  } catch (error) {
    if (error instanceof ProtocolDecodeError) return { decoded: false, footprint: 0 };
    throw new FuzzFailure(`threw ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`, codec.name, version, input);
  }
  let size: number;
  try {
    size = footprint(value, input);
  } catch (error) {
    throw new FuzzFailure((error as Error).message, codec.name, version, input);
  }
  if (size > maxFootprintPerByte * input.length + 4096) {
    throw new FuzzFailure(`decoded to ${size} footprint units from ${input.length} bytes`, codec.name, version, input);
  }
  return { decoded: true, footprint: size };
}

/** Runs `inputs` mutated inputs through one decoder; throws FuzzFailure on the first broken contract. */
export function runFuzz(options: FuzzOptions): FuzzReport {
  const { codec, schema, inputs, now } = options;
  const rng = new Rng(options.seed ?? 1);
  const timeBound = options.timeBoundMs ?? 1000;
  const maxPerByte = options.maxFootprintPerByte ?? 32;
  const corpus = seedsFor(codec, schema, 4, options.seed ?? 1);
  const report: FuzzReport = { target: codec.name, inputs: 0, decoded: 0, rejected: 0, maxFootprintPerByte: 0, slowestMs: now ? 0 : null };
  for (let i = 0; i < inputs; i++) {
    const seed = rng.pick(corpus);
    const input = mutate(rng, seed.bytes, corpus);
    // Now and then decode at another version than the bytes were written for.
    const version = rng.chance(0.1) ? rng.between(codec.minVersion, codec.maxVersion) : seed.version;
    const started = now?.() ?? 0;
    const outcome = decodeChecked(codec, version, input, maxPerByte);
    if (now) {
      const elapsed = now() - started;
      if (elapsed > report.slowestMs!) report.slowestMs = elapsed;
      if (elapsed > timeBound) throw new FuzzFailure(`took ${elapsed.toFixed(1)} ms, more than the bound of ${timeBound} ms`, codec.name, version, input);
    }
    report.inputs++;
    if (outcome.decoded) {
      report.decoded++;
      if (input.length > 0) report.maxFootprintPerByte = Math.max(report.maxFootprintPerByte, outcome.footprint / input.length);
    } else {
      report.rejected++;
    }
  }
  return report;
}
