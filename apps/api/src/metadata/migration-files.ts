import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { DatabaseTarget } from "./database-target.js";

/** One committed migration: its directory name (`<timestamp>_<name>`) and SQL. */
export interface Migration {
  name: string;
  sql: string;
  /** SHA-256 of the SQL, hex: what Prisma records in `_prisma_migrations.checksum`. */
  checksum: string;
}

/** The repository's prisma/ directory (same depth from src/ and dist/). */
const PRISMA_ROOT = fileURLToPath(new URL("../../../../prisma/", import.meta.url));

/** Where the committed migrations of a provider live: prisma/migrations (SQLite), prisma/postgres/migrations. */
export function defaultMigrationsDir(provider: DatabaseTarget["provider"]): string {
  return provider === "sqlite" ? join(PRISMA_ROOT, "migrations") : join(PRISMA_ROOT, "postgres", "migrations");
}

/** The migrations in a directory, oldest first (Prisma's order: by directory name). */
export function readMigrations(dir: string): Migration[] {
  if (!existsSync(dir)) throw new Error(`no migrations directory at ${dir}`);
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(dir, entry.name, "migration.sql")))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}
