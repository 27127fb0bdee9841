import type { CredentialStore, ScramCredentialChange, ScramCredentialInfo } from "./credential-store.js";
import { JsonStateFile } from "./json-state-file.js";
import type { ScramCredential, ScramMechanism } from "./scram.js";

interface StoredCredential {
  user: string;
  mechanism: ScramMechanism;
  salt: string;
  iterations: number;
  storedKey: string;
  serverKey: string;
}

/** The engine's credential store: `scram-credentials.json` (mode 0600) in the data directory, keys in base64. */
export class FileCredentialStore implements CredentialStore {
  private readonly file: JsonStateFile<{ credentials: StoredCredential[] }>;
  private credentials: StoredCredential[];

  constructor(path: string) {
    this.file = new JsonStateFile(path, () => ({ credentials: [] }));
    this.credentials = this.file.read().credentials;
  }

  async scramCredential(user: string, mechanism: ScramMechanism): Promise<ScramCredential | null> {
    const stored = this.credentials.find((c) => c.user === user && c.mechanism === mechanism);
    if (stored === undefined) return null;
    return {
      salt: Buffer.from(stored.salt, "base64"),
      iterations: stored.iterations,
      storedKey: Buffer.from(stored.storedKey, "base64"),
      serverKey: Buffer.from(stored.serverKey, "base64"),
    };
  }

  async listScramCredentials(): Promise<ScramCredentialInfo[]> {
    return this.credentials.map(({ user, mechanism, iterations }) => ({ user, mechanism, iterations }));
  }

  async alterScramCredentials(changes: readonly ScramCredentialChange[]): Promise<void> {
    let next = [...this.credentials];
    for (const change of changes) {
      next = next.filter((c) => !(c.user === change.user && c.mechanism === change.mechanism));
      if (change.kind === "upsert") {
        const { salt, iterations, storedKey, serverKey } = change.credential;
        next.push({
          user: change.user,
          mechanism: change.mechanism,
          salt: salt.toString("base64"),
          iterations,
          storedKey: storedKey.toString("base64"),
          serverKey: serverKey.toString("base64"),
        });
      }
    }
    this.file.write({ credentials: next });
    this.credentials = next;
  }

  async close(): Promise<void> {}
}
