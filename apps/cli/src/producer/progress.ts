import { SingleBar } from "cli-progress";
import type { Writable } from "node:stream";

/** Progress of a long produce on a terminal: bytes read of the input file when its size is known, records/s always. */
export class ProduceProgress {
  private readonly bar: SingleBar;
  private readonly started = Date.now();
  private records = 0;
  private bytes = 0;

  constructor(stream: Writable, private readonly totalBytes: number | null) {
    const format =
      totalBytes === null
        ? "Producing | {records} records | {rate} records/s"
        : "Producing [{bar}] {percentage}% | {records} records | {rate} records/s | ETA {eta_formatted}";
    this.bar = new SingleBar({ stream: stream as NodeJS.WriteStream, format, hideCursor: true, clearOnComplete: false, fps: 10, noTTYOutput: false }, undefined);
    this.bar.start(totalBytes ?? 1, 0, { records: 0, rate: 0 });
  }

  /** Bytes of input consumed so far (for the bar). */
  read(bytes: number): void {
    this.bytes += bytes;
  }

  /** Records the service has stored. */
  stored(count: number): void {
    this.records += count;
    const seconds = Math.max((Date.now() - this.started) / 1000, 0.001);
    this.bar.update(this.totalBytes === null ? 0 : Math.min(this.bytes, this.totalBytes), { records: this.records, rate: Math.round(this.records / seconds) });
  }

  stop(): void {
    if (this.totalBytes !== null) this.bar.update(this.totalBytes);
    this.bar.stop();
  }
}
