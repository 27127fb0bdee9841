export type { ApiMessage, MessageCodec } from "./api-message.js";
export { ProtocolDecodeError, ProtocolEncodeError } from "./errors.js";
export * from "./generated/index.js";
export { isFlexibleVersion, peekRequestHeaderVersion, requestHeaderVersion, responseHeaderVersion } from "./header-versions.js";
export { Reader } from "./reader.js";
export type { RawTaggedField } from "./tagged-fields.js";
export { Writer, type EncodedChunks } from "./writer.js";
