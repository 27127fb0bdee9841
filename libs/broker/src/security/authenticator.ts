import type { CredentialStore } from "./credential-store.js";
import { scramCredentialMatches, type ScramMechanism } from "./scram.js";
import { ScramServerExchange } from "./scram-server.js";

/**
 * Checks a password some other way (the service's scrypt hashes for HTTP users): true or false when it knows the
 * user, null when it does not.
 */
export type PasswordVerifier = (user: string, password: string) => Promise<boolean | null>;

/**
 * How every edge checks who a client is: PLAIN passwords (SASL/PLAIN on the wire, HTTP Basic) against the user's
 * SCRAM credentials, and SCRAM exchanges over the same credentials. One user database: a user made with
 * `kafka-configs --add-config SCRAM-SHA-256=[password=...]` can use PLAIN and SCRAM alike.
 */
export class Authenticator {
  constructor(
    readonly credentials: CredentialStore,
    private readonly options: {
      /** Asked when the user has no SCRAM credential (users that only have an HTTP password). */
      passwordVerifier?: PasswordVerifier;
    } = {},
  ) {}

  /**
   * Whether `password` is `user`'s: checked against the user's SCRAM-SHA-512 credential, else SCRAM-SHA-256
   * (PBKDF2 on the thread pool, keys compared in constant time), else the password verifier. Never throws for a wrong
   * password or an unknown user.
   */
  async verifyPlain(user: string, password: string): Promise<boolean> {
    for (const mechanism of ["SCRAM-SHA-512", "SCRAM-SHA-256"] as const) {
      const credential = await this.credentials.scramCredential(user, mechanism);
      if (credential !== null) return scramCredentialMatches(mechanism, credential, password);
    }
    return (await this.options.passwordVerifier?.(user, password)) === true;
  }

  /**
   * Starts a SCRAM exchange with the client-first message: looks the named user's credential up and returns the
   * server-first message to send; the caller then passes the client-final message to `exchange.receiveClientFinal`.
   * @throws ScramError for a malformed message
   */
  async startScram(mechanism: ScramMechanism, clientFirst: Buffer): Promise<{ exchange: ScramServerExchange; user: string; serverFirst: Buffer }> {
    const exchange = new ScramServerExchange(mechanism);
    const { user } = exchange.receiveClientFirst(clientFirst);
    const serverFirst = exchange.serverFirst(await this.credentials.scramCredential(user, mechanism));
    return { exchange, user, serverFirst };
  }
}
