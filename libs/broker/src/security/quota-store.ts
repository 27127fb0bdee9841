import type { ClientQuotaEntry, ClientQuotaEntity, QuotaKey } from "./client-quota.js";

/** A checked change of one entity's quotas: each key set to a value or removed (null). */
export interface QuotaStoreChange {
  entity: ClientQuotaEntity;
  changes: { key: QuotaKey; value: number | null }[];
}

/**
 * Where client quotas live (Kafka keeps them in its metadata log). The engine ships a file in the data directory; the
 * service implements it over its database. The `QuotaManager` keeps them in memory and is the only writer in a process.
 */
export interface QuotaStore {
  /** Every entity with at least one quota. */
  load(): Promise<ClientQuotaEntry[]>;
  /** Applies every change or none; an entity left without quotas is removed. */
  alter(changes: readonly QuotaStoreChange[]): Promise<void>;
  /** As `AclStore.watch`: called when another process changed the stored quotas. */
  watch?(listener: () => void): () => void;
  close(): Promise<void>;
}
