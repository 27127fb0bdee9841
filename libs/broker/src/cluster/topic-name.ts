import { InvalidTopicError } from "../errors.js";

/**
 * Topic name rules, as Kafka 3.9's `org.apache.kafka.common.internals.Topic` and the KRaft controller's
 * collision check state them, with their exact messages.
 */
export const GROUP_METADATA_TOPIC_NAME = "__consumer_offsets";
export const TRANSACTION_STATE_TOPIC_NAME = "__transaction_state";
/** Skein's audit log: who authenticated, changed or was denied what, on every edge. */
export const AUDIT_TOPIC_NAME = "_skein_audit";
export const MAX_TOPIC_NAME_LENGTH = 249;

const INTERNAL_TOPICS: ReadonlySet<string> = new Set([GROUP_METADATA_TOPIC_NAME, TRANSACTION_STATE_TOPIC_NAME, AUDIT_TOPIC_NAME]);
const LEGAL_NAME = /^[a-zA-Z0-9._-]*$/;

/** Throws `InvalidTopicError` with Kafka's message when `name` is not a legal topic name. */
export function validateTopicName(name: string): void {
  const reason = invalidTopicNameReason(name);
  if (reason !== undefined) throw new InvalidTopicError(`Topic name is invalid: ${reason}`);
}

/** Whether `name` is a legal topic name. */
export function isValidTopicName(name: string): boolean {
  return invalidTopicNameReason(name) === undefined;
}

function invalidTopicNameReason(name: string): string | undefined {
  if (name.length === 0) return "the empty string is not allowed";
  if (name === ".") return "'.' is not allowed";
  if (name === "..") return "'..' is not allowed";
  if (name.length > MAX_TOPIC_NAME_LENGTH) {
    return `the length of '${name}' is longer than the max allowed length ${MAX_TOPIC_NAME_LENGTH}`;
  }
  if (!LEGAL_NAME.test(name)) {
    return `'${name}' contains one or more characters other than ASCII alphanumerics, '.', '_' and '-'`;
  }
  return undefined;
}

/** Whether `name` is one of the broker's own topics (consumer offsets, transaction state, the audit log). */
export function isInternalTopic(name: string): boolean {
  return INTERNAL_TOPICS.has(name);
}

/** Whether `name` holds a '.' or '_', the characters that collide in metric names. */
export function hasCollisionChars(name: string): boolean {
  return name.includes(".") || name.includes("_");
}

/** `name` with every '.' replaced by '_': two topics collide when these are equal. */
export function unifyCollisionChars(name: string): string {
  return name.replaceAll(".", "_");
}

/**
 * The existing topic `name` collides with ('a.b' and 'a_b' do), or `undefined`. Like Kafka's controller it reports
 * the first colliding name in sorted order, and ignores an existing topic of the very same name.
 */
export function findCollidingTopic(name: string, existingNames: Iterable<string>): string | undefined {
  if (!hasCollisionChars(name)) return undefined;
  const unified = unifyCollisionChars(name);
  let colliding: string | undefined;
  for (const existing of existingNames) {
    if (existing === name || unifyCollisionChars(existing) !== unified) continue;
    if (colliding === undefined || existing < colliding) colliding = existing;
  }
  return colliding;
}

/** Throws `InvalidTopicError` with Kafka's message when `name` collides with one of `existingNames`. */
export function validateNoTopicCollision(name: string, existingNames: Iterable<string>): void {
  const colliding = findCollidingTopic(name, existingNames);
  if (colliding !== undefined) {
    throw new InvalidTopicError(`Topic '${name}' collides with existing topic: ${colliding}`);
  }
}
