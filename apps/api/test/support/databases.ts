import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { describe, inject } from "vitest";
import { resolveDatabaseTarget, type DatabaseTarget } from "../../src/metadata/database-target.js";

/** A database for one test, dropped (or deleted) by `drop`. */
export interface TestDatabase {
  provider: DatabaseTarget["provider"];
  /** The data directory (SQLite's file lives in it). */
  dataDir: string;
  /** DATABASE_URL for PostgreSQL, undefined for SQLite. */
  databaseUrl: string | undefined;
  target: DatabaseTarget;
  drop(): Promise<void>;
}

/** The providers every metadata and service test runs against. */
export const PROVIDERS: DatabaseTarget["provider"][] = ["sqlite", "postgresql"];

/** Whether this run has PostgreSQL (false only with SKEIN_TEST_POSTGRES=skip). */
export function hasPostgres(): boolean {
  return inject("postgresUrl") !== null;
}

/** `describe` once per provider ("<title> on sqlite", "... on postgresql"); PostgreSQL's is skipped only by SKEIN_TEST_POSTGRES=skip. */
export function describeEachProvider(title: string, body: (provider: DatabaseTarget["provider"]) => void): void {
  for (const provider of PROVIDERS) {
    describe.skipIf(provider === "postgresql" && !hasPostgres())(`${title} on ${provider}`, () => body(provider));
  }
}

/** A fresh, empty database of the provider, with its own temporary data directory. */
export async function createTestDatabase(provider: DatabaseTarget["provider"]): Promise<TestDatabase> {
  const dataDir = mkdtempSync(join(tmpdir(), "skein-api-test-"));
  const removeDir = () => rmSync(dataDir, { recursive: true, force: true });
  if (provider === "sqlite") {
    return { provider, dataDir, databaseUrl: undefined, target: resolveDatabaseTarget({ dataDir }), drop: async () => removeDir() };
  }
  const serverUrl = inject("postgresUrl");
  if (!serverUrl) throw new Error("PostgreSQL is not available in this run (SKEIN_TEST_POSTGRES=skip)");
  const name = `skein_test_${randomBytes(6).toString("hex")}`;
  await withAdmin(serverUrl, (client) => client.query(`CREATE DATABASE "${name}"`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  return {
    provider,
    dataDir,
    databaseUrl,
    target: resolveDatabaseTarget({ dataDir, databaseUrl }),
    drop: async () => {
      await withAdmin(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
      removeDir();
    },
  };
}

async function withAdmin<T>(serverUrl: string, action: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await action(client);
  } finally {
    await client.end();
  }
}
