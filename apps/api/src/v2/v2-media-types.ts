import type { FastifyRequest } from "fastify";
import { payloadError } from "../common/v3-body.js";
import { httpError } from "../errors/rest-error.js";

/** The v2 media type of metadata, produce responses and errors. */
export const V2_JSON = "application/vnd.kafka.v2+json";

/** Every v2 request media type: the generic one and one per embedded format (parsed as JSON: common/json-body-parsers.ts). */
export const V2_REQUEST_MEDIA_TYPES = ["", "binary.", "json.", "avro.", "protobuf.", "jsonschema."].map((format) => `application/vnd.kafka.${format}v2+json`);
const SCHEMA_FORMATS = new Set(["avro", "protobuf", "jsonschema"]);

/** How v2 produce serializes keys and values. */
export type V2EmbeddedFormat = "binary" | "json";

/**
 * The embedded format a v2 produce request's Content-Type names: binary (also for the generic v2 type, the REST
 * Proxy's historical default) or json; 42206 for the schema formats, which need a schema registry Skein has not;
 * 415 for anything else (`application/json` included, as in the REST Proxy).
 */
export function produceFormatOf(request: FastifyRequest): V2EmbeddedFormat {
  const contentType = request.headers["content-type"];
  const mediaType = (contentType ?? "").split(";")[0]!.trim().toLowerCase();
  const format = /^application\/vnd\.kafka\.(?:([a-z]+)\.)?v2\+json$/.exec(mediaType);
  if (!format) throw httpError(415);
  const name = format[1] ?? "binary";
  if (name === "binary" || name === "json") return name;
  if (SCHEMA_FORMATS.has(name)) throw payloadError(`Schema Registry must be configured when using schemas (${mediaType} needs one; Skein has none).`);
  throw httpError(415);
}
