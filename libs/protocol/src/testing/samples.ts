import type { RawTaggedField } from "../tagged-fields.js";
import type { Rng } from "./rng.js";
import type { FieldSchema, MessageSchema, VersionRange } from "./schema.js";

const ZERO_UUID = "AAAAAAAAAAAAAAAAAAAAAA";
const INT_RANGES: Record<string, [number, number]> = {
  int8: [-128, 127],
  int16: [-32768, 32767],
  uint16: [0, 65535],
  int32: [-2147483648, 2147483647],
  uint32: [0, 4294967295],
};
const STRING_PIECES = ["a", "topic", "-", "_", ".", "0", "Z", "é", "日本", "🙂", " ", "x".repeat(40)];

function contains(range: VersionRange | null | undefined, version: number): boolean {
  return range !== undefined && range !== null && version >= range[0] && version <= range[1];
}

/** Whether `version` of `schema` is flexible. */
export function isFlexibleSchema(schema: MessageSchema, version: number): boolean {
  return contains(schema.flexibleVersions, version);
}

/** The decoded default of a field: what a decoder returns for it when the version lacks it. */
export function defaultValue(schema: MessageSchema, field: FieldSchema): unknown {
  const text = field.default ?? "";
  const type = field.type;
  if (type.startsWith("[]")) return text === "null" ? null : [];
  if (/^[A-Z]/.test(type)) {
    if (text === "null") return null;
    return Object.fromEntries(schema.structs[type]!.map((f) => [f.name, defaultValue(schema, f)]));
  }
  switch (type) {
    case "records":
      return null;
    case "bytes":
      return text === "null" ? null : Buffer.alloc(0);
    case "string":
      return text === "null" ? null : text;
    case "uuid":
      return text || ZERO_UUID;
    case "bool":
      return text.toLowerCase() === "true";
    case "float64":
      return text === "" ? 0 : Number(text);
    default: {
      if (text === "") return 0;
      const negative = text.startsWith("-");
      const digits = negative ? text.slice(1) : text;
      const value = digits.startsWith("0x") ? parseInt(digits.slice(2), 16) : Number(digits);
      return negative ? -value : value;
    }
  }
}

export interface SampleOptions {
  /** Add unknown tagged fields (tags above every known one) to flexible structs now and then. */
  unknownTaggedFields?: boolean;
  /** The most elements an array gets. */
  maxArray?: number;
}

/**
 * A random but deterministic value of `schema` at `version`: every field the version has gets a random valid value
 * (null now and then where nullable), every field it lacks its default, so `decode(encode(x))` deep-equals `x`.
 */
export function sampleMessage(schema: MessageSchema, version: number, rng: Rng, options: SampleOptions = {}): Record<string, unknown> {
  return sampleStruct(schema, schema.name, version, rng, { unknownTaggedFields: options.unknownTaggedFields ?? true, maxArray: options.maxArray ?? 3 }, 0);
}

function sampleStruct(schema: MessageSchema, structName: string, version: number, rng: Rng, options: Required<SampleOptions>, depth: number): Record<string, unknown> {
  const fields = schema.structs[structName]!;
  const out: Record<string, unknown> = {};
  for (const field of fields) {
    out[field.name] = contains(field.versions, version) ? sampleField(schema, field, version, rng, options, depth) : defaultValue(schema, field);
  }
  if (options.unknownTaggedFields && isFlexibleSchema(schema, version) && rng.chance(0.3)) {
    const unknown: RawTaggedField[] = [];
    let tag = 100 + rng.below(50);
    for (let n = rng.between(1, 3); n > 0; n--) {
      unknown.push({ tag, data: rng.bytes(rng.below(9)) });
      tag += 1 + rng.below(1000);
    }
    out.unknownTaggedFields = unknown;
  }
  return out;
}

function sampleField(schema: MessageSchema, field: FieldSchema, version: number, rng: Rng, options: Required<SampleOptions>, depth: number): unknown {
  if (contains(field.nullable, version) && rng.chance(0.15)) return null;
  return sampleType(schema, field.type, version, rng, options, depth);
}

function sampleType(schema: MessageSchema, type: string, version: number, rng: Rng, options: Required<SampleOptions>, depth: number): unknown {
  if (type.startsWith("[]")) {
    const count = depth > 4 ? 0 : rng.below(options.maxArray + 1);
    return Array.from({ length: count }, () => sampleType(schema, type.slice(2), version, rng, options, depth + 1));
  }
  if (/^[A-Z]/.test(type)) return sampleStruct(schema, type, version, rng, options, depth + 1);
  switch (type) {
    case "bool":
      return rng.chance(0.5);
    case "int64":
      return rng.pick([0, -1, 1, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, rng.between(-1e15, 1e15), rng.between(-100, 100), 2 ** 32, -(2 ** 31) - 1]);
    case "float64":
      return rng.pick([0, 1.5, -2.25, 1e300, Number.MIN_VALUE, (rng.next() - 0.5) * 1e6]);
    case "string":
      return Array.from({ length: rng.below(5) }, () => rng.pick(STRING_PIECES)).join("");
    case "bytes":
      return rng.bytes(rng.below(12));
    case "records":
      return rng.bytes(rng.chance(0.1) ? 1500 : rng.below(70));
    case "uuid":
      return rng.bytes(16).toString("base64url");
    default: {
      const [lo, hi] = INT_RANGES[type]!;
      return rng.chance(0.3) ? rng.pick([lo, hi, 0, -1 < lo ? 1 : -1]) : rng.between(lo, hi);
    }
  }
}
