import { constants } from "node:buffer";
import { gunzipSync, gzipSync } from "node:zlib";
import { KafkaError } from "../../errors.js";
import { corruptCompressedData, decompressedTooLarge, type CompressionCodec } from "./codec.js";

/** gzip (RFC 1952) at Kafka's default level 6, as Java's `GZIPOutputStream` writes it; concatenated members are read too. */
export const gzipCodec: CompressionCodec = {
  type: "gzip",
  compress(data) {
    return gzipSync(data, { level: 6 });
  },
  decompress(data, maxBytes) {
    try {
      return gunzipSync(data, { maxOutputLength: Math.max(1, Math.min(maxBytes, constants.MAX_LENGTH)) });
    } catch (err) {
      if (err instanceof KafkaError) throw err;
      const e = err as NodeJS.ErrnoException;
      if (e.code === "ERR_BUFFER_TOO_LARGE" || e instanceof RangeError) throw decompressedTooLarge("gzip", `more than ${maxBytes}`, maxBytes);
      throw corruptCompressedData("gzip", e.message);
    }
  },
};
