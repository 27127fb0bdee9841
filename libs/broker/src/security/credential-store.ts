import type { ScramCredential, ScramMechanism } from "./scram.js";

/** A user's SCRAM credential for one mechanism, as DescribeUserScramCredentials shows it (never salts or keys). */
export interface ScramCredentialInfo {
  user: string;
  mechanism: ScramMechanism;
  iterations: number;
}

/** One change of AlterUserScramCredentials: set (insert or replace) a credential, or delete one. */
export type ScramCredentialChange =
  | { kind: "upsert"; user: string; mechanism: ScramMechanism; credential: ScramCredential }
  | { kind: "delete"; user: string; mechanism: ScramMechanism };

/**
 * Where users' SCRAM credentials live (Kafka keeps them in its metadata log). The engine ships a file in the data
 * directory; the service implements it over its database so that every edge sees one set of users. Never holds a
 * password: a credential is a salt, an iteration count, StoredKey and ServerKey.
 */
export interface CredentialStore {
  /** The credential of `user` for `mechanism`, or null when there is none. Read at every authentication. */
  scramCredential(user: string, mechanism: ScramMechanism): Promise<ScramCredential | null>;
  /** Every credential's user, mechanism and iterations. */
  listScramCredentials(): Promise<ScramCredentialInfo[]>;
  /** Applies every change or none (a delete of a credential that does not exist is ignored). */
  alterScramCredentials(changes: readonly ScramCredentialChange[]): Promise<void>;
  close(): Promise<void>;
}
