import type { Clock } from "@skein/broker";
import type { DatabaseTarget } from "./database-target.js";
import { migrateDatabase, type MigrateOptions } from "./migrator.js";
import { createMetadataClient } from "./prisma-client.js";
import { PrismaMetadataStore } from "./prisma-metadata-store.js";

export interface OpenedMetadataStore {
  store: PrismaMetadataStore;
  /** The migrations this start applied (empty when the database was up to date). */
  appliedMigrations: string[];
}

/** Migrates the metadata database, then connects the store to it. */
export async function openMetadataStore(target: DatabaseTarget, options: MigrateOptions & { clock?: Clock } = {}): Promise<OpenedMetadataStore> {
  const appliedMigrations = await migrateDatabase(target, options);
  const store = new PrismaMetadataStore(createMetadataClient(target), options.clock);
  return { store, appliedMigrations };
}
