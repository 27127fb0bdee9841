/**
 * Bytes that are not a valid encoding of the message being decoded: truncated, a length or count beyond the bytes
 * that remain, null where the schema does not allow it, an unsupported version. The only error a decoder throws for
 * bad input, so a listener can close the one connection that sent it.
 */
export class ProtocolDecodeError extends Error {
  override readonly name = "ProtocolDecodeError";
}

/**
 * A value that cannot be written in the requested version: null in a non-nullable field, a non-default value in a
 * field the version lacks (and that is not ignorable), a number out of its type's range. Always a caller's bug.
 */
export class ProtocolEncodeError extends Error {
  override readonly name = "ProtocolEncodeError";
}
