import type { KafkaPrincipal } from "../security/principal.js";
import type { ConnectionInfo } from "./connection.js";

/** What a handler knows about the request beyond its body: the header, the connection and who sent it. */
export interface RequestContext {
  readonly apiKey: number;
  readonly apiVersion: number;
  readonly correlationId: number;
  readonly clientId: string;
  readonly connection: ConnectionInfo;
  /** The client's address, as Kafka reports it for group members (`/127.0.0.1`). */
  readonly clientHost: string;
  /** Who sent it: the connection's authenticated principal, `User:ANONYMOUS` when the listener does not authenticate. */
  readonly principal: KafkaPrincipal;
  /** Kafka's name of the API (`Produce`), for audit records. */
  readonly apiName: string;
  /**
   * Records bytes a Fetch answers against the client's `consumer_byte_rate` quota; returns how long the client must
   * be throttled (then the fetch answers nothing, and the bytes are not counted, as in Kafka).
   */
  recordFetchBytes(bytes: number): number;
  /**
   * Records partitions a CreateTopics, CreatePartitions or DeleteTopics would create or delete against
   * `controller_mutation_rate`: false (nothing recorded) when the client is already over its quota.
   */
  admitControllerMutation(partitions: number): boolean;
}
