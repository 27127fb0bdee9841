// The Prisma CLI's configuration. Skein runs Prisma 6 with the JavaScript schema engine and driver adapters, so
// nothing is downloaded. The CLI talks to the same database the service would: PostgreSQL when DATABASE_URL is a
// postgresql:// URL, otherwise the SQLite file in SKEIN_DATA_DIR (default ./data). prisma/postgres/schema.prisma
// is derived from prisma/schema.prisma by `npm run build` (scripts/prisma.mjs). The service migrates by itself
// at start: see apps/api/src/metadata/migrator.ts.
import { resolve } from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { defineConfig } from "prisma/config";

const databaseUrl = process.env.DATABASE_URL ?? "";
const postgres = /^postgres(ql)?:\/\//.test(databaseUrl);
const sqliteFile = resolve(process.env.SKEIN_DATA_DIR || "data", "skein.db");

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: postgres ? "prisma/postgres/schema.prisma" : "prisma/schema.prisma",
  migrations: { path: postgres ? "prisma/postgres/migrations" : "prisma/migrations" },
  adapter: async () => (postgres ? new PrismaPg({ connectionString: databaseUrl }) : new PrismaBetterSQLite3({ url: sqliteFile })),
});
