import type { CredentialStore, ScramCredential, ScramCredentialChange, ScramCredentialInfo, ScramMechanism } from "@skein/broker";
import { inMetadataDatabase } from "../errors/metadata-database-errors.js";
import type { MetadataClient } from "../metadata/prisma-client.js";

/** A SCRAM credential as `scram_credentials` keeps it (keys in base64). */
export function credentialRow(user: string, mechanism: ScramMechanism, credential: ScramCredential) {
  return {
    user,
    mechanism,
    salt: credential.salt.toString("base64"),
    iterations: credential.iterations,
    storedKey: credential.storedKey.toString("base64"),
    serverKey: credential.serverKey.toString("base64"),
  };
}

/**
 * The engine's `CredentialStore` over the metadata database (`scram_credentials`): what SASL/SCRAM and PLAIN on the
 * wire check. A credential set over the wire (AlterUserScramCredentials, `kafka-configs --add-config
 * SCRAM-SHA-256=[password=...]`) also clears the user's HTTP password hash in the same transaction: a user has one
 * password, and HTTP Basic then checks it against the new credential.
 */
export class PrismaCredentialStore implements CredentialStore {
  constructor(
    private readonly prisma: MetadataClient,
    /** Called after every change, with the users it touched (HTTP caches of their passwords are dropped). */
    private readonly onChange: (users: string[]) => void = () => undefined,
  ) {}

  async scramCredential(user: string, mechanism: ScramMechanism): Promise<ScramCredential | null> {
    const row = await inMetadataDatabase("read a SCRAM credential", () => this.prisma.scramCredential.findUnique({ where: { user_mechanism: { user, mechanism } } }));
    if (row === null) return null;
    return {
      salt: Buffer.from(row.salt, "base64"),
      iterations: row.iterations,
      storedKey: Buffer.from(row.storedKey, "base64"),
      serverKey: Buffer.from(row.serverKey, "base64"),
    };
  }

  async listScramCredentials(): Promise<ScramCredentialInfo[]> {
    const rows = await inMetadataDatabase("list SCRAM credentials", () => this.prisma.scramCredential.findMany({ orderBy: [{ user: "asc" }, { mechanism: "asc" }] }));
    return rows.map((row) => ({ user: row.user, mechanism: row.mechanism as ScramMechanism, iterations: row.iterations }));
  }

  async alterScramCredentials(changes: readonly ScramCredentialChange[]): Promise<void> {
    const now = new Date();
    const upserted = [...new Set(changes.filter((c) => c.kind === "upsert").map((c) => c.user))];
    const operations = [
      ...changes.map((change) => {
        const where = { user: change.user, mechanism: change.mechanism };
        if (change.kind === "delete") return this.prisma.scramCredential.deleteMany({ where });
        const row = credentialRow(change.user, change.mechanism, change.credential);
        return this.prisma.scramCredential.upsert({ where: { user_mechanism: where }, create: row, update: row });
      }),
      ...upserted.map((user) => this.prisma.user.updateMany({ where: { name: user }, data: { passwordHash: null, updatedAt: now } })),
    ];
    await inMetadataDatabase("store SCRAM credentials", () => this.prisma.$transaction(operations));
    this.onChange([...new Set(changes.map((c) => c.user))]);
  }

  async close(): Promise<void> {}
}
