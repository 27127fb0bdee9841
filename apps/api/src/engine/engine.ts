import { Broker, BrokerSecurity, GroupCoordinator, type BrokerSecurityOptions, type Clock, type Logger } from "@skein/broker";
import { describeDatabaseTarget, resolveDatabaseTarget, type DatabaseTarget } from "../metadata/database-target.js";
import { openMetadataStore } from "../metadata/open-metadata-store.js";
import type { PrismaMetadataStore } from "../metadata/prisma-metadata-store.js";

export interface EngineOptions {
  dataDir: string;
  /** A postgresql:// URL, or undefined for SQLite in the data directory. */
  databaseUrl?: string | undefined;
  /** Static broker settings (server.properties names). */
  brokerConfig?: Record<string, string>;
  clock?: Clock;
  logger?: Logger;
  /** Overrides the committed migrations directory (tests). */
  migrationsDir?: string;
  /** Where ACLs, SCRAM credentials and client quotas live (files in the data directory by default), and an HTTP password check. */
  security?: Omit<BrokerSecurityOptions, "clock" | "logger">;
}

/**
 * The engine embedded in the service: the broker over the data directory, with the metadata database it keeps
 * topics and configs in. Opened and closed by whoever starts the app (main.ts, a test), not by Nest.
 */
export class Engine {
  private closing: Promise<void> | null = null;

  private constructor(
    readonly broker: Broker,
    readonly metadata: PrismaMetadataStore,
    readonly database: DatabaseTarget,
    /** Consumer groups over the broker; closed before it. */
    readonly groups: GroupCoordinator,
    /** ACLs, credentials, quotas and the audit log, shared by the Kafka listener and HTTP; closed before the broker. */
    readonly security: BrokerSecurity,
  ) {}

  /** Migrates the metadata database, opens the broker on the data directory with it, then starts the group coordinator. */
  static async open(options: EngineOptions): Promise<Engine> {
    const database = resolveDatabaseTarget(options);
    const logger = options.logger ?? { info: () => undefined, warn: () => undefined };
    const { store, appliedMigrations } = await openMetadataStore(database, { clock: options.clock, migrationsDir: options.migrationsDir });
    const migrated = appliedMigrations.length ? `applied migrations ${appliedMigrations.join(", ")}` : "schema up to date";
    logger.info(`Metadata  ${describeDatabaseTarget(database)} (${migrated})`);
    try {
      const broker = await Broker.open({ dataDir: options.dataDir, metadataStore: store, brokerConfig: options.brokerConfig, clock: options.clock, logger });
      try {
        const groups = await GroupCoordinator.start(broker, { clock: options.clock, logger });
        try {
          const security = await BrokerSecurity.open(broker, { ...options.security, clock: options.clock, logger });
          return new Engine(broker, store, database, groups, security);
        } catch (error) {
          groups.close();
          throw error;
        }
      } catch (error) {
        await broker.close();
        throw error;
      }
    } catch (error) {
      await store.close();
      throw error;
    }
  }

  get isOpen(): boolean {
    return this.closing === null;
  }

  /**
   * Stops the group coordinator, writes the audit events still queued, then closes the broker, flushing its logs; the
   * broker closes the metadata store it was given. Idempotent.
   */
  close(): Promise<void> {
    if (this.closing === null) {
      this.groups.close();
      this.closing = (async () => {
        try {
          await this.security.close();
        } finally {
          await this.broker.close();
        }
      })();
    }
    return this.closing;
  }
}
