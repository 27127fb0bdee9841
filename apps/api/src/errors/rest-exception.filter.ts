import { STATUS_CODES } from "node:http";
import { Catch, HttpException, Logger, type ArgumentsHost, type ExceptionFilter } from "@nestjs/common";
import { KafkaError } from "@skein/broker";
import type { FastifyReply, FastifyRequest } from "fastify";
import { restErrorForKafka } from "./kafka-error-mapping.js";
import { httpError, RestError } from "./rest-error.js";
import type { RouteTable } from "./route-table.js";

/**
 * Every error leaves the service in the REST Proxy's shape, `{"error_code": N, "message": "..."}`: engine errors
 * through the Kafka mapping, unknown routes as 404 (or 405 when the path exists with other methods), HTTP errors
 * (among them Fastify's unsupported media type, malformed JSON and body too large, which Nest hands over as
 * HttpExceptions) with their status as the code, anything unexpected as 500 without internals.
 */
@Catch()
export class RestExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger("RestExceptionFilter");

  constructor(private readonly routes: RouteTable) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const error = this.toRestError(exception, request);
    if (error.status >= 500) this.logger.error(`${request.method} ${request.url}: ${describe(exception)}`);
    if (error.status === 405) void reply.header("allow", this.routes.allowedMethods(pathOf(request)).join(", "));
    void reply.status(error.status).type("application/json").send(error.body);
  }

  private toRestError(exception: unknown, request: FastifyRequest): RestError {
    if (exception instanceof RestError) return exception;
    if (exception instanceof KafkaError) return restErrorForKafka(exception);
    if (request.is404) return this.isWrongMethod(request) ? httpError(405) : httpError(404);
    if (exception instanceof HttpException) return httpError(exception.getStatus(), messageOf(exception));
    return httpError(500);
  }

  /** No route matched, but the path is served with other methods (a matched route that found nothing is a 404). */
  private isWrongMethod(request: FastifyRequest): boolean {
    const allowed = this.routes.allowedMethods(pathOf(request));
    return allowed.length > 0 && !allowed.includes(request.method);
  }
}

/** The exception's own message; undefined when it is only the reason phrase, so the REST Proxy's form is used. */
function messageOf(exception: HttpException): string | undefined {
  const response = exception.getResponse();
  const raw = typeof response === "string" ? response : (response as { message?: unknown }).message;
  const message = Array.isArray(raw) ? raw.join("; ") : typeof raw === "string" ? raw : undefined;
  return message === STATUS_CODES[exception.getStatus()] ? undefined : message;
}

function pathOf(request: FastifyRequest): string {
  const query = request.url.indexOf("?");
  return query === -1 ? request.url : request.url.slice(0, query);
}

function describe(exception: unknown): string {
  return exception instanceof Error ? (exception.stack ?? exception.message) : String(exception);
}
