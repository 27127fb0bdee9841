import { Broker, EtcdClusterStore, GroupCoordinator, TransactionCoordinator, type BrokerAddresses, type BrokerSecurity, type BrokerSecurityOptions, type Clock, type Logger } from "@skein/broker";
import { describeDatabaseTarget, resolveDatabaseTarget, type DatabaseTarget } from "../metadata/database-target.js";
import { openMetadataStore } from "../metadata/open-metadata-store.js";
import type { PrismaMetadataStore } from "../metadata/prisma-metadata-store.js";
import { bootstrapAdmin, withSuperUser, type AdminBootstrap } from "../security/admin-bootstrap.js";
import { ServiceSecurity } from "../security/service-security.js";

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
  /** The first admin (SKEIN_ADMIN_USER, SKEIN_ADMIN_PASSWORD): made when missing, and one of `super.users`. */
  admin?: AdminBootstrap;
  /** How often other nodes' ACL and quota changes are looked for (tests shorten it). */
  securityChangePollMs?: number;
  /** Stores (or a password check) that replace the metadata database's (tests of one edge). */
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
    /** Transactions over the broker (shared by the Kafka listener and REST); closed before the groups. */
    readonly transactions: TransactionCoordinator,
    /** Users, API keys, ACLs, quotas and the audit log, over the metadata database; closed before the broker. */
    readonly accounts: ServiceSecurity,
  ) {}

  /** ACLs, credentials, quotas and the audit log, shared by the Kafka listener and HTTP. */
  get security(): BrokerSecurity {
    return this.accounts.broker;
  }

  /**
   * Migrates the metadata database, opens the broker on the data directory with it, opens its security (and makes the
   * first admin), then starts the group and transaction coordinators.
   */
  static async open(options: EngineOptions): Promise<Engine> {
    const database = resolveDatabaseTarget(options);
    const logger = options.logger ?? { info: () => undefined, warn: () => undefined };
    const { store, appliedMigrations } = await openMetadataStore(database, { clock: options.clock, migrationsDir: options.migrationsDir });
    const migrated = appliedMigrations.length ? `applied migrations ${appliedMigrations.join(", ")}` : "schema up to date";
    logger.info(`Metadata  ${describeDatabaseTarget(database)} (${migrated})`);
    try {
      const brokerConfig = options.admin ? withSuperUser(options.brokerConfig ?? {}, options.admin.user) : options.brokerConfig;
      const cluster = options.cluster;
      const broker = await Broker.open({
        dataDir: options.dataDir,
        metadataStore: store,
        brokerConfig,
        clock: options.clock,
        logger,
        ...(cluster ? { cluster: { store: new EtcdClusterStore({ endpoints: cluster.etcdEndpoints, prefix: cluster.etcdPrefix }) } } : {}),
      });
      let security: ServiceSecurity | undefined;
      try {
        if (cluster) {
          await broker.joinCluster(cluster.advertised);
          logger.info(`Cluster   member of the cluster in etcd at ${cluster.etcdEndpoints.join(",")} (prefix ${cluster.etcdPrefix}), controller ${broker.clusterView!.controllerId()}`);
        }
        security = await ServiceSecurity.open(broker, store.client, { clock: options.clock, logger, changePollMs: options.securityChangePollMs, stores: options.security });
        if (options.admin) await bootstrapAdmin(security, options.admin, logger);
        const groups = await GroupCoordinator.start(broker, { clock: options.clock, logger });
        try {
          const transactions = await TransactionCoordinator.start(broker, { clock: options.clock, logger, completions: groups });
          return new Engine(broker, store, database, groups, transactions, security);
        } catch (error) {
          groups.close();
          throw error;
        }
      } catch (error) {
        await security?.close();
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
   * Stops the transaction coordinator (markers being written finish) and the group coordinator, writes the audit
   * events still queued, then closes the broker, flushing its logs; the broker closes the metadata store it was given.
   * Idempotent.
   */
  close(): Promise<void> {
    if (this.closing === null) {
      this.closing = this.transactions.close().then(() => {
        this.groups.close();
        return this.accounts.close().finally(() => this.broker.close());
      });
    }
    return this.closing;
  }
}
