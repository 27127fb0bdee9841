import type { FastifyInstance, FastifyRequest } from "fastify";
import { V2_REQUEST_MEDIA_TYPES } from "../v2/v2-media-types.js";
import { jsonDepthExceeds, tooDeepError } from "./json-depth.js";

/**
 * The service's JSON body parsers, for `application/json` and every v2 media type (Fastify knows none of those
 * and would answer 415). Unlike Fastify's own parser, an empty body is no body: routes whose body is optional
 * (`DELETE /consumers/{g}/instances/{i}` with a Content-Type, exactly as Confluent's documentation writes it) work,
 * and routes that need one answer their own 422. JSON nested deeper than MAX_JSON_DEPTH is refused with 400 before
 * anything recursive sees it. Prototype poisoning (`__proto__`, `constructor.prototype`) is refused as Fastify does.
 */
export function registerJsonBodyParsers(fastify: FastifyInstance): void {
  const parseJson = fastify.getDefaultJsonParser("error", "error");
  const parser = (request: FastifyRequest, body: string, done: (error: Error | null, body?: unknown) => void) => {
    if (body.trim().length === 0) {
      done(null, undefined);
      return;
    }
    if (jsonDepthExceeds(body)) {
      done(tooDeepError("The request body"), undefined);
      return;
    }
    parseJson(request, body, done);
  };
  for (const type of ["application/json", ...V2_REQUEST_MEDIA_TYPES]) {
    if (fastify.hasContentTypeParser(type)) fastify.removeContentTypeParser(type);
    fastify.addContentTypeParser(type, { parseAs: "string" }, parser);
  }
}
