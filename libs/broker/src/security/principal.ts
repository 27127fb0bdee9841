/**
 * Kafka's principals (`KafkaPrincipal`): a type and a name, written `User:alice`. Every authenticated connection or
 * HTTP request acts as one; a connection without authentication acts as `User:ANONYMOUS`.
 */
export interface KafkaPrincipal {
  readonly principalType: string;
  readonly name: string;
}

/** Kafka's only principal type for users (`KafkaPrincipal.USER_TYPE`). */
export const USER_TYPE = "User";

/** The principal of a connection that did not authenticate (PLAINTEXT, or SSL without a client certificate). */
export const ANONYMOUS: KafkaPrincipal = Object.freeze({ principalType: USER_TYPE, name: "ANONYMOUS" });

/** `User:*`, the ACL principal that matches every user. */
export const WILDCARD_PRINCIPAL: KafkaPrincipal = Object.freeze({ principalType: USER_TYPE, name: "*" });

/** The principal of user `name`. */
export function userPrincipal(name: string): KafkaPrincipal {
  return { principalType: USER_TYPE, name };
}

/** `User:alice`, as Kafka writes principals in ACLs, logs and `super.users`. */
export function formatPrincipal(principal: KafkaPrincipal): string {
  return `${principal.principalType}:${principal.name}`;
}

/**
 * Parses `Type:name` (Kafka's `SecurityUtils.parseKafkaPrincipal`): the type is up to the first colon, the name is
 * the rest and may contain colons. Throws for a string without a colon or with an empty type or name.
 */
export function parsePrincipal(text: string): KafkaPrincipal {
  const colon = text.indexOf(":");
  if (colon <= 0 || colon === text.length - 1) {
    throw new Error(`Invalid principal '${text}': expected <type>:<name>, e.g. User:alice`);
  }
  return { principalType: text.slice(0, colon), name: text.slice(colon + 1) };
}

/** Whether two principals are the same (type and name). */
export function samePrincipal(a: KafkaPrincipal, b: KafkaPrincipal): boolean {
  return a.principalType === b.principalType && a.name === b.name;
}
