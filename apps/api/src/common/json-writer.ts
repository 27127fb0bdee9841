/**
 * JSON written straight into bytes: the hot paths that send many records (a WebSocket `records` frame, a v2
 * consumer's `GET records`) write each record's text from the batch bytes the engine read, without building an
 * object per record and a string of the whole answer first. The caller writes the punctuation; the writer grows
 * its buffer as needed.
 */
export class JsonWriter {
  private buf: Buffer;
  private pos = 0;

  constructor(initialBytes = 64 * 1024) {
    this.buf = Buffer.allocUnsafe(Math.max(64, initialBytes));
  }

  get length(): number {
    return this.pos;
  }

  /** Text known to need no escaping (keys, punctuation, numbers formatted by the caller): written as Latin-1. */
  raw(text: string): this {
    const length = text.length;
    this.reserve(length);
    if (length > SHORT_TEXT) {
      this.pos += this.buf.write(text, this.pos, "latin1");
      return this;
    }
    // Short pieces are copied here: a call into the native write costs more than the copy.
    const buf = this.buf;
    let pos = this.pos;
    for (let i = 0; i < length; i++) buf[pos++] = text.charCodeAt(i);
    this.pos = pos;
    return this;
  }

  /** Bytes of text known to need no escaping (constant pieces encoded once, with `jsonBytes`). */
  bytes(text: Uint8Array): this {
    const length = text.length;
    this.reserve(length);
    const buf = this.buf;
    let pos = this.pos;
    for (let i = 0; i < length; i++) buf[pos++] = text[i]!;
    this.pos = pos;
    return this;
  }

  /** A safe integer, in decimal digits. */
  integer(value: number): this {
    if (!Number.isSafeInteger(value)) return this.raw(String(value));
    this.reserve(17);
    const buf = this.buf;
    if (value < 0) {
      buf[this.pos++] = MINUS;
      value = -value;
    }
    let digits = 1;
    for (let rest = value; rest >= 10; rest = Math.floor(rest / 10)) digits++;
    let pos = this.pos + digits;
    this.pos = pos;
    do {
      const quotient = Math.floor(value / 10);
      buf[--pos] = ZERO + (value - quotient * 10);
      value = quotient;
    } while (value > 0);
    return this;
  }

  /** A JSON string of `text`, escaped by JSON.stringify. */
  string(text: string): this {
    const json = JSON.stringify(text);
    this.reserve(Buffer.byteLength(json));
    this.pos += this.buf.write(json, this.pos, "utf8");
    return this;
  }

  /** A JSON string holding `data[start, end)` in base64 (encoded here: no string per value to collect). */
  base64String(data: Buffer, start: number, end: number): this {
    this.reserve(4 * Math.ceil((end - start) / 3) + 2);
    const buf = this.buf;
    let pos = this.pos;
    buf[pos++] = QUOTE;
    let i = start;
    for (const whole = end - ((end - start) % 3); i < whole; i += 3) {
      const n = (data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!;
      buf[pos] = BASE64[n >>> 18]!;
      buf[pos + 1] = BASE64[(n >>> 12) & 63]!;
      buf[pos + 2] = BASE64[(n >>> 6) & 63]!;
      buf[pos + 3] = BASE64[n & 63]!;
      pos += 4;
    }
    if (end - i === 1) {
      const n = data[i]! << 16;
      buf[pos] = BASE64[n >>> 18]!;
      buf[pos + 1] = BASE64[(n >>> 12) & 63]!;
      buf[pos + 2] = PAD;
      buf[pos + 3] = PAD;
      pos += 4;
    } else if (end - i === 2) {
      const n = (data[i]! << 16) | (data[i + 1]! << 8);
      buf[pos] = BASE64[n >>> 18]!;
      buf[pos + 1] = BASE64[(n >>> 12) & 63]!;
      buf[pos + 2] = BASE64[(n >>> 6) & 63]!;
      buf[pos + 3] = PAD;
      pos += 4;
    }
    buf[pos++] = QUOTE;
    this.pos = pos;
    return this;
  }

  /**
   * A JSON string of the UTF-8 text `data[start, end)`, as `JSON.stringify(data.toString("utf8", start, end))` writes
   * it (malformed UTF-8 becomes U+FFFD): plain ASCII is copied as is, anything else goes through the string.
   */
  utf8String(data: Buffer, start: number, end: number): this {
    for (let i = start; i < end; i++) {
      const byte = data[i]!;
      if (byte < 0x20 || byte >= 0x7f || byte === QUOTE || byte === BACKSLASH) return this.string(data.toString("utf8", start, end));
    }
    this.reserve(end - start + 2);
    const buf = this.buf;
    buf[this.pos++] = QUOTE;
    this.pos += data.copy(buf, this.pos, start, end);
    buf[this.pos++] = QUOTE;
    return this;
  }

  /** Any JSON value, through JSON.stringify (headers and other rare parts). */
  value(value: unknown): this {
    const json = JSON.stringify(value);
    this.reserve(Buffer.byteLength(json));
    this.pos += this.buf.write(json, this.pos, "utf8");
    return this;
  }

  /** Drops what was written after `length` (a record that turned out not to belong). */
  truncate(length: number): void {
    this.pos = Math.min(this.pos, length);
  }

  /** What was written: a view of the writer's buffer, so nothing more may be written once it is taken. */
  toBuffer(): Buffer {
    return this.buf.subarray(0, this.pos);
  }

  private reserve(bytes: number): void {
    if (this.pos + bytes <= this.buf.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.pos + bytes));
    this.buf.copy(grown, 0, 0, this.pos);
    this.buf = grown;
  }
}

/** A constant piece of JSON as bytes, for `JsonWriter.bytes`. */
export function jsonBytes(text: string): Uint8Array {
  return Uint8Array.from(text, (c) => c.charCodeAt(0));
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const MINUS = 0x2d;
const ZERO = 0x30;
const PAD = 0x3d;
/** Longer text is written by the native Latin-1 write, shorter text copied in JavaScript. */
const SHORT_TEXT = 32;
const BASE64 = Uint8Array.from("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/", (c) => c.charCodeAt(0));
