import { Catch, Logger, type ArgumentsHost, type ExceptionFilter } from "@nestjs/common";
import type { FastifyReply, FastifyRequest } from "fastify";
import { httpError, type RestError } from "./rest-error.js";
import { isClientAbort, restErrorFor } from "./rest-error-for.js";
import type { RouteTable } from "./route-table.js";

/**
 * Every error leaves the service in the REST Proxy's shape, `{"error_code": N, "message": "..."}` (see
 * `restErrorFor`), as `application/json` or, for v2 routes, the v2 media type. Unknown routes are 404 (405 with
 * `Allow` when the path exists with other methods). Server errors are logged; a request whose client went away is
 * not answered and not logged as one.
 */
@Catch()
export class RestExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger("RestExceptionFilter");

  constructor(
    private readonly routes?: RouteTable,
    private readonly contentType = "application/json",
  ) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    if (isClientAbort(exception, request)) {
      this.logger.debug(`${request.method} ${request.url}: the client went away (${describe(exception, false)})`);
      if (!reply.sent && !reply.raw.destroyed) reply.raw.destroy();
      return;
    }
    const error = this.toRestError(exception, request);
    logServerError(this.logger, request, error, exception);
    if (error.status === 405 && this.routes) void reply.header("allow", this.routes.allowedMethods(pathOf(request)).join(", "));
    void reply.status(error.status).type(this.contentType).send(error.body);
  }

  private toRestError(exception: unknown, request: FastifyRequest): RestError {
    if (request.is404 && this.routes) return this.isWrongMethod(request) ? httpError(405) : httpError(404);
    return restErrorFor(exception);
  }

  /** No route matched, but the path is served with other methods (a matched route that found nothing is a 404). */
  private isWrongMethod(request: FastifyRequest): boolean {
    const allowed = this.routes!.allowedMethods(pathOf(request));
    return allowed.length > 0 && !allowed.includes(request.method);
  }
}

/**
 * Logs what a 5xx answer hides: an unexpected failure (500) with its stack; a known condition of the service (the
 * disk or the metadata database full or unreachable, corrupt data) as a warning with its message.
 */
export function logServerError(logger: Logger, request: FastifyRequest, error: RestError, exception: unknown): void {
  if (error.status < 500) return;
  if (error.errorCode === 500) logger.error(`${request.method} ${request.url}: ${describe(exception, true)}`);
  else logger.warn(`${request.method} ${request.url}: ${error.status} ${error.errorCode} ${error.message}`);
}

function pathOf(request: FastifyRequest): string {
  const query = request.url.indexOf("?");
  return query === -1 ? request.url : request.url.slice(0, query);
}

function describe(exception: unknown, stack: boolean): string {
  if (!(exception instanceof Error)) return String(exception);
  return stack ? (exception.stack ?? exception.message) : exception.message;
}
