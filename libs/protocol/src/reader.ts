import { ProtocolDecodeError } from "./errors.js";
import type { RawTaggedField } from "./tagged-fields.js";

const MAX_SAFE = Number.MAX_SAFE_INTEGER;

/** Node's Buffer has `utf8Slice(start, end)` (decoding with replacement characters), which @types/node omits. */
interface Utf8Sliceable {
  utf8Slice(start: number, end: number): string;
}

/**
 * Reads Kafka's primitive types from one buffer, big-endian, checking every read against the bytes that remain
 * (`end`), so that a length or count from the wire never makes a decoder read past its input or allocate more than
 * the input can describe. `bytes` and `records` come back as views into the input (no copy); strings are decoded as
 * UTF-8 with replacement characters for invalid bytes, as Java's `new String(bytes, UTF_8)` does in Kafka.
 *
 * int64 values come back as `number`: exact for |value| < 2^53, a ProtocolDecodeError beyond (Skein produces no
 * offset, timestamp or producer id that large).
 */
export class Reader {
  /** Position of the next byte to read. */
  pos: number;
  /** End of the readable range: the buffer's end, or the end of the tagged field being read. */
  end: number;

  constructor(
    readonly buf: Buffer,
    offset = 0,
    end = buf.length,
  ) {
    this.pos = offset;
    this.end = end;
  }

  /** Bytes left before `end`. */
  remaining(): number {
    return this.end - this.pos;
  }

  private need(bytes: number): number {
    const at = this.pos;
    if (at + bytes > this.end) throw this.truncated(bytes);
    this.pos = at + bytes;
    return at;
  }

  private truncated(bytes: number): ProtocolDecodeError {
    return new ProtocolDecodeError(`Truncated message: needed ${bytes} byte(s) at position ${this.pos}, but only ${this.end - this.pos} remain.`);
  }

  int8(): number {
    const at = this.need(1);
    return (this.buf[at]! << 24) >> 24;
  }

  bool(): boolean {
    return this.buf[this.need(1)] !== 0;
  }

  int16(): number {
    const at = this.need(2);
    const b = this.buf;
    return ((b[at]! << 24) | (b[at + 1]! << 16)) >> 16;
  }

  uint16(): number {
    const at = this.need(2);
    const b = this.buf;
    return (b[at]! << 8) | b[at + 1]!;
  }

