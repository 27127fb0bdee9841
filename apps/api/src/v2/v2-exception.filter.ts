import { Catch, HttpException, Logger, type ArgumentsHost, type ExceptionFilter } from "@nestjs/common";
import { KafkaError } from "@skein/broker";
import type { FastifyReply, FastifyRequest } from "fastify";
import { restErrorForKafka } from "../errors/kafka-error-mapping.js";
import { httpError, RestError } from "../errors/rest-error.js";
import { V2_JSON } from "./v2-media-types.js";

/**
 * The service's error bodies (`{"error_code", "message"}`), answered as `application/vnd.kafka.v2+json` like every
 * v2 response of the REST Proxy. For v2 controllers; the global filter answers everything else.
 */
@Catch()
export class V2ExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger("V2ExceptionFilter");

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const reply = http.getResponse<FastifyReply>();
    const error = toRestError(exception);
    if (error.status >= 500) {
      const request = http.getRequest<FastifyRequest>();
      this.logger.error(`${request.method} ${request.url}: ${exception instanceof Error ? (exception.stack ?? exception.message) : String(exception)}`);
    }
    void reply.status(error.status).type(V2_JSON).send(error.body);
  }
}

function toRestError(exception: unknown): RestError {
  if (exception instanceof RestError) return exception;
  if (exception instanceof KafkaError) return restErrorForKafka(exception);
  if (exception instanceof HttpException) return httpError(exception.getStatus());
  return httpError(500);
}
