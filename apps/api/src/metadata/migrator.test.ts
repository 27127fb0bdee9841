import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import pg from "pg";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, describeEachProvider, type TestDatabase } from "../../test/support/databases.js";
import { defaultMigrationsDir, readMigrations } from "./migration-files.js";
import { migrateDatabase } from "./migrator.js";

const REPO_ROOT = fileURLToPath(new URL("../../../../", import.meta.url));

describeEachProvider("migrateDatabase", (provider) => {
  let db: TestDatabase;
  let scratch: string;

  beforeEach(async () => {
    db = await createTestDatabase(provider);
    scratch = mkdtempSync(join(tmpdir(), "skein-migrations-"));
  });

  afterEach(async () => {
    await db?.drop();
    rmSync(scratch, { recursive: true, force: true });
  });

  /** A copy of the committed migrations that a test may add to. */
  function migrationsCopy(): string {
    const dir = join(scratch, "migrations");
    cpSync(defaultMigrationsDir(provider), dir, { recursive: true });
    return dir;
  }

  function addMigration(dir: string, name: string, sql: string): void {
    mkdirSync(join(dir, name));
    writeFileSync(join(dir, name, "migration.sql"), sql);
  }

  it("applies every committed migration once, recording Prisma's checksum", async () => {
    const committed = readMigrations(defaultMigrationsDir(provider));
    expect(committed.length).toBeGreaterThan(0);
    expect(await migrateDatabase(db.target)).toEqual(committed.map((m) => m.name));
    expect(await migrateDatabase(db.target)).toEqual([]);

    const history = await query(db, `SELECT migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations"`);
    expect(history.map((row) => [row.migration_name, row.checksum, Number(row.applied_steps_count)])).toEqual(committed.map((m) => [m.name, m.checksum, 1]));
    expect(history.every((row) => row.finished_at !== null)).toBe(true);
    expect(await query(db, `SELECT COUNT(*) AS n FROM topics`)).toEqual([{ n: provider === "sqlite" ? 0 : "0" }]);
  });

  it("applies only the migrations added since the last run", async () => {
    const dir = migrationsCopy();
    await migrateDatabase(db.target, { migrationsDir: dir });
    addMigration(dir, "29990101000000_extra", `CREATE TABLE "extra" ("id" INTEGER NOT NULL PRIMARY KEY);`);
    expect(await migrateDatabase(db.target, { migrationsDir: dir })).toEqual(["29990101000000_extra"]);
    expect(await query(db, `SELECT COUNT(*) AS n FROM extra`)).toHaveLength(1);
  });

  it("rolls a failing migration back and names it", async () => {
    const dir = migrationsCopy();
    await migrateDatabase(db.target, { migrationsDir: dir });
    addMigration(dir, "29990101000000_broken", `CREATE TABLE "half" ("id" INTEGER NOT NULL PRIMARY KEY);\nTHIS IS NOT SQL;`);
    await expect(migrateDatabase(db.target, { migrationsDir: dir })).rejects.toThrow(/migration 29990101000000_broken failed/);
    const history = await query(db, `SELECT migration_name FROM "_prisma_migrations"`);
    expect(history.map((row) => row.migration_name)).not.toContain("29990101000000_broken");
    await expect(query(db, `SELECT * FROM half`)).rejects.toThrow();
  });

  it("refuses a migration edited after it was applied", async () => {
    const dir = migrationsCopy();
    addMigration(dir, "29990101000000_extra", `CREATE TABLE "extra" ("id" INTEGER NOT NULL PRIMARY KEY);`);
    await migrateDatabase(db.target, { migrationsDir: dir });
    writeFileSync(join(dir, "29990101000000_extra", "migration.sql"), `CREATE TABLE "extra" ("id" INTEGER NOT NULL PRIMARY KEY, "more" TEXT);`);
    await expect(migrateDatabase(db.target, { migrationsDir: dir })).rejects.toThrow(/29990101000000_extra was edited after it was applied/);
  });

  it("refuses a database migrated by a newer version", async () => {
    const dir = migrationsCopy();
    addMigration(dir, "29990101000000_future", `CREATE TABLE "future" ("id" INTEGER NOT NULL PRIMARY KEY);`);
    await migrateDatabase(db.target, { migrationsDir: dir });
    await expect(migrateDatabase(db.target)).rejects.toThrow(/has migration 29990101000000_future, which this version does not know/);
  });

  it("lets concurrent starts migrate once", async () => {
    const results = await Promise.all([migrateDatabase(db.target), migrateDatabase(db.target), migrateDatabase(db.target)]);
    expect(results.flat()).toEqual(readMigrations(defaultMigrationsDir(provider)).map((m) => m.name));
  });
});

describe("migrateDatabase and Prisma's CLI", () => {
  it("leave SQLite in a state `prisma migrate status` calls up to date", async () => {
    const db = await createTestDatabase("sqlite");
    try {
      await migrateDatabase(db.target);
      const output = execFileSync("npx", ["--no-install", "prisma", "migrate", "status"], {
        cwd: REPO_ROOT,
        env: { ...process.env, SKEIN_DATA_DIR: db.dataDir, DATABASE_URL: "" },
        encoding: "utf8",
        stdio: ["ignore", "pipe", "pipe"],
      });
      expect(output).toContain("Database schema is up to date!");
    } finally {
      await db.drop();
    }
  });
});

/** Rows of a query on the test database, through the provider's own driver. */
async function query(db: TestDatabase, sql: string): Promise<Record<string, unknown>[]> {
  if (db.target.provider === "sqlite") {
    const sqlite = new Database(db.target.file);
    try {
      return sqlite.prepare(sql).all() as Record<string, unknown>[];
    } finally {
      sqlite.close();
    }
  }
  const client = new pg.Client({ connectionString: db.target.url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}
