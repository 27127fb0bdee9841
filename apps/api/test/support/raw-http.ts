import { connect, type Socket } from "node:net";

/** What a raw HTTP exchange produced: the bytes the server sent and whether it closed the connection. */
export interface RawExchange {
  status: number;
  headers: string;
  /** The body parsed as JSON, or undefined when there is none (or it is not JSON). */
  body: any;
  closed: boolean;
}

/** A TCP connection to the service for requests no HTTP client would send (malformed, slow, aborted). */
export class RawHttpConnection {
  private received = "";
  private readonly closedPromise: Promise<void>;
  private closedFlag = false;

  private constructor(readonly socket: Socket) {
    socket.on("data", (chunk: Buffer) => (this.received += chunk.toString("latin1")));
    socket.on("error", () => undefined);
    this.closedPromise = new Promise((resolve) =>
      socket.on("close", () => {
        this.closedFlag = true;
        resolve();
      }),
    );
  }

  static open(port: number): Promise<RawHttpConnection> {
    return new Promise((resolve, reject) => {
      const socket = connect(port, "127.0.0.1", () => resolve(new RawHttpConnection(socket)));
      socket.once("error", reject);
    });
  }

  write(text: string | Buffer): void {
    this.socket.write(text);
  }

  get closed(): boolean {
    return this.closedFlag;
  }

  /** Waits for the server to close the connection (failing after `timeoutMs`), then parses what it sent. */
  async untilClosed(timeoutMs = 20_000): Promise<RawExchange> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`the server did not close the connection in ${timeoutMs} ms; got ${JSON.stringify(this.received)}`)), timeoutMs)));
    try {
      await Promise.race([this.closedPromise, timeout]);
    } finally {
      clearTimeout(timer);
    }
    return this.exchange();
  }

  /** Waits until a whole response (headers and a Content-Length body) has arrived. */
  async response(timeoutMs = 20_000): Promise<RawExchange> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const end = this.received.indexOf("\r\n\r\n");
      if (end !== -1) {
        const length = Number(/content-length:\s*(\d+)/i.exec(this.received.slice(0, end))?.[1] ?? 0);
        if (this.received.length >= end + 4 + length) return this.exchange();
      }
      if (this.closedFlag || Date.now() > deadline) throw new Error(`no complete response; got ${JSON.stringify(this.received)}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  destroy(): void {
    this.socket.destroy();
  }

  private exchange(): RawExchange {
    const end = this.received.indexOf("\r\n\r\n");
    const head = end === -1 ? this.received : this.received.slice(0, end);
    const text = end === -1 ? "" : Buffer.from(this.received.slice(end + 4), "latin1").toString("utf8");
    let body: unknown;
    try {
      body = text === "" ? undefined : JSON.parse(text);
    } catch {
      body = undefined;
    }
    return { status: Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0), headers: head, body, closed: this.closedFlag };
  }
}
