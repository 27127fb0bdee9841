import type { Migration } from "./migration-files.js";

/** A row of `_prisma_migrations`, the history table Prisma Migrate keeps (and this runner keeps the same way). */
export interface AppliedMigration {
  name: string;
  checksum: string;
  finishedAt: Date | null;
  rolledBackAt: Date | null;
}

/** What the migrator needs from one database: a lock, the history, and an atomic apply. */
export interface MigrationConnection {
  /** Connects, takes the migration lock and creates the history table when missing. */
  open(): Promise<void>;
  applied(): Promise<AppliedMigration[]>;
  /**
   * Runs the migration's SQL and records it, in one transaction, unless the history already has it (another
   * process got there first); returns whether it ran.
   */
  apply(migration: Migration, startedAt: Date): Promise<boolean>;
  /** Releases the lock and disconnects. */
  close(): Promise<void>;
}

/** Prisma's history table, created the way Prisma Migrate creates it (so its CLI reads what this runner wrote). */
export const HISTORY_TABLE = "_prisma_migrations";
