/**
 * SASL/PLAIN's one message (RFC 4616): `[authzid] NUL authcid NUL passwd`, parsed as Kafka's `PlainSaslServer`
 * does, with its messages.
 */
export interface PlainCredentials {
  user: string;
  password: string;
}

/** Parses a PLAIN message. @throws PlainError with Kafka's message for a malformed one. */
export function parsePlainMessage(message: Buffer): PlainCredentials {
  const text = message.toString("utf8");
  const tokens = text.split("\u0000");
  if (tokens.length !== 3) throw new PlainError(`Invalid SASL/PLAIN response: expected 3 tokens, got ${tokens.length}`);
  const [authorizationId, user, password] = tokens as [string, string, string];
  if (user === "") throw new PlainError("Authentication failed: username not specified");
  if (password === "") throw new PlainError("Authentication failed: password not specified");
  if (authorizationId !== "" && authorizationId !== user) throw new PlainError("Authentication failed: Client requested an authorization id that is different from username");
  return { user, password };
}

/** A malformed PLAIN message. */
export class PlainError extends Error {}
