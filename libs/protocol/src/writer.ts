import { ProtocolEncodeError } from "./errors.js";
import type { RawTaggedField } from "./tagged-fields.js";

/** Small writes are copied into regions of shared slabs of this size (as Node's own Buffer pool does). */
const SLAB_SIZE = 64 * 1024;
/** A writer claims slab space in steps of this size, extending its region while nobody else claimed after it. */
const CLAIM_STEP = 4096;
/** Bytes and records at least this long are passed through as their own chunk instead of being copied. */
const PASS_THROUGH_BYTES = 1024;

let slab = Buffer.allocUnsafeSlow(SLAB_SIZE);
let slabUsed = 0;

const UUID = /^[A-Za-z0-9_-]{21}[AQgw]$/;

/** The encoded bytes as a list of buffers (for `writev`) and their total length. */
export interface EncodedChunks {
  chunks: Buffer[];
  length: number;
}

/**
 * Writes Kafka's primitive types, big-endian. Small values are copied into pooled slab memory; `bytes`/`records`
 * values of 1 KiB or more become chunks of their own, so a Fetch response's record batches are never copied.
 * `finish()` returns the chunks; a slab region handed out is never written again, so chunks stay valid until the
 * socket has written them. Every value is checked against its type's range: an encoder never truncates silently.
 */
export class Writer {
  private readonly chunks: Buffer[] = [];
  private chunkBytes = 0;
  private buf: Buffer;
  private start: number;
  private pos: number;
  private limit: number;
  private finished = false;

  constructor() {
    if (SLAB_SIZE - slabUsed < CLAIM_STEP) newSlab();
    this.buf = slab;
    this.start = this.pos = slabUsed;
    this.limit = slabUsed = Math.min(SLAB_SIZE, slabUsed + CLAIM_STEP);
  }

  /** Bytes written so far. */
  get length(): number {
    return this.chunkBytes + (this.pos - this.start);
  }

  private ensure(bytes: number): void {
    if (this.pos + bytes > this.limit) this.grow(bytes);
  }

  private grow(bytes: number): void {
    if (this.finished) throw new ProtocolEncodeError("This Writer was already finished.");
    if (this.buf === slab && slabUsed === this.limit && this.pos + bytes <= SLAB_SIZE) {
      this.limit = slabUsed = Math.min(SLAB_SIZE, Math.max(this.pos + bytes, this.limit + CLAIM_STEP));
      return;
    }
    this.cut();
    if (bytes > SLAB_SIZE / 4) {
      this.buf = Buffer.allocUnsafeSlow(bytes);
      this.start = this.pos = 0;
      this.limit = bytes;
      return;
    }
    if (SLAB_SIZE - slabUsed < Math.max(bytes, CLAIM_STEP)) newSlab();
    this.buf = slab;
    this.start = this.pos = slabUsed;
    this.limit = slabUsed = Math.min(SLAB_SIZE, slabUsed + Math.max(bytes, CLAIM_STEP));
  }

  /** Ends the current region as a chunk; writing goes on right after it. */
  private cut(): void {
    if (this.pos > this.start) {
      this.chunks.push(this.buf.subarray(this.start, this.pos));
      this.chunkBytes += this.pos - this.start;
      this.start = this.pos;
    }
  }

  /** The bytes written, as chunks (no copy), and their total length. The writer cannot be used afterwards. */
  finish(): EncodedChunks {
    this.cut();
    if (!this.finished && this.buf === slab && slabUsed === this.limit) slabUsed = this.pos;
    this.finished = true;
    this.limit = this.pos;
    return { chunks: this.chunks, length: this.chunkBytes };
  }

  /** The bytes written, copied into one buffer of their own (for values that are kept, such as stored records). */
  toBuffer(): Buffer {
    const { chunks, length } = this.finish();
    return Buffer.concat(chunks, length);
  }

  int8(value: number): void {
    if (((value << 24) >> 24) !== value) throw outOfRange("int8", value);
    this.ensure(1);
    this.buf[this.pos++] = value;
  }

  bool(value: boolean): void {
    if (typeof value !== "boolean") throw outOfRange("bool", value);
    this.ensure(1);
    this.buf[this.pos++] = value ? 1 : 0;
  }

  int16(value: number): void {
    if (((value << 16) >> 16) !== value) throw outOfRange("int16", value);
    this.ensure(2);
    const b = this.buf;
    const at = this.pos;
    b[at] = value >> 8;
    b[at + 1] = value;
    this.pos = at + 2;
  }

