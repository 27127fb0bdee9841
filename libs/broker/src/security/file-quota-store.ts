import { quotaEntityKey, type ClientQuotaEntry } from "./client-quota.js";
import { JsonStateFile } from "./json-state-file.js";
import type { QuotaStore, QuotaStoreChange } from "./quota-store.js";

/** The engine's quota store: `client-quotas.json` in the data directory, rewritten atomically on every change. */
export class FileQuotaStore implements QuotaStore {
  private readonly file: JsonStateFile<{ quotas: ClientQuotaEntry[] }>;
  private entries: ClientQuotaEntry[];

  constructor(path: string) {
    this.file = new JsonStateFile(path, () => ({ quotas: [] }));
    this.entries = this.file.read().quotas;
  }

  async load(): Promise<ClientQuotaEntry[]> {
    return structuredClone(this.entries);
  }

  async alter(changes: readonly QuotaStoreChange[]): Promise<void> {
    const byEntity = new Map(this.entries.map((e) => [quotaEntityKey(e.entity), structuredClone(e)]));
    for (const change of changes) {
      const key = quotaEntityKey(change.entity);
      const entry = byEntity.get(key) ?? { entity: structuredClone(change.entity), quotas: {} };
      for (const { key: quotaKey, value } of change.changes) {
        if (value === null) delete entry.quotas[quotaKey];
        else entry.quotas[quotaKey] = value;
      }
      if (Object.keys(entry.quotas).length === 0) byEntity.delete(key);
      else byEntity.set(key, entry);
    }
    const next = [...byEntity.values()];
    this.file.write({ quotas: next });
    this.entries = next;
  }

  async close(): Promise<void> {}
}
