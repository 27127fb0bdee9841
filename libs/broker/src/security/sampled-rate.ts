/**
 * A rate over sampled windows, as Kafka's `Rate` over a `SampledStat` (`quota.window.num` samples of
 * `quota.window.size.seconds` each): values are summed per sample, samples that saw nothing for the whole span are
 * reset, and the rate divides the sum by the time the samples cover — at least `samples - 1` full windows, so a
 * burst right after a quiet period is not measured over a tiny window.
 */
export class SampledRate {
  private readonly samples: { startMs: number; lastEventMs: number; value: number }[] = [];
  private current = 0;

  constructor(
    private readonly numSamples: number,
    private readonly windowMs: number,
  ) {}

  /** Adds `value` at `nowMs` (negative values take back an earlier record, as Kafka's unrecord does). */
  record(value: number, nowMs: number): void {
    let sample = this.currentSample(nowMs);
    if (nowMs - sample.startMs >= this.windowMs) sample = this.advance(nowMs);
    sample.value += value;
    sample.lastEventMs = nowMs;
  }

  /** The rate per second at `nowMs`. */
  measure(nowMs: number): number {
    this.purgeObsolete(nowMs);
    const total = this.samples.reduce((sum, s) => sum + s.value, 0);
    return total / (this.windowSizeMs(nowMs) / 1000);
  }

  /** The span the rate is measured over, in milliseconds (Kafka's `Rate.windowSize`). */
  windowSizeMs(nowMs: number): number {
    this.purgeObsolete(nowMs);
    const oldest = this.samples.reduce((a, s) => (s.startMs < a ? s.startMs : a), this.currentSample(nowMs).startMs);
    let elapsed = nowMs - oldest;
    const fullWindows = Math.floor(elapsed / this.windowMs);
    if (fullWindows < this.numSamples - 1) elapsed += (this.numSamples - 1 - fullWindows) * this.windowMs;
    return Math.max(elapsed, 1);
  }

  /** When the last value was recorded (for expiring idle rates). */
  get lastRecordMs(): number {
    return this.samples.reduce((a, s) => Math.max(a, s.lastEventMs), 0);
  }

  private currentSample(nowMs: number) {
    if (this.samples.length === 0) this.samples.push({ startMs: nowMs, lastEventMs: nowMs, value: 0 });
    return this.samples[this.current]!;
  }

  private advance(nowMs: number) {
    // One sample more than configured, for the one overlapping the window's start (as Kafka keeps).
    this.current = (this.current + 1) % (this.numSamples + 1);
    const fresh = { startMs: nowMs, lastEventMs: nowMs, value: 0 };
    if (this.current >= this.samples.length) this.samples.push(fresh);
    else this.samples[this.current] = fresh;
    return fresh;
  }

  private purgeObsolete(nowMs: number): void {
    const expireAge = this.numSamples * this.windowMs;
    for (const sample of this.samples) {
      if (nowMs - sample.lastEventMs >= expireAge) {
        sample.startMs = nowMs;
        sample.lastEventMs = nowMs;
        sample.value = 0;
      }
    }
  }
}