  uint16(value: number): void {
    if ((value & 0xffff) !== value) throw outOfRange("uint16", value);
    this.ensure(2);
    const b = this.buf;
    const at = this.pos;
    b[at] = value >> 8;
    b[at + 1] = value;
    this.pos = at + 2;
  }

  int32(value: number): void {
    if ((value | 0) !== value) throw outOfRange("int32", value);
    this.put32(value);
  }

  uint32(value: number): void {
    if (value >>> 0 !== value) throw outOfRange("uint32", value);
    this.put32(value);
  }

  private put32(value: number): void {
    this.ensure(4);
    const b = this.buf;
    const at = this.pos;
    b[at] = value >>> 24;
    b[at + 1] = value >>> 16;
    b[at + 2] = value >>> 8;
    b[at + 3] = value;
    this.pos = at + 4;
  }

  /** int64 from a `number`: exact for |value| < 2^53, which is all an encoder accepts. */
  int64(value: number): void {
    if (!Number.isSafeInteger(value)) throw outOfRange("int64 (a safe integer)", value);
    const hi = Math.floor(value / 4294967296);
    this.put32(hi);
    this.put32(value - hi * 4294967296);
  }

  float64(value: number): void {
    if (typeof value !== "number") throw outOfRange("float64", value);
    this.ensure(8);
    this.pos = this.buf.writeDoubleBE(value, this.pos);
  }

  /** A uuid in Kafka's string form (22 characters of URL-safe base64), written as its 16 bytes. */
  uuid(value: string, field: string): void {
    if (typeof value !== "string" || !UUID.test(value)) {
      throw new ProtocolEncodeError(`Field ${field} must be a uuid in Kafka's 22-character base64 form, not ${describe(value)}.`);
    }
    this.ensure(16);
    this.buf.write(value, this.pos, 16, "base64url");
    this.pos += 16;
  }

  /** An unsigned varint (at most 5 bytes). */
  unsignedVarint(value: number): void {
    if (value >>> 0 !== value) throw outOfRange("unsigned varint", value);
    this.ensure(5);
    const b = this.buf;
    let at = this.pos;
    while (value >= 0x80) {
      b[at++] = (value & 0x7f) | 0x80;
      value >>>= 7;
    }
    b[at++] = value;
    this.pos = at;
  }

  /** STRING: int16 length, then UTF-8. */
  string(value: string, field: string): void {
    if (typeof value !== "string") throw notNullable(field, value);
    const length = utf8Length(value);
    if (length > 0x7fff) throw tooLong(field, length);
    this.int16(length);
    this.utf8(value, length);
  }

  /** NULLABLE_STRING: int16 length (-1 for null), then UTF-8. */
  nullableString(value: string | null, field: string): void {
    if (value === null) this.int16(-1);
    else this.string(value, field);
  }

  /** COMPACT_STRING: unsigned varint of length + 1, then UTF-8. */
  compactString(value: string, field: string): void {
    if (typeof value !== "string") throw notNullable(field, value);
    const length = utf8Length(value);
    if (length > 0x7fff) throw tooLong(field, length);
    this.unsignedVarint(length + 1);
    this.utf8(value, length);
  }

  /** COMPACT_NULLABLE_STRING: unsigned varint of length + 1 (0 for null), then UTF-8. */
  compactNullableString(value: string | null, field: string): void {
    if (value === null) this.unsignedVarint(0);
    else this.compactString(value, field);
  }

  private utf8(value: string, length: number): void {
    this.ensure(length);
    const b = this.buf;
    const at = this.pos;
    if (length === value.length && length <= 32) {
      // ASCII (one byte per UTF-16 unit): a loop beats a call into C++ for the short names most fields hold.
      for (let i = 0; i < length; i++) b[at + i] = value.charCodeAt(i);
    } else {
      b.write(value, at, length, length === value.length ? "latin1" : "utf8");
    }
    this.pos = at + length;
  }

  /** BYTES and RECORDS: int32 length, then the bytes. */
  bytes(value: Uint8Array, field: string): void {
    if (!(value instanceof Uint8Array)) throw notNullable(field, value);
    this.int32(value.length);
    this.raw(value);
  }

