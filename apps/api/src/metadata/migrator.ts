import type { DatabaseTarget } from "./database-target.js";
import type { AppliedMigration, MigrationConnection } from "./migration-connection.js";
import { defaultMigrationsDir, readMigrations, type Migration } from "./migration-files.js";
import { PostgresMigrationConnection } from "./postgres-migration-connection.js";
import { SqliteMigrationConnection } from "./sqlite-migration-connection.js";

export interface MigrateOptions {
  /** The provider's committed migrations; prisma/migrations or prisma/postgres/migrations by default. */
  migrationsDir?: string;
}

/**
 * Brings the metadata database up to the committed migrations, oldest first, each in its own transaction, and
 * returns the names it applied. The history is Prisma's `_prisma_migrations` table, so `prisma migrate status`
 * agrees on SQLite. Refuses a database whose history does not match the files: a migration edited after it was
 * applied, one that failed half-way under Prisma's CLI, or one this version of Skein does not know.
 */
export async function migrateDatabase(target: DatabaseTarget, options: MigrateOptions = {}): Promise<string[]> {
  const migrations = readMigrations(options.migrationsDir ?? defaultMigrationsDir(target.provider));
  const connection: MigrationConnection = target.provider === "sqlite" ? new SqliteMigrationConnection(target.file) : new PostgresMigrationConnection(target.url);
  await connection.open();
  try {
    const applied: string[] = [];
    for (const migration of pendingMigrations(migrations, await connection.applied())) {
      try {
        if (await connection.apply(migration, new Date())) applied.push(migration.name);
      } catch (error) {
        throw new Error(`migration ${migration.name} failed: ${(error as Error).message}`, { cause: error });
      }
    }
    return applied;
  } finally {
    await connection.close();
  }
}

/** The migrations still to apply, after checking the recorded history against the files. */
export function pendingMigrations(migrations: Migration[], history: AppliedMigration[]): Migration[] {
  const files = new Map(migrations.map((migration) => [migration.name, migration]));
  const done = new Set<string>();
  for (const row of history) {
    if (row.rolledBackAt !== null) continue;
    if (row.finishedAt === null) throw new Error(`migration ${row.name} started but never finished: repair the database, then mark it rolled back`);
    const file = files.get(row.name);
    if (!file) throw new Error(`the database has migration ${row.name}, which this version does not know: is it newer than this code?`);
    if (file.checksum !== row.checksum) throw new Error(`migration ${row.name} was edited after it was applied (checksum mismatch)`);
    done.add(row.name);
  }
  return migrations.filter((migration) => !done.has(migration.name));
}
