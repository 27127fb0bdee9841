import type { AclBinding, AclOperation, AclPermissionType, AclStore, PatternType, ResourceType } from "@skein/broker";
import { inMetadataDatabase } from "../errors/metadata-database-errors.js";
import type { MetadataClient } from "../metadata/prisma-client.js";
import type { SecurityChangeFeed } from "./security-change-feed.js";

type AclRow = { resourceType: string; patternType: string; resourceName: string; principal: string; host: string; operation: string; permission: string };

function rowOf(binding: AclBinding): AclRow {
  const { pattern, entry } = binding;
  return {
    resourceType: pattern.resourceType,
    patternType: pattern.patternType,
    resourceName: pattern.name,
    principal: entry.principal,
    host: entry.host,
    operation: entry.operation,
    permission: entry.permissionType,
  };
}

function bindingOf(row: AclRow): AclBinding {
  return {
    pattern: { resourceType: row.resourceType as ResourceType, name: row.resourceName, patternType: row.patternType as PatternType },
    entry: { principal: row.principal, host: row.host, operation: row.operation as AclOperation, permissionType: row.permission as AclPermissionType },
  };
}

/** The engine's `AclStore` over the metadata database (`acls`), so every edge and every node shares one set of ACLs. */
export class PrismaAclStore implements AclStore {
  constructor(
    private readonly prisma: MetadataClient,
    private readonly feed: SecurityChangeFeed,
  ) {}

  async load(): Promise<AclBinding[]> {
    const rows = await inMetadataDatabase("load the ACLs", () => this.prisma.acl.findMany());
    return rows.map(bindingOf);
  }

  async add(bindings: readonly AclBinding[]): Promise<void> {
    // SQLite's adapter has no createMany skipDuplicates: existing rows are deleted and written again, in one transaction.
    const rows = bindings.map(rowOf);
    const results = await inMetadataDatabase("store ACLs", () =>
      this.prisma.$transaction([...rows.map((row) => this.prisma.acl.deleteMany({ where: row })), this.prisma.acl.createMany({ data: dedupe(rows) }), this.feed.bump("acls")]),
    );
    this.feed.noteOwnChange("acls", (results.at(-1) as { version: number }).version);
  }

  async remove(bindings: readonly AclBinding[]): Promise<void> {
    const rows = bindings.map(rowOf);
    const results = await inMetadataDatabase("delete ACLs", () => this.prisma.$transaction([...rows.map((row) => this.prisma.acl.deleteMany({ where: row })), this.feed.bump("acls")]));
    this.feed.noteOwnChange("acls", (results.at(-1) as { version: number }).version);
  }

  watch(listener: () => void): () => void {
    return this.feed.watch("acls", listener);
  }

  /** The database connection belongs to the engine's metadata store, which closes it. */
  async close(): Promise<void> {}
}

function dedupe(rows: AclRow[]): AclRow[] {
  return [...new Map(rows.map((row) => [JSON.stringify(row), row])).values()];
}
