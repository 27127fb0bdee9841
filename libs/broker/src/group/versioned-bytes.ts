import { ProtocolDecodeError, ProtocolEncodeError, Reader, Writer } from "@skein/protocol";
import { InvalidRequestError } from "../errors.js";

/**
 * The consumer protocol's subscriptions and assignments and the records of `__consumer_offsets` are Kafka messages
 * stored as bytes with their int16 schema version first. These two helpers put that version around the generated
 * codecs of @skein/protocol and turn their errors into the engine's InvalidRequestError, naming the schema.
 */
export function encodeVersioned(schema: string, version: number, encode: (w: Writer) => void): Buffer {
  const w = new Writer();
  try {
    w.int16(version);
    encode(w);
  } catch (error) {
    if (error instanceof ProtocolEncodeError) throw new InvalidRequestError(`Cannot write ${schema}: ${error.message}`);
    throw error;
  }
  return w.toBuffer();
}

/** Reads the int16 version, then lets `decode` read the rest; bytes that do not decode are an InvalidRequestError. */
export function decodeVersioned<T>(schema: string, buf: Buffer, decode: (r: Reader, version: number) => T): T {
  const r = new Reader(buf);
  try {
    return decode(r, r.int16());
  } catch (error) {
    if (error instanceof ProtocolDecodeError) throw new InvalidRequestError(`Malformed ${schema}: ${error.message}`);
    throw error;
  }
}
