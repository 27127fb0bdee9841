import { Broker, EtcdClusterStore, GroupCoordinator, TransactionCoordinator, type BrokerAddresses, type Clock, type Logger } from "@skein/broker";
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
  /**
   * Makes the broker a cluster member: its topics, partitions, leaders and ISRs live in etcd; it registers at
   * `advertised` before its group coordinator starts (the coordinator's topic is placed on the live brokers).
   */
  cluster?: { etcdEndpoints: string[]; etcdPrefix: string; advertised: BrokerAddresses } | undefined;
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
    /** Transactions over the broker (shared by the Kafka listener and REST); closed before the groups. */
    readonly transactions: TransactionCoordinator,
  ) {}

  /** Migrates the metadata database, opens the broker on the data directory with it, then starts the group and transaction coordinators. */
  static async open(options: EngineOptions): Promise<Engine> {
    const database = resolveDatabaseTarget(options);
    const logger = options.logger ?? { info: () => undefined, warn: () => undefined };
    const { store, appliedMigrations } = await openMetadataStore(database, { clock: options.clock, migrationsDir: options.migrationsDir });
    const migrated = appliedMigrations.length ? `applied migrations ${appliedMigrations.join(", ")}` : "schema up to date";
    logger.info(`Metadata  ${describeDatabaseTarget(database)} (${migrated})`);
    try {
      const cluster = options.cluster;
      const broker = await Broker.open({
        dataDir: options.dataDir,
        metadataStore: store,
        brokerConfig: options.brokerConfig,
        clock: options.clock,
        logger,
        ...(cluster ? { cluster: { store: new EtcdClusterStore({ endpoints: cluster.etcdEndpoints, prefix: cluster.etcdPrefix }) } } : {}),
      });
      try {
        if (cluster) {
          await broker.joinCluster(cluster.advertised);
          logger.info(`Cluster   member of the cluster in etcd at ${cluster.etcdEndpoints.join(",")} (prefix ${cluster.etcdPrefix}), controller ${broker.clusterView!.controllerId()}`);
        }
        const groups = await GroupCoordinator.start(broker, { clock: options.clock, logger });
        try {
          const transactions = await TransactionCoordinator.start(broker, { clock: options.clock, logger, completions: groups });
          return new Engine(broker, store, database, groups, transactions);
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
   * Stops the transaction coordinator (markers being written finish) and the group coordinator, then closes the
   * broker, flushing its logs; the broker closes the metadata store it was given. Idempotent.
   */
  close(): Promise<void> {
    if (this.closing === null) {
      this.closing = this.transactions.close().then(() => {
        this.groups.close();
        return this.broker.close();
      });
    }
    return this.closing;
  }
}
