import { randomUUID } from "node:crypto";
import pg from "pg";
import { HISTORY_TABLE, type AppliedMigration, type MigrationConnection } from "./migration-connection.js";
import type { Migration } from "./migration-files.js";

const CREATE_HISTORY = `CREATE TABLE IF NOT EXISTS "${HISTORY_TABLE}" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

/** The advisory lock key Prisma Migrate takes, so this runner and Prisma's CLI never migrate at the same time. */
const MIGRATION_LOCK = 72707369;

/**
 * Migrations on PostgreSQL over `pg`. Prisma 6's `migrate deploy` cannot run here (it fails reading PostgreSQL's
 * catalog through the JavaScript schema engine), so the service applies the SQL `prisma migrate diff` generated.
 */
export class PostgresMigrationConnection implements MigrationConnection {
  private client: pg.Client | null = null;

  constructor(private readonly url: string) {}

  async open(): Promise<void> {
    const client = new pg.Client({ connectionString: this.url });
    await client.connect();
    this.client = client;
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK]);
    await client.query(CREATE_HISTORY);
  }

  async applied(): Promise<AppliedMigration[]> {
    const { rows } = await this.connection().query<{ migration_name: string; checksum: string; finished_at: Date | null; rolled_back_at: Date | null }>(
      `SELECT migration_name, checksum, finished_at, rolled_back_at FROM "${HISTORY_TABLE}" ORDER BY started_at`,
    );
    return rows.map((row) => ({ name: row.migration_name, checksum: row.checksum, finishedAt: row.finished_at, rolledBackAt: row.rolled_back_at }));
  }

  /** The advisory lock already keeps other runners out; the check makes the contract the same as SQLite's. */
  async apply(migration: Migration, startedAt: Date): Promise<boolean> {
    const client = this.connection();
    await client.query("BEGIN");
    try {
      const recorded = await client.query(`SELECT 1 FROM "${HISTORY_TABLE}" WHERE migration_name = $1 AND rolled_back_at IS NULL`, [migration.name]);
      if (recorded.rowCount) {
        await client.query("ROLLBACK");
        return false;
      }
      await client.query(migration.sql);
      await client.query(
        `INSERT INTO "${HISTORY_TABLE}" (id, checksum, finished_at, migration_name, started_at, applied_steps_count) VALUES ($1, $2, now(), $3, $4, 1)`,
        [randomUUID(), migration.checksum, migration.name, startedAt],
      );
      await client.query("COMMIT");
      return true;
    } catch (error) {
      await client.query("ROLLBACK");
      throw error;
    }
  }

  async close(): Promise<void> {
    const client = this.client;
    this.client = null;
    if (!client) return;
    try {
      await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK]);
    } finally {
      await client.end();
    }
  }

  private connection(): pg.Client {
    if (!this.client) throw new Error("the migration connection is not open");
    return this.client;
  }
}
