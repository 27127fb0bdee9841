import { SCRAM_MECHANISMS, scramCredentialFromPassword, type ScramMechanism } from "@skein/broker";
import { inMetadataDatabase } from "../errors/metadata-database-errors.js";
import { RestError } from "../errors/rest-error.js";
import type { MetadataClient } from "../metadata/prisma-client.js";
import { hashPassword, MAX_PASSWORD_BYTES, verifyPassword } from "./password-hash.js";
import { credentialRow } from "./prisma-credential-store.js";

/** A user as the users API shows it: never a hash, salt or key. */
export interface UserAccount {
  name: string;
  /** Whether the user has an HTTP password hash (users whose password was set over the wire have only SCRAM). */
  hasPassword: boolean;
  /** The SCRAM mechanisms the user can authenticate with on Kafka's wire, with their iteration counts. */
  scram: { mechanism: ScramMechanism; iterations: number }[];
  apiKeys: number;
  createdAt: number | null;
  updatedAt: number | null;
}

/** User names made over REST: what HTTP Basic, SCRAM's saslname and ACL principals all carry without escaping. */
const USER_NAME = /^[A-Za-z0-9._@-]{1,128}$/;
/** Passwords shorter than this are refused (Kafka sets no floor; a network service should). */
export const MIN_PASSWORD_LENGTH = 8;
/** SCRAM iterations of credentials made from a REST password: twice Kafka's minimum, within what its clients accept. */
export const SCRAM_ITERATIONS = 8192;

/** Checks a new user name. @throws RestError 400/40002 */
export function checkUserName(name: string): void {
  if (!USER_NAME.test(name)) throw new RestError(400, 40002, `Invalid user name '${name}': 1 to 128 letters, digits, '.', '_', '-' or '@'.`);
}

/** Checks a new password. @throws RestError 400/40002 */
export function checkPassword(password: unknown): asserts password is string {
  if (typeof password !== "string" || [...password].length < MIN_PASSWORD_LENGTH) throw new RestError(400, 40002, `A password must be at least ${MIN_PASSWORD_LENGTH} characters.`);
  if (Buffer.byteLength(password) > MAX_PASSWORD_BYTES) throw new RestError(400, 40002, `A password must be at most ${MAX_PASSWORD_BYTES} bytes.`);
}

/**
 * Users in the metadata database: an HTTP password (scrypt) and the SCRAM credentials Kafka's wire needs, made from
 * the same password in one transaction, so a user made here signs in over HTTP Basic, the console, SASL/PLAIN and
 * SCRAM alike. Users made over the wire (SCRAM credentials only) are listed too.
 */
export class UserAccounts {
  constructor(
    private readonly prisma: MetadataClient,
    /** Called with the users whose password or existence changed (caches of verified passwords drop them). */
    private readonly onChange: (users: string[]) => void = () => undefined,
  ) {}

  async list(): Promise<UserAccount[]> {
    const [users, credentials, keys] = await inMetadataDatabase("list users", () =>
      Promise.all([this.prisma.user.findMany(), this.prisma.scramCredential.findMany(), this.prisma.apiKey.groupBy({ by: ["user"], _count: { _all: true } })]),
    );
    const names = new Set([...users.map((u) => u.name), ...credentials.map((c) => c.user)]);
    return [...names].sort().map((name) => {
      const user = users.find((u) => u.name === name);
      return {
        name,
        hasPassword: user?.passwordHash != null,
        scram: credentials.filter((c) => c.user === name).map((c) => ({ mechanism: c.mechanism as ScramMechanism, iterations: c.iterations })),
        apiKeys: keys.find((k) => k.user === name)?._count._all ?? 0,
        createdAt: user?.createdAt.getTime() ?? null,
        updatedAt: user?.updatedAt.getTime() ?? null,
      };
    });
  }

  /** The user, or null when it has neither a password nor a SCRAM credential. */
  async get(name: string): Promise<UserAccount | null> {
    return (await this.list()).find((u) => u.name === name) ?? null;
  }

  /** Makes a user with a password. @throws RestError 409 when the user exists, 400 for a bad name or password */
  async create(name: string, password: string): Promise<UserAccount> {
    checkUserName(name);
    checkPassword(password);
    if ((await this.get(name)) !== null) throw new RestError(409, 409, `User ${name} already exists.`);
    await this.store(name, password, true);
    return (await this.get(name))!;
  }

  /** Sets a user's password everywhere (HTTP hash and SCRAM credentials); makes the user when missing. */
  async setPassword(name: string, password: string): Promise<UserAccount> {
    checkPassword(password);
    await this.store(name, password, false);
    return (await this.get(name))!;
  }

  /** Deletes the user, its SCRAM credentials, API keys and sessions (its ACLs stay, as Kafka keeps them). */
  async delete(name: string): Promise<boolean> {
    const [users, credentials] = await inMetadataDatabase(`delete user ${name}`, () =>
      this.prisma.$transaction([
        this.prisma.user.deleteMany({ where: { name } }),
        this.prisma.scramCredential.deleteMany({ where: { user: name } }),
        this.prisma.apiKey.deleteMany({ where: { user: name } }),
        this.prisma.httpSession.deleteMany({ where: { user: name } }),
      ]),
    );
    this.onChange([name]);
    return users.count + credentials.count > 0;
  }

  /** Whether `password` is the user's HTTP password: null when the user has no HTTP password hash. */
  async verifyPassword(name: string, password: string): Promise<boolean | null> {
    const user = await inMetadataDatabase("read a user", () => this.prisma.user.findUnique({ where: { name } }));
    if (user?.passwordHash == null) return null;
    return verifyPassword(password, user.passwordHash);
  }

  private async store(name: string, password: string, create: boolean): Promise<void> {
    const [passwordHash, ...credentials] = await Promise.all([
      hashPassword(password),
      ...SCRAM_MECHANISMS.map((mechanism) => scramCredentialFromPassword(mechanism, password, SCRAM_ITERATIONS)),
    ]);
    const now = new Date();
    const rows = SCRAM_MECHANISMS.map((mechanism, i) => credentialRow(name, mechanism, credentials[i] as Awaited<ReturnType<typeof scramCredentialFromPassword>>));
    await inMetadataDatabase(`${create ? "create" : "update"} user ${name}`, () =>
      this.prisma.$transaction([
        this.prisma.user.upsert({ where: { name }, create: { name, passwordHash: passwordHash as string, createdAt: now, updatedAt: now }, update: { passwordHash: passwordHash as string, updatedAt: now } }),
        ...rows.map((row) => this.prisma.scramCredential.upsert({ where: { user_mechanism: { user: name, mechanism: row.mechanism } }, create: row, update: row })),
      ]),
    );
    this.onChange([name]);
  }
}
