import { KafkaError, UnknownServerError } from "../errors.js";

/** Kafka's code for "no error". */
export const NONE = 0;

/**
 * The wire error for anything a handler threw: a `KafkaError` keeps its code; anything else is a bug or an
 * environment failure, reported as UNKNOWN_SERVER_ERROR (with the message, which Kafka would only log).
 */
export function toKafkaError(error: unknown): KafkaError {
  if (error instanceof KafkaError) return error;
  return new UnknownServerError(error instanceof Error ? error.message : String(error));
}

/** The error code of `error` (0 for none). */
export function errorCode(error: unknown): number {
  return error === null || error === undefined ? NONE : toKafkaError(error).code;
}

/** The message sent beside the code where the protocol has an error_message field. */
export function errorMessage(error: unknown): string | null {
  return error === null || error === undefined ? null : toKafkaError(error).message;
}
