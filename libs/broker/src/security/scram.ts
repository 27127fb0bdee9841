import { createHash, createHmac, pbkdf2, randomBytes, timingSafeEqual } from "node:crypto";
import { promisify } from "node:util";

const pbkdf2Async = promisify(pbkdf2);

/**
 * SCRAM credentials (RFC 5802, RFC 7677) as Kafka keeps them (`ScramCredential`, `ScramFormatter`): a salt, an
 * iteration count, StoredKey = H(HMAC(SaltedPassword, "Client Key")) and ServerKey = HMAC(SaltedPassword, "Server
 * Key"). The password itself is never kept: these let a server check a client's proof and prove itself, and let
 * PLAIN check a password by deriving the same StoredKey.
 */

export const SCRAM_MECHANISMS = ["SCRAM-SHA-256", "SCRAM-SHA-512"] as const;
export type ScramMechanism = (typeof SCRAM_MECHANISMS)[number];

interface MechanismSpec {
  hash: "sha256" | "sha512";
  /** Digest length in bytes. */
  keyLength: number;
  /** Kafka's `ScramMechanism` code in DescribeUserScramCredentials / AlterUserScramCredentials. */
  code: number;
}

const SPECS: Record<ScramMechanism, MechanismSpec> = {
  "SCRAM-SHA-256": { hash: "sha256", keyLength: 32, code: 1 },
  "SCRAM-SHA-512": { hash: "sha512", keyLength: 64, code: 2 },
};

/** Kafka's least iteration count for both mechanisms (`ScramMechanism.minIterations`). */
export const SCRAM_MIN_ITERATIONS = 4096;
/** Kafka's greatest iteration count accepted by AlterUserScramCredentials (`ScramControlManager.MAX_ITERATIONS`). */
export const SCRAM_MAX_ITERATIONS = 16384;

export interface ScramCredential {
  salt: Buffer;
  iterations: number;
  storedKey: Buffer;
  serverKey: Buffer;
}

/** Whether `name` is a SCRAM mechanism Skein serves. */
export function isScramMechanism(name: string): name is ScramMechanism {
  return (SCRAM_MECHANISMS as readonly string[]).includes(name);
}

/** Kafka's wire code of a mechanism (1 for SCRAM-SHA-256, 2 for SCRAM-SHA-512). */
export function scramMechanismCode(mechanism: ScramMechanism): number {
  return SPECS[mechanism].code;
}

/** The mechanism of a wire code, or undefined for UNKNOWN (0) or a code Kafka does not define. */
export function scramMechanismOf(code: number): ScramMechanism | undefined {
  return SCRAM_MECHANISMS.find((m) => SPECS[m].code === code);
}

/** The digest algorithm of a mechanism, for HMAC and H. */
export function scramHash(mechanism: ScramMechanism): "sha256" | "sha512" {
  return SPECS[mechanism].hash;
}

/** Hi(password, salt, iterations) of RFC 5802: PBKDF2 with the mechanism's HMAC (on the thread pool). */
export function saltedPassword(mechanism: ScramMechanism, password: string, salt: Buffer, iterations: number): Promise<Buffer> {
  const { hash, keyLength } = SPECS[mechanism];
  return pbkdf2Async(Buffer.from(password, "utf8"), salt, iterations, keyLength, hash);
}

/** HMAC(key, text) with the mechanism's digest. */
export function hmac(mechanism: ScramMechanism, key: Buffer, text: Buffer | string): Buffer {
  return createHmac(SPECS[mechanism].hash, key).update(text).digest();
}

/** H(data) with the mechanism's digest. */
export function digest(mechanism: ScramMechanism, data: Buffer): Buffer {
  return createHash(SPECS[mechanism].hash).update(data).digest();
}

/** The stored credential for a salted password (what AlterUserScramCredentials receives from a client). */
export function scramCredentialFromSaltedPassword(mechanism: ScramMechanism, salted: Buffer, salt: Buffer, iterations: number): ScramCredential {
  const clientKey = hmac(mechanism, salted, "Client Key");
  return { salt: Buffer.from(salt), iterations, storedKey: digest(mechanism, clientKey), serverKey: hmac(mechanism, salted, "Server Key") };
}

/** A new credential for `password`, with a random 32-byte salt. */
export async function scramCredentialFromPassword(mechanism: ScramMechanism, password: string, iterations = SCRAM_MIN_ITERATIONS, salt: Buffer = randomBytes(32)): Promise<ScramCredential> {
  return scramCredentialFromSaltedPassword(mechanism, await saltedPassword(mechanism, password, salt, iterations), salt, iterations);
}

/** Whether `password` is the one `credential` was made from, compared in constant time. */
export async function scramCredentialMatches(mechanism: ScramMechanism, credential: ScramCredential, password: string): Promise<boolean> {
  const salted = await saltedPassword(mechanism, password, credential.salt, credential.iterations);
  const storedKey = digest(mechanism, hmac(mechanism, salted, "Client Key"));
  return constantTimeEqual(storedKey, credential.storedKey);
}

/** Compares two byte strings in time that depends only on their lengths. */
export function constantTimeEqual(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}
