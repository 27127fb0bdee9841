import { InvalidRequestError, type KafkaError } from "../errors.js";

/**
 * Kafka's client quotas (KIP-546's `ClientQuotaEntity` and `QuotaConfig`): an entity is a user, a client id, or a user
 * and a client id, each named or `<default>` (null); its quotas are per-second rates by key. Types and checks only;
 * the `QuotaManager` enforces them.
 */

export const QUOTA_KEYS = ["producer_byte_rate", "consumer_byte_rate", "request_percentage", "controller_mutation_rate"] as const;
export type QuotaKey = (typeof QUOTA_KEYS)[number];

/** Whether a key's value must be a whole number (Kafka's LONG keys) or may be fractional (DOUBLE). */
const INTEGRAL_KEYS: ReadonlySet<QuotaKey> = new Set(["producer_byte_rate", "consumer_byte_rate"]);

export const QUOTA_ENTITY_TYPES = ["user", "client-id"] as const;
export type QuotaEntityType = (typeof QUOTA_ENTITY_TYPES)[number];

/** An entity: the types it names, each a name or null for `<default>`; a type left out is not part of it. */
export type ClientQuotaEntity = Partial<Record<QuotaEntityType, string | null>>;

export type ClientQuotas = Partial<Record<QuotaKey, number>>;

/** One entity's quotas, as stored and described. */
export interface ClientQuotaEntry {
  entity: ClientQuotaEntity;
  quotas: ClientQuotas;
}

/** AlterClientQuotas for one entity: set each key to a value, or remove it (null). */
export interface ClientQuotaAlteration {
  entity: ClientQuotaEntity;
  changes: { key: string; value: number | null }[];
}

/** DescribeClientQuotas' filter: per entity type, an exact name, the default, or any ("specified": present, as Kafka's KRaft brokers match it). */
export interface ClientQuotaFilter {
  components: { entityType: string; match: { kind: "exact"; name: string } | { kind: "default" } | { kind: "specified" } }[];
  /** Only entities with no types beyond the components'. */
  strict: boolean;
}

/** A stable string for an entity (map keys, file records): `user=alice,client-id=<default>`. */
export function quotaEntityKey(entity: ClientQuotaEntity): string {
  return QUOTA_ENTITY_TYPES.filter((t) => entity[t] !== undefined)
    .map((t) => `${t}=${entity[t] === null ? "<default>" : encodeURIComponent(entity[t]!)}`)
    .join(",");
}

/** How Kafka prints an entity in messages: `ClientQuotaEntity(entries={user=alice})`. */
export function formatQuotaEntity(entity: ClientQuotaEntity): string {
  return `ClientQuotaEntity(entries={${QUOTA_ENTITY_TYPES.filter((t) => entity[t] !== undefined)
    .map((t) => `${t}=${entity[t]}`)
    .join(", ")}})`;
}

/**
 * Reads an entity from the wire's (type, name) pairs with Kafka's checks and messages (`validateEntity`): known
 * types, each once, no empty names. The `ip` type is Kafka's but refused here: Skein has no connection-rate quotas.
 */
export function quotaEntityOf(entries: readonly { entityType: string; entityName: string | null }[]): ClientQuotaEntity {
  if (entries.length === 0) throw new InvalidRequestError("Invalid empty client quota entity");
  const entity: ClientQuotaEntity = {};
  for (const { entityType, entityName } of entries) {
    if (entityType === "ip") throw new InvalidRequestError("Skein does not support ip quotas (connection_creation_rate)");
    if (!(QUOTA_ENTITY_TYPES as readonly string[]).includes(entityType)) throw new InvalidRequestError(`Unhandled client quota entity type: ${entityType}`);
    const type = entityType as QuotaEntityType;
    if (entity[type] !== undefined) throw new InvalidRequestError(`Invalid client quota entity, duplicate entity entry ${entityType}`);
    if (entityName === "") throw new InvalidRequestError(`Empty ${entityType} not supported`);
    entity[type] = entityName;
  }
  return entity;
}

/**
 * Checks one alteration (Kafka's `ClientQuotaControlManager`): a non-empty entity, each key once, known keys, values
 * above 0, whole numbers for the byte rates. Returns the error, or null.
 */
export function checkQuotaAlteration(alteration: ClientQuotaAlteration): KafkaError | null {
  const { entity, changes } = alteration;
  if (QUOTA_ENTITY_TYPES.every((t) => entity[t] === undefined)) return new InvalidRequestError("Invalid empty client quota entity");
  const seen = new Set<string>();
  for (const { key, value } of changes) {
    if (seen.has(key)) return new InvalidRequestError(`Duplicate quota key ${key} not updating quota for this entity ${formatQuotaEntity(entity)}`);
    seen.add(key);
    if (value === null) continue;
    if (!(QUOTA_KEYS as readonly string[]).includes(key)) return new InvalidRequestError(`Invalid configuration key ${key}`);
    if (!(value > 0)) return new InvalidRequestError(`Quota ${key} must be greater than 0`);
    if (INTEGRAL_KEYS.has(key as QuotaKey)) {
      if (value > Number.MAX_SAFE_INTEGER) return new InvalidRequestError(`Proposed value for ${key} is too large for a LONG.`);
      if (Math.abs(value % 1) > 1e-6) return new InvalidRequestError(`${key} cannot be a fractional value.`);
    }
  }
  return null;
}

/** Whether an entity is selected by a DescribeClientQuotas filter. */
export function quotaEntityMatches(filter: ClientQuotaFilter, entity: ClientQuotaEntity): boolean {
  for (const { entityType, match } of filter.components) {
    const name = entity[entityType as QuotaEntityType];
    if (name === undefined) return false;
    if (match.kind === "exact" && name !== match.name) return false;
    if (match.kind === "default" && name !== null) return false;
  }
  if (filter.strict) {
    const named = new Set(filter.components.map((c) => c.entityType));
    if (QUOTA_ENTITY_TYPES.some((t) => entity[t] !== undefined && !named.has(t))) return false;
  }
  return true;
}
