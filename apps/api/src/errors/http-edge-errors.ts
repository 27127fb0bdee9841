import { STATUS_CODES } from "node:http";
import type { Socket } from "node:net";
import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import { httpError, type RestError } from "./rest-error.js";

/**
 * Errors that happen before a request reaches Nest, answered in the REST Proxy's shape like every other error:
 * the router's (Fastify's `frameworkErrors`: a malformed URL, a path parameter over the length limit) and the HTTP
 * parser's (Node's `clientError`: a bad Content-Length, headers too large or too slow, bytes that are not HTTP).
 */

/** Fastify's `frameworkErrors` option: FST_ERR_BAD_URL (400), FST_ERR_MAX_PARAM_LENGTH (414), FST_ERR_ASYNC_CONSTRAINT. */
export function answerFrameworkError(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  const rest = restErrorForFastify(error);
  void reply.status(rest.status).type("application/json").send(rest.body);
}

/** A Fastify error (its `FST_ERR_*` code and status) as a REST error; 500 for one without a client status. */
export function restErrorForFastify(error: FastifyError): RestError {
  const status = typeof error.statusCode === "number" && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
  return status === 500 ? httpError(500) : httpError(status, `HTTP ${status} ${STATUS_CODES[status] ?? "Error"}: ${error.message}`);
}

/** Node's `clientError` codes that are not a plain 400. */
const CLIENT_ERROR_STATUS: Record<string, number> = {
  ERR_HTTP_REQUEST_TIMEOUT: 408,
  HPE_HEADER_OVERFLOW: 431,
};

const CLIENT_ERROR_MESSAGE: Record<number, string> = {
  408: "the request headers did not arrive in time",
  431: "the request headers are too large",
};

/**
 * Fastify's `clientErrorHandler`: the connection cannot carry another request, so the answer is written to the
 * socket directly, then the socket is closed. A peer that reset the connection gets nothing (and is not logged).
 */
export function answerClientError(error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === "ECONNRESET" || socket.destroyed) return;
  const status = CLIENT_ERROR_STATUS[error.code ?? ""] ?? 400;
  const reason = CLIENT_ERROR_MESSAGE[status] ?? error.message;
  const body = JSON.stringify({ error_code: status, message: `HTTP ${status} ${STATUS_CODES[status]}: ${reason}` });
  if (socket.writable) {
    socket.write(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n${body}`);
  }
  socket.destroy();
}
