import { ProtocolDecodeError, ProtocolEncodeError } from "./errors.js";
import type { RawTaggedField } from "./tagged-fields.js";
import type { Writer } from "./writer.js";

/** The default of a `bytes` field (shared: a zero-length buffer holds nothing to change). */
export const EMPTY_BYTES: Buffer = Buffer.alloc(0);

/** What an encoder writes for an array field the input leaves out. */
export const EMPTY_ARRAY: readonly never[] = Object.freeze([]);

export function unsupportedDecodeVersion(message: string, version: number): ProtocolDecodeError {
  return new ProtocolDecodeError(`${message} has no version ${version}.`);
}

export function unsupportedEncodeVersion(message: string, version: number): ProtocolEncodeError {
  return new ProtocolEncodeError(`${message} has no version ${version}.`);
}

/** As Kafka's generated code: a non-default value in a field the version lacks would be lost, unless it is ignorable. */
export function nonIgnorableField(field: string, version: number): ProtocolEncodeError {
  return new ProtocolEncodeError(`Field ${field} has a non-default value, which version ${version} cannot carry.`);
}

export function taggedFieldsUnsupported(struct: string, version: number): ProtocolEncodeError {
  return new ProtocolEncodeError(`${struct} has unknown tagged fields, but version ${version} is not flexible.`);
}

export function nullField(field: string): ProtocolEncodeError {
  return new ProtocolEncodeError(`Non-nullable field ${field} cannot be written as null.`);
}

/** The tagged-field section of a struct with no known tagged fields in this version. */
export function writeUnknownTaggedFields(w: Writer, unknown: readonly RawTaggedField[] | undefined): void {
  if (unknown === undefined || unknown.length === 0) {
    w.unsignedVarint(0);
    return;
  }
  checkUnknownTags(unknown, [], "tagged fields");
  w.unsignedVarint(unknown.length);
  w.rawTaggedFields(unknown, 0, Infinity);
}

/** Unknown tagged fields must come in ascending tag order and not reuse a tag this version knows (as Kafka checks). */
export function checkUnknownTags(unknown: readonly RawTaggedField[], known: readonly number[], struct: string): void {
  let previous = -1;
  for (const field of unknown) {
    if (!Number.isInteger(field.tag) || field.tag <= previous) {
      throw new ProtocolEncodeError(`${struct}: unknown tagged fields must have distinct tags in ascending order (tag ${field.tag} after ${previous}).`);
    }
    if (known.includes(field.tag)) throw new ProtocolEncodeError(`${struct}: unknown tagged field ${field.tag} reuses a known tag.`);
    previous = field.tag;
  }
}
