/**
 * A tagged field this code does not know (from a newer client or broker), kept as its raw bytes so that decoding and
 * re-encoding a message loses nothing.
 */
export interface RawTaggedField {
  tag: number;
  data: Buffer;
}
