import type { ProduceRecord } from "@skein/broker";
import { decodeStrictBase64 } from "../common/strict-base64.js";
import { payloadError } from "../common/v3-body.js";
import { RestError } from "../errors/rest-error.js";

/** The serializers Skein has: the REST Proxy's schema-less formats. */
export type RecordFormat = "BINARY" | "JSON" | "STRING";

/** What a delivery report says of a key or value: its format and serialized size. */
export interface DataReport {
  type: RecordFormat;
  size: number;
}

/** A v3 produce request made ready for the engine, with what its delivery report needs. */
export interface ParsedProduceRequest {
  record: ProduceRecord;
  /** Present when the request gave the key a `type`, as in the REST Proxy's report. */
  key: DataReport | undefined;
  value: DataReport | undefined;
}

const RECORD_FIELDS = new Set(["partition_id", "headers", "key", "value", "timestamp"]);
const BATCH_ENTRY_FIELDS = new Set([...RECORD_FIELDS, "id"]);
const DATA_FIELDS = new Set(["type", "subject", "subject_name_strategy", "schema_id", "schema_version", "schema", "data"]);
const SCHEMA_FIELDS = ["subject", "subject_name_strategy", "schema_id", "schema_version", "schema"] as const;
const SCHEMA_FORMATS = new Set(["AVRO", "JSONSCHEMA", "PROTOBUF"]);
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/i;

/**
 * Validates one v3 produce request (`{partition_id, headers, key, value, timestamp}`, or a `records:batch` entry
 * with its `id`) the REST Proxy's way and serializes its key and value: BINARY is strict base64, STRING is UTF-8,
 * JSON is the compact JSON text. Throws the RestError its delivery report carries.
 */
export function parseProduceRequest(json: unknown, options: { batchEntry?: boolean } = {}): ParsedProduceRequest {
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    throw badRequest(`A record must be a JSON object, not ${describeJson(json)}.`);
  }
  const request = json as Record<string, unknown>;
  const known = options.batchEntry ? BATCH_ENTRY_FIELDS : RECORD_FIELDS;
  for (const field in request) {
    if (!known.has(field)) throw badRequest(`Unrecognized field "${field}" (known fields: ${[...known].map((f) => `"${f}"`).join(", ")}).`);
  }
  const record: ProduceRecord = {};
  const partition = partitionOf(request.partition_id);
  if (partition !== undefined) record.partition = partition;
  if (request.headers !== undefined && request.headers !== null) record.headers = headersOf(request.headers);
  const timestamp = timestampOf(request.timestamp);
  if (timestamp !== undefined) record.timestamp = timestamp;
  const key = dataOf(request.key, "key");
  const value = dataOf(request.value, "value");
  record.key = key.bytes;
  record.value = value.bytes;
  return { record, key: key.report, value: value.report };
}

function partitionOf(raw: unknown): number | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw !== "number" || !Number.isInteger(raw) || raw > 2147483647 || raw < -2147483648) {
    throw badRequest(`partition_id must be a 32-bit integer, not ${describeJson(raw)}.`);
  }
  if (raw < 0) throw new RestError(404, 40402, "Partition not found.");
  return raw;
}

function headersOf(raw: unknown): { key: string; value: Buffer | null }[] {
  if (!Array.isArray(raw)) throw badRequest(`headers must be an array of {"name", "value"} objects.`);
  return raw.map((header: unknown, index) => {
    if (typeof header !== "object" || header === null || Array.isArray(header)) throw badRequest(`headers[${index}] must be an object with a name and a value.`);
    const { name, value, ...rest } = header as Record<string, unknown>;
    const extra = Object.keys(rest)[0];
    if (extra !== undefined) throw badRequest(`Unrecognized field "${extra}" in headers[${index}] (known fields: "name", "value").`);
    if (typeof name !== "string") throw badRequest(`headers[${index}].name must be a string.`);
    if (value === undefined || value === null) return { key: name, value: null };
    const bytes = typeof value === "string" ? decodeStrictBase64(value) : null;
    if (bytes === null) throw badRequest(`headers[${index}].value=${describeJson(value)} is not a valid base64 string.`);
    return { key: name, value: bytes };
  });
}

function timestampOf(raw: unknown): number | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw === "number" && Number.isSafeInteger(raw) && raw >= 0) return raw;
  if (typeof raw === "string" && ISO_INSTANT.test(raw)) {
    const millis = Date.parse(raw);
    if (Number.isFinite(millis) && millis >= 0) return millis;
  }
  throw badRequest(`timestamp=${describeJson(raw)} is not an ISO-8601 date-time such as "2021-02-05T19:14:42Z" (or epoch milliseconds).`);
}

function dataOf(raw: unknown, field: "key" | "value"): { bytes: Buffer | null; report: DataReport | undefined } {
  if (raw === undefined || raw === null) return { bytes: null, report: undefined };
  if (typeof raw !== "object" || Array.isArray(raw)) throw badRequest(`${field} must be an object such as {"type": "BINARY", "data": "Zm9vYmFy"}.`);
  const data = raw as Record<string, unknown>;
  for (const name in data) {
    if (!DATA_FIELDS.has(name)) throw badRequest(`Unrecognized field "${name}" in ${field} (known fields: ${[...DATA_FIELDS].map((f) => `"${f}"`).join(", ")}).`);
  }
  const type = data.type;
  if (type !== undefined && type !== null && (typeof type !== "string" || !(type === "BINARY" || type === "JSON" || type === "STRING" || SCHEMA_FORMATS.has(type)))) {
    throw badRequest(`${field}.type=${describeJson(type)} is not one of "BINARY", "JSON", "STRING", "AVRO", "JSONSCHEMA", "PROTOBUF".`);
  }
  if (type === "BINARY" || type === "JSON" || type === "STRING") {
    for (const schemaField of SCHEMA_FIELDS) {
      if (data[schemaField] !== undefined && data[schemaField] !== null) throw badRequest(`'type=${type}' cannot be used with '${schemaField}'.`);
    }
    const bytes = serialize(type, data.data);
    return { bytes, report: { type, size: bytes === null ? 0 : bytes.length } };
  }
  // No type, or a schema format: the REST Proxy would look the schema up in Schema Registry, which Skein has not.
  throw payloadError("Schema Registry must be configured when using schemas.");
}

function serialize(type: RecordFormat, data: unknown): Buffer | null {
  if (data === undefined || data === null) return null;
  switch (type) {
    case "BINARY": {
      if (typeof data !== "string") throw badRequest(`Bad Request: data=${describeJson(data)} is not a base64 string.`);
      const bytes = decodeStrictBase64(data);
      if (bytes === null) throw badRequest(`Bad Request: data=${describeJson(data)} is not a valid base64 string.`);
      return bytes;
    }
    case "STRING":
      if (typeof data !== "string") throw badRequest(`Bad Request: data=${describeJson(data)} is not a string.`);
      return Buffer.from(data, "utf8");
    case "JSON":
      return Buffer.from(JSON.stringify(data), "utf8");
  }
}

function badRequest(message: string): RestError {
  return new RestError(400, 400, message);
}

/** A short rendering of a JSON value for an error message (long values are cut). */
export function describeJson(value: unknown): string {
  const text = value === undefined ? "undefined" : JSON.stringify(value);
  return text.length > 64 ? `${text.slice(0, 61)}...` : text;
}
