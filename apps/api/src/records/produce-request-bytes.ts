import type { ProduceRecord } from "@skein/broker";
import { decodeStrictBase64 } from "../common/strict-base64.js";
import type { DataReport, ParsedProduceRequest } from "./produce-request.js";

/**
 * The common v3 produce request read straight from the request's bytes, without JSON.parse and the objects it
 * makes: `{"partition_id": n, "key": {"type": "STRING" | "BINARY", "data": "..."}, "value": {...}}` in any order,
 * with `headers` empty or null. Keys and values of STRING records are views into the body (the engine copies them
 * into its batch). Anything else — another field or type, an escape or a non-ASCII byte in a string, a number that
 * is not a plain integer, a repeated field, malformed JSON — is left to `JSON.parse` and `parseProduceRequest`
 * (null), which give it its exact meaning or its error; what this accepts, they would read the same.
 */
export function parseProduceRequestBytes(body: Buffer, start: number, end: number): { request: ParsedProduceRequest; end: number } | null {
  const reader = new Reader(body, start, end);
  if (!reader.take(OPEN_BRACE)) return null;
  const record: ProduceRecord = { key: null, value: null };
  let key: DataReport | undefined;
  let value: DataReport | undefined;
  let seen = 0;
  if (!reader.take(CLOSE_BRACE)) {
    do {
      const field = reader.name(REQUEST_FIELDS);
      if (field === -1 || !reader.take(COLON)) return null;
      const bit = 1 << field;
      if (seen & bit) return null;
      seen |= bit;
      if (field === PARTITION_ID) {
        if (reader.takeNull()) continue;
        const partition = reader.integer();
        if (partition === null || partition < 0 || partition > 2147483647) return null;
        record.partition = partition;
      } else if (field === HEADERS) {
        if (reader.takeNull()) continue;
        if (!reader.take(OPEN_BRACKET) || !reader.take(CLOSE_BRACKET)) return null;
        record.headers = [];
      } else {
        if (reader.takeNull()) continue;
        const data = reader.data();
        if (data === null) return null;
        if (field === KEY) {
          record.key = data.bytes;
          key = data.report;
        } else {
          record.value = data.bytes;
          value = data.report;
        }
      }
    } while (reader.take(COMMA));
    if (!reader.take(CLOSE_BRACE)) return null;
  }
  return { request: { record, key, value }, end: reader.pos };
}

/** The fields of a request and of its key or value, as bytes to match names against without making strings. */
const REQUEST_FIELDS = ["partition_id", "headers", "key", "value"].map((name) => Buffer.from(name));
const PARTITION_ID = 0;
const HEADERS = 1;
const KEY = 2;
const DATA_FIELDS = ["type", "data"].map((name) => Buffer.from(name));
const TYPE = 0;
const TYPES = ["STRING", "BINARY"].map((name) => Buffer.from(name));
const STRING = 0;

const SPACE = 0x20;
const TAB = 0x09;
const LF = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const MINUS = 0x2d;
const ZERO = 0x30;
const NINE = 0x39;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const N = 0x6e;
const U = 0x75;
const L = 0x6c;

/** A cursor over the bytes of one JSON value, skipping JSON whitespace before each token. */
class Reader {
  /** Where the last plain string's content starts and ends. */
  private stringStart = 0;
  private stringEnd = 0;

  constructor(
    private readonly buf: Buffer,
    public pos: number,
    private readonly end: number,
  ) {}

  /** Consumes `byte` (after whitespace) when it comes next. */
  take(byte: number): boolean {
    this.skipSpace();
    if (this.pos < this.end && this.buf[this.pos] === byte) {
      this.pos++;
      return true;
    }
    return false;
  }

  /** Consumes `null` when it comes next and ends there. */
  takeNull(): boolean {
    this.skipSpace();
    const buf = this.buf;
    const at = this.pos;
    if (at + 4 > this.end || buf[at] !== N || buf[at + 1] !== U || buf[at + 2] !== L || buf[at + 3] !== L) return false;
    if (at + 4 < this.end && !isValueEnd(buf[at + 4]!)) return false;
    this.pos = at + 4;
    return true;
  }