  int32(): number {
    const at = this.need(4);
    const b = this.buf;
    return (b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!;
  }

  uint32(): number {
    return this.int32() >>> 0;
  }

  /** int64 as an exact `number`; a ProtocolDecodeError when |value| ≥ 2^53. */
  int64(): number {
    const at = this.need(8);
    const b = this.buf;
    const hi = (b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!;
    const lo = ((b[at + 4]! << 24) | (b[at + 5]! << 16) | (b[at + 6]! << 8) | b[at + 7]!) >>> 0;
    const value = hi * 4294967296 + lo;
    if (value > MAX_SAFE || value < -MAX_SAFE) {
      throw new ProtocolDecodeError(`An int64 at position ${at} is beyond ±2^53, which Skein does not represent exactly.`);
    }
    return value;
  }

  float64(): number {
    return this.buf.readDoubleBE(this.need(8));
  }

  /** A uuid as Kafka prints it (`Uuid.toString()`): 22 characters of URL-safe base64 without padding. */
  uuid(): string {
    const at = this.need(16);
    return this.buf.toString("base64url", at, at + 16);
  }

  /** An unsigned varint of at most 5 bytes (a 32-bit value). */
  unsignedVarint(): number {
    const b = this.buf;
    let at = this.pos;
    const end = this.end;
    if (at < end && b[at]! < 0x80) {
      this.pos = at + 1;
      return b[at]!;
    }
    let value = 0;
    for (let shift = 0; shift < 35; shift += 7) {
      if (at >= end) throw this.truncated(1);
      const byte = b[at++]!;
      value += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) {
        if (value > 0xffffffff) break;
        this.pos = at;
        return value;
      }
    }
    throw new ProtocolDecodeError(`Malformed unsigned varint at position ${this.pos}: longer than 5 bytes or above 2^32.`);
  }

  private utf8(length: number): string {
    if (length === 0) return "";
    const at = this.need(length);
    // Buffer's own utf8Slice (what toString("utf8") calls after normalizing its arguments): twice as fast for names.
    return (this.buf as unknown as Utf8Sliceable).utf8Slice(at, at + length);
  }

  private view(length: number): Buffer {
    const at = this.need(length);
    return this.buf.subarray(at, at + length);
  }

  /** STRING: int16 length, then UTF-8; null (-1) is an error. */
  string(field: string): string {
    const length = this.int16();
    if (length < 0) throw nullLength(field, length);
    return this.utf8(length);
  }

  /** NULLABLE_STRING: int16 length (-1 for null), then UTF-8. */
  nullableString(field: string): string | null {
    const length = this.int16();
    if (length < 0) {
      if (length === -1) return null;
      throw nullLength(field, length);
    }
    return this.utf8(length);
  }

  /** COMPACT_STRING: unsigned varint of length + 1, then UTF-8; null (0) is an error. */
  compactString(field: string): string {
    const length = this.compactLength();
    if (length < 0) throw nullLength(field, length);
    if (length > 0x7fff) throw new ProtocolDecodeError(`String field ${field} has invalid length ${length}.`);
    return this.utf8(length);
  }

  /** COMPACT_NULLABLE_STRING: unsigned varint of length + 1 (0 for null), then UTF-8. */
  compactNullableString(field: string): string | null {
    const length = this.compactLength();
    if (length < 0) return null;
    if (length > 0x7fff) throw new ProtocolDecodeError(`String field ${field} has invalid length ${length}.`);
    return this.utf8(length);
  }

  /** BYTES (and RECORDS): int32 length, then the bytes as a view into the input; null is an error. */
  bytes(field: string): Buffer {
    const length = this.int32();
    if (length < 0) throw nullLength(field, length);
    return this.view(length);
  }

  /** NULLABLE_BYTES (and nullable RECORDS): int32 length (-1 for null), then a view into the input. */
  nullableBytes(field: string): Buffer | null {
    const length = this.int32();
    if (length < 0) {
      if (length === -1) return null;
      throw nullLength(field, length);
    }
    return this.view(length);
  }

  /** COMPACT_BYTES: unsigned varint of length + 1, then a view into the input; null is an error. */
  compactBytes(field: string): Buffer {
    const length = this.compactLength();
    if (length < 0) throw nullLength(field, length);
    return this.view(length);
  }

  /** COMPACT_NULLABLE_BYTES: unsigned varint of length + 1 (0 for null), then a view into the input. */
  compactNullableBytes(): Buffer | null {
    const length = this.compactLength();
    return length < 0 ? null : this.view(length);
  }

  /**
   * ARRAY count (int32), checked against the bytes that remain: `minElementSize` is the fewest bytes one element
   * takes (at least 1 is assumed), so a huge count in a short input fails here, before any allocation or loop.
   */
  arrayLength(field: string, minElementSize: number): number {
    const count = this.int32();
    if (count < 0) throw nullLength(field, count);
    return this.checkCount(field, count, minElementSize);
  }

  /** Nullable ARRAY count: -1 for null. */
  nullableArrayLength(field: string, minElementSize: number): number {
    const count = this.int32();
    if (count < 0) {
      if (count === -1) return -1;
      throw nullLength(field, count);
    }
    return this.checkCount(field, count, minElementSize);
  }

  /** COMPACT_ARRAY count (unsigned varint of count + 1); null is an error. */
  compactArrayLength(field: string, minElementSize: number): number {
    const count = this.compactLength();
    if (count < 0) throw nullLength(field, count);
    return this.checkCount(field, count, minElementSize);
  }

  /** Nullable COMPACT_ARRAY count: -1 for null. */
  compactNullableArrayLength(field: string, minElementSize: number): number {
    const count = this.compactLength();
    return count < 0 ? -1 : this.checkCount(field, count, minElementSize);
  }

  private compactLength(): number {
    return this.unsignedVarint() - 1;
  }

  private checkCount(field: string, count: number, minElementSize: number): number {
    if (count * (minElementSize > 1 ? minElementSize : 1) > this.end - this.pos) {
      throw new ProtocolDecodeError(
        `Field ${field} claims ${count} element(s) of at least ${minElementSize || 1} byte(s), but only ${this.end - this.pos} byte(s) remain.`,
      );
    }
    return count;
  }

  /** The presence marker of a nullable struct (int8: negative for null). */
  structPresent(): boolean {
    return this.int8() >= 0;
  }

  /** The number of tagged fields that follow; each takes at least 2 bytes (tag and size). */
  taggedFieldCount(): number {
    const count = this.unsignedVarint();
    if (count * 2 > this.end - this.pos) {
      throw new ProtocolDecodeError(`The message claims ${count} tagged field(s), but only ${this.end - this.pos} byte(s) remain.`);
    }
    return count;
  }

  /** The size of the tagged field whose tag was just read, checked against the bytes that remain. */
  taggedFieldSize(): number {
    const size = this.unsignedVarint();
    if (size > this.end - this.pos) throw this.truncated(size);
    return size;
  }

  /** A tagged field this code does not know, kept raw (a view into the input). */
  unknownTaggedField(tag: number, size: number): RawTaggedField {
    return { tag, data: this.view(size) };
  }

  /** A whole tagged-field section in which no tag is known here: undefined when it is empty (the usual case). */
  unknownTaggedFields(): RawTaggedField[] | undefined {
    let count = this.taggedFieldCount();
    if (count === 0) return undefined;
    const fields: RawTaggedField[] = [];
    for (; count > 0; count--) {
      const tag = this.unsignedVarint();
      fields.push(this.unknownTaggedField(tag, this.taggedFieldSize()));
    }
    return fields;
  }

  /** Restricts reading to the next `size` bytes (one known tagged field); returns the previous end for `leaveTaggedField`. */
  enterTaggedField(size: number): number {
    const outer = this.end;
    this.end = this.pos + size;
    return outer;
  }

  /** Checks that the known tagged field filled exactly its size, then restores the outer end. */
  leaveTaggedField(outer: number, field: string): void {
    if (this.pos !== this.end) {
      throw new ProtocolDecodeError(`Tagged field ${field} has ${this.end - this.pos} byte(s) more than its value.`);
    }
    this.end = outer;
  }
}

function nullLength(field: string, length: number): ProtocolDecodeError {
  return length === -1
    ? new ProtocolDecodeError(`Non-nullable field ${field} was serialized as null.`)
    : new ProtocolDecodeError(`Field ${field} has invalid length ${length}.`);
}
