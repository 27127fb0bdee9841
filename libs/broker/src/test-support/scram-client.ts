import { randomBytes } from "node:crypto";
import { digest, hmac, saltedPassword, type ScramMechanism } from "../security/scram.js";
import { encodeSaslName } from "../security/scram-server.js";

/** The client side of a SCRAM exchange (RFC 5802), for tests: what Kafka's clients send. */
export class ScramClient {
  readonly clientFirstBare: string;
  private serverFirstMessage = "";
  private expectedServerSignature: Buffer | null = null;

  constructor(
    readonly mechanism: ScramMechanism,
    readonly user: string,
    private readonly password: string,
    readonly clientNonce: string = randomBytes(18).toString("base64"),
  ) {
    this.clientFirstBare = `n=${encodeSaslName(user)},r=${clientNonce}`;
  }

  clientFirst(): Buffer {
    return Buffer.from(`n,,${this.clientFirstBare}`);
  }

  /** The client-final message for the server-first message, with the proof of the password. */
  async clientFinal(serverFirst: Buffer, options: { nonce?: string } = {}): Promise<Buffer> {
    this.serverFirstMessage = serverFirst.toString();
    const fields = Object.fromEntries(this.serverFirstMessage.split(",").map((f) => [f[0], f.slice(2)]));
    const salted = await saltedPassword(this.mechanism, this.password, Buffer.from(fields.s!, "base64"), Number(fields.i));
    const withoutProof = `c=biws,r=${options.nonce ?? fields.r}`;
    const authMessage = `${this.clientFirstBare},${this.serverFirstMessage},${withoutProof}`;
    const clientKey = hmac(this.mechanism, salted, "Client Key");
    const signature = hmac(this.mechanism, digest(this.mechanism, clientKey), authMessage);
    const proof = Buffer.alloc(clientKey.length);
    for (let i = 0; i < proof.length; i++) proof[i] = clientKey[i]! ^ signature[i]!;
    this.expectedServerSignature = hmac(this.mechanism, hmac(this.mechanism, salted, "Server Key"), authMessage);
    return Buffer.from(`${withoutProof},p=${proof.toString("base64")}`);
  }

  /** Whether the server-final message proves the server knows the credential. */
  verifyServerFinal(serverFinal: Buffer): boolean {
    return this.expectedServerSignature !== null && serverFinal.toString() === `v=${this.expectedServerSignature.toString("base64")}`;
  }
}
