import { createParamDecorator, type ExecutionContext } from "@nestjs/common";
import type { FastifyRequest } from "fastify";

/** A v3 relationship: `{"related": "<absolute URL>"}`. */
export interface Relationship {
  related: string;
}

/**
 * The absolute URLs (`metadata.self`, `related`) and resource names (`crn:///kafka=<cluster>/topic=<name>`) of v3
 * resources, built like the REST Proxy builds them: scheme and authority of the incoming request.
 */
export class ResourceLinks {
  constructor(readonly baseUrl: string) {}

  static fromRequest(request: FastifyRequest): ResourceLinks {
    return new ResourceLinks(`${request.protocol}://${request.host || "localhost"}`);
  }

  /** The absolute URL of a path given as segments, each percent-encoded: `url("v3", "clusters", id)`. */
  url(...segments: (string | number)[]): string {
    return [this.baseUrl, ...segments.map((segment) => encodeURIComponent(String(segment)))].join("/");
  }

  related(...segments: (string | number)[]): Relationship {
    return { related: this.url(...segments) };
  }

  /** A resource name from type/id pairs: `crn("kafka", clusterId, "broker", 1)` is `crn:///kafka=<id>/broker=1`. */
  crn(...components: (string | number)[]): string {
    if (components.length % 2 !== 0) throw new Error("crn() takes type/id pairs");
    const pairs: string[] = [];
    for (let i = 0; i < components.length; i += 2) pairs.push(`${components[i]}=${components[i + 1]}`);
    return ["crn://", ...pairs].join("/");
  }
}

/** Injects the request's `ResourceLinks` into a controller method. */
export const Links = createParamDecorator((_: unknown, context: ExecutionContext) => ResourceLinks.fromRequest(context.switchToHttp().getRequest<FastifyRequest>()));
