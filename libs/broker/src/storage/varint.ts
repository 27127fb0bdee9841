/**
 * Zig-zag variable-length integers as Kafka writes them inside records (protobuf's encoding).
 * `varint` covers 32-bit values; `varlong` is exact for magnitudes below 2^52 (timestamps and offsets).
 */

/** Bytes needed by the zig-zag varint of a 32-bit signed integer. */
export function sizeOfVarint(value: number): number {
  let v = ((value << 1) ^ (value >> 31)) >>> 0;
  let bytes = 1;
  while (v >= 0x80) {
    v >>>= 7;
    bytes++;
  }
  return bytes;
}

/** Writes a zig-zag varint; returns the position after it. */
export function writeVarint(buf: Uint8Array, pos: number, value: number): number {
  let v = ((value << 1) ^ (value >> 31)) >>> 0;
  while (v >= 0x80) {
    buf[pos++] = (v & 0x7f) | 0x80;
    v >>>= 7;
  }
  buf[pos++] = v;
  return pos;
}

function zigzagLong(value: number): number {
  return value >= 0 ? value * 2 : -value * 2 - 1;
}

/** Bytes needed by the zig-zag varlong of a safe integer. */
export function sizeOfVarlong(value: number): number {
  if (value >= -0x40000000 && value < 0x40000000) return sizeOfVarint(value);
  let v = zigzagLong(value);
  let bytes = 1;
  while (v >= 0x80) {
    v = Math.floor(v / 128);
    bytes++;
  }
  return bytes;
}

/** Writes a zig-zag varlong; returns the position after it. */
export function writeVarlong(buf: Uint8Array, pos: number, value: number): number {
  if (value >= -0x40000000 && value < 0x40000000) return writeVarint(buf, pos, value);
  let v = zigzagLong(value);
  while (v >= 0x80) {
    buf[pos++] = (v % 128) | 0x80;
    v = Math.floor(v / 128);
  }
  buf[pos++] = v;
  return pos;
}

/** A cursor over a buffer for reading varints; `pos` advances as values are read. */
export class VarintReader {
  constructor(
    readonly buf: Uint8Array,
    public pos: number,
  ) {}

  /** Reads a zig-zag varint (at most 5 bytes). */
  varint(): number {
    const buf = this.buf;
    let result = 0;
    let shift = 0;
    let byte: number;
    do {
      if (shift > 28) throw new RangeError("varint is longer than 5 bytes");
      byte = buf[this.pos++]!;
      if (byte === undefined) throw new RangeError("varint runs past the end of the buffer");
      result |= (byte & 0x7f) << shift;
      shift += 7;
    } while (byte & 0x80);
    return (result >>> 1) ^ -(result & 1);
  }

  /** Reads a zig-zag varlong (at most 10 bytes) as a JavaScript number. */
  varlong(): number {
    const buf = this.buf;
    let result = 0;
    let multiplier = 1;
    let byte: number;
    let count = 0;
    do {
      if (++count > 10) throw new RangeError("varlong is longer than 10 bytes");
      byte = buf[this.pos++]!;
      if (byte === undefined) throw new RangeError("varlong runs past the end of the buffer");
      result += (byte & 0x7f) * multiplier;
      multiplier *= 128;
    } while (byte & 0x80);
    return result % 2 === 0 ? result / 2 : -(result + 1) / 2;
  }
}
