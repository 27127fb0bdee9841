import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from "node:crypto";

/**
 * Passwords of HTTP users, kept as salted scrypt hashes in a self-describing string,
 * `$scrypt$ln=15,r=8,p=1$<salt>$<hash>` (base64 without padding), so the cost can be raised later without
 * invalidating existing hashes. Verification runs on the thread pool and compares in constant time.
 */

export interface ScryptCost {
  /** log2 of scrypt's N (CPU and memory cost). */
  ln: number;
  r: number;
  p: number;
}

/** 2^15 × 8 × 128 bytes = 32 MiB and some tens of milliseconds per hash: OWASP's scrypt floor is 2^17 at r=8, p=1 for
 * interactive logins without rate limiting; every login here is rate-limited per source and successes are cached. */
export const DEFAULT_SCRYPT_COST: ScryptCost = { ln: 15, r: 8, p: 1 };

const SALT_BYTES = 16;
const HASH_BYTES = 32;
/** The longest password accepted: scrypt takes any length, but nobody types more and it bounds the work per try. */
export const MAX_PASSWORD_BYTES = 1024;

const FORMAT = /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/;

function derive(password: string, salt: Buffer, cost: ScryptCost, length: number): Promise<Buffer> {
  const N = 2 ** cost.ln;
  const options: ScryptOptions = { N, r: cost.r, p: cost.p, maxmem: 256 * N * cost.r * cost.p };
  return new Promise((resolve, reject) => scrypt(password.normalize("NFKC"), salt, length, options, (error, key) => (error ? reject(error) : resolve(key))));
}

const b64 = (bytes: Buffer) => bytes.toString("base64").replace(/=+$/, "");

/** A new hash of `password` with a random salt. */
export async function hashPassword(password: string, cost: ScryptCost = DEFAULT_SCRYPT_COST): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const hash = await derive(password, salt, cost, HASH_BYTES);
  return `$scrypt$ln=${cost.ln},r=${cost.r},p=${cost.p}$${b64(salt)}$${b64(hash)}`;
}

/** Whether `password` is the one `encoded` was made from; false for a malformed hash. */
export async function verifyPassword(password: string, encoded: string): Promise<boolean> {
  const match = FORMAT.exec(encoded);
  if (!match) return false;
  const cost = { ln: Number(match[1]), r: Number(match[2]), p: Number(match[3]) };
  if (cost.ln < 1 || cost.ln > 20 || cost.r < 1 || cost.p < 1) return false;
  const expected = Buffer.from(match[5]!, "base64");
  const actual = await derive(password, Buffer.from(match[4]!, "base64"), cost, expected.length);
  return timingSafeEqual(actual, expected);
}

let dummy: Promise<string> | undefined;

/**
 * Spends the time a verification takes without a user to verify, so that an unknown user name answers as slowly as
 * a wrong password (no user enumeration by timing).
 */
export async function verifyAgainstNobody(password: string): Promise<false> {
  dummy ??= hashPassword("not a password anybody has");
  await verifyPassword(password, await dummy);
  return false;
}
