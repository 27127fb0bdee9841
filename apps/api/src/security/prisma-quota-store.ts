import { QUOTA_ENTITY_TYPES, type ClientQuotaEntity, type ClientQuotaEntry, type QuotaKey, type QuotaStore, type QuotaStoreChange } from "@skein/broker";
import { inMetadataDatabase } from "../errors/metadata-database-errors.js";
import type { MetadataClient } from "../metadata/prisma-client.js";
import type { SecurityChangeFeed } from "./security-change-feed.js";

/** An entity as the canonical JSON its rows are keyed by: types in Kafka's order, null for `<default>`. */
export function entityColumn(entity: ClientQuotaEntity): string {
  return JSON.stringify(Object.fromEntries(QUOTA_ENTITY_TYPES.filter((t) => entity[t] !== undefined).map((t) => [t, entity[t]])));
}

/** The engine's `QuotaStore` over the metadata database (`client_quotas`: one row per entity and key). */
export class PrismaQuotaStore implements QuotaStore {
  constructor(
    private readonly prisma: MetadataClient,
    private readonly feed: SecurityChangeFeed,
  ) {}

  async load(): Promise<ClientQuotaEntry[]> {
    const rows = await inMetadataDatabase("load the client quotas", () => this.prisma.clientQuota.findMany({ orderBy: [{ entity: "asc" }, { key: "asc" }] }));
    const byEntity = new Map<string, ClientQuotaEntry>();
    for (const row of rows) {
      let entry = byEntity.get(row.entity);
      if (entry === undefined) byEntity.set(row.entity, (entry = { entity: JSON.parse(row.entity) as ClientQuotaEntity, quotas: {} }));
      entry.quotas[row.key as QuotaKey] = row.value;
    }
    return [...byEntity.values()];
  }

  async alter(changes: readonly QuotaStoreChange[]): Promise<void> {
    const operations = changes.flatMap((change) => {
      const entity = entityColumn(change.entity);
      return change.changes.map(({ key, value }) =>
        value === null
          ? this.prisma.clientQuota.deleteMany({ where: { entity, key } })
          : this.prisma.clientQuota.upsert({ where: { entity_key: { entity, key } }, create: { entity, key, value }, update: { value } }),
      );
    });
    const results = await inMetadataDatabase("store client quotas", () => this.prisma.$transaction([...operations, this.feed.bump("client_quotas")]));
    this.feed.noteOwnChange("client_quotas", (results.at(-1) as { version: number }).version);
  }

  watch(listener: () => void): () => void {
    return this.feed.watch("client_quotas", listener);
  }

  async close(): Promise<void> {}
}
