import type { ConnectionInfo } from "./connection.js";

/** What a handler knows about the request beyond its body: the header and the connection it came on. */
export interface RequestContext {
  readonly apiKey: number;
  readonly apiVersion: number;
  readonly correlationId: number;
  readonly clientId: string;
  readonly connection: ConnectionInfo;
  /** The client's address, as Kafka reports it for group members (`/127.0.0.1`). */
  readonly clientHost: string;
}
