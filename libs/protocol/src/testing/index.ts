// Test support for codecs (sample messages, fuzzing), published as `@skein/protocol/testing`: pure functions, with
// randomness from a seeded Rng and time from a clock the caller passes in.
import { messageSchemas } from "../generated/schemas.js";
import type { MessageSchema } from "./schema.js";

export { decodeChecked, footprint, FuzzFailure, mutate, runFuzz, seedsFor, type FuzzOptions, type FuzzReport, type FuzzSeed } from "./fuzz.js";
export { Rng } from "./rng.js";
export { defaultValue, isFlexibleSchema, sampleMessage, type SampleOptions } from "./samples.js";
export type { FieldSchema, MessageSchema, VersionRange } from "./schema.js";
export { messageSchemas };

const byName = new Map(messageSchemas.map((schema) => [schema.name, schema]));

/** The normalized schema of a message by name (`ProduceRequest`, `RequestHeader`, `OffsetCommitValue`, ...). */
export function schemaOf(name: string): MessageSchema {
  const schema = byName.get(name);
  if (!schema) throw new Error(`No message is named ${name}.`);
  return schema;
}
