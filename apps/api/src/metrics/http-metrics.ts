import type { FastifyInstance } from "fastify";
import type { MetricsService } from "./metrics.service.js";

/**
 * Times every response, matched or not, by route pattern (`/v3/clusters/:cluster_id`, so paths do not explode
 * the label set); requests that match no route count under "unmatched".
 */
export function observeHttpRequests(fastify: FastifyInstance, metrics: MetricsService): void {
  // A callback hook, not an async one: no promise per request.
  fastify.addHook("onResponse", (request, reply, done) => {
    const route = request.is404 ? "unmatched" : (request.routeOptions.url ?? "unmatched");
    metrics.httpRequestDuration.observe({ method: request.method, route, status_code: String(reply.statusCode) }, reply.elapsedTime / 1000);
    done();
  });
}
