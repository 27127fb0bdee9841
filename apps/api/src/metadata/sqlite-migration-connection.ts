import { randomUUID } from "node:crypto";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import { HISTORY_TABLE, type AppliedMigration, type MigrationConnection } from "./migration-connection.js";
import type { Migration } from "./migration-files.js";

const CREATE_HISTORY = `CREATE TABLE IF NOT EXISTS "${HISTORY_TABLE}" (
    "id"                    TEXT PRIMARY KEY NOT NULL,
    "checksum"              TEXT NOT NULL,
    "finished_at"           DATETIME,
    "migration_name"        TEXT NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        DATETIME,
    "started_at"            DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count"   INTEGER UNSIGNED NOT NULL DEFAULT 0
)`;

/** Migrations on the SQLite file, through better-sqlite3 (synchronous, one connection). */
export class SqliteMigrationConnection implements MigrationConnection {
  private db: Database.Database | null = null;

  constructor(private readonly file: string) {}

  async open(): Promise<void> {
    mkdirSync(dirname(this.file), { recursive: true });
    this.db = new Database(this.file, { timeout: 10_000 });
    this.db.exec(CREATE_HISTORY);
  }

  async applied(): Promise<AppliedMigration[]> {
    const rows = this.connection()
      .prepare(`SELECT migration_name, checksum, finished_at, rolled_back_at FROM "${HISTORY_TABLE}" ORDER BY started_at`)
      .all() as { migration_name: string; checksum: string; finished_at: string | null; rolled_back_at: string | null }[];
    return rows.map((row) => ({
      name: row.migration_name,
      checksum: row.checksum,
      finishedAt: row.finished_at === null ? null : new Date(row.finished_at),
      rolledBackAt: row.rolled_back_at === null ? null : new Date(row.rolled_back_at),
    }));
  }

  /** Synchronous inside an IMMEDIATE transaction: nothing else, in this process or another, runs in between. */
  async apply(migration: Migration, startedAt: Date): Promise<boolean> {
    const db = this.connection();
    const recorded = db.prepare(`SELECT 1 FROM "${HISTORY_TABLE}" WHERE migration_name = ? AND rolled_back_at IS NULL`);
    const record = db.prepare(
      `INSERT INTO "${HISTORY_TABLE}" (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count) VALUES (?, ?, ?, ?, NULL, NULL, ?, 1)`,
    );
    return db
      .transaction(() => {
        if (recorded.get(migration.name)) return false;
        db.exec(migration.sql);
        record.run(randomUUID(), migration.checksum, prismaTimestamp(new Date()), migration.name, prismaTimestamp(startedAt));
        return true;
      })
      .immediate();
  }

  async close(): Promise<void> {
    this.db?.close();
    this.db = null;
  }

  private connection(): Database.Database {
    if (!this.db) throw new Error("the migration connection is not open");
    return this.db;
  }
}

/** Prisma writes SQLite timestamps as ISO 8601 with an explicit offset. */
function prismaTimestamp(date: Date): string {
  return date.toISOString().replace("Z", "+00:00");
}