  /** A plain string (see `plainString`) equal to one of `names`: its index, or -1. */
  name(names: readonly Buffer[]): number {
    if (!this.plainString()) return -1;
    const start = this.stringStart;
    const end = this.stringEnd;
    for (let i = 0; i < names.length; i++) {
      const candidate = names[i]!;
      if (candidate.length !== end - start) continue;
      let same = true;
      for (let j = 0; j < candidate.length && same; j++) same = this.buf[start + j] === candidate[j];
      if (same) return i;
    }
    return -1;
  }

  /** A plain JSON integer (`-?(0|[1-9][0-9]*)` followed by a value's end) within the safe range, or null. */
  integer(): number | null {
    this.skipSpace();
    const buf = this.buf;
    let pos = this.pos;
    const negative = buf[pos] === MINUS;
    if (negative) pos++;
    const first = pos;
    let value = 0;
    while (pos < this.end && buf[pos]! >= ZERO && buf[pos]! <= NINE) value = value * 10 + (buf[pos++]! - ZERO);
    const digits = pos - first;
    if (digits === 0 || digits > 15 || (digits > 1 && buf[first] === ZERO)) return null;
    if (pos < this.end && !isValueEnd(buf[pos]!)) return null;
    this.pos = pos;
    return negative ? -value : value;
  }

  /** `{"type": "STRING" | "BINARY", "data": "..." | null}` (either order, data optional) as bytes and report, or null. */
  data(): { bytes: Buffer | null; report: DataReport } | null {
    if (!this.take(OPEN_BRACE)) return null;
    let type: "STRING" | "BINARY" | undefined;
    /** -2: not given, -1: null, else where the data string starts (`dataEnd` its end). */
    let dataStart = -2;
    let dataEnd = 0;
    if (!this.take(CLOSE_BRACE)) {
      do {
        const field = this.name(DATA_FIELDS);
        if (field === -1 || !this.take(COLON)) return null;
        if (field === TYPE && type === undefined) {
          const known = this.name(TYPES);
          if (known === -1) return null;
          type = known === STRING ? "STRING" : "BINARY";
        } else if (field !== TYPE && dataStart === -2) {
          if (this.takeNull()) {
            dataStart = -1;
          } else {
            if (!this.plainString()) return null;
            dataStart = this.stringStart;
            dataEnd = this.stringEnd;
          }
        } else {
          return null;
        }
      } while (this.take(COMMA));
      if (!this.take(CLOSE_BRACE)) return null;
    }
    if (type === undefined) return null;
    if (dataStart < 0) return { bytes: null, report: { type, size: 0 } };
    let bytes: Buffer | null;
    if (type === "STRING") {
      bytes = this.buf.subarray(dataStart, dataEnd);
    } else {
      bytes = decodeStrictBase64(this.buf.toString("latin1", dataStart, dataEnd));
      if (bytes === null) return null;
    }
    return { bytes, report: { type, size: bytes.length } };
  }

  /**
   * Consumes a string holding only printable ASCII without escapes (its content in `stringStart`, `stringEnd`);
   * false for anything else.
   */
  private plainString(): boolean {
    if (!this.take(QUOTE)) return false;
    const buf = this.buf;
    const start = this.pos;
    for (let pos = start; pos < this.end; pos++) {
      const c = buf[pos]!;
      if (c === QUOTE) {
        this.stringStart = start;
        this.stringEnd = pos;
        this.pos = pos + 1;
        return true;
      }
      if (c === BACKSLASH || c < SPACE || c >= 0x7f) return false;
    }
    return false;
  }

  private skipSpace(): void {
    const buf = this.buf;
    while (this.pos < this.end) {
      const c = buf[this.pos]!;
      if (c !== SPACE && c !== LF && c !== CR && c !== TAB) return;
      this.pos++;
    }
  }
}

/** Bytes that may follow a number or literal inside an object. */
function isValueEnd(c: number): boolean {
  return c === COMMA || c === CLOSE_BRACE || c === CLOSE_BRACKET || c === SPACE || c === LF || c === CR || c === TAB;
}
