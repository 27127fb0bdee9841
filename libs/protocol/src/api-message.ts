import type { Reader } from "./reader.js";
import type { Writer } from "./writer.js";

/** One message's codec, whatever its type: what a dispatcher or a test client needs to decode or encode it. */
export interface MessageCodec {
  /** The message's name in Kafka's definitions, e.g. `ProduceRequest`. */
  name: string;
  minVersion: number;
  maxVersion: number;
  /** The first flexible version, or null when the message never is. */
  flexibleFrom: number | null;
  decode(r: Reader, version: number): unknown;
  /** Encodes a value of the message's input type (`ProduceRequestInput` for `ProduceRequest`). */
  encode(w: Writer, message: object, version: number): void;
}

/** One API (request and response) as Kafka's message definitions describe it, not as Skein advertises it. */
export interface ApiMessage {
  apiKey: number;
  /** Kafka's name for the API, e.g. `Produce`, `ApiVersions`. */
  name: string;
  minVersion: number;
  maxVersion: number;
  /** The first flexible version (request header v2, response header v1), or null when none is. */
  flexibleFrom: number | null;
  /** Whether Kafka marks the newest version as still under development. */
  latestVersionUnstable: boolean;
  /** Which Kafka listeners serve it (`broker`, `controller`, `zkBroker`). */
  listeners: readonly string[];
  request: MessageCodec;
  response: MessageCodec;
}
