/**
 * @skein/sdk: the TypeScript SDK for Skein's REST and WebSocket APIs. `createSkeinClient` is an openapi-fetch client
 * typed by the service's OpenAPI document (`paths`, `components`, generated into schema.ts); the `/ws` frames are in
 * ws-protocol.ts.
 */
import createClient, { type Client, type ClientOptions } from "openapi-fetch";
import type { paths } from "./schema.js";

export type { components, operations, paths } from "./schema.js";
export type * from "./ws-protocol.js";

/** A REST client of a Skein service: `client.GET("/v3/clusters/{cluster_id}/topics", { params: { path: { cluster_id } } })`. */
export type SkeinClient = Client<paths>;

/** A typed REST client for the service at `baseUrl` (for example `http://localhost:8080`). */
export function createSkeinClient(baseUrl: string, options: Omit<ClientOptions, "baseUrl"> = {}): SkeinClient {
  return createClient<paths>({ ...options, baseUrl });
}

/** Skein's error body: `error_code` is the HTTP status, or the status followed by two digits (40403). */
export interface SkeinError {
  error_code: number;
  message: string | null;
}
