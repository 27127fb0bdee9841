import type { IncomingMessage, ServerResponse } from "node:http";
import { Readable } from "node:stream";
import { Injectable } from "@nestjs/common";
import { HttpAdapterHost } from "@nestjs/core";
import { errorCodes, type FastifyInstance, type FastifyReply, type FastifyRequest } from "fastify";
import { httpError, RestError } from "../errors/rest-error.js";
import type { MetricsService } from "../metrics/metrics.service.js";

/** `@RouteConfig(RECORD_STREAM_ROUTE)` marks a route whose JSON body is read as a stream by the handler. */
export const RECORD_STREAM_ROUTE = { skeinRecordStream: true } as const;

/** The media type a record-stream request is given internally, so that only the pass-through parser sees it. */
const STREAM_MEDIA_TYPE = "application/x-skein-record-stream";
const CLIENT_CONTENT_TYPE = Symbol("skein.clientContentType");

type MarkedRequest = IncomingMessage & { [CLIENT_CONTENT_TYPE]?: string };

/**
 * Lets record-stream routes read their body while it arrives. Fastify's JSON parser (Nest's body parser) waits for
 * the whole body, which stalls a streaming producer waiting for its first delivery report; so for marked routes
 * a request hook renames `application/json` to an internal media type whose parser hands the raw payload stream
 * to the handler untouched. Every other route keeps the JSON parser.
 */
@Injectable()
export class RecordStreamBody {
  constructor(adapterHost: HttpAdapterHost) {
    const fastify = adapterHost.httpAdapter.getInstance<FastifyInstance>();
    fastify.addHook("onRequest", (request, _reply, done) => {
      if (isRecordStreamRoute(request)) {
        const contentType = request.headers["content-type"];
        if (contentType !== undefined && mediaTypeOf(contentType) === "application/json") {
          (request.raw as MarkedRequest)[CLIENT_CONTENT_TYPE] = contentType;
          request.raw.headers["content-type"] = STREAM_MEDIA_TYPE;
        }
      }
      done();
    });
    fastify.addContentTypeParser(STREAM_MEDIA_TYPE, (request, payload, done) => {
      if (isRecordStreamRoute(request) && (request.raw as MarkedRequest)[CLIENT_CONTENT_TYPE] !== undefined) done(null, payload);
      else done(new errorCodes.FST_ERR_CTP_INVALID_MEDIA_TYPE(STREAM_MEDIA_TYPE), undefined);
    });
  }
}

/**
 * The body of a record-stream request as a byte stream: 415 unless the client sent `application/json`, 400 for a
 * charset other than UTF-8 (the REST Proxy also takes ISO-8859-1, which JSON of ASCII shares).
 */
export function recordStreamOf(request: FastifyRequest): Readable {
  const contentType = (request.raw as MarkedRequest)[CLIENT_CONTENT_TYPE];
  if (contentType === undefined || !(request.body instanceof Readable)) throw httpError(415);
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(contentType)?.[1]?.toLowerCase();
  if (charset !== undefined && charset !== "utf-8" && charset !== "utf8" && charset !== "iso-8859-1") {
    throw new RestError(400, 400, 'Unsupported charset in Content-Type header. Supports "UTF-8" and "ISO-8859-1".');
  }
  return request.body;
}

function isRecordStreamRoute(request: FastifyRequest): boolean {
  return (request.routeOptions.config as { skeinRecordStream?: boolean } | undefined)?.skeinRecordStream === true;
}

function mediaTypeOf(contentType: string): string {
  const semicolon = contentType.indexOf(";");
  return (semicolon === -1 ? contentType : contentType.slice(0, semicolon)).trim().toLowerCase();
}

/** Bodies with a Content-Length up to this are read whole, then answered in one write; larger or chunked ones stream. */
export const WHOLE_BODY_BYTES = 1024 * 1024;

/** The whole body of a request whose Content-Length is at most `WHOLE_BODY_BYTES`, or undefined for a stream to follow. */
export async function readWholeBody(request: FastifyRequest, body: Readable): Promise<Buffer | undefined> {
  const length = Number(request.headers["content-length"]);
  if (!Number.isSafeInteger(length) || length > WHOLE_BODY_BYTES) return undefined;
  const chunks: Buffer[] = [];
  await new Promise<void>((resolve, reject) => {
    body.on("data", (chunk: Buffer) => chunks.push(chunk));
    body.once("end", resolve);
    body.once("error", reject);
  });
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
}

/**
 * Answers 200 at once (headers flushed, so a client may wait for them before streaming records) and writes each
 * chunk of reports as it comes, waiting for the socket to drain when it is full. The reply is taken from Fastify
 * for this, so the request's latency is observed here.
 */
export async function sendReportStream(request: FastifyRequest, reply: FastifyReply, reports: AsyncIterable<string>, metrics: MetricsService): Promise<void> {
  const started = process.hrtime.bigint();
  reply.hijack();
  const response = reply.raw;
  response.writeHead(200, { "content-type": "application/json" });
  response.flushHeaders();
  try {
    for await (const chunk of reports) {
      if (response.destroyed) break;
      if (!response.write(chunk)) await drained(response);
    }
    response.end();
  } catch {
    // The client went away, or the request failed under us: nothing is left to answer.
    response.destroy();
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  metrics.httpRequestDuration.observe({ method: request.method, route: request.routeOptions.url ?? "unmatched", status_code: "200" }, seconds);
}

function drained(response: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      response.off("drain", done);
      response.off("close", done);
      resolve();
    };
    response.on("drain", done);
    response.on("close", done);
  });
}
