import { randomBytes } from "node:crypto";
import { constantTimeEqual, digest, hmac, SCRAM_MIN_ITERATIONS, type ScramCredential, type ScramMechanism } from "./scram.js";

/**
 * The server side of one SCRAM exchange (RFC 5802 §3 and §5), sans I/O: bytes in, bytes out, no sockets and no
 * credential lookups of its own. The caller feeds it the client-first message, looks up the named user's credential,
 * gets the server-first message, feeds the client-final message and gets the server-final one:
 *
 *   receiveClientFirst → serverFirst(credential) → receiveClientFinal → COMPLETE (or FAILED at any step)
 *
 * Each exchange draws its own server nonce, and the client-final message must carry exactly the client's nonce
 * followed by it, so a client-final message recorded from another exchange never verifies. A user without a
 * credential is sent a server-first message all the same (a salt derived from the name), and fails at the proof
 * like a wrong password, so the exchange does not tell whether a user exists.
 */
export class ScramServerExchange {
  private state: "CLIENT_FIRST" | "SERVER_FIRST" | "CLIENT_FINAL" | "COMPLETE" | "FAILED" = "CLIENT_FIRST";
  private clientFirstBare = "";
  private gs2Header = "";
  private clientNonce = "";
  private nonce = "";
  private serverFirstMessage = "";
  private credential: ScramCredential | null = null;
  private userName = "";

  constructor(
    readonly mechanism: ScramMechanism,
    private readonly options: {
      /** The server's part of the nonce (tests pass RFC 7677's); 24 random bytes in base64 by default. */
      serverNonce?: () => string;
      /** Keys the salt shown for unknown users, so it is stable per name but unguessable. */
      unknownUserSecret?: Buffer;
    } = {},
  ) {}

  /** The user named in the client-first message (after `=2C`/`=3D` decoding). */
  get user(): string {
    return this.userName;
  }

  get isComplete(): boolean {
    return this.state === "COMPLETE";
  }

  /**
   * Parses the client-first message: `gs2-header client-first-message-bare`. Channel binding (`p=`) and Kafka's
   * delegation-token extension are refused; an authorization id other than the user is refused, as in Kafka.
   * Returns the user whose credential the caller must look up.
   * @throws ScramError
   */
  receiveClientFirst(message: Buffer): { user: string } {
    this.expect("CLIENT_FIRST");
    const text = this.decodeText(message);
    const match = /^([ny]|p=[^,]*),(a=[^,]*)?,(.*)$/s.exec(text);
    if (!match) return this.fail("Invalid SCRAM client first message: expected gs2-header n,, or y,,");
    if (match[1]!.startsWith("p=")) return this.fail("SCRAM channel binding is not supported");
    this.gs2Header = `${match[1]},${match[2] ?? ""},`;
    this.clientFirstBare = match[3]!;
    const attributes = this.parseAttributes(this.clientFirstBare);
    if (attributes[0]?.[0] === "m") return this.fail("Invalid SCRAM client first message: mandatory extensions are not supported");
    if (attributes[0]?.[0] !== "n" || attributes[1]?.[0] !== "r") return this.fail("Invalid SCRAM client first message: expected n=<user>,r=<nonce>");
    const user = decodeSaslName(attributes[0][1]);
    if (user === null || user === "") return this.fail("Invalid SCRAM client first message: invalid user name");
    const clientNonce = attributes[1][1];
    if (!isPrintableNonce(clientNonce)) return this.fail("Invalid SCRAM client first message: invalid nonce");
    for (const [name, value] of attributes.slice(2)) {
      if (name === "tokenauth" && value.toLowerCase() === "true") return this.fail("Delegation token authentication is not supported");
    }
    const authzid = match[2] === undefined ? "" : decodeSaslName(match[2].slice(2));
    if (authzid !== "" && authzid !== user) return this.fail("Authentication failed: Client requested an authorization id that is different from username");
    this.userName = user;
    this.clientNonce = clientNonce;
    this.state = "SERVER_FIRST";
    return { user };
  }

  /**
   * The server-first message `r=<client nonce><server nonce>,s=<salt>,i=<iterations>` for the user's credential,
   * or for a made-up one when the user has none (the proof then fails). A credential with fewer than 4096 iterations
   * is refused, as Kafka refuses it.
   * @throws ScramError
   */
  serverFirst(credential: ScramCredential | null): Buffer {
    this.expect("SERVER_FIRST");
    if (credential !== null && credential.iterations < SCRAM_MIN_ITERATIONS) {
      return this.fail(`Iterations ${credential.iterations} is less than the minimum ${SCRAM_MIN_ITERATIONS} for ${this.mechanism}`);
    }
    this.credential = credential;
    const salt = credential?.salt ?? hmac(this.mechanism, this.options.unknownUserSecret ?? UNKNOWN_USER_SECRET, `salt:${this.userName}`);
    const iterations = credential?.iterations ?? SCRAM_MIN_ITERATIONS;
    const serverNonce = this.options.serverNonce?.() ?? randomBytes(24).toString("base64");
    this.nonce = this.clientNonce + serverNonce;
    this.serverFirstMessage = `r=${this.nonce},s=${salt.toString("base64")},i=${iterations}`;
    this.state = "CLIENT_FINAL";
    return Buffer.from(this.serverFirstMessage, "utf8");
  }