  /** NULLABLE_BYTES and nullable RECORDS: int32 length (-1 for null), then the bytes. */
  nullableBytes(value: Uint8Array | null, field: string): void {
    if (value === null) this.int32(-1);
    else this.bytes(value, field);
  }

  /** COMPACT_BYTES and compact RECORDS: unsigned varint of length + 1, then the bytes. */
  compactBytes(value: Uint8Array, field: string): void {
    if (!(value instanceof Uint8Array)) throw notNullable(field, value);
    this.unsignedVarint(value.length + 1);
    this.raw(value);
  }

  /** COMPACT_NULLABLE_BYTES: unsigned varint of length + 1 (0 for null), then the bytes. */
  compactNullableBytes(value: Uint8Array | null, field: string): void {
    if (value === null) this.unsignedVarint(0);
    else this.compactBytes(value, field);
  }

  /** Raw bytes: copied when short, passed through as a chunk of their own when long. */
  raw(value: Uint8Array): void {
    const length = value.length;
    if (length >= PASS_THROUGH_BYTES) {
      this.cut();
      this.chunks.push(Buffer.isBuffer(value) ? value : Buffer.from(value.buffer, value.byteOffset, length));
      this.chunkBytes += length;
      return;
    }
    this.ensure(length);
    this.buf.set(value, this.pos);
    this.pos += length;
  }

  /** ARRAY count (int32). */
  arrayLength(items: readonly unknown[], field: string): void {
    if (!Array.isArray(items)) throw notNullable(field, items);
    this.int32(items.length);
  }

  /** Nullable ARRAY count: -1 for null. */
  nullableArrayLength(items: readonly unknown[] | null, field: string): void {
    if (items === null) this.int32(-1);
    else this.arrayLength(items, field);
  }

  /** COMPACT_ARRAY count: unsigned varint of count + 1. */
  compactArrayLength(items: readonly unknown[], field: string): void {
    if (!Array.isArray(items)) throw notNullable(field, items);
    this.unsignedVarint(items.length + 1);
  }

  /** Nullable COMPACT_ARRAY count: 0 for null. */
  compactNullableArrayLength(items: readonly unknown[] | null, field: string): void {
    if (items === null) this.unsignedVarint(0);
    else this.compactArrayLength(items, field);
  }

  /**
   * Writes one tagged field whose value `write` encodes: the tag, the value's size, then the value. Tagged fields are
   * rare and small, so the value is encoded once into a scratch writer to learn its size.
   */
  taggedField(tag: number, write: (w: Writer) => void): void {
    const scratch = new Writer();
    write(scratch);
    const { chunks, length } = scratch.finish();
    this.unsignedVarint(tag);
    this.unsignedVarint(length);
    for (const chunk of chunks) this.raw(chunk);
  }

  /** Writes the unknown tagged fields of `fields[from..]` whose tag is below `below`; returns the next index. */
  rawTaggedFields(fields: readonly RawTaggedField[], from: number, below: number): number {
    let i = from;
    for (; i < fields.length && fields[i]!.tag < below; i++) {
      const field = fields[i]!;
      this.unsignedVarint(field.tag);
      this.unsignedVarint(field.data.length);
      this.raw(field.data);
    }
    return i;
  }
}

function newSlab(): void {
  slab = Buffer.allocUnsafeSlow(SLAB_SIZE);
  slabUsed = 0;
}

/** The UTF-8 length of a string: its length when it is ASCII, which is what nearly every name on the wire is. */
function utf8Length(value: string): number {
  const length = value.length;
  if (length <= 32) {
    let i = 0;
    while (i < length && value.charCodeAt(i) < 0x80) i++;
    if (i === length) return length;
  }
  return Buffer.byteLength(value, "utf8");
}

function describe(value: unknown): string {
  return value === null ? "null" : value === undefined ? "undefined" : typeof value === "string" ? JSON.stringify(value) : String(value);
}

function outOfRange(type: string, value: unknown): ProtocolEncodeError {
  return new ProtocolEncodeError(`Cannot write ${describe(value)} as ${type}.`);
}

function notNullable(field: string, value: unknown): ProtocolEncodeError {
  return new ProtocolEncodeError(`Non-nullable field ${field} cannot be written as ${describe(value)}.`);
}

function tooLong(field: string, length: number): ProtocolEncodeError {
  return new ProtocolEncodeError(`Field ${field} is ${length} bytes of UTF-8, more than a Kafka string's 32767.`);
}
