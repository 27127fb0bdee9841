import { describe, expect, it } from "vitest";
import { messageCodecs } from "./generated/api-messages.js";
import { Reader } from "./reader.js";
import { Rng, sampleMessage, schemaOf } from "./testing/index.js";
import { Writer } from "./writer.js";

const SAMPLES_PER_VERSION = 6;

function encode(write: (w: Writer) => void): Buffer {
  const w = new Writer();
  write(w);
  return w.toBuffer();
}

describe("every message round-trips at every version", () => {
  for (const codec of messageCodecs.values()) {
    it(`${codec.name} v${codec.minVersion}-${codec.maxVersion}`, () => {
      const schema = schemaOf(codec.name);
      const rng = new Rng(codec.name.length * 7919 + codec.minVersion);
      for (let version = codec.minVersion; version <= codec.maxVersion; version++) {
        for (let i = 0; i < SAMPLES_PER_VERSION; i++) {
          const sample = sampleMessage(schema, version, rng);
          const bytes = encode((w) => codec.encode(w, sample, version));
          const reader = new Reader(bytes);
          const decoded = codec.decode(reader, version);
          expect(reader.remaining(), `${codec.name} v${version}: bytes left over`).toBe(0);
          expect(decoded, `${codec.name} v${version}`).toStrictEqual(sample);
          // Decoded values re-encode to the same bytes.
          expect(encode((w) => codec.encode(w, decoded as object, version)).equals(bytes)).toBe(true);
        }
      }
    });
  }
});
