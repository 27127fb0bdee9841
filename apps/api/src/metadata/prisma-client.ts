import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import type { DatabaseTarget } from "./database-target.js";
import { PrismaClient as PostgresPrismaClient } from "../../generated/postgres/index.js";
import { PrismaClient as SqlitePrismaClient } from "../../generated/sqlite/index.js";

/**
 * The metadata database's Prisma client. Prisma generates one client per provider; both come from the same models
 * (prisma/postgres/schema.prisma is derived from prisma/schema.prisma), so the service codes against one type.
 */
export type MetadataClient = SqlitePrismaClient;

/** A client for the target, over its driver adapter (no query engine binary). */
export function createMetadataClient(target: DatabaseTarget): MetadataClient {
  if (target.provider === "sqlite") return new SqlitePrismaClient({ adapter: new PrismaBetterSQLite3({ url: target.file }) });
  // The types differ only in provider-specific options (isolation levels, case-insensitive filters) the service
  // does not use.
  return new PostgresPrismaClient({ adapter: new PrismaPg({ connectionString: target.url }) }) as unknown as MetadataClient;
}
