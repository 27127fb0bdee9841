import type { RecordView } from "@skein/broker";
import { JsonWriter } from "../common/json-writer.js";
import { jsonDepthExceeds, MAX_JSON_DEPTH } from "../common/json-depth.js";
import { httpError, RestError } from "../errors/rest-error.js";
import { V2_JSON } from "../v2/v2-media-types.js";
import type { RecordSink } from "./record-sink.js";

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
 * The body of a `GET records` in the instance's embedded format, written record by record: the JSON array of
 * `V2ConsumerRecord`s, with base64 keys and values for binary, and the stored JSON for json, where bytes that are
 * not JSON fail the read with 40801 (the REST Proxy's SerializationException), naming the record.
 */
export class V2RecordsBody implements RecordSink<Buffer> {
  private readonly writer = new JsonWriter(256 * 1024);
  private records = 0;

  constructor(private readonly format: EmbeddedFormat) {
    this.writer.raw("[");
  }

  get count(): number {
    return this.records;
  }

  add(topic: string, partition: number, record: RecordView): void {
    const w = this.writer;
    if (this.format === "json") {
      // Parsed first, so that a record that is not JSON leaves nothing behind.
      const key = parseJson(record.data, record.keyStart, record.keyEnd, "key", topic, partition, record.offset);
      const value = parseJson(record.data, record.valueStart, record.valueEnd, "value", topic, partition, record.offset);
      w.raw(this.records === 0 ? '{"topic":' : ',{"topic":').string(topic).raw(',"key":').value(key).raw(',"value":').value(value);
    } else {
      w.raw(this.records === 0 ? '{"topic":' : ',{"topic":').string(topic).raw(',"key":');
      if (record.keyStart < 0) w.raw("null");
      else w.base64String(record.data, record.keyStart, record.keyEnd);
      w.raw(',"value":');
      if (record.valueStart < 0) w.raw("null");
      else w.base64String(record.data, record.valueStart, record.valueEnd);
    }
    w.raw(',"partition":').integer(partition).raw(',"offset":').integer(record.offset).raw("}");
    this.records++;
  }

  finish(): Buffer {
    return this.writer.raw("]").toBuffer();
  }
}

function parseJson(data: Buffer, start: number, end: number, field: "key" | "value", topic: string, partition: number, offset: number): unknown {
  if (start < 0) return null;
  const text = data.toString("utf8", start, end);
  const where = `the ${field} of the record at offset ${offset} of ${topic}-${partition}`;
  // Stored bytes may nest deeper than any request could (they may have been produced as binary): the response's
  // serialization would overflow the stack on them.
  if (jsonDepthExceeds(text)) throw new RestError(408, 40801, `Error deserializing ${where} as JSON: nested deeper than ${MAX_JSON_DEPTH} levels.`);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new RestError(408, 40801, `Error deserializing ${where} as JSON: ${(error as Error).message}`);
  }
}
