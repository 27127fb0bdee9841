import type { ClusterMetadata, Clock, MetadataStore, TopicMetadata } from "@skein/broker";
import { inMetadataDatabase } from "../errors/metadata-database-errors.js";
import type { MetadataClient } from "./prisma-client.js";

/** A broker (node) as registered in the metadata database. */
export interface BrokerRegistration {
  brokerId: number;
  host: string;
  port: number;
  rack: string | null;
}

export interface RegisteredBroker extends BrokerRegistration {
  /** Epoch milliseconds. */
  registeredAt: number;
  lastSeenAt: number;
}

/**
 * The engine's `MetadataStore` over the service's database (SQLite or PostgreSQL through Prisma), plus the broker
 * registry the REST API reads. Every change is one transaction, so a crash leaves either the old or the new state.
 * Config overrides are deleted explicitly rather than by cascade: Prisma's SQLite adapter does not turn on
 * SQLite's foreign keys. A database failure is thrown as a MetadataDatabaseError naming what could not be done.
 */
export class PrismaMetadataStore implements MetadataStore {
  constructor(
    private readonly prisma: MetadataClient,
    private readonly clock: Clock = { now: () => Date.now() },
  ) {}

  /** The database connection, shared with the service's security stores (this store closes it). */
  get client(): MetadataClient {
    return this.prisma;
  }

  async load(): Promise<ClusterMetadata> {
    const [cluster, topics, brokerConfigs] = await inMetadataDatabase("load the cluster's metadata", () =>
      Promise.all([
        this.prisma.cluster.findFirst({ orderBy: { createdAt: "asc" } }),
        this.prisma.topic.findMany({ include: { configs: true }, orderBy: { name: "asc" } }),
        this.prisma.brokerConfig.findMany({ orderBy: { name: "asc" } }),
      ]),
    );
    return {
      clusterId: cluster?.clusterId ?? null,
      topics: topics.map((topic) => ({
        name: topic.name,
        topicId: topic.topicId,
        partitions: topic.partitions,
        replicationFactor: topic.replicationFactor,
        internal: topic.internal,
        createdAt: topic.createdAt.getTime(),
        configs: Object.fromEntries(topic.configs.map((config) => [config.name, config.value])),
      })),
      brokerConfigs: Object.fromEntries(brokerConfigs.map((config) => [config.name, config.value])),
    };
  }

  async saveClusterId(clusterId: string): Promise<void> {
    await inMetadataDatabase("save the cluster id", () =>
      this.prisma.$transaction([
        this.prisma.cluster.deleteMany({ where: { clusterId: { not: clusterId } } }),
        this.prisma.cluster.upsert({ where: { clusterId }, create: { clusterId, createdAt: new Date(this.clock.now()) }, update: {} }),
      ]),
    );
  }

  /** Replaces the topic of the same name, including an earlier incarnation with another topic id. */
  async saveTopic(topic: TopicMetadata): Promise<void> {
    const row = {
      name: topic.name,
      partitions: topic.partitions,
      replicationFactor: topic.replicationFactor,
      internal: topic.internal,
      createdAt: new Date(topic.createdAt),
    };
    await inMetadataDatabase(`save topic ${topic.name}`, () =>
      this.prisma.$transaction([
        // The overrides of every incarnation of the name: the new set replaces them.
        this.prisma.topicConfig.deleteMany({ where: { topic: { name: topic.name } } }),
        this.prisma.topic.deleteMany({ where: { name: topic.name, topicId: { not: topic.topicId } } }),
        this.prisma.topic.upsert({ where: { topicId: topic.topicId }, create: { topicId: topic.topicId, ...row }, update: row }),
        this.prisma.topicConfig.createMany({ data: Object.entries(topic.configs).map(([name, value]) => ({ topicId: topic.topicId, name, value })) }),
      ]),
    );
  }

  async deleteTopic(name: string): Promise<void> {
    await inMetadataDatabase(`delete topic ${name}`, () =>
      this.prisma.$transaction([this.prisma.topicConfig.deleteMany({ where: { topic: { name } } }), this.prisma.topic.deleteMany({ where: { name } })]),
    );
  }

  async saveBrokerConfigs(configs: Record<string, string>): Promise<void> {
    await inMetadataDatabase("save the broker configs", () =>
      this.prisma.$transaction([
        this.prisma.brokerConfig.deleteMany({}),
        this.prisma.brokerConfig.createMany({ data: Object.entries(configs).map(([name, value]) => ({ name, value })) }),
      ]),
    );
  }

  /** Records that this broker serves the cluster at host:port (first registration time is kept). */
  async registerBroker(broker: BrokerRegistration): Promise<void> {
    const now = new Date(this.clock.now());
    const row = { host: broker.host, port: broker.port, rack: broker.rack, lastSeenAt: now };
    await inMetadataDatabase(`register broker ${broker.brokerId}`, () =>
      this.prisma.broker.upsert({ where: { id: broker.brokerId }, create: { id: broker.brokerId, registeredAt: now, ...row }, update: row }),
    );
  }

  async listBrokers(): Promise<RegisteredBroker[]> {
    const rows = await inMetadataDatabase("list the brokers", () => this.prisma.broker.findMany({ orderBy: { id: "asc" } }));
    return rows.map((row) => ({
      brokerId: row.id,
      host: row.host,
      port: row.port,
      rack: row.rack,
      registeredAt: row.registeredAt.getTime(),
      lastSeenAt: row.lastSeenAt.getTime(),
    }));
  }

  /** A round trip to the database, for readiness checks. */
  async ping(): Promise<void> {
    await inMetadataDatabase("answer a ping", () => this.prisma.$queryRaw`SELECT 1`);
  }

  async close(): Promise<void> {
    await this.prisma.$disconnect();
  }
}
