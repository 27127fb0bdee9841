import { STATUS_CODES } from "node:http";
import { HttpException } from "@nestjs/common";
import { KafkaError } from "@skein/broker";
import type { FastifyError, FastifyRequest } from "fastify";
import { restErrorForFastify } from "./http-edge-errors.js";
import { restErrorForKafka } from "./kafka-error-mapping.js";
import { restErrorForMetadataDatabase } from "./metadata-database-errors.js";
import { httpError, RestError } from "./rest-error.js";

/**
 * Any failure as the REST error it answers: the resource's own RestError, engine errors through the Kafka mapping,
 * metadata database failures (503, 507 or 500 with their own codes, never the driver's text), Fastify's errors and
 * Nest's HttpExceptions with their status, anything else 500 without its internals.
 */
export function restErrorFor(exception: unknown): RestError {
  if (exception instanceof RestError) return exception;
  // Before the Kafka mapping: an engine error caused by the metadata database is that database's failure.
  const database = restErrorForMetadataDatabase(exception);
  if (database) return database;
  if (exception instanceof KafkaError) return restErrorForKafka(exception);
  if (isFastifyError(exception)) return restErrorForFastify(exception);
  if (exception instanceof HttpException) return httpError(exception.getStatus(), messageOf(exception));
  return httpError(500);
}

/**
 * Whether the request failed because its client went away (closed the connection mid-upload or before the answer):
 * nobody is left to answer, and it is the client's doing, so it is not logged as a server error.
 */
export function isClientAbort(exception: unknown, request: FastifyRequest): boolean {
  if (request.raw.aborted || (request.raw.destroyed && !request.raw.complete)) return true;
  const code = (exception as { code?: unknown } | null)?.code;
  return code === "ECONNRESET" || code === "ECONNABORTED" || code === "ERR_STREAM_PREMATURE_CLOSE" || (exception instanceof Error && exception.message === "aborted");
}

function isFastifyError(exception: unknown): exception is FastifyError {
  const code = (exception as { code?: unknown } | null)?.code;
  return exception instanceof Error && typeof code === "string" && code.startsWith("FST_");
}

/** The exception's own message; undefined when it is only the reason phrase, so the REST Proxy's form is used. */
function messageOf(exception: HttpException): string | undefined {
  const response = exception.getResponse();
  const raw = typeof response === "string" ? response : (response as { message?: unknown }).message;
  const message = Array.isArray(raw) ? raw.join("; ") : typeof raw === "string" ? raw : undefined;
  return message === STATUS_CODES[exception.getStatus()] ? undefined : message;
}
