/**
 * Splits a connection's byte stream into Kafka request frames: a 4-byte big-endian size, then that many bytes.
 * Chunks are only copied when a frame spans several of them.
 */
export class FrameReader {
  private chunks: Buffer[] = [];
  private buffered = 0;

  /** Frames above it are refused (changeable: tighter before a SASL client authenticates). */
  constructor(public maxFrameBytes: number) {}

  /** Bytes received but not yet returned as frames. */
  get pendingBytes(): number {
    return this.buffered;
  }

  /**
   * Adds received bytes and returns every complete frame (without its size prefix). Throws `FrameSizeError` for a
   * negative size or one above the limit (Kafka's `socket.request.max.bytes`): the connection must be closed.
   */
  push(data: Buffer): Buffer[] {
    this.chunks.push(data);
    this.buffered += data.length;
    const frames: Buffer[] = [];
    while (this.buffered >= 4) {
      const size = this.peekSize();
      if (size < 0 || size > this.maxFrameBytes) throw new FrameSizeError(size, this.maxFrameBytes);
      if (this.buffered < 4 + size) break;
      this.skip(4);
      frames.push(this.take(size));
    }
    return frames;
  }

  private peekSize(): number {
    const first = this.chunks[0]!;
    if (first.length >= 4) return first.readInt32BE(0);
    const head = Buffer.alloc(4);
    let copied = 0;
    for (const chunk of this.chunks) {
      const n = Math.min(4 - copied, chunk.length);
      chunk.copy(head, copied, 0, n);
      copied += n;
      if (copied === 4) break;
    }
    return head.readInt32BE(0);
  }

  private skip(bytes: number): void {
    this.take(bytes);
  }

  private take(bytes: number): Buffer {
    this.buffered -= bytes;
    const first = this.chunks[0]!;
    if (first.length > bytes) {
      this.chunks[0] = first.subarray(bytes);
      return first.subarray(0, bytes);
    }
    if (first.length === bytes) {
      this.chunks.shift();
      return first;
    }
    const out = Buffer.allocUnsafe(bytes);
    let copied = 0;
    while (copied < bytes) {
      const chunk = this.chunks[0]!;
      const n = Math.min(bytes - copied, chunk.length);
      chunk.copy(out, copied, 0, n);
      copied += n;
      if (n === chunk.length) this.chunks.shift();
      else this.chunks[0] = chunk.subarray(n);
    }
    return out;
  }
}

/** A frame whose declared size is negative or above `socket.request.max.bytes`. */
export class FrameSizeError extends Error {
  constructor(
    readonly size: number,
    readonly maxBytes: number,
  ) {
    super(size < 0 ? `Invalid receive (size = ${size})` : `Invalid receive (size = ${size} larger than ${maxBytes}): socket.request.max.bytes is ${maxBytes}`);
  }
}