  /**
   * Checks the client-final message `c=<gs2 header>,r=<nonce>,p=<proof>` and returns the server-final message
   * `v=<server signature>`. The nonce must be the one of this exchange, the channel binding the client-first
   * message's gs2 header, and H(proof XOR ClientSignature) the StoredKey (compared in constant time).
   * @throws ScramError
   */
  receiveClientFinal(message: Buffer): Buffer {
    this.expect("CLIENT_FINAL");
    const text = this.decodeText(message);
    const proofAt = text.lastIndexOf(",p=");
    if (proofAt < 0) return this.fail("Invalid SCRAM client final message: no proof");
    const withoutProof = text.slice(0, proofAt);
    const attributes = this.parseAttributes(withoutProof);
    if (attributes[0]?.[0] !== "c" || attributes[1]?.[0] !== "r") return this.fail("Invalid SCRAM client final message: expected c=<binding>,r=<nonce>,p=<proof>");
    const proof = decodeBase64(text.slice(proofAt + 3));
    if (proof === null) return this.fail("Invalid SCRAM client final message: the proof is not base64");
    if (!constantTimeEqual(Buffer.from(attributes[1][1]), Buffer.from(this.nonce))) return this.fail("Invalid client nonce in the final client message.");
    if (attributes[0][1] !== Buffer.from(this.gs2Header, "utf8").toString("base64")) return this.fail("Invalid channel binding in the final client message.");
    const credential = this.credential;
    const authMessage = `${this.clientFirstBare},${this.serverFirstMessage},${withoutProof}`;
    if (credential === null || proof.length !== credential.storedKey.length) return this.fail("Authentication failed: Invalid user credentials");
    const clientSignature = hmac(this.mechanism, credential.storedKey, authMessage);
    const clientKey = Buffer.alloc(proof.length);
    for (let i = 0; i < proof.length; i++) clientKey[i] = proof[i]! ^ clientSignature[i]!;
    if (!constantTimeEqual(digest(this.mechanism, clientKey), credential.storedKey)) return this.fail("Authentication failed: Invalid user credentials");
    const serverSignature = hmac(this.mechanism, credential.serverKey, authMessage);
    this.credential = null;
    this.state = "COMPLETE";
    return Buffer.from(`v=${serverSignature.toString("base64")}`, "utf8");
  }

  private expect(state: ScramServerExchange["state"]): void {
    if (this.state !== state) this.fail(`Unexpected SCRAM message in state ${this.state}`);
  }

  private fail(message: string): never {
    this.state = "FAILED";
    this.credential = null;
    throw new ScramError(message);
  }

  private decodeText(message: Buffer): string {
    const text = message.toString("utf8");
    if (!Buffer.from(text, "utf8").equals(message)) this.fail("Invalid SCRAM message: not UTF-8");
    return text;
  }

  /** `a=1,b=2` as ordered pairs; every attribute is a single letter or an extension name followed by `=`. */
  private parseAttributes(text: string): [string, string][] {
    const pairs: [string, string][] = [];
    for (const part of text.split(",")) {
      const eq = part.indexOf("=");
      if (eq <= 0 || !/^[A-Za-z]+$/.test(part.slice(0, eq))) this.fail(`Invalid SCRAM message attribute '${part.slice(0, 32)}'`);
      pairs.push([part.slice(0, eq), part.slice(eq + 1)]);
    }
    return pairs;
  }
}

/** A SCRAM exchange that failed: a malformed message, a wrong proof, an unknown user or a replayed nonce. */
export class ScramError extends Error {}

const UNKNOWN_USER_SECRET = randomBytes(32);

/** `saslname` of RFC 5802: `=2C` is `,` and `=3D` is `=`; any other `=` makes the name invalid (null). */
export function decodeSaslName(name: string): string | null {
  if (/=(?!2C|3D)/.test(name)) return null;
  return name.replaceAll("=2C", ",").replaceAll("=3D", "=");
}

/** `saslname` encoding of a user name. */
export function encodeSaslName(user: string): string {
  return user.replaceAll("=", "=3D").replaceAll(",", "=2C");
}

function isPrintableNonce(nonce: string): boolean {
  return nonce.length > 0 && /^[\x21-\x2b\x2d-\x7e]+$/.test(nonce);
}

function decodeBase64(text: string): Buffer | null {
  if (!/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(text)) return null;
  return Buffer.from(text, "base64");
}
