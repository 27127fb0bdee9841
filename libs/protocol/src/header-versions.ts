import { ProtocolDecodeError } from "./errors.js";
import { API_FLEXIBLE_FROM, ApiKey } from "./generated/api-keys.js";
import type { Reader } from "./reader.js";

/** Whether `apiVersion` of `apiKey` is a flexible version (false for an unknown API key). */
export function isFlexibleVersion(apiKey: number, apiVersion: number): boolean {
  const from = API_FLEXIBLE_FROM.get(apiKey);
  return from !== undefined && from !== null && apiVersion >= from;
}

/**
 * The request header version for an API version: 2 when the version is flexible, else 1; 0 only for
 * ControlledShutdown v0. An unknown API key gets 1, so that its client id can still be read (and the connection
 * closed with a reason). A version above the highest known is flexible when the API has flexible versions at all,
 * as in Kafka, so an ApiVersions request from a newer client still parses.
 */
export function requestHeaderVersion(apiKey: number, apiVersion: number): number {
  if (apiKey === ApiKey.ControlledShutdown && apiVersion === 0) return 0;
  return isFlexibleVersion(apiKey, apiVersion) ? 2 : 1;
}

/**
 * The response header version for an API version: 1 when flexible, else 0, except ApiVersions, which always answers
 * with header v0 (a client that does not yet know the broker's versions must be able to read it).
 */
export function responseHeaderVersion(apiKey: number, apiVersion: number): number {
  if (apiKey === ApiKey.ApiVersions) return 0;
  return isFlexibleVersion(apiKey, apiVersion) ? 1 : 0;
}

/** The header version of the request at the reader's position, from its API key and version (nothing is consumed). */
export function peekRequestHeaderVersion(r: Reader): number {
  if (r.remaining() < 4) throw new ProtocolDecodeError(`A request header needs at least 4 bytes, but only ${r.remaining()} remain.`);
  const at = r.pos;
  return requestHeaderVersion(r.buf.readInt16BE(at), r.buf.readInt16BE(at + 2));
}
