/**
 * Shares one fsync among every caller that asks while another is in flight: a caller waits for a sync that
 * starts after its request, and all requests queued during one sync are served by the next.
 */
export class GroupCommit {
  private inFlight = false;
  private waiting: { promise: Promise<void>; resolve: () => void; reject: (err: unknown) => void } | null = null;

  constructor(private readonly sync: () => Promise<void>) {}

  /** Resolves once a sync that began after this call has completed. */
  request(): Promise<void> {
    if (this.waiting === null) {
      let resolve!: () => void;
      let reject!: (err: unknown) => void;
      const promise = new Promise<void>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      this.waiting = { promise, resolve, reject };
      if (!this.inFlight) this.start();
      return promise;
    }
    return this.waiting.promise;
  }

  private start(): void {
    const batch = this.waiting!;
    this.waiting = null;
    this.inFlight = true;
    this.sync().then(batch.resolve, batch.reject).finally(() => {
      this.inFlight = false;
      if (this.waiting !== null) this.start();
    });
  }
}
