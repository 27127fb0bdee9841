import { createHash, randomBytes, randomInt, timingSafeEqual } from "node:crypto";
import { inMetadataDatabase } from "../errors/metadata-database-errors.js";
import type { MetadataClient } from "../metadata/prisma-client.js";

/** An API key as listed: never its secret. */
export interface ApiKeyInfo {
  id: string;
  user: string;
  description: string;
  createdAt: number;
  lastUsedAt: number | null;
}

const ID_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
const ID_LENGTH = 16;
/** Key ids: 16 characters of an alphabet without look-alikes (no 0/O, 1/I), as Confluent's keys look. */
export const API_KEY_ID = /^[A-HJ-NP-Z2-9]{16}$/;
/** How often a key's `lastUsedAt` is written at most: not a database write per request. */
const LAST_USED_PRECISION_MS = 60_000;

function secretHash(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("hex");
}

/**
 * API keys for programs: an id and a 256-bit random secret, shown once; the database keeps the secret's SHA-256 (a
 * slow hash buys nothing against guessing 256 random bits, and a fast one keeps every request cheap). A key acts
 * as its user (`User:<user>`), with that user's ACLs.
 */
export class ApiKeys {
  private readonly lastUsedWritten = new Map<string, number>();

  constructor(
    private readonly prisma: MetadataClient,
    private readonly onChange: () => void = () => undefined,
  ) {}

  /** Makes a key for `user`; the secret is in the answer and nowhere else. */
  async create(user: string, description: string): Promise<ApiKeyInfo & { secret: string }> {
    const id = Array.from({ length: ID_LENGTH }, () => ID_ALPHABET[randomInt(ID_ALPHABET.length)]).join("");
    const secret = randomBytes(32).toString("base64url");
    const createdAt = new Date();
    await inMetadataDatabase(`create an API key for ${user}`, () => this.prisma.apiKey.create({ data: { id, user, secretHash: secretHash(secret), description, createdAt } }));
    return { id, user, description, createdAt: createdAt.getTime(), lastUsedAt: null, secret };
  }

  /** Every key, or those of one user. */
  async list(user?: string): Promise<ApiKeyInfo[]> {
    const rows = await inMetadataDatabase("list API keys", () => this.prisma.apiKey.findMany({ where: user === undefined ? {} : { user }, orderBy: [{ user: "asc" }, { createdAt: "asc" }] }));
    return rows.map((row) => ({ id: row.id, user: row.user, description: row.description, createdAt: row.createdAt.getTime(), lastUsedAt: row.lastUsedAt?.getTime() ?? null }));
  }

  async get(id: string): Promise<ApiKeyInfo | null> {
    return (await this.list()).find((key) => key.id === id) ?? null;
  }

  /** Deletes a key; false when there was none. */
  async delete(id: string): Promise<boolean> {
    const { count } = await inMetadataDatabase(`delete API key ${id}`, () => this.prisma.apiKey.deleteMany({ where: { id } }));
    this.onChange();
    return count > 0;
  }

  /** The user a key id and secret belong to, or null (unknown id or wrong secret, compared in constant time). */
  async verify(id: string, secret: string): Promise<string | null> {
    if (!API_KEY_ID.test(id)) return null;
    const row = await inMetadataDatabase("read an API key", () => this.prisma.apiKey.findUnique({ where: { id } }));
    const expected = Buffer.from(row?.secretHash ?? "0".repeat(64), "hex");
    const matches = timingSafeEqual(Buffer.from(secretHash(secret), "hex"), expected);
    if (row === null || !matches) return null;
    const now = Date.now();
    if (now - (this.lastUsedWritten.get(id) ?? 0) > LAST_USED_PRECISION_MS) {
      this.lastUsedWritten.set(id, now);
      // Best effort: a key that works must not fail because its usage time could not be written.
      await this.prisma.apiKey.updateMany({ where: { id }, data: { lastUsedAt: new Date(now) } }).catch(() => undefined);
    }
    return row.user;
  }
}
