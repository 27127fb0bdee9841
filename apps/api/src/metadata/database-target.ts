import { resolve } from "node:path";

/** Where the service keeps its metadata: the SQLite file in the data directory, or a PostgreSQL database. */
export type DatabaseTarget = { provider: "sqlite"; file: string } | { provider: "postgresql"; url: string };

/** The SQLite file's name inside the data directory. */
export const SQLITE_FILE = "skein.db";

/**
 * PostgreSQL when `databaseUrl` is a `postgresql://` (or `postgres://`) URL; otherwise SQLite in the data directory,
 * as an absolute path because the SQLite adapter resolves relative paths against the working directory.
 */
export function resolveDatabaseTarget(options: { dataDir: string; databaseUrl?: string | undefined }): DatabaseTarget {
  const url = options.databaseUrl?.trim();
  if (url && /^postgres(ql)?:\/\//.test(url)) return { provider: "postgresql", url };
  if (url) throw new Error(`DATABASE_URL must be a postgresql:// URL (got ${describeUrl(url)}); leave it unset for SQLite in the data directory`);
  return { provider: "sqlite", file: resolve(options.dataDir, SQLITE_FILE) };
}

/** The target for logs, without a password. */
export function describeDatabaseTarget(target: DatabaseTarget): string {
  return target.provider === "sqlite" ? `SQLite ${target.file}` : `PostgreSQL ${describeUrl(target.url)}`;
}

function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "an unparseable URL";
  }
}
