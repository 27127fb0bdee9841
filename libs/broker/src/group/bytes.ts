import { InvalidRequestError } from "../errors.js";

/**
 * Kafka's primitive types (big-endian integers, int16-length strings, int32-length bytes, arrays) and the compact
 * forms of flexible versions (unsigned-varint lengths plus one, tagged fields), as the generated message classes
 * write them. Enough for the small coordinator and consumer-protocol schemas; the wire codecs bring their own.
 */
export class ByteWriter {
  private buf = Buffer.allocUnsafe(128);
  private pos = 0;

  private ensure(bytes: number): void {
    if (this.pos + bytes <= this.buf.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.pos + bytes));
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
  }

  int16(value: number): this {
    this.ensure(2);
    this.pos = this.buf.writeInt16BE(value, this.pos);
    return this;
  }

  int32(value: number): this {
    this.ensure(4);
    this.pos = this.buf.writeInt32BE(value, this.pos);
    return this;
  }

  int64(value: number): this {
    this.ensure(8);
    this.pos = this.buf.writeBigInt64BE(BigInt(value), this.pos);
    return this;
  }

  unsignedVarint(value: number): this {
    this.ensure(5);
    let v = value >>> 0;
    while (v >= 0x80) {
      this.buf[this.pos++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    this.buf[this.pos++] = v;
    return this;
  }

  raw(bytes: Uint8Array): this {
    this.ensure(bytes.length);
    this.buf.set(bytes, this.pos);
    this.pos += bytes.length;
    return this;
  }

  /** STRING / NULLABLE_STRING: int16 byte length (-1 for null), then UTF-8. */
  string(value: string | null): this {
    if (value === null) return this.int16(-1);
    const bytes = Buffer.from(value, "utf8");
    if (bytes.length > 0x7fff) throw new InvalidRequestError(`A string of ${bytes.length} bytes is longer than Kafka's limit of 32767.`);
    return this.int16(bytes.length).raw(bytes);
  }

  /** COMPACT_STRING / COMPACT_NULLABLE_STRING: unsigned varint of length + 1 (0 for null), then UTF-8. */
  compactString(value: string | null): this {
    if (value === null) return this.unsignedVarint(0);
    const bytes = Buffer.from(value, "utf8");
    return this.unsignedVarint(bytes.length + 1).raw(bytes);
  }

  /** BYTES / NULLABLE_BYTES: int32 length (-1 for null), then the bytes. */
  bytes(value: Uint8Array | null): this {
    if (value === null) return this.int32(-1);
    return this.int32(value.length).raw(value);
  }

  /** COMPACT_BYTES / COMPACT_NULLABLE_BYTES. */
  compactBytes(value: Uint8Array | null): this {
    if (value === null) return this.unsignedVarint(0);
    return this.unsignedVarint(value.length + 1).raw(value);
  }

  /** ARRAY: int32 count, then each element. */
  array<T>(items: readonly T[], write: (item: T) => void): this {
    this.int32(items.length);
    for (const item of items) write(item);
    return this;
  }

  /** COMPACT_ARRAY: unsigned varint of count + 1, then each element. */
  compactArray<T>(items: readonly T[], write: (item: T) => void): this {
    this.unsignedVarint(items.length + 1);
    for (const item of items) write(item);
    return this;
  }

  /** An empty tagged-field section (what a writer with no tagged values emits). */
  emptyTaggedFields(): this {
    return this.unsignedVarint(0);
  }

  toBuffer(): Buffer {
    return Buffer.from(this.buf.subarray(0, this.pos));
  }
}

/** Reads what `ByteWriter` writes; throws `InvalidRequestError` naming the schema when the bytes end early. */
export class ByteReader {
  private pos = 0;

  constructor(
    private readonly buf: Buffer,
    private readonly schema: string,
  ) {}

  get remaining(): number {
    return this.buf.length - this.pos;
  }

  private need(bytes: number): void {
    if (bytes < 0 || this.pos + bytes > this.buf.length) {
      throw new InvalidRequestError(`Malformed ${this.schema}: needed ${bytes} byte(s) at position ${this.pos} of ${this.buf.length}.`);
    }
  }

  int16(): number {
    this.need(2);
    const value = this.buf.readInt16BE(this.pos);
    this.pos += 2;
    return value;
  }

  int32(): number {
    this.need(4);
    const value = this.buf.readInt32BE(this.pos);
    this.pos += 4;
    return value;
  }

  int64(): number {
    this.need(8);
    const value = Number(this.buf.readBigInt64BE(this.pos));
    this.pos += 8;
    return value;
  }

  unsignedVarint(): number {
    let value = 0;
    for (let shift = 0; shift < 35; shift += 7) {
      this.need(1);
      const byte = this.buf[this.pos++]!;
      value |= (byte & 0x7f) << shift;
      if ((byte & 0x80) === 0) return value >>> 0;
    }
    throw new InvalidRequestError(`Malformed ${this.schema}: an unsigned varint is longer than 5 bytes.`);
  }

  private take(length: number): Buffer {
    this.need(length);
    const slice = this.buf.subarray(this.pos, this.pos + length);
    this.pos += length;
    return slice;
  }

  string(): string {
    const value = this.nullableString();
    if (value === null) throw new InvalidRequestError(`Malformed ${this.schema}: a non-nullable string is null.`);
    return value;
  }

  nullableString(): string | null {
    const length = this.int16();
    return length < 0 ? null : this.take(length).toString("utf8");
  }

  compactString(): string {
    const value = this.compactNullableString();
    if (value === null) throw new InvalidRequestError(`Malformed ${this.schema}: a non-nullable string is null.`);
    return value;
  }

  compactNullableString(): string | null {
    const length = this.unsignedVarint() - 1;
    return length < 0 ? null : this.take(length).toString("utf8");
  }

  /** BYTES / NULLABLE_BYTES, copied out of the source buffer. */
  nullableBytes(): Buffer | null {
    const length = this.int32();
    return length < 0 ? null : Buffer.from(this.take(length));
  }

  bytes(): Buffer {
    return this.nullableBytes() ?? Buffer.alloc(0);
  }

  compactNullableBytes(): Buffer | null {
    const length = this.unsignedVarint() - 1;
    return length < 0 ? null : Buffer.from(this.take(length));
  }

  compactBytes(): Buffer {
    return this.compactNullableBytes() ?? Buffer.alloc(0);
  }

  array<T>(read: () => T): T[] {
    const count = this.int32();
    if (count < 0) return [];
    const items: T[] = [];
    for (let i = 0; i < count; i++) items.push(read());
    return items;
  }

  compactArray<T>(read: () => T): T[] {
    const count = this.unsignedVarint() - 1;
    const items: T[] = [];
    for (let i = 0; i < count; i++) items.push(read());
    return items;
  }

  /** Skips a tagged-field section: these schemas define no tagged fields, so every tag is unknown. */
  skipTaggedFields(): void {
    const count = this.unsignedVarint();
    for (let i = 0; i < count; i++) {
      this.unsignedVarint();
      this.take(this.unsignedVarint());
    }
  }
}
