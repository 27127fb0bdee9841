import { readInt64BE } from "./int64.js";
import { BATCH_HEADER_SIZE, LOG_OVERHEAD, MAGIC_V2, batchLastOffset, validateBatch, type RecordBatchHeader } from "./record-batch.js";

/**
 * A full verification of one segment file, written without I/O ("sans-io"): the scan asks for bytes by yielding
 * read requests and reports what it finds by yielding events, so the same logic runs synchronously at recovery and
 * asynchronously, paced, in the scrubber and in read-time checks (see `segment-scan.ts` for the drivers).
 *
 * Every batch is checked whole: length, magic, CRC32C and offsets (above the previous batch's, inside the segment's
 * relative-offset range, below the next segment's base). At a bad batch the scan resynchronises on the next intact
 * batch — at the declared length when the header still holds, else by searching byte by byte for a batch that
 * passes every check — so one flipped bit costs only the batch that holds it, never the intact data after it.
 */

/** What the scan knows of the segment it verifies. */
export interface ScanBounds {
  /** The segment's base offset. */
  baseOffset: number;
  /** The next segment's base offset (offsets here must stay below it), or null for the log's last segment. */
  endOffset: number | null;
  /** The file's size in bytes. */
  size: number;
}

/** The scan wants bytes: a buffer holding the file from `position`, at least `length` bytes of it where the file has them. */
export interface ScanRead {
  kind: "read";
  position: number;
  length: number;
}

/** An intact batch; `data` is a view of its bytes, valid until the scan's next step. */
export interface ScanBatch {
  kind: "batch";
  header: RecordBatchHeader;
  position: number;
  size: number;
  data: Buffer;
}

/**
 * Bytes that hold no intact batch, from `position` to `end` (exclusive): the offsets they covered are `firstOffset`
 * to `lastOffset` as the neighbouring intact batches bound them; `lastOffset` is null when nothing after them bounds
 * it (a torn or corrupt tail of the log's last segment).
 */
export interface ScanCorrupt {
  kind: "corrupt";
  position: number;
  end: number;
  firstOffset: number;
  lastOffset: number | null;
  reason: string;
}

export type ScanStep = ScanRead | ScanBatch | ScanCorrupt;

/** A buffer answering a read request: the file's bytes from `start` on. */
export interface ScanWindow {
  buf: Buffer;
  start: number;
}

const MAX_RELATIVE_OFFSET = 0xffffffff;
const MIN_BATCH_LENGTH = BATCH_HEADER_SIZE - LOG_OVERHEAD;
const MAGIC_AT = 16;
const LAST_OFFSET_DELTA_AT = 23;
/** How much the scan asks for at a time when it only needs a header: reads in large chunks. */
export const SCAN_CHUNK_BYTES = 1 << 20;

/**
 * Scans the segment from `fromPosition` (a batch boundary; 0 for the whole file, with `previousLastOffset` the last
 * offset before it). Yields read requests (answer each with `next(window)`) and events (answer with `next()`).
 */
