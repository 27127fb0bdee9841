import type { ConsumerRecord } from "@skein/broker";
import { jsonDepthExceeds, MAX_JSON_DEPTH } from "../common/json-depth.js";
import { httpError, RestError } from "../errors/rest-error.js";
import { V2_JSON } from "../v2/v2-media-types.js";

/** The embedded formats a v2 consumer instance can read (no schema registry, so no avro, protobuf or jsonschema). */
export type EmbeddedFormat = "binary" | "json";

/** Records answer in their embedded format's media type. */
export const V2_BINARY_RECORDS = "application/vnd.kafka.binary.v2+json";
export const V2_JSON_RECORDS = "application/vnd.kafka.json.v2+json";

const SCHEMA_FORMATS = new Set(["avro", "jsonschema", "protobuf"]);

/** The format a `GET records` asks for by its Accept header, as the REST Proxy chooses among its read methods. */
export function requestedFormat(accept: string | undefined): EmbeddedFormat | "schema" {
  if (!accept || accept.trim() === "") return "binary";
  const types = accept.split(",").map((part) => part.split(";")[0]!.trim().toLowerCase());
  const embedded = types.map((type) => /^application\/vnd\.kafka\.([a-z]+)\.v2\+json$/.exec(type)?.[1]).find((name) => name !== undefined);
  if (embedded === "json") return "json";
  if (embedded === "binary") return "binary";
  if (embedded !== undefined && SCHEMA_FORMATS.has(embedded)) return "schema";
  // The binary read also produces the generic v2 type, so it answers generic and wildcard Accept headers.
  if (types.some((type) => type === V2_JSON || type === "application/json" || type === "*/*" || type === "application/*")) return "binary";
  throw httpError(406);
}

/** 40601: the Accept header names another format than the instance was created with. */
export function formatMismatch(): RestError {
  return new RestError(406, 40601, "The requested embedded data format does not match the deserializer for this consumer instance");
}

export function mediaTypeOf(format: EmbeddedFormat): string {
  return format === "json" ? V2_JSON_RECORDS : V2_BINARY_RECORDS;
}

/** A record as `GET records` returns it. */
export interface V2ConsumerRecord {
  topic: string;
  key: unknown;
  value: unknown;
  partition: number;
  offset: number;
}

/**
 * A record in the instance's embedded format: base64 for binary; parsed JSON for json, where bytes that are not
 * JSON fail the read with 40801 (the REST Proxy's SerializationException), naming the record.
 */
export function toV2Record(record: ConsumerRecord, format: EmbeddedFormat): V2ConsumerRecord {
  if (format === "binary") {
    return {
      topic: record.topic,
      key: record.key === null ? null : record.key.toString("base64"),
      value: record.value === null ? null : record.value.toString("base64"),
      partition: record.partition,
      offset: record.offset,
    };
  }
  return {
    topic: record.topic,
    key: parseJson(record, "key"),
    value: parseJson(record, "value"),
    partition: record.partition,
    offset: record.offset,
  };
}

function parseJson(record: ConsumerRecord, field: "key" | "value"): unknown {
  const bytes = record[field];
  if (bytes === null) return null;
  const text = bytes.toString("utf8");
  const where = `the ${field} of the record at offset ${record.offset} of ${record.topic}-${record.partition}`;
  // Stored bytes may nest deeper than any request could (they may have been produced as binary): the response's
  // serialization would overflow the stack on them.
  if (jsonDepthExceeds(text)) throw new RestError(408, 40801, `Error deserializing ${where} as JSON: nested deeper than ${MAX_JSON_DEPTH} levels.`);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new RestError(408, 40801, `Error deserializing ${where} as JSON: ${(error as Error).message}`);
  }
}
