const SPACE = 0x20;
const TAB = 0x09;
const LF = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

/** Thrown inside the scan only, to stop it at an oversized value. */
const TOO_LARGE = Symbol("too large");

/** Stands for a value nested deeper than the splitter's limit, in place of its text (which is never parsed). */
export const TOO_DEEP = Symbol("too deep");

/** A complete value's bytes (a view of the chunk when it lies in one), or TOO_DEEP. */
export type SplitValue = Buffer | typeof TOO_DEEP;

const enum Mode {
  Between,
  Container,
  TopLevelString,
  Literal,
}

/**
 * Splits a byte stream of concatenated JSON texts ("Concatenated JSON": `{...}{...}`, whitespace allowed between,
 * no separators) into the bytes of each value as soon as its last byte arrives, whatever the chunk boundaries.
 * It only finds where values end (brackets outside strings, string escapes); `JSON.parse` judges each value.
 * Scanning bytes is safe for UTF-8: no byte of a multi-byte character is an ASCII delimiter. A value nested deeper
 * than `maxDepth` comes out as TOO_DEEP: it is still delimited (the scan only counts), so the stream goes on after it.
 */
export class JsonStreamSplitter {
  private mode = Mode.Between;
  private depth = 0;
  /** The current value went deeper than the limit. */
  private tooDeep = false;
  private inString = false;
  private escaped = false;
  /** Bytes of the unfinished value from earlier chunks. */
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  /** A value passed the size limit: the stream cannot go on (the REST Proxy stops it too). */
  tooLarge = false;

  constructor(
    private readonly maxValueBytes: number,
    private readonly maxDepth = Number.POSITIVE_INFINITY,
  ) {}

  /** Whether a value has started and not ended. */
  get inValue(): boolean {
    return this.mode !== Mode.Between;
  }

  /** The values this chunk completes, in order; past the size limit, those before the oversized one and `tooLarge` set. */
  push(chunk: Buffer): SplitValue[] {
    const values: SplitValue[] = [];
    if (this.tooLarge) return values;
    try {
      this.scan(chunk, values);
    } catch (error) {
      if (error !== TOO_LARGE) throw error;
      this.tooLarge = true;
      this.reset();
    }
    return values;
  }

  private scan(chunk: Buffer, values: SplitValue[]): void {
    let start = this.mode === Mode.Between ? -1 : 0;
    const length = chunk.length;
    /** The next backslash at or after the scan position (-1: none left), found once per stretch. */
    let backslashAt = chunk.indexOf(BACKSLASH);
    for (let i = 0; i < length; i++) {
      const c = chunk[i]!;
      switch (this.mode) {
        case Mode.Between:
          if (c === SPACE || c === LF || c === CR || c === TAB) break;
          start = i;
          if (c === OPEN_BRACE || c === OPEN_BRACKET) {
            this.mode = Mode.Container;
            this.depth = 1;
          } else if (c === QUOTE) {
            this.mode = Mode.TopLevelString;
          } else if (isDelimiter(c)) {
            // A stray `}` or `,`: handed on alone, so that JSON.parse reports the syntax error.
            values.push(this.take(chunk, start, i + 1));
          } else {
            this.mode = Mode.Literal;
          }
          break;
        case Mode.Container:
          if (this.inString) {
            if (this.escaped) {
              this.escaped = false;
            } else if (c === BACKSLASH) {
              this.escaped = true;
            } else if (c === QUOTE) {
              this.inString = false;
            } else {
              // Most bytes are string contents: jump to the next quote or backslash instead of stepping byte by byte.
              if (backslashAt !== -1 && backslashAt <= i) backslashAt = chunk.indexOf(BACKSLASH, i + 1);
              const quote = chunk.indexOf(QUOTE, i + 1);
              const next = backslashAt === -1 ? quote : quote === -1 ? backslashAt : Math.min(quote, backslashAt);
              i = (next === -1 ? length : next) - 1;
            }
          } else if (c === QUOTE) {
            this.inString = true;
          } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
            if (++this.depth > this.maxDepth) this.tooDeep = true;
          } else if ((c === CLOSE_BRACE || c === CLOSE_BRACKET) && --this.depth === 0) {
            values.push(this.take(chunk, start, i + 1));
          }
          break;
        case Mode.TopLevelString:
          if (this.escaped) this.escaped = false;
          else if (c === BACKSLASH) this.escaped = true;
          else if (c === QUOTE) values.push(this.take(chunk, start, i + 1));
          break;
        case Mode.Literal:
          if (c === SPACE || c === LF || c === CR || c === TAB || isDelimiter(c) || c === QUOTE) {
            values.push(this.take(chunk, start, i));
            i--; // the delimiter starts the next value
          }
          break;
      }
    }
    if (this.mode !== Mode.Between) {
      const rest = chunk.subarray(start);
      this.pendingBytes += rest.length;
      if (this.pendingBytes > this.maxValueBytes) throw TOO_LARGE;
      this.pending.push(rest);
    }
  }

  /** At the end of the input: a bare literal still open is complete; an open object or string is returned as is, for JSON.parse to refuse. */
  end(): SplitValue[] {
    if (this.mode === Mode.Between || this.tooLarge) return [];
    const value = this.tooDeep ? TOO_DEEP : Buffer.concat(this.pending, this.pendingBytes);
    this.reset();
    return [value];
  }

  private take(chunk: Buffer, start: number, end: number): SplitValue {
    const bytes = this.pendingBytes + (end - start);
    if (bytes > this.maxValueBytes) throw TOO_LARGE;
    if (this.tooDeep) {
      this.reset();
      return TOO_DEEP;
    }
    let value: Buffer;
    if (this.pending.length === 0) {
      value = chunk.subarray(start, end);
    } else {
      this.pending.push(chunk.subarray(start, end));
      value = Buffer.concat(this.pending, bytes);
    }
    this.reset();
    return value;
  }

  private reset(): void {
    this.mode = Mode.Between;
    this.depth = 0;
    this.tooDeep = false;
    this.inString = false;
    this.escaped = false;
    this.pending = [];
    this.pendingBytes = 0;
  }
}

function isDelimiter(c: number): boolean {
  return c === OPEN_BRACE || c === CLOSE_BRACE || c === OPEN_BRACKET || c === CLOSE_BRACKET || c === COMMA || c === COLON;
}