export function* scanSegment(bounds: ScanBounds, fromPosition = 0, previousLastOffset = bounds.baseOffset - 1): Generator<ScanStep, void, ScanWindow | undefined> {
  let window: ScanWindow = { buf: Buffer.alloc(0), start: 0 };
  /** Whether `window` holds [position, position + length), clipped to the file. */
  const covers = (position: number, length: number): boolean =>
    position >= window.start && Math.min(position + length, bounds.size) <= window.start + window.buf.length;
  /** Asks for [position, position + length) (clipped to the file); call only when `covers` is false. */
  function* read(position: number, length: number): Generator<ScanRead, void, ScanWindow | undefined> {
    const wanted = Math.min(length, bounds.size - position);
    const answer = yield { kind: "read", position, length: Math.max(wanted, SCAN_CHUNK_BYTES) };
    if (!answer || answer.start > position || answer.start + answer.buf.length < position + wanted) {
      throw new Error(`scan of segment ${bounds.baseOffset}: the read at ${position} did not return ${wanted} bytes`);
    }
    window = answer;
  }
  /** The length the batch at `position` declares (the window holds its header's first 12 bytes). */
  const declaredSize = (position: number): number => LOG_OVERHEAD + window.buf.readInt32BE(position - window.start + 8);

  /** The batch at `position` if it is intact and follows `previous`, else why not; the window holds what the header declares. */
  function verify(position: number, previous: number): RecordBatchHeader | string {
    const result = validateBatch(window.buf, position - window.start, window.buf.length);
    if (typeof result === "string") return result;
    const last = batchLastOffset(result);
    if (result.baseOffset <= previous) return `batch at position ${position} has offsets ${result.baseOffset}..${last}, not after offset ${previous}`;
    if (last - bounds.baseOffset > MAX_RELATIVE_OFFSET) return `batch at position ${position} has offsets ${result.baseOffset}..${last}, beyond the segment's range`;
    if (bounds.endOffset !== null && last >= bounds.endOffset) return `batch at position ${position} has offsets ${result.baseOffset}..${last}, overlapping the next segment at ${bounds.endOffset}`;
    return result;
  }

  /** Loads the batch at `position` into the window (as much of it as it declares and the file has), then verifies it. */
  function* check(position: number, previous: number): Generator<ScanRead, RecordBatchHeader | string, ScanWindow | undefined> {
    if (!covers(position, BATCH_HEADER_SIZE)) yield* read(position, BATCH_HEADER_SIZE);
    if (bounds.size - position < BATCH_HEADER_SIZE) return `only ${bounds.size - position} bytes left, less than a batch header`;
    const declared = declaredSize(position);
    if (declared >= BATCH_HEADER_SIZE && position + declared <= bounds.size && !covers(position, declared)) yield* read(position, declared);
    return verify(position, previous);
  }

  /** Whether the bytes at `position` (in the window) look like the start of a batch after `previous`: cheap checks before a CRC. */
  function plausible(position: number, previous: number): boolean {
    const at = position - window.start;
    const buf = window.buf;
    if (buf[at + MAGIC_AT] !== MAGIC_V2) return false;
    const length = buf.readInt32BE(at + 8);
    if (length < MIN_BATCH_LENGTH || position + LOG_OVERHEAD + length > bounds.size) return false;
    if (buf.readInt32BE(at + LAST_OFFSET_DELTA_AT) < 0) return false;
    const base = readInt64BE(buf, at);
    return base > previous && base - bounds.baseOffset <= MAX_RELATIVE_OFFSET && (bounds.endOffset === null || base < bounds.endOffset);
  }

  /** The position of the next intact batch after the bad one at `position`, or null when none follows. */
  function* resync(position: number, previous: number): Generator<ScanRead, number | null, ScanWindow | undefined> {
    if (bounds.size - position >= 12) {
      if (!covers(position, 12)) yield* read(position, 12);
      const declared = position + declaredSize(position);
      if (declared > position + BATCH_HEADER_SIZE && declared + BATCH_HEADER_SIZE <= bounds.size && typeof (yield* check(declared, previous)) !== "string") return declared;
    }
    for (let candidate = position + 1; candidate + BATCH_HEADER_SIZE <= bounds.size; candidate++) {
      if (!covers(candidate, BATCH_HEADER_SIZE)) yield* read(candidate, BATCH_HEADER_SIZE);
      if (!plausible(candidate, previous)) continue;
      if (typeof (yield* check(candidate, previous)) !== "string") return candidate;
    }
    return null;
  }

  let position = fromPosition;
  let previous = previousLastOffset;
  while (position < bounds.size) {
    // check() inlined: the common path allocates no generator per batch.
    if (!covers(position, BATCH_HEADER_SIZE)) yield* read(position, BATCH_HEADER_SIZE);
    let result: RecordBatchHeader | string;
    if (bounds.size - position < BATCH_HEADER_SIZE) {
      result = `only ${bounds.size - position} bytes left, less than a batch header`;
    } else {
      const declared = declaredSize(position);
      if (declared >= BATCH_HEADER_SIZE && position + declared <= bounds.size && !covers(position, declared)) yield* read(position, declared);
      result = verify(position, previous);
    }
    if (typeof result !== "string") {
      const size = LOG_OVERHEAD + result.batchLength;
      const at = position - window.start;
      yield { kind: "batch", header: result, position, size, data: window.buf.subarray(at, at + size) };
      previous = batchLastOffset(result);
      position += size;
      continue;
    }
    const next = yield* resync(position, previous);
    let lastOffset: number | null = bounds.endOffset === null ? null : bounds.endOffset - 1;
    if (next !== null) {
      if (!covers(next, 8)) yield* read(next, 8);
      lastOffset = readInt64BE(window.buf, next - window.start) - 1;
    }
    yield { kind: "corrupt", position, end: next ?? bounds.size, firstOffset: previous + 1, lastOffset, reason: result };
    if (next === null) return;
    position = next;
  }
}
