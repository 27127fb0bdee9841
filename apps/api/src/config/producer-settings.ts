import type { Acks } from "@skein/broker";

/** The service-wide producer settings every produce path (REST v2, v3, WebSocket) uses by default. */
export class ProducerSettings {
  constructor(
    /** `SKEIN_PRODUCER_ACKS`: what a produce waits for when the request does not say (see records/producer-acks.ts). */
    readonly acks: Acks,
  ) {}
}
