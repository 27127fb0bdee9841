import { Injectable, Logger, type OnModuleDestroy } from "@nestjs/common";
import { Broker } from "@skein/broker";
import { metadataDatabaseFailure } from "../errors/metadata-database-errors.js";
import { PrismaMetadataStore } from "../metadata/prisma-metadata-store.js";

/** Where this broker listens, as clients should reach it. */
export interface BrokerListener {
  host: string;
  port: number;
}

/** Whether the broker's listener is recorded in the metadata database, and why not. */
export interface RegistrationState {
  listener: BrokerListener | null;
  registered: boolean;
  /** Why the last attempt failed (a short reason, never the driver's message), or null. */
  error: string | null;
}

const FIRST_RETRY_MS = 1000;
const MAX_RETRY_MS = 30_000;

/**
 * Records the broker's listener in the metadata database. A start-up must not fail because that write fails (the
 * disk under SQLite is full, PostgreSQL is away): the service serves what it can, reports the registration as pending
 * (`/readyz`) and retries in the background, from one second doubling to thirty, until the write succeeds.
 */
@Injectable()
export class BrokerRegistration implements OnModuleDestroy {
  private readonly logger = new Logger("BrokerRegistration");
  private listener: BrokerListener | null = null;
  private registered = false;
  private error: string | null = null;
  private retryMs = FIRST_RETRY_MS;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly broker: Broker,
    private readonly metadata: PrismaMetadataStore,
  ) {}

  /** Registers the listener now; resolves true when recorded, false when a retry is scheduled (never rejects). */
  async register(listener: BrokerListener): Promise<boolean> {
    this.listener = listener;
    this.registered = false;
    clearTimeout(this.timer);
    this.retryMs = FIRST_RETRY_MS;
    return this.attempt();
  }

  get state(): RegistrationState {
    return { listener: this.listener, registered: this.registered, error: this.error };
  }

  onModuleDestroy(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  private async attempt(): Promise<boolean> {
    const listener = this.listener!;
    try {
      await this.metadata.registerBroker({ brokerId: this.broker.brokerId, host: listener.host, port: listener.port, rack: null });
    } catch (error) {
      const reason = describe(error);
      if (reason !== this.error) this.logger.warn(`Broker ${this.broker.brokerId} is not registered in the metadata database (${reason}); retrying in the background.`);
      this.error = reason;
      if (!this.stopped) {
        this.timer = setTimeout(() => void this.attempt(), this.retryMs).unref();
        this.retryMs = Math.min(this.retryMs * 2, MAX_RETRY_MS);
      }
      return false;
    }
    if (this.error !== null) this.logger.log(`Broker ${this.broker.brokerId} is registered in the metadata database at ${listener.host}:${listener.port}.`);
    this.registered = true;
    this.error = null;
    return true;
  }
}

function describe(error: unknown): string {
  const failure = metadataDatabaseFailure(error);
  if (failure) return `metadata database ${failure.kind}: ${failure.detail}`;
  return error instanceof Error ? error.message : String(error);
}
