import type { Reader, Writer } from "@skein/protocol";
import type { KafkaError } from "../errors.js";
import type { RequestContext } from "./request-context.js";

/**
 * One Kafka API as Skein serves it (Kafka's `KafkaApis.handleXxx`, one per file): the versions it implements and
 * advertises, its codecs, the handling, and the response that reports a failure of the whole request.
 */
export interface ApiHandler<Request = unknown, Response = unknown> {
  readonly apiKey: number;
  /** The versions advertised in ApiVersions; requests outside them close the connection, as in Kafka. */
  readonly minVersion: number;
  readonly maxVersion: number;
  decode(r: Reader, version: number): Request;
  encode(w: Writer, response: Response, version: number): void;
  /** Answers a request; null sends no response at all (Produce with acks=0). */
  handle(request: Request, context: RequestContext): Promise<Response | null> | Response | null;
  /** The response when handling failed as a whole: every topic, partition or group carrying `error` (Kafka's getErrorResponse). */
  errorResponse(request: Request, error: KafkaError, context: RequestContext): Response;
}

/** Types a handler definition (the codecs' input types are what `encode` accepts). */
export function defineApi<Request, Response>(handler: ApiHandler<Request, Response>): ApiHandler<Request, Response> {
  return handler;
}
